package dev.pulse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.testkit.ModulePathLayer;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PulseCluster#migrate()} with pulse-cluster, pulse-jdbc and their libraries as named
 * modules ({@link ModulePathLayer}: a loader that sees nothing of the class path), so the cluster's
 * migrations must load the way they would from {@code --module-path}. With Flyway's class-path scan
 * (the configuration before the migrations were listed by name) the test fails: Flyway lists the
 * folder but cannot read the files ("Unable to obtain inputstream for resource").
 */
final class ModulePathMigrationTest {
  /** The modules of pulse-cluster's runtime, each resolved from its class-path entry. */
  private static final Set<String> RUNTIME =
      Set.of(
          "dev.pulse.cluster",
          "dev.pulse.jdbc",
          "dev.pulse.core",
          "dev.pulse.model",
          "org.jspecify",
          "org.slf4j",
          "com.fasterxml.jackson.databind",
          "com.fasterxml.jackson.core",
          "com.fasterxml.jackson.annotation",
          "com.github.kagkarlsson.scheduler",
          "flyway.core",
          "flyway.database.postgresql",
          "flyway.database.cockroachdb",
          "org.xerial.sqlitejdbc");

  @Test
  void migrate_onTheModulePath_createsTheClusterTables() throws Exception {
    ModuleLayer layer = ModulePathLayer.of(RUNTIME, "dev.pulse.cluster");
    ClassLoader loader = layer.findLoader("dev.pulse.cluster");
    Class<?> cluster = loader.loadClass(PulseCluster.class.getName());
    assertTrue(cluster.getModule().isNamed(), "PulseCluster loaded from a named module");
    assertNotSame(PulseCluster.class, cluster, "loaded by the layer, not the class path");

    try (HikariDataSource pool = TestDatabases.pool(TestDatabases.freshDatabase(), "modpath", 2)) {
      Object worker = worker(loader, cluster, pool);
      try {
        int applied = (Integer) cluster.getMethod("migrate").invoke(worker);
        assertTrue(applied > PulseCluster.MIGRATIONS.size(), "cluster and pulse-jdbc migrations");
      } finally {
        cluster.getMethod("close").invoke(worker);
      }
      assertEquals(PulseCluster.MIGRATIONS.size(), applied(pool));
      assertEquals(0, count(pool, "scheduled_tasks"));
      assertEquals(0, count(pool, "pulse_cluster_fences"));
    }
  }

  @Test
  void migrationsListedByName_areExactlyTheShippedFiles() throws Exception {
    URL folder = PulseCluster.class.getResource("migration/postgresql");
    assertNotNull(folder);
    List<String> shipped;
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      shipped = files.map(file -> file.getFileName().toString()).sorted().toList();
    }
    assertEquals(shipped, PulseCluster.MIGRATIONS);
  }

  /**
   * Builds {@code PulseCluster.builder(pool).source(...).build()} in the layer, with a connector
   * that answers only what building asks (its source and entity type).
   */
  private static Object worker(ClassLoader loader, Class<?> cluster, DataSource pool)
      throws ReflectiveOperationException {
    Class<?> connectorType = loader.loadClass("dev.pulse.spi.Connector");
    Object deployments = loader.loadClass("dev.pulse.EntityType").getField("DEPLOYMENTS").get(null);
    Object connector =
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {connectorType},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "source" -> "fake";
                  case "entityType" -> deployments;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
    Function<Object, Object> sinks =
        store -> {
          throw new UnsupportedOperationException("no execution runs");
        };
    Class<?> sourceType = loader.loadClass(ClusterSource.class.getName());
    Object sourceBuilder =
        sourceType.getMethod("of", connectorType, Function.class).invoke(null, connector, sinks);
    Object source = sourceBuilder.getClass().getMethod("build").invoke(sourceBuilder);
    Object builder = cluster.getMethod("builder", DataSource.class).invoke(null, pool);
    builder = builder.getClass().getMethod("source", sourceType).invoke(builder, source);
    return builder.getClass().getMethod("build").invoke(builder);
  }

  private static int applied(DataSource dataSource) throws SQLException {
    return query(
        dataSource,
        "SELECT COUNT(*) FROM pulse_cluster_schema_history WHERE success AND version <> '0'");
  }

  private static int count(DataSource dataSource, String table) throws SQLException {
    return query(dataSource, "SELECT COUNT(*) FROM " + table);
  }

  private static int query(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
