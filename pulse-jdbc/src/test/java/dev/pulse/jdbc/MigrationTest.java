package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class MigrationTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

  /** Every shipped migration in version order; the plain DDL is their concatenation. */
  private static final List<String> POSTGRESQL = Migrations.files(Dialect.POSTGRESQL);

  private static final List<String> SQLITE = Migrations.files(Dialect.SQLITE);

  @Test
  void migrate_twice_secondAppliesNothing_postgres() {
    JdbcDatabase database =
        JdbcDatabase.builder(TestDatabases.postgres()).schema("mig_twice").build();
    assertEquals(POSTGRESQL.size(), database.migrate());
    assertEquals(0, database.migrate());
  }

  @Test
  void migrate_twice_secondAppliesNothing_sqlite() {
    JdbcDatabase database = JdbcDatabase.builder(TestDatabases.sqliteFile()).build();
    assertEquals(SQLITE.size(), database.migrate());
    assertEquals(0, database.migrate());
  }

  @Test
  void migrate_fourProcessesAtOnce_appliedExactlyOnce_postgres() throws Exception {
    List<Integer> applied =
        migrateConcurrently(
            () -> JdbcDatabase.builder(TestDatabases.postgres()).schema("mig_race").build());
    assertEquals(
        POSTGRESQL.size(),
        applied.stream().mapToInt(Integer::intValue).sum(),
        "applied " + applied);
  }

  @Test
  void migrate_fourProcessesAtOnce_appliedExactlyOnce_sqlite() throws Exception {
    DataSource file = TestDatabases.sqliteFile();
    List<Integer> applied = migrateConcurrently(() -> JdbcDatabase.builder(file).build());
    assertEquals(
        SQLITE.size(), applied.stream().mapToInt(Integer::intValue).sum(), "applied " + applied);
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
    for (Dialect dialect : Dialect.values()) {
      StringBuilder migration = new StringBuilder();
      for (String file : Migrations.files(dialect)) {
        migration.append(resource("migration/" + dialect.folder() + "/" + file));
      }
      String ddl = resource("ddl/" + dialect.folder() + ".sql");
      String body = ddl.substring(ddl.indexOf('\n', ddl.indexOf('\n') + 1) + 1);
      assertEquals(migration.toString().replace("${prefix}", "pulse_"), body, dialect.folder());
    }
  }

  @Test
  void migrationsListedByName_areExactlyTheShippedFiles() throws IOException, URISyntaxException {
    for (Dialect dialect : Dialect.values()) {
      URL folder = JdbcDatabase.class.getResource("migration/" + dialect.folder());
      assertNotNull(folder, dialect.folder());
      List<String> shipped;
      try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
        shipped = files.map(file -> file.getFileName().toString()).sorted().toList();
      }
      // Version order is file-name order while versions stay single-digit; past V9 compare by
      // number.
      assertEquals(shipped, Migrations.files(dialect), dialect.folder());
    }
  }

  /**
   * Migrates a database the way releases up to {@code version} did before migrations were listed by
   * name: Flyway scanning the class path, default prefix, in {@code schema} when given.
   */
  private static void releasedUpTo(
      DataSource dataSource, Dialect dialect, @Nullable String schema, String version) {
    FluentConfiguration flyway =
        Flyway.configure(JdbcDatabase.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:dev/pulse/jdbc/migration/" + dialect.folder())
            .table("pulse_schema_history")
            .placeholders(Map.of("prefix", "pulse_"))
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .target(version);
    if (schema != null) {
      flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    flyway.load().migrate();
  }

  @Test
  void migrate_overHistoryWrittenByAClassPathScan_appliesOnlyTheNewVersions() {
    // Databases migrated before the migrations were listed by name: Flyway found them by scanning
    // the class path. Their history (checksums, descriptions, script names) must still validate.
    String schema = "mig_scanned";
    releasedUpTo(TestDatabases.postgres(), Dialect.POSTGRESQL, schema, "2");
    JdbcDatabase database = JdbcDatabase.builder(TestDatabases.postgres()).schema(schema).build();

    assertEquals(POSTGRESQL.size() - 2, database.migrate());
    assertEquals(0, database.migrate());
  }

  @Test
  void deploymentRowWrittenBeforeV6_readsAsNoComponents_postgres() throws SQLException {
    String schema = "mig_v6";
    releasedUpTo(TestDatabases.postgres(), Dialect.POSTGRESQL, schema, "5");
    assertPreV6DeploymentReadsAsNoComponents(
        JdbcDatabase.builder(TestDatabases.postgres()).schema(schema).build(), schema + ".");
  }

  @Test
  void deploymentRowWrittenBeforeV6_readsAsNoComponents_sqlite() throws SQLException {
    DataSource file = TestDatabases.sqliteFile();
    releasedUpTo(file, Dialect.SQLITE, null, "5");
    assertPreV6DeploymentReadsAsNoComponents(JdbcDatabase.builder(file).build(), "");
  }

  private static void assertPreV6DeploymentReadsAsNoComponents(
      JdbcDatabase database, String qualifier) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + qualifier
                    + "pulse_deployments (tenant, source, repository, environment, build_id,"
                    + " scope_key, started_us, finished_us, result, commit_sha, ref, system,"
                    + " updated_us) VALUES ('acme', 'github', 'acme/mono', 'production', 'b1',"
                    + " 'github:repo:acme/mono', ?, ?, 'SUCCESS', 'abcdef0', 'main',"
                    + " 'github-deployments', ?)")) {
      long us = AT.getEpochSecond() * 1_000_000L;
      insert.setLong(1, us);
      insert.setLong(2, us + 1_000_000L);
      insert.setLong(3, us + 1_000_000L);
      insert.executeUpdate();
    }

    assertEquals(newerThan(database, 5), database.migrate(), "V6 and later");

    JdbcRecordReader reader = new JdbcRecordReader(database, 7);
    List<dev.pulse.model.Deployment> read;
    try (Stream<dev.pulse.model.Deployment> rows =
        reader.deployments(RecordQuery.of("acme", AT, AT.plusSeconds(60)))) {
      read = rows.toList();
    }
    assertEquals(1, read.size());
    assertEquals("b1", read.get(0).buildId());
    assertNull(read.get(0).components(), "not known: the whole repository");
  }

  /** How many of the database's dialect's migrations have a version above {@code version}. */
  private static int newerThan(JdbcDatabase database, int version) {
    return (int)
        Migrations.files(database.dialect()).stream()
            .filter(file -> Integer.parseInt(file.substring(1, file.indexOf("__"))) > version)
            .count();
  }

  @Test
  void deploymentRowsWrittenBeforeV8_areKnownOnlyWhenTheyNameAComponent_postgres()
      throws SQLException {
    String schema = "mig_v8";
    releasedUpTo(TestDatabases.postgres(), Dialect.POSTGRESQL, schema, "6");
    assertPreV8DeploymentsKnownOnlyWithNames(
        JdbcDatabase.builder(TestDatabases.postgres()).schema(schema).build(), schema + ".");
  }

  @Test
  void deploymentRowsWrittenBeforeV8_areKnownOnlyWhenTheyNameAComponent_sqlite()
      throws SQLException {
    DataSource file = TestDatabases.sqliteFile();
    releasedUpTo(file, Dialect.SQLITE, null, "6");
    assertPreV8DeploymentsKnownOnlyWithNames(JdbcDatabase.builder(file).build(), "");
  }

  private static void assertPreV8DeploymentsKnownOnlyWithNames(
      JdbcDatabase database, String qualifier) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + qualifier
                    + "pulse_deployments (tenant, source, repository, environment, build_id,"
                    + " scope_key, started_us, finished_us, result, commit_sha, ref, system,"
                    + " updated_us, components) VALUES ('acme', 'github', 'acme/mono',"
                    + " 'production', ?, 'github:repo:acme/mono', ?, ?, 'SUCCESS', 'abcdef0',"
                    + " 'main', 'github-deployments', ?, ?)")) {
      long us = AT.getEpochSecond() * 1_000_000L;
      for (String[] row : new String[][] {{"b1", "[]"}, {"b2", "[\"api\",\"web\"]"}}) {
        insert.setString(1, row[0]);
        insert.setLong(2, us);
        insert.setLong(3, us + 1_000_000L);
        insert.setLong(4, us + 1_000_000L);
        insert.setString(5, row[1]);
        insert.executeUpdate();
      }
    }

    assertEquals(newerThan(database, 6), database.migrate(), "V7 and later");

    JdbcRecordReader reader = new JdbcRecordReader(database, 7);
    Map<String, dev.pulse.model.Deployment> read;
    try (Stream<dev.pulse.model.Deployment> rows =
        reader.deployments(RecordQuery.of("acme", AT, AT.plusSeconds(60)))) {
      read = rows.collect(Collectors.toMap(dev.pulse.model.Deployment::buildId, d -> d));
    }
    assertEquals(2, read.size());
    assertNull(read.get("b1").components(), "an empty list before V8: not known");
    assertEquals(Set.of("api", "web"), read.get("b2").components(), "named: known");
  }

  @Test
  void issueRowWrittenBeforeV7_transitionsComparedExactly_postgres() throws SQLException {
    String schema = "mig_v7";
    releasedUpTo(TestDatabases.postgres(), Dialect.POSTGRESQL, schema, "6");
    assertPreV7IssueComparedExactly(
        JdbcDatabase.builder(TestDatabases.postgres()).schema(schema).build(), schema + ".");
  }

  @Test
  void issueRowWrittenBeforeV7_transitionsComparedExactly_sqlite() throws SQLException {
    DataSource file = TestDatabases.sqliteFile();
    releasedUpTo(file, Dialect.SQLITE, null, "6");
    assertPreV7IssueComparedExactly(JdbcDatabase.builder(file).build(), "");
  }

  /**
   * An issue stored before V7 has no transitions digest; its next version must not be taken as
   * unchanged. The stored transitions here differ from the issue's in one raw status only (as a
   * hand edit would), and the next version, with the same transitions as before, puts them right.
   */
  private static void assertPreV7IssueComparedExactly(JdbcDatabase database, String qualifier)
      throws SQLException {
    long us = AT.getEpochSecond() * 1_000_000L;
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement issue =
            connection.prepareStatement(
                "INSERT INTO "
                    + qualifier
                    + "pulse_issues (tenant, source, issue_key, scope_key, project_key, issue_type,"
                    + " raw_status, status, effort_source, sprint_ids, created_us, updated_us,"
                    + " labels) VALUES ('acme', 'jira', 'BG-1', 'jira:project:BG', 'BG', 'STORY',"
                    + " 'Doing', 'IN_PROGRESS', 'UNESTIMATED', '[]', ?, ?, '[]')");
        PreparedStatement transition =
            connection.prepareStatement(
                "INSERT INTO "
                    + qualifier
                    + "pulse_issue_transitions (tenant, source, issue_key, seq, status,"
                    + " raw_status, entered_us, exited_us) VALUES ('acme', 'jira', 'BG-1', ?,"
                    + " 'IN_PROGRESS', ?, ?, ?)")) {
      issue.setLong(1, us);
      issue.setLong(2, us);
      issue.executeUpdate();
      transition.setInt(1, 0);
      transition.setString(2, "Open (edited)");
      transition.setLong(3, us);
      transition.setLong(4, us + 1_000_000L);
      transition.executeUpdate();
      transition.setInt(1, 1);
      transition.setString(2, "Doing");
      transition.setLong(3, us + 1_000_000L);
      transition.setNull(4, java.sql.Types.BIGINT);
      transition.executeUpdate();
    }

    assertEquals(newerThan(database, 6), database.migrate(), "V7 and later");

    dev.pulse.model.Issue next =
        dev.pulse.model.Issue.builder()
            .key("BG-1")
            .projectKey("BG")
            .type(dev.pulse.model.IssueType.STORY)
            .rawStatus("Doing")
            .status(dev.pulse.model.NormalizedStatus.IN_PROGRESS)
            .transitions(
                List.of(
                    dev.pulse.model.StatusTransition.builder()
                        .status(dev.pulse.model.NormalizedStatus.IN_PROGRESS)
                        .rawStatus("Open")
                        .enteredAt(AT)
                        .exitedAt(AT.plusSeconds(1))
                        .build(),
                    dev.pulse.model.StatusTransition.builder()
                        .status(dev.pulse.model.NormalizedStatus.IN_PROGRESS)
                        .rawStatus("Doing")
                        .enteredAt(AT.plusSeconds(1))
                        .build()))
            .createdAt(AT)
            .updatedAt(AT.plusSeconds(60))
            .build();
    ScopeKey project = ScopeKey.parse("jira:project:BG");
    JdbcSink.issues(new JdbcWatermarkStore(database))
        .write(
            ScopeId.of("acme", EntityType.ISSUES, project),
            new dev.pulse.Batch<>(project, List.of(next), Position.at(AT), 0));

    List<dev.pulse.model.Issue> read;
    try (Stream<dev.pulse.model.Issue> rows =
        new JdbcRecordReader(database, 7).issues(RecordQuery.of("acme", AT, AT.plusSeconds(60)))) {
      read = rows.toList();
    }
    assertEquals(List.of(next), read);
  }

  @Test
  void updatedTables_leaveRoomForHotUpdates_postgres() throws SQLException {
    JdbcDatabase database = TestDatabases.freshPostgres();
    String sql =
        "SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'";
    Map<String, String> options = new HashMap<>();
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, Objects.requireNonNull(database.names().schema()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          options.put(rows.getString(1), String.valueOf(rows.getString(2)));
        }
      }
    }
    for (String table : List.of("pulse_issues", "pulse_issue_transitions", "pulse_pull_requests")) {
      assertEquals("{fillfactor=70}", options.get(table), table);
    }
    assertEquals("null", options.get("pulse_deployments"), "written once, kept packed");
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
