package dev.pulse.jdbc;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.StoreException;
import dev.pulse.internal.Tenants;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.DeadLetterStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeadLetterStore} in the {@code <prefix>dead_letters} table of a {@link JdbcDatabase},
 * one row per (tenant, entity type, scope, natural key).
 *
 * <p>{@link #record} is one upsert keyed exactly by the table's primary key, which increments the
 * attempts and keeps the first-seen time inside the database, so racing rejections of one record
 * add up; the row is read back in the same transaction. Messages are stored as {@link DeadLetter}
 * sanitized them. Lists are sorted in Java, so their order is the in-memory store's, independent of
 * database collations. Thread-safe; failures are {@link StoreException}s naming the table and
 * operation, never a bound value. Requires {@link JdbcDatabase#migrate()} (or the shipped DDL) to
 * have run.
 */
public final class JdbcDeadLetterStore implements DeadLetterStore {
  private static final String COLUMNS =
      "entity_type, scope_key, natural_key, reason_code, message, first_seen_seconds,"
          + " first_seen_nanos, last_seen_seconds, last_seen_nanos, attempts, payload";
  private static final Comparator<DeadLetter> ORDER =
      Comparator.comparing((DeadLetter letter) -> letter.scope().entityType())
          .thenComparing(letter -> letter.scope().scope())
          .thenComparing(DeadLetter::naturalKey);

  private final JdbcDatabase database;
  private final String table;
  private final String upsert;
  private final String selectOne;
  private final String selectScope;
  private final String selectTenant;
  private final String countScope;
  private final String delete;
  private final String prune;

  /**
   * Creates a store over a database's dead-letter table.
   *
   * @param database the database
   */
  public JdbcDeadLetterStore(JdbcDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
    this.table = database.names().table("dead_letters");
    String scopeWhere = " WHERE tenant = ? AND entity_type = ? AND scope_key = ?";
    String where = scopeWhere + " AND natural_key = ?";
    // The later of the two last-seen times wins, as in the in-memory store: a late, out-of-order
    // rejection still counts as an attempt but does not move last-seen backwards.
    String later =
        "(excluded.last_seen_seconds > d.last_seen_seconds OR (excluded.last_seen_seconds"
            + " = d.last_seen_seconds AND excluded.last_seen_nanos > d.last_seen_nanos))";
    this.upsert =
        "INSERT INTO "
            + table
            + " AS d (tenant, "
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (tenant, entity_type, scope_key, natural_key) DO UPDATE"
            + " SET reason_code = excluded.reason_code, message = excluded.message,"
            + " payload = excluded.payload, attempts = d.attempts + 1,"
            + " last_seen_seconds = CASE WHEN "
            + later
            + " THEN excluded.last_seen_seconds ELSE d.last_seen_seconds END,"
            + " last_seen_nanos = CASE WHEN "
            + later
            + " THEN excluded.last_seen_nanos ELSE d.last_seen_nanos END";
    this.selectOne = "SELECT " + COLUMNS + " FROM " + table + where;
    this.selectScope = "SELECT " + COLUMNS + " FROM " + table + scopeWhere;
    this.selectTenant = "SELECT " + COLUMNS + " FROM " + table + " WHERE tenant = ?";
    this.countScope = "SELECT COUNT(*) FROM " + table + scopeWhere;
    this.delete = "DELETE FROM " + table + where;
    this.prune =
        "DELETE FROM "
            + table
            + " WHERE last_seen_seconds < ? OR (last_seen_seconds = ? AND last_seen_nanos < ?)";
  }

  /**
   * Returns the database this store lives in.
   *
   * @return the database
   */
  public JdbcDatabase database() {
    return database;
  }

  @Override
  public DeadLetter record(
      ScopeId scope,
      String naturalKey,
      ErrorCode reasonCode,
      String message,
      @Nullable String payload,
      Instant at) {
    Objects.requireNonNull(at, "at");
    // Validates the arguments and sanitizes the message before anything reaches the database.
    DeadLetter fresh = new DeadLetter(scope, naturalKey, reasonCode, message, at, at, 1, payload);
    try (Connection connection = database.connection(table, "record")) {
      Dialect dialect = database.dialect();
      dialect.begin(connection);
      try {
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
          bindKey(statement, 1, scope, naturalKey);
          int i = 5;
          statement.setString(i++, fresh.reasonCode().name());
          statement.setString(i++, fresh.message());
          statement.setLong(i++, at.getEpochSecond());
          statement.setInt(i++, at.getNano());
          statement.setLong(i++, at.getEpochSecond());
          statement.setInt(i++, at.getNano());
          statement.setInt(i++, 1);
          if (payload == null) {
            statement.setNull(i, Types.VARCHAR);
          } else {
            statement.setString(i, payload);
          }
          statement.executeUpdate();
        }
        DeadLetter stored = find(connection, scope, naturalKey);
        if (stored == null) {
          throw new SQLException("the dead-letter row vanished after its upsert", "40001");
        }
        dialect.commit(connection);
        return stored;
      } catch (SQLException | RuntimeException e) {
        dialect.rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw Failures.store(table, "record", e);
    }
  }

  @Override
  public Optional<DeadLetter> find(ScopeId scope, String naturalKey) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(naturalKey, "naturalKey");
    try (Connection connection = database.connection(table, "find")) {
      return Optional.ofNullable(find(connection, scope, naturalKey));
    } catch (SQLException e) {
      throw Failures.store(table, "find", e);
    }
  }

  private @Nullable DeadLetter find(Connection connection, ScopeId scope, String naturalKey)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(selectOne)) {
      bindKey(statement, 1, scope, naturalKey);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? read(rows, scope.tenant()) : null;
      }
    }
  }

  @Override
  public List<DeadLetter> list(ScopeId scope) {
    Objects.requireNonNull(scope, "scope");
    try (Connection connection = database.connection(table, "list");
        PreparedStatement statement = connection.prepareStatement(selectScope)) {
      bindScope(statement, scope);
      return readAll(statement, scope.tenant());
    } catch (SQLException e) {
      throw Failures.store(table, "list", e);
    }
  }

  @Override
  public List<DeadLetter> list(String tenant) {
    Tenants.requireValid(tenant);
    try (Connection connection = database.connection(table, "list");
        PreparedStatement statement = connection.prepareStatement(selectTenant)) {
      statement.setString(1, tenant);
      return readAll(statement, tenant);
    } catch (SQLException e) {
      throw Failures.store(table, "list", e);
    }
  }

  @Override
  public long count(ScopeId scope) {
    Objects.requireNonNull(scope, "scope");
    try (Connection connection = database.connection(table, "count");
        PreparedStatement statement = connection.prepareStatement(countScope)) {
      bindScope(statement, scope);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw Failures.store(table, "count", e);
    }
  }

  @Override
  public boolean discard(ScopeId scope, String naturalKey) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(naturalKey, "naturalKey");
    try (Connection connection = database.connection(table, "discard");
        PreparedStatement statement = connection.prepareStatement(delete)) {
      bindKey(statement, 1, scope, naturalKey);
      return statement.executeUpdate() > 0;
    } catch (SQLException e) {
      throw Failures.store(table, "discard", e);
    }
  }

  /**
   * Deletes the letters not rejected again since a cutoff (last seen before it), of every tenant:
   * the retention policy for letters nobody replayed or discarded. A letter that is resolved, by a
   * successful {@code retryDeadLetters} or a discard, is already gone; this removes the ones left
   * behind. Run it daily with, for example, {@code now - 30 days}.
   *
   * @param cutoff letters last seen strictly before this instant are deleted
   * @return how many letters were deleted
   */
  public int pruneNotSeenSince(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    try (Connection connection = database.connection(table, "prune");
        PreparedStatement statement = connection.prepareStatement(prune)) {
      statement.setLong(1, cutoff.getEpochSecond());
      statement.setLong(2, cutoff.getEpochSecond());
      statement.setInt(3, cutoff.getNano());
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw Failures.store(table, "prune", e);
    }
  }

  private static List<DeadLetter> readAll(PreparedStatement statement, String tenant)
      throws SQLException {
    List<DeadLetter> letters = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        letters.add(read(rows, tenant));
      }
    }
    // Sorted in Java: entity types, scopes and keys in their Java order, which no database
    // collation guarantees.
    letters.sort(ORDER);
    return List.copyOf(letters);
  }

  private static void bindScope(PreparedStatement statement, ScopeId scope) throws SQLException {
    statement.setString(1, scope.tenant());
    statement.setString(2, scope.entityType().name());
    statement.setString(3, scope.scope().toString());
  }

  private static void bindKey(
      PreparedStatement statement, int first, ScopeId scope, String naturalKey)
      throws SQLException {
    statement.setString(first, scope.tenant());
    statement.setString(first + 1, scope.entityType().name());
    statement.setString(first + 2, scope.scope().toString());
    statement.setString(first + 3, naturalKey);
  }

  private static DeadLetter read(ResultSet rows, String tenant) throws SQLException {
    ScopeId scope =
        ScopeId.of(
            tenant,
            EntityType.of(requireText(rows, "entity_type")),
            ScopeKey.parse(requireText(rows, "scope_key")));
    String reason = requireText(rows, "reason_code");
    ErrorCode reasonCode;
    try {
      reasonCode = ErrorCode.valueOf(reason);
    } catch (IllegalArgumentException e) {
      throw new SQLException("unknown reason_code " + reason, "22000", e);
    }
    return new DeadLetter(
        scope,
        requireText(rows, "natural_key"),
        reasonCode,
        requireText(rows, "message"),
        Instant.ofEpochSecond(rows.getLong("first_seen_seconds"), rows.getInt("first_seen_nanos")),
        Instant.ofEpochSecond(rows.getLong("last_seen_seconds"), rows.getInt("last_seen_nanos")),
        rows.getInt("attempts"),
        rows.getString("payload"));
  }

  private static String requireText(ResultSet rows, String column) throws SQLException {
    @Nullable String value = rows.getString(column);
    if (value == null) {
      throw new SQLException(column + " is null", "22004");
    }
    return value;
  }

  @Override
  public String toString() {
    return "JdbcDeadLetterStore[" + table + "]";
  }
}
