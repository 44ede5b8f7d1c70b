package dev.pulse.cli;

import dev.pulse.config.Secret;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.SqliteDataSources;
import dev.pulse.model.internal.Checks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@code store} section of a CLI configuration: where Pulse keeps records, watermarks, progress
 * and dead letters.
 *
 * @param url a JDBC URL; {@code jdbc:sqlite:<file>} (relative files resolved against the
 *     configuration's directory) or any URL whose driver is on the class path, e.g. PostgreSQL
 * @param user the database user, or null
 * @param password the password, or null; never shown
 * @param schema the PostgreSQL schema, or null for the default
 * @param tablePrefix the table prefix
 */
record StoreSettings(
    String url,
    @Nullable String user,
    @Nullable Secret password,
    @Nullable String schema,
    String tablePrefix) {
  static final String SQLITE = "jdbc:sqlite:";

  StoreSettings {
    Checks.requireText(url, "url");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
  }

  /** The SQLite file, or null when the store is not SQLite. */
  @Nullable Path sqliteFile() {
    return url.startsWith(SQLITE) ? Path.of(url.substring(SQLITE.length())) : null;
  }

  DataSource dataSource() {
    Path file = sqliteFile();
    if (file != null) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        parent.toFile().mkdirs();
      }
      return SqliteDataSources.file(file);
    }
    return new DriverManagerDataSource(url, user, password);
  }

  JdbcDatabase database() {
    JdbcDatabase.Builder builder = JdbcDatabase.builder(dataSource()).tablePrefix(tablePrefix);
    if (schema != null) {
      builder.schema(schema);
    }
    return builder.build();
  }

  /** The URL without query parameters, which may carry credentials. */
  String shownUrl() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  /** Leaves the password out. */
  @Override
  public String toString() {
    return "StoreSettings[" + shownUrl() + ", user=" + user + ", tablePrefix=" + tablePrefix + "]";
  }

  /** A data source that opens a driver connection per call; the service's pool is better. */
  private static final class DriverManagerDataSource implements DataSource {
    private final String url;
    private final @Nullable String user;
    private final @Nullable Secret password;

    DriverManagerDataSource(String url, @Nullable String user, @Nullable Secret password) {
      this.url = url;
      this.user = user;
      this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Secret secret = password;
      return user == null && secret == null
          ? DriverManager.getConnection(url)
          : DriverManager.getConnection(url, user, secret == null ? null : secret.reveal());
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
      return DriverManager.getConnection(url, username, pass);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {
      DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
      return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }

    @Override
    public String toString() {
      return "DriverManagerDataSource[" + url + "]";
    }
  }
}
