package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

final class MigrationTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

  /** Every shipped migration in version order; the plain DDL is their concatenation. */
  private static final List<String> MIGRATIONS =
      List.of("V1__pulse_schema.sql", "V2__dead_letters.sql", "V4__pull_request_components.sql");

  @Test
  void migrate_twice_secondAppliesNothing_postgres() {
    JdbcDatabase database =
        JdbcDatabase.builder(TestDatabases.postgres()).schema("mig_twice").build();
    assertEquals(MIGRATIONS.size(), database.migrate());
    assertEquals(0, database.migrate());
  }

  @Test
  void migrate_twice_secondAppliesNothing_sqlite() {
    JdbcDatabase database = JdbcDatabase.builder(TestDatabases.sqliteFile()).build();
    assertEquals(MIGRATIONS.size(), database.migrate());
    assertEquals(0, database.migrate());
  }

  @Test
  void migrate_fourProcessesAtOnce_appliedExactlyOnce_postgres() throws Exception {
    List<Integer> applied =
        migrateConcurrently(
            () -> JdbcDatabase.builder(TestDatabases.postgres()).schema("mig_race").build());
    assertEquals(
        MIGRATIONS.size(),
        applied.stream().mapToInt(Integer::intValue).sum(),
        "applied " + applied);
  }

  @Test
  void migrate_fourProcessesAtOnce_appliedExactlyOnce_sqlite() throws Exception {
    DataSource file = TestDatabases.sqliteFile();
    List<Integer> applied = migrateConcurrently(() -> JdbcDatabase.builder(file).build());
    assertEquals(
        MIGRATIONS.size(),
        applied.stream().mapToInt(Integer::intValue).sum(),
        "applied " + applied);
  }

  private static List<Integer> migrateConcurrently(Supplier<JdbcDatabase> databases)
      throws Exception {
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        JdbcDatabase database = databases.get();
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return database.migrate();
                }));
      }
      start.countDown();
      List<Integer> applied = new ArrayList<>();
      for (Future<Integer> result : results) {
        applied.add(result.get(2, TimeUnit.MINUTES));
      }
      return applied;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tablePrefix_keepsTwoSchemasApartInOneSqliteFile() throws SQLException {
    DataSource file = TestDatabases.sqliteFile();
    JdbcDatabase a = JdbcDatabase.builder(file).tablePrefix("a_").build();
    JdbcDatabase b = JdbcDatabase.builder(file).tablePrefix("b_").build();
    a.migrate();
    b.migrate();
    ScopeId key = ScopeId.of("acme", EntityType.ISSUES, ScopeKey.GLOBAL);
    new JdbcWatermarkStore(a).advance(key, Position.at(AT), 1, AT);

    assertFalse(new JdbcWatermarkStore(a).get(key).isNone());
    assertTrue(new JdbcWatermarkStore(b).get(key).isNone());
    assertEquals(1, count(file, "a_watermarks"));
    assertEquals(0, count(file, "b_watermarks"));
  }

  @Test
  void watermarks_globalRowBesidePerScopeRows_postgres() throws SQLException {
    JdbcDatabase database = TestDatabases.freshPostgres();
    assertGlobalBesideScopes(database, database.names().table("watermarks"));
  }

  @Test
  void watermarks_globalRowBesidePerScopeRows_sqlite() throws SQLException {
    JdbcDatabase database = TestDatabases.freshSqlite();
    assertGlobalBesideScopes(database, database.names().table("watermarks"));
  }

  /**
   * A legacy unique constraint on (tenant, entity_type) alone would make the second row fail or
   * overwrite the first; the primary key must be exactly the upsert key.
   */
  private static void assertGlobalBesideScopes(JdbcDatabase database, String table)
      throws SQLException {
    JdbcWatermarkStore store = new JdbcWatermarkStore(database);
    List<ScopeKey> scopes =
        List.of(
            ScopeKey.GLOBAL,
            ScopeKey.parse("jira:project:BG"),
            ScopeKey.parse("jira:project:OPS"),
            ScopeKey.parse("github:repo:acme/api"));
    for (int i = 0; i < scopes.size(); i++) {
      store.advance(
          ScopeId.of("acme", EntityType.ISSUES, scopes.get(i)), Position.at(AT, i), i + 1, AT);
    }
    store.advance(
        ScopeId.of("acme", EntityType.PULL_REQUESTS, ScopeKey.GLOBAL), Position.at(AT), 9, AT);

    assertEquals(5, count(database.dataSource(), table));
    for (int i = 0; i < scopes.size(); i++) {
      assertEquals(
          i + 1L,
          store.get(ScopeId.of("acme", EntityType.ISSUES, scopes.get(i))).itemsStored(),
          "row of " + scopes.get(i));
    }
  }

  @Test
  void schema_onSqlite_rejected() {
    JdbcDatabase.Builder builder = JdbcDatabase.builder(TestDatabases.sqliteFile()).schema("x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().contains("schema"), e.getMessage());
  }

  @Test
  void builder_badNames_rejectedNamingTheParameter() {
    JdbcDatabase.Builder builder = JdbcDatabase.builder(TestDatabases.sqliteFile());
    IllegalArgumentException prefix =
        assertThrows(IllegalArgumentException.class, () -> builder.tablePrefix("p; DROP"));
    IllegalArgumentException schema =
        assertThrows(IllegalArgumentException.class, () -> builder.schema("Bad-Name"));
    assertTrue(prefix.getMessage().startsWith("tablePrefix"), prefix.getMessage());
    assertTrue(schema.getMessage().startsWith("schema"), schema.getMessage());
  }

  @Test
  void storeWithoutMigration_failsNamingTableAndOperation() {
    JdbcDatabase database = JdbcDatabase.builder(TestDatabases.sqliteFile()).build();
    JdbcWatermarkStore store = new JdbcWatermarkStore(database);
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                store.advance(
                    ScopeId.of("secret-tenant", EntityType.ISSUES, ScopeKey.GLOBAL),
                    Position.at(AT),
                    1,
                    AT));
    assertTrue(e.getMessage().startsWith("advance on pulse_watermarks failed"), e.getMessage());
    assertFalse(e.getMessage().contains("secret-tenant"), e.getMessage());
  }

  @Test
  void deadLetterStoreWithoutMigration_failsNamingTableAndOperationOnly() {
    JdbcDatabase database = JdbcDatabase.builder(TestDatabases.sqliteFile()).build();
    JdbcDeadLetterStore store = new JdbcDeadLetterStore(database);
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                store.record(
                    ScopeId.of("secret-tenant", EntityType.ISSUES, ScopeKey.GLOBAL),
                    "secret-key",
                    ErrorCode.INVALID_DATA,
                    "m",
                    "secret-payload",
                    AT));
    assertTrue(e.getMessage().startsWith("record on pulse_dead_letters failed"), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void plainDdl_isTheMigrationWithTheDefaultPrefix() throws IOException {
    for (String dialect : List.of("postgresql", "sqlite")) {
      StringBuilder migration = new StringBuilder();
      for (String file : MIGRATIONS) {
        migration.append(resource("migration/" + dialect + "/" + file));
      }
      String ddl = resource("ddl/" + dialect + ".sql");
      String body = ddl.substring(ddl.indexOf('\n', ddl.indexOf('\n') + 1) + 1);
      assertEquals(migration.toString().replace("${prefix}", "pulse_"), body, dialect);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = JdbcDatabase.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static long count(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
