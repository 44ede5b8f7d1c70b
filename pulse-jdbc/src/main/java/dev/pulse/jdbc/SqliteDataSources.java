package dev.pulse.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Data sources for the embedded SQLite default, configured the way Pulse's stores need them: WAL
 * journal (readers never block the writer), a busy timeout (a writer waits for another instead of
 * failing at once), {@code synchronous=NORMAL} (durable at every WAL checkpoint and safe against
 * application crashes; see docs/guarantees.md for the power-loss caveat).
 *
 * <p>The returned data sources open a new SQLite connection per {@code getConnection()}, which for
 * a local file costs microseconds; they hold no pool and need no closing.
 */
public final class SqliteDataSources {
  /** The busy timeout of {@link #file(Path)}. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

  private SqliteDataSources() {}

  /**
   * Returns a data source for a database file, created on first use, with the default busy timeout.
   *
   * @param file the database file
   * @return the data source
   */
  public static DataSource file(Path file) {
    return file(file, DEFAULT_BUSY_TIMEOUT);
  }

  /**
   * Returns a data source for a database file, created on first use.
   *
   * @param file the database file
   * @param busyTimeout how long a writer waits for another's lock, at least 1 ms
   * @return the data source
   * @throws IllegalArgumentException if the timeout is shorter than 1 ms or longer than {@link
   *     Integer#MAX_VALUE} ms
   */
  public static DataSource file(Path file, Duration busyTimeout) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    long millis = busyTimeout.toMillis();
    if (millis < 1 || millis > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "busyTimeout must be between 1 ms and "
              + Integer.MAX_VALUE
              + " ms but was "
              + busyTimeout);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) millis);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return dataSource;
  }
}
