package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcDatabase#migrate()} with pulse-jdbc and its libraries as named modules: a module layer
 * built from the test's own class path, whose loader sees nothing of the class path (its parent is
 * the platform loader), so the migrations must load the way they would from {@code --module-path}.
 * With Flyway's class-path scan (the configuration before the migrations were listed by name) both
 * tests fail: Flyway lists the folder but cannot read the files ("Unable to obtain inputstream for
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

  /**
   * A layer of the {@link #RUNTIME} modules found on the class path, defined to one loader whose
   * parent is the platform loader: a class the layer does not hold is not found at all.
   */
  private static ModuleLayer layer() {
    Map<String, Path> found = new LinkedHashMap<>();
    String classPath = System.getProperty("java.class.path");
    for (String entry : classPath.split(Pattern.quote(File.pathSeparator), -1)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        for (ModuleReference module : ModuleFinder.of(path).findAll()) {
          String name = module.descriptor().name();
          if (RUNTIME.contains(name)) {
            found.putIfAbsent(name, path);
          }
        }
      } catch (FindException e) {
        // a class-path entry that is no module (test classes, a jar without a derivable name)
      }
    }
    assertEquals(RUNTIME, found.keySet(), "runtime modules found on the class path");
    ModuleFinder finder = ModuleFinder.of(new ArrayList<>(found.values()).toArray(Path[]::new));
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        Configuration.resolve(
            finder, List.of(boot.configuration()), ModuleFinder.of(), Set.of("dev.pulse.jdbc"));
    return ModuleLayer.defineModulesWithOneLoader(
            configuration, List.of(boot), ClassLoader.getPlatformClassLoader())
        .layer();
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
