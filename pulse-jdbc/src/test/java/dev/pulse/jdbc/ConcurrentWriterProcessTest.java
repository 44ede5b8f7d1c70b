package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.Watermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several writer processes ({@link WriterChild}) on one PostgreSQL upsert overlapping batches, each
 * with its watermark advance, all at once: the table ends with exactly one row per key, each the
 * newest version any writer wrote, and the watermark is the highest position advanced to (its item
 * count depends on the interleaving: an advance to a lower position adds nothing). No writer
 * deadlocks or fails. Runs only with {@code -Pcrash} (see .ci/run).
 */
@Tag("crash")
final class ConcurrentWriterProcessTest {
  private static final int WRITERS = 4;
  private static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void postgres_writerProcessesUpsertOverlappingBatches_oneNewestRowPerKey() throws Exception {
    JdbcDatabase database = TestDatabases.freshPostgres();
    String schema = String.valueOf(database.names().schema());
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int w = 0; w < WRITERS; w++) {
        children.add(
            ChildJvm.start(
                WriterChild.class,
                List.of(
                    "postgres",
                    TestDatabases.postgresUrl(),
                    schema,
                    Integer.toString(w),
                    Integer.toString(WRITERS))));
      }
      for (ChildJvm child : children) {
        assertEquals("ready", child.next(WAIT));
      }
      children.forEach(child -> child.send("go"));
      for (ChildJvm child : children) {
        assertEquals("done", child.next(WAIT), "writer's log " + child.log());
        assertEquals(0, child.exitValue(WAIT));
      }
    } finally {
      for (ChildJvm child : children) {
        child.close();
      }
    }

    Map<String, Long> newest = new HashMap<>();
    Instant last = WriterChild.T0;
    int lastWriter = 0;
    for (int w = 0; w < WRITERS; w++) {
      for (int r = 0; r < WriterChild.ROUNDS; r++) {
        Instant at = WriterChild.updatedAt(WRITERS, w, r);
        for (int n : WriterChild.keys(w, r)) {
          newest.merge("0-" + n, Rows.micros(at), Math::max);
        }
        if (at.isAfter(last)) {
          last = at;
          lastWriter = w;
        }
      }
    }
    Map<String, Long> stored = new HashMap<>();
    String sql = "SELECT build_id, updated_us FROM " + database.names().table("deployments");
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        Long previous = stored.put(rows.getString(1), rows.getLong(2));
        assertTrue(previous == null, "two rows for " + rows.getString(1));
      }
    }
    assertEquals(newest, stored, "one row per key, each the newest version written");
    Watermark watermark =
        new JdbcWatermarkStore(database)
            .get(ScopeId.of(CrashSource.TENANT, EntityType.DEPLOYMENTS, CrashSource.scope(0)));
    assertEquals(Position.at(last, lastWriter), watermark.position());
  }
}
