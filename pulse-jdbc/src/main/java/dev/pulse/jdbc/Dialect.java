package dev.pulse.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** The SQL differences between the two supported databases, and nothing else. */
enum Dialect {
  POSTGRESQL("postgresql"),
  SQLITE("sqlite");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The migration folder under {@code dev/pulse/jdbc/migration/}. */
  String folder() {
    return folder;
  }

  static Dialect detect(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("sqlite")) {
      return SQLITE;
    }
    throw new IllegalArgumentException(
        "dataSource must be PostgreSQL or SQLite but its database is " + product);
  }

  /** A null-safe "differs" test of two expressions: {@code IS DISTINCT FROM}, or SQLite's. */
  String distinct(String left, String right) {
    return left + (this == POSTGRESQL ? " IS DISTINCT FROM " : " IS NOT ") + right;
  }

  /** {@code FOR UPDATE} where the database has row locks; SQLite locks the whole file instead. */
  String forUpdate() {
    return this == POSTGRESQL ? " FOR UPDATE" : "";
  }

  /**
   * Starts a write transaction. SQLite takes its write lock up front ({@code BEGIN IMMEDIATE}) so
   * that a read-then-write transaction never fails to upgrade its lock; the busy timeout then makes
   * concurrent writers wait instead of failing.
   */
  void begin(Connection connection) throws SQLException {
    if (this == SQLITE) {
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
      }
    } else {
      connection.setAutoCommit(false);
    }
  }

  void commit(Connection connection) throws SQLException {
    if (this == SQLITE) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("COMMIT");
      }
    } else {
      connection.commit();
      connection.setAutoCommit(true);
    }
  }

  /** Rolls back, keeping the original failure as the one that propagates. */
  void rollbackQuietly(Connection connection, Throwable failure) {
    try {
      if (this == SQLITE) {
        // sqlite-jdbc cannot tell whether the manual BEGIN is still open; a ROLLBACK without one
        // fails harmlessly and is recorded as suppressed.
        try (Statement statement = connection.createStatement()) {
          statement.execute("ROLLBACK");
        }
      } else {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
