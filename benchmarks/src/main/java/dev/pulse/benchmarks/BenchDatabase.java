package dev.pulse.benchmarks;

import dev.pulse.jdbc.SqliteDataSources;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The database a JDBC benchmark runs on, chosen by its {@code database} parameter: {@code postgres}
 * starts an embedded PostgreSQL, {@code sqlite} creates a file in a temporary directory ({@link
 * SqliteDataSources#file}: WAL, {@code synchronous=NORMAL}). {@link #close()} stops the server or
 * deletes the directory. Not thread-safe; one per benchmark state.
 */
final class BenchDatabase implements AutoCloseable {
  private final DataSource dataSource;
  private final @Nullable EmbeddedPostgres postgres;
  private final @Nullable Path directory;

  private BenchDatabase(
      DataSource dataSource, @Nullable EmbeddedPostgres postgres, @Nullable Path directory) {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.directory = directory;
  }

  /**
   * Starts or creates the database.
   *
   * @param database {@code postgres} or {@code sqlite}
   * @param prefix the temporary directory's name prefix, naming the benchmark
   * @throws IOException if the directory or PostgreSQL cannot be created
   * @throws IllegalArgumentException naming the parameter for any other value
   */
  static BenchDatabase open(String database, String prefix) throws IOException {
    if ("postgres".equals(database)) {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      return new BenchDatabase(pg.getPostgresDatabase(), pg, null);
    }
    if ("sqlite".equals(database)) {
      Path dir = Files.createTempDirectory(prefix);
      return new BenchDatabase(SqliteDataSources.file(dir.resolve("pulse.db")), null, dir);
    }
    throw new IllegalArgumentException("database must be sqlite or postgres but was " + database);
  }

  DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() throws IOException {
    EmbeddedPostgres pg = postgres;
    if (pg != null) {
      pg.close();
    }
    Path dir = directory;
    if (dir != null) {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
