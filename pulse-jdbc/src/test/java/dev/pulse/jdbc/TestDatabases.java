package dev.pulse.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases tests run against: one embedded PostgreSQL per test JVM, started on first use and
 * stopped at exit, with a fresh schema per test; and a fresh SQLite file per test.
 */
final class TestDatabases {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static final String RUN =
      Long.toString(ProcessHandle.current().pid(), 36)
          + Long.toString(System.currentTimeMillis(), 36);
  private static EmbeddedPostgres postgres;
  private static DataSource pool;

  private TestDatabases() {}

  /**
   * A pooled data source onto the shared embedded PostgreSQL, or onto the external server named by
   * {@link EmbeddedPostgresLauncher#EXTERNAL_URL}.
   */
  static synchronized DataSource postgres() {
    String external = EmbeddedPostgresLauncher.externalUrl();
    if (pool == null && external != null) {
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setUrl(external);
      try {
        pool = new TestPool(source, 12);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot connect to " + EmbeddedPostgresLauncher.EXTERNAL_URL, e);
      }
    }
    if (pool == null) {
      try {
        postgres = EmbeddedPostgresLauncher.start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        postgres.close();
                      } catch (IOException e) {
                        // the JVM is exiting; the data directory is temporary anyway
                      }
                    }));
        pool = new TestPool(postgres.getPostgresDatabase(), 12);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return pool;
  }

  /** The JDBC URL of the shared embedded PostgreSQL, for child JVMs that connect on their own. */
  static synchronized String postgresUrl() {
    String external = EmbeddedPostgresLauncher.externalUrl();
    if (external != null) {
      return external;
    }
    postgres();
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** A migrated Pulse schema of its own on the shared PostgreSQL. */
  static JdbcDatabase freshPostgres() {
    // An external server keeps the schemas of earlier runs: names unique to this JVM avoid them.
    String run = EmbeddedPostgresLauncher.externalUrl() == null ? "" : RUN + "_";
    JdbcDatabase database =
        JdbcDatabase.builder(postgres()).schema("t" + run + SCHEMAS.incrementAndGet()).build();
    database.migrate();
    return database;
  }

  /** A data source onto a new SQLite file in a new temporary directory. */
  static DataSource sqliteFile() {
    try {
      Path dir = Files.createTempDirectory("pulse-sqlite");
      dir.toFile().deleteOnExit();
      return SqliteDataSources.file(dir.resolve("pulse.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A migrated Pulse schema in a new SQLite file. */
  static JdbcDatabase freshSqlite() {
    JdbcDatabase database = JdbcDatabase.builder(sqliteFile()).build();
    database.migrate();
    return database;
  }
}
