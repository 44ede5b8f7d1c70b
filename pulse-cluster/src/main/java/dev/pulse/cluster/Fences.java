package dev.pulse.cluster;

import dev.pulse.ScopeId;
import dev.pulse.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * The fence table {@code pulse_cluster_fences}: each execution of a scope claims the next
 * generation, and each of its transactions writes that generation in the same transaction as its
 * batch and watermark, which fails once a newer execution has claimed the scope.
 *
 * <p>Why a row lock is enough: the check is an {@code UPDATE ... WHERE generation = mine}, which
 * locks the row until the writer commits. A claim that comes first makes the writer's update match
 * nothing; a claim that comes second waits for the writer's commit, and the new execution reads the
 * watermark only after its claim, so it sees that write. Either way no write of a superseded
 * execution lands after the new one started.
 */
final class Fences {
  /** The SQLState of a rejected write: class "PF" (Pulse fence), 409 as in a conflict. */
  static final String SUPERSEDED_STATE = "PF409";

  private static final String TABLE = "pulse_cluster_fences";
  private static final String CLAIM =
      "INSERT INTO "
          + TABLE
          + " AS f (tenant, entity_type, scope_key, generation, owner, claimed_us)"
          + " VALUES (?, ?, ?, 1, ?, ?)"
          + " ON CONFLICT (tenant, entity_type, scope_key) DO UPDATE"
          + " SET generation = f.generation + 1, owner = EXCLUDED.owner,"
          + " claimed_us = EXCLUDED.claimed_us"
          + " RETURNING generation";
  private static final String WRITE =
      "UPDATE "
          + TABLE
          + " SET written_generation = ?, written_us = ?"
          + " WHERE tenant = ? AND entity_type = ? AND scope_key = ? AND generation = ?";
  private static final String CURRENT =
      "SELECT generation FROM " + TABLE + " WHERE tenant = ? AND entity_type = ? AND scope_key = ?";

  private Fences() {}

  /** Claims the scope for a new execution, in a transaction of its own; returns its generation. */
  static long claim(DataSource dataSource, ScopeId scope, String owner, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
        bindKey(statement, 1, scope);
        statement.setString(4, owner);
        statement.setLong(5, micros(now));
        try (ResultSet rows = statement.executeQuery()) {
          if (!rows.next()) {
            throw new SQLException("the claim returned no generation", "22000");
          }
          return rows.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw failure("claim", e);
    }
  }

  /**
   * Writes the execution's generation inside the caller's open transaction.
   *
   * @return false if a newer execution has claimed the scope: the transaction must be rolled back
   */
  static boolean write(Connection connection, ScopeId scope, long generation, Instant now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
      statement.setLong(1, generation);
      statement.setLong(2, micros(now));
      bindKey(statement, 3, scope);
      statement.setLong(6, generation);
      return statement.executeUpdate() == 1;
    }
  }

  /** Returns the scope's current generation, 0 if it was never claimed. */
  static long current(DataSource dataSource, ScopeId scope) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(CURRENT)) {
      bindKey(statement, 1, scope);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  private static void bindKey(PreparedStatement statement, int first, ScopeId scope)
      throws SQLException {
    statement.setString(first, scope.tenant());
    statement.setString(first + 1, scope.entityType().name());
    statement.setString(first + 2, scope.scope().toString());
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  // The driver's message may quote bound values; only its SQLState and vendor code go out.
  private static StoreException failure(String operation, SQLException e) {
    return new StoreException(
        operation
            + " on "
            + TABLE
            + " failed (SQLState "
            + e.getSQLState()
            + ", vendor code "
            + e.getErrorCode()
            + ")",
        null);
  }
}
