package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.testkit.ModulePathLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcDatabase#migrate()} with pulse-jdbc and its libraries as named modules ({@link
 * ModulePathLayer}: a layer built from the test's own class path, whose loader sees nothing of the
 * class path), so the migrations must load the way they would from {@code --module-path}. With
 * Flyway's class-path scan (the configuration before the migrations were listed by name) both tests
 * fail: Flyway lists the folder but cannot read the files ("Unable to obtain inputstream for
 * resource").
 */
final class ModulePathMigrationTest {
  /** The modules of pulse-jdbc's runtime, each resolved from its class-path entry. */
  private static final Set<String> RUNTIME =
      Set.of(
          "dev.pulse.jdbc",
          "dev.pulse.core",
          "dev.pulse.model",
          "org.jspecify",
          "org.slf4j",
          "com.fasterxml.jackson.databind",
          "com.fasterxml.jackson.core",
          "com.fasterxml.jackson.annotation",
          "flyway.core",
          "flyway.database.postgresql",
          "flyway.database.cockroachdb",
          "org.xerial.sqlitejdbc");

  @Test
  void migrate_onTheModulePath_sqlite() throws Exception {
    ModuleLayer layer = layer();
    Path dir = Files.createTempDirectory("pulse-modulepath");
    dir.toFile().deleteOnExit();
    Class<?> sqlite =
        layer.findLoader("dev.pulse.jdbc").loadClass(SqliteDataSources.class.getName());
    DataSource file =
        (DataSource) sqlite.getMethod("file", Path.class).invoke(null, dir.resolve("pulse.db"));

    assertEquals(Migrations.files(Dialect.SQLITE).size(), migrate(layer, file, null));
    assertEquals(Migrations.files(Dialect.SQLITE).size(), applied(file, "pulse_schema_history"));
    assertEquals(0, MigrationTest.count(file, "pulse_issues"));
  }

  @Test
  void migrate_onTheModulePath_postgres() throws Exception {
    DataSource postgres = TestDatabases.postgres();

    assertEquals(
        Migrations.files(Dialect.POSTGRESQL).size(), migrate(layer(), postgres, "modpath"));
    assertEquals(
        Migrations.files(Dialect.POSTGRESQL).size(),
        applied(postgres, "modpath.pulse_schema_history"));
    assertEquals(0, MigrationTest.count(postgres, "modpath.pulse_issues"));
  }

  /**
   * Runs {@code JdbcDatabase.builder(dataSource)[.schema(schema)].build().migrate()} in the layer.
   */
  private static int migrate(ModuleLayer layer, DataSource dataSource, @Nullable String schema)
      throws ReflectiveOperationException {
    Class<?> type = layer.findLoader("dev.pulse.jdbc").loadClass(JdbcDatabase.class.getName());
    Module module = type.getModule();
    assertTrue(module.isNamed(), "JdbcDatabase loaded from a named module");
    assertEquals("dev.pulse.jdbc", module.getName());
    assertNotSame(JdbcDatabase.class, type, "loaded by the layer, not the class path");
    Object builder = type.getMethod("builder", DataSource.class).invoke(null, dataSource);
    if (schema != null) {
      builder = builder.getClass().getMethod("schema", String.class).invoke(builder, schema);
    }
    Object database = builder.getClass().getMethod("build").invoke(builder);
    return (Integer) type.getMethod("migrate").invoke(database);
  }

  private static ModuleLayer layer() {
    return ModulePathLayer.of(RUNTIME, "dev.pulse.jdbc");
  }

  private static int applied(DataSource dataSource, String history) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM " + history + " WHERE success AND version <> '0'");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
