package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.model.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once promise of docs/guarantees.md under SIGKILL: a child JVM ({@link CrashChild})
 * ingests a deterministic source through the engine into a {@link JdbcSink} and is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) at a random point, {@value #KILLS} times, then runs
 * to the end. After every kill no watermark has moved backwards, and each scope holds exactly the
 * source's items up to its watermark, as many as the watermark counted; after the final run the
 * stored ids are exactly the source's ids.
 *
 * <p>The kill point comes from a seeded random: the parent waits (bounded) for a random number of
 * committed batches on the child's output, then for a random time of up to 10 ms on the child
 * process, kills it, and checks in the database that it progressed. Runs only with {@code -Pcrash}
 * (see .ci/run).
 */
@Tag("crash")
final class SigkillCrashTest {
  private static final int KILLS = 20;
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final int MAX_DELAY_NANOS = 10_000_000;

  @Test
  void postgres_killedAtRandomPoints_storesEverySourceIdExactlyOnce() throws Exception {
    JdbcDatabase database = TestDatabases.freshPostgres();
    String schema = database.names().schema();
    assertTrue(schema != null);
    crashAndRecover(
        database, List.of("postgres", TestDatabases.postgresUrl(), schema), 0x5EED_0001L);
  }

  @Test
  void sqlite_killedAtRandomPoints_storesEverySourceIdExactlyOnce() throws Exception {
    Path file = Files.createTempDirectory("pulse-crash").resolve("pulse.db");
    JdbcDatabase database = JdbcDatabase.builder(SqliteDataSources.file(file)).build();
    database.migrate();
    crashAndRecover(database, List.of("sqlite", file.toString()), 0x5EED_0002L);
  }

  private static void crashAndRecover(JdbcDatabase database, List<String> args, long seed)
      throws Exception {
    Random random = new Random(seed);
    JdbcWatermarkStore watermarks = new JdbcWatermarkStore(database);
    Map<ScopeKey, Watermark> before = Map.of();
    long storedBefore = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      int batches = 1 + random.nextInt(6);
      try (ChildJvm child = ChildJvm.start(CrashChild.class, args)) {
        expect(child, "started");
        for (int b = 0; b < batches; b++) {
          expect(child, "stored ");
        }
        // A random part of the next few batches, so the kill lands anywhere in a batch: before
        // its upserts, between them and the watermark advance, during or after the commit.
        Duration delay = Duration.ofNanos(random.nextInt(MAX_DELAY_NANOS));
        assertTrue(child.aliveAfter(delay), "the child exited before kill " + kill);
        child.kill();
      }
      Map<ScopeKey, Watermark> after = read(watermarks);
      assertNeverBackwards(before, after, "kill " + kill);
      long stored = assertRowsMatchWatermarks(database, after, "kill " + kill);
      assertTrue(
          stored > storedBefore,
          "kill " + kill + ": no progress in the database (" + stored + " rows)");
      before = after;
      storedBefore = stored;
    }
    try (ChildJvm child = ChildJvm.start(CrashChild.class, args)) {
      String line = child.next(WAIT);
      while (line.equals("started") || line.startsWith("stored ")) {
        line = child.next(WAIT);
      }
      assertEquals("done", line, "final run; child log " + child.log());
      assertEquals(0, child.exitValue(WAIT), "final run's exit value");
    }
    Map<ScopeKey, Watermark> last = read(watermarks);
    assertNeverBackwards(before, last, "final run");
    assertRowsMatchWatermarks(database, last, "final run");
    List<String> ids = storedIds(database);
    Set<String> expected = new TreeSet<>();
    for (int s = 0; s < CrashSource.SCOPES; s++) {
      CrashSource.items(s).forEach(d -> expected.add(d.buildId()));
    }
    assertEquals(expected.size(), ids.size(), "stored rows (a duplicate or a gap)");
    assertEquals(expected, new TreeSet<>(ids), "stored ids");
  }

  private static void expect(ChildJvm child, String prefix) throws InterruptedException {
    String line = child.next(WAIT);
    if (!line.startsWith(prefix)) {
      fail("expected \"" + prefix + "\" from the child but it printed \"" + line + "\"");
    }
  }

  private static Map<ScopeKey, Watermark> read(JdbcWatermarkStore watermarks) {
    Map<ScopeKey, Watermark> result = new HashMap<>();
    for (Watermark w : watermarks.list(CrashSource.TENANT, EntityType.DEPLOYMENTS, "")) {
      result.put(w.key().scope(), w);
    }
    return result;
  }

  private static void assertNeverBackwards(
      Map<ScopeKey, Watermark> before, Map<ScopeKey, Watermark> after, String when) {
    for (Map.Entry<ScopeKey, Watermark> entry : before.entrySet()) {
      Watermark was = entry.getValue();
      Watermark now = after.get(entry.getKey());
      if (now == null) {
        fail(when + ": the watermark of " + entry.getKey() + " vanished");
      }
      assertTrue(
          now.position().compareTo(was.position()) >= 0,
          when + ": the watermark of " + entry.getKey() + " moved backwards");
      assertTrue(
          now.itemsStored() >= was.itemsStored(),
          when + ": the item count of " + entry.getKey() + " went down");
    }
  }

  /**
   * Each scope holds exactly the source's items at or before its watermark, and the watermark
   * counted each stored item once; returns the number of rows.
   */
  private static long assertRowsMatchWatermarks(
      JdbcDatabase database, Map<ScopeKey, Watermark> watermarks, String when) throws SQLException {
    Map<String, Set<String>> byScope = new HashMap<>();
    long rows = 0;
    for (String row : storedRows(database)) {
      int tab = row.indexOf('\t');
      byScope
          .computeIfAbsent(row.substring(0, tab), k -> new HashSet<>())
          .add(row.substring(tab + 1));
      rows++;
    }
    for (int s = 0; s < CrashSource.SCOPES; s++) {
      ScopeKey scope = CrashSource.scope(s);
      Watermark watermark = watermarks.get(scope);
      Set<String> expected = new HashSet<>();
      if (watermark != null) {
        for (Deployment d : CrashSource.items(s)) {
          if (CrashSource.position(d).compareTo(watermark.position()) <= 0) {
            expected.add(d.buildId());
          }
        }
        assertEquals(
            watermark.itemsStored(), expected.size(), when + ": items counted in " + scope);
      }
      assertEquals(
          expected, byScope.getOrDefault(scope.toString(), Set.of()), when + ": rows of " + scope);
    }
    return rows;
  }

  private static List<String> storedIds(JdbcDatabase database) throws SQLException {
    List<String> ids = new ArrayList<>();
    for (String row : storedRows(database)) {
      ids.add(row.substring(row.indexOf('\t') + 1));
    }
    return ids;
  }

  /** Every stored deployment as {@code scope key TAB build id}. */
  private static List<String> storedRows(JdbcDatabase database) throws SQLException {
    String sql = "SELECT scope_key, build_id FROM " + database.names().table("deployments");
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(result.getString(1) + "\t" + result.getString(2));
      }
    }
    return rows;
  }
}
