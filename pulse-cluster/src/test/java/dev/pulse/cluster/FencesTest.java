package dev.pulse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SinkException;
import dev.pulse.StoreException;
import dev.pulse.Watermark;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.model.Deployment;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fence on its own: claims, and the writes of a superseded generation, on PostgreSQL. */
final class FencesTest {
  private static final PulseClock CLOCK = PulseClock.system();
  private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
  private static HikariDataSource pool;

  @BeforeAll
  static void migrate() {
    pool = TestDatabases.pool(TestDatabases.freshDatabase(), "fences", 4);
    try (PulseCluster cluster =
        PulseCluster.builder(pool)
            .source(
                ClusterSource.of(SyntheticDeployments.connector(1, 1), JdbcSink::deployments)
                    .build())
            .build()) {
      assertTrue(cluster.migrate() > 0);
      assertEquals(0, cluster.migrate(), "migrate() is idempotent");
    }
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  private static ScopeId scope(String value) {
    return ScopeId.of("acme", EntityType.DEPLOYMENTS, ScopeKey.of("ci", "repo", value));
  }

  private static JdbcSink<Deployment> sink(FencedDataSource fenced) {
    return JdbcSink.deployments(new JdbcWatermarkStore(JdbcDatabase.builder(fenced).build()));
  }

  private static Batch<Deployment> batch(ScopeId scope, int from, int to) {
    List<Deployment> items = SyntheticDeployments.deployments(scope.scope(), from, to);
    return new Batch<>(
        scope.scope(), items, SyntheticDeployments.position(items.get(items.size() - 1)), 0);
  }

  @Test
  void claim_countsExecutionsPerScope() {
    ScopeId scope = scope("claims");
    assertEquals(0, Fences.current(pool, scope));
    assertEquals(1, Fences.claim(pool, scope, "a", NOW));
    assertEquals(2, Fences.claim(pool, scope, "b", NOW));
    assertEquals(2, Fences.current(pool, scope));
    assertEquals(0, Fences.current(pool, scope("other")), "generations are per scope");
  }

  @Test
  void writeAndAdvance_ofSupersededGeneration_storesNothingAndKeepsTheWatermark() throws Exception {
    ScopeId scope = scope("zombie");
    long old = Fences.claim(pool, scope, "a", NOW);
    long current = Fences.claim(pool, scope, "b", NOW);
    FencedDataSource zombie = new FencedDataSource(pool, scope, old, CLOCK);
    Batch<Deployment> batch = batch(scope, 0, 3);

    SinkException refused =
        assertThrows(
            SinkException.class,
            () -> sink(zombie).writeAndAdvance(scope, batch, batch.position(), 3, NOW));
    assertTrue(refused.getMessage().contains(Fences.SUPERSEDED_STATE), refused.getMessage());
    assertTrue(zombie.rejected());
    assertEquals(0, rows(scope));
    assertNull(watermark(scope).position());

    FencedDataSource owner = new FencedDataSource(pool, scope, current, CLOCK);
    Watermark advanced = sink(owner).writeAndAdvance(scope, batch, batch.position(), 3, NOW);
    assertEquals(batch.position(), advanced.position());
    assertFalse(owner.rejected());
    assertEquals(3, rows(scope));
    assertEquals(current, writtenGeneration(scope), "the generation is written with the batch");
  }

  @Test
  void writeAndAdvance_ofOlderClaimAfterNewerWrote_isRefused() throws Exception {
    ScopeId scope = scope("late");
    long old = Fences.claim(pool, scope, "a", NOW);
    Batch<Deployment> first = batch(scope, 0, 2);
    sink(new FencedDataSource(pool, scope, old, CLOCK))
        .writeAndAdvance(scope, first, first.position(), 2, NOW);
    long current = Fences.claim(pool, scope, "b", NOW);
    Batch<Deployment> second = batch(scope, 2, 4);

    assertThrows(
        SinkException.class,
        () ->
            sink(new FencedDataSource(pool, scope, old, CLOCK))
                .writeAndAdvance(scope, second, second.position(), 2, NOW));
    assertEquals(2, rows(scope));
    assertEquals(first.position(), watermark(scope).position());
    assertEquals(old, writtenGeneration(scope));
    assertEquals(2, current);
  }

  @Test
  void advance_ofSupersededGeneration_isRefused() {
    ScopeId scope = scope("advance");
    long old = Fences.claim(pool, scope, "a", NOW);
    Fences.claim(pool, scope, "b", NOW);
    JdbcWatermarkStore store =
        new JdbcWatermarkStore(
            JdbcDatabase.builder(new FencedDataSource(pool, scope, old, CLOCK)).build());
    Batch<Deployment> batch = batch(scope, 0, 1);

    assertThrows(StoreException.class, () -> store.advance(scope, batch.position(), 1, NOW));
    assertNull(watermark(scope).position());
  }

  @Test
  void leavingATransaction_commitsOnlyWhenCurrent() throws SQLException {
    ScopeId scope = scope("implied");
    long old = Fences.claim(pool, scope, "a", NOW);
    Fences.claim(pool, scope, "b", NOW);
    try (Connection connection = new FencedDataSource(pool, scope, old, CLOCK).getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE implied_commit (id INT)");
      }
      // JDBC commits when auto-commit is switched back on: that commit is fenced as well.
      SQLException refused = assertThrows(SQLException.class, () -> connection.setAutoCommit(true));
      assertEquals(Fences.SUPERSEDED_STATE, refused.getSQLState());
      connection.rollback();
    }
    try (Connection connection = pool.getConnection();
        ResultSet tables = connection.getMetaData().getTables(null, null, "implied_commit", null)) {
      assertFalse(tables.next(), "the refused transaction was committed");
    }
  }

  private static int rows(ScopeId scope) throws SQLException {
    return queryLong(
            "SELECT count(*) FROM pulse_deployments WHERE scope_key = '" + scope.scope() + "'")
        .intValue();
  }

  private static Long writtenGeneration(ScopeId scope) throws SQLException {
    return queryLong(
        "SELECT written_generation FROM pulse_cluster_fences WHERE scope_key = '"
            + scope.scope()
            + "'");
  }

  private static Long queryLong(String sql) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  private static Watermark watermark(ScopeId scope) {
    return new JdbcWatermarkStore(JdbcDatabase.builder(pool).build()).get(scope);
  }
}
