package dev.pulse.jdbc;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.StoreException;
import dev.pulse.TieBreaker;
import dev.pulse.Watermark;
import dev.pulse.internal.Tenants;
import dev.pulse.spi.WatermarkStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WatermarkStore} in the {@code <prefix>watermarks} table of a {@link JdbcDatabase}, one
 * row per (tenant, entity type, scope), the global {@code *} row beside the per-scope rows under
 * the same primary key.
 *
 * <p>{@link #advance} reads the row under a lock ({@code SELECT ... FOR UPDATE} on PostgreSQL, the
 * file's write lock taken by {@code BEGIN IMMEDIATE} on SQLite), compares positions in Java with
 * {@link Position#compareTo} (so the order is exactly the core's, independent of database
 * collations) and writes only when the position moves forwards: racing writers serialize per row
 * and the survivor is the maximum. {@link #list} filters the prefix in Java, so {@code _}, {@code
 * %} and {@code \} are never wildcards. Thread-safe; failures are {@link StoreException}s naming
 * the table and operation, never a bound value. Requires {@link JdbcDatabase#migrate()} (or the
 * shipped DDL) to have run.
 */
public final class JdbcWatermarkStore implements WatermarkStore {
  private static final String COLUMNS =
      "scope_key, cursor_kind, cursor_seconds, cursor_nanos, cursor_token, tie_kind, tie_number,"
          + " tie_text, items_stored, updated_seconds, updated_nanos";

  private final JdbcDatabase database;
  private final String table;
  private final String selectOne;
  private final String selectPartition;
  private final String insert;
  private final String update;
  private final String delete;

  /**
   * Creates a store over a database's watermark table.
   *
   * @param database the database
   */
  public JdbcWatermarkStore(JdbcDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
    this.table = database.names().table("watermarks");
    String where = " WHERE tenant = ? AND entity_type = ? AND scope_key = ?";
    this.selectOne = "SELECT " + COLUMNS + " FROM " + table + where;
    this.selectPartition =
        "SELECT " + COLUMNS + " FROM " + table + " WHERE tenant = ? AND entity_type = ?";
    this.insert =
        "INSERT INTO "
            + table
            + " (tenant, entity_type, "
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (tenant, entity_type, scope_key) DO NOTHING";
    this.update =
        "UPDATE "
            + table
            + " SET cursor_kind = ?, cursor_seconds = ?, cursor_nanos = ?, cursor_token = ?,"
            + " tie_kind = ?, tie_number = ?, tie_text = ?, items_stored = ?, updated_seconds = ?,"
            + " updated_nanos = ?"
            + where;
    this.delete = "DELETE FROM " + table + where;
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
  public Watermark get(ScopeId key) {
    Objects.requireNonNull(key, "key");
    try (Connection connection = database.connection(table, "get");
        PreparedStatement statement = connection.prepareStatement(selectOne)) {
      bindKey(statement, 1, key);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? read(rows, key.tenant(), key.entityType()) : Watermark.none(key);
      }
    } catch (SQLException e) {
      throw Failures.store(table, "get", e);
    }
  }

  @Override
  public Map<ScopeKey, Watermark> getAll(
      String tenant, EntityType entityType, Collection<ScopeKey> scopes) {
    Tenants.requireValid(tenant);
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(scopes, "scopes");
    Map<ScopeKey, Watermark> result = new LinkedHashMap<>();
    for (ScopeKey scope : scopes) {
      Objects.requireNonNull(scope, "scopes must not contain null");
      result.put(scope, Watermark.none(ScopeId.of(tenant, entityType, scope)));
    }
    if (result.isEmpty()) {
      return Map.of();
    }
    // One read of the partition: a tenant has tens to hundreds of scopes per entity type, far
    // fewer round trips than one query per scope.
    for (Watermark stored : readPartition(tenant, entityType, "getAll")) {
      if (result.containsKey(stored.key().scope())) {
        result.put(stored.key().scope(), stored);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  @Override
  public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(at, "at");
    requireItems(itemsAdded);
    try (Connection connection = database.connection(table, "advance")) {
      Dialect dialect = database.dialect();
      dialect.begin(connection);
      try {
        Watermark result = advance(connection, key, position, itemsAdded, at);
        dialect.commit(connection);
        return result;
      } catch (SQLException | RuntimeException e) {
        dialect.rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw Failures.store(table, "advance", e);
    }
  }

  static void requireItems(long itemsAdded) {
    if (itemsAdded < 0) {
      throw new IllegalArgumentException("itemsAdded must be >= 0 but was " + itemsAdded);
    }
  }

  /** Advances inside the caller's transaction, which the JDBC sink shares with its upserts. */
  Watermark advance(
      Connection connection, ScopeId key, Position position, long itemsAdded, Instant at)
      throws SQLException {
    // Two rounds at most: if the row is missing and a racer inserts it first, our insert does
    // nothing (having waited for the racer's commit) and the second read finds and locks it.
    for (int round = 0; round < 2; round++) {
      Watermark current = null;
      try (PreparedStatement select =
          connection.prepareStatement(selectOne + database.dialect().forUpdate())) {
        bindKey(select, 1, key);
        try (ResultSet rows = select.executeQuery()) {
          if (rows.next()) {
            current = read(rows, key.tenant(), key.entityType());
          }
        }
      }
      if (current != null) {
        Watermark advanced = current.advancedTo(position, itemsAdded, at);
        if (advanced.equals(current)) {
          return current;
        }
        try (PreparedStatement statement = connection.prepareStatement(update)) {
          int next = bindPosition(statement, 1, position, advanced.itemsStored(), at);
          bindKey(statement, next, key);
          statement.executeUpdate();
        }
        return advanced;
      }
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        bindKey(statement, 1, key);
        bindPosition(statement, 4, position, itemsAdded, at);
        if (statement.executeUpdate() == 1) {
          return new Watermark(key, position, itemsAdded, at);
        }
      }
    }
    throw new SQLException("the watermark row vanished twice while advancing", "40001");
  }

  @Override
  public boolean reset(ScopeId key) {
    Objects.requireNonNull(key, "key");
    try (Connection connection = database.connection(table, "reset");
        PreparedStatement statement = connection.prepareStatement(delete)) {
      bindKey(statement, 1, key);
      return statement.executeUpdate() > 0;
    } catch (SQLException e) {
      throw Failures.store(table, "reset", e);
    }
  }

  @Override
  public List<Watermark> list(String tenant, EntityType entityType, String scopePrefix) {
    Tenants.requireValid(tenant);
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(scopePrefix, "scopePrefix");
    List<Watermark> result = new ArrayList<>();
    for (Watermark watermark : readPartition(tenant, entityType, "list")) {
      if (watermark.key().scope().toString().startsWith(scopePrefix)) {
        result.add(watermark);
      }
    }
    // Sorted in Java: ScopeKey order is String order, which no database collation guarantees.
    result.sort(Comparator.comparing(watermark -> watermark.key().scope()));
    return List.copyOf(result);
  }

  private List<Watermark> readPartition(String tenant, EntityType entityType, String operation) {
    try (Connection connection = database.connection(table, operation);
        PreparedStatement statement = connection.prepareStatement(selectPartition)) {
      statement.setString(1, tenant);
      statement.setString(2, entityType.name());
      List<Watermark> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(read(result, tenant, entityType));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw Failures.store(table, operation, e);
    }
  }

  private static void bindKey(PreparedStatement statement, int first, ScopeId key)
      throws SQLException {
    statement.setString(first, key.tenant());
    statement.setString(first + 1, key.entityType().name());
    statement.setString(first + 2, key.scope().toString());
  }

  /** Binds the columns after scope_key in {@link #COLUMNS} order; returns the next index. */
  private static int bindPosition(
      PreparedStatement statement, int first, Position position, long items, Instant at)
      throws SQLException {
    int i = first;
    Instant instant = position.instant();
    statement.setString(i++, instant != null ? "I" : "T");
    if (instant != null) {
      statement.setLong(i++, instant.getEpochSecond());
      statement.setInt(i++, instant.getNano());
      statement.setNull(i++, Types.VARCHAR);
    } else {
      statement.setNull(i++, Types.BIGINT);
      statement.setNull(i++, Types.INTEGER);
      statement.setString(i++, Objects.requireNonNull(position.token(), "token"));
    }
    TieBreaker tie = position.tieBreaker();
    statement.setInt(
        i++,
        switch (tie.kind()) {
          case NONE -> 0;
          case NUMBER -> 1;
          case TEXT -> 2;
        });
    statement.setLong(i++, tie.number());
    statement.setString(i++, tie.text());
    statement.setLong(i++, items);
    statement.setLong(i++, at.getEpochSecond());
    statement.setInt(i++, at.getNano());
    return i;
  }

  private static Watermark read(ResultSet rows, String tenant, EntityType entityType)
      throws SQLException {
    ScopeKey scope = ScopeKey.parse(rows.getString("scope_key"));
    Position position;
    TieBreaker tie = tieBreaker(rows);
    if ("I".equals(rows.getString("cursor_kind"))) {
      position =
          Position.at(
              Instant.ofEpochSecond(rows.getLong("cursor_seconds"), rows.getInt("cursor_nanos")),
              tie);
    } else {
      position = Position.token(requireText(rows, "cursor_token"), tie);
    }
    Instant updatedAt =
        Instant.ofEpochSecond(rows.getLong("updated_seconds"), rows.getInt("updated_nanos"));
    return new Watermark(
        ScopeId.of(tenant, entityType, scope), position, rows.getLong("items_stored"), updatedAt);
  }

  private static TieBreaker tieBreaker(ResultSet rows) throws SQLException {
    int kind = rows.getInt("tie_kind");
    TieBreaker.Kind decoded =
        switch (kind) {
          case 0 -> TieBreaker.Kind.NONE;
          case 1 -> TieBreaker.Kind.NUMBER;
          case 2 -> TieBreaker.Kind.TEXT;
          default -> throw new SQLException("unknown tie_kind " + kind, "22000");
        };
    return new TieBreaker(decoded, rows.getLong("tie_number"), requireText(rows, "tie_text"));
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
    return "JdbcWatermarkStore[" + table + "]";
  }
}
