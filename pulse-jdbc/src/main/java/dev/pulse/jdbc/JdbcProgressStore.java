package dev.pulse.jdbc;

import dev.pulse.EntityType;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.StoreException;
import dev.pulse.internal.Tenants;
import dev.pulse.progress.ProgressJson;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.spi.ProgressStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ProgressStore} in the {@code <prefix>progress} table of a {@link JdbcDatabase}: one row
 * per (tenant, entity type, scope) holding the latest snapshot as {@link ProgressJson}, plus its
 * status and save time as columns for retention and status queries.
 *
 * <p>{@link #save} is one upsert keyed exactly by the table's primary key. Thread-safe; failures
 * are {@link StoreException}s naming the table and operation. A status CLI can read {@link
 * #list(String)} from the database alone, without a running ingestion.
 */
public final class JdbcProgressStore implements ProgressStore {
  private final JdbcDatabase database;
  private final PulseClock clock;
  private final String table;
  private final String upsert;
  private final String selectOne;
  private final String selectTenant;
  private final String prune;

  /**
   * Creates a store over a database's progress table.
   *
   * @param database the database
   * @param clock stamps each save, for {@link #pruneFinished(Duration)}
   */
  public JdbcProgressStore(JdbcDatabase database, PulseClock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.table = database.names().table("progress");
    this.upsert =
        "INSERT INTO "
            + table
            + " (tenant, entity_type, scope_key, status, finished, saved_at_us, snapshot)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, entity_type, scope_key) DO UPDATE"
            + " SET status = excluded.status, finished = excluded.finished,"
            + " saved_at_us = excluded.saved_at_us, snapshot = excluded.snapshot";
    this.selectOne =
        "SELECT snapshot FROM " + table + " WHERE tenant = ? AND entity_type = ? AND scope_key = ?";
    this.selectTenant = "SELECT snapshot FROM " + table + " WHERE tenant = ?";
    this.prune = "DELETE FROM " + table + " WHERE finished = ? AND saved_at_us < ?";
  }

  @Override
  public void save(ProgressSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    try (Connection connection = database.connection(table, "save");
        PreparedStatement statement = connection.prepareStatement(upsert)) {
      statement.setString(1, snapshot.tenant());
      statement.setString(2, snapshot.entityType().name());
      statement.setString(3, snapshot.scopeKey().toString());
      statement.setString(4, snapshot.status().name());
      statement.setBoolean(5, snapshot.status().isFinished());
      statement.setLong(6, Math.multiplyExact(clock.wallTimeMillis(), 1000L));
      statement.setString(7, ProgressJson.toJson(snapshot));
      statement.executeUpdate();
    } catch (SQLException e) {
      throw Failures.store(table, "save", e);
    }
  }

  @Override
  public Optional<ProgressSnapshot> find(String tenant, EntityType entityType, ScopeKey scope) {
    Tenants.requireValid(tenant);
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(scope, "scope");
    try (Connection connection = database.connection(table, "find");
        PreparedStatement statement = connection.prepareStatement(selectOne)) {
      statement.setString(1, tenant);
      statement.setString(2, entityType.name());
      statement.setString(3, scope.toString());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next()
            ? Optional.of(ProgressJson.fromJson(rows.getString(1)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw Failures.store(table, "find", e);
    }
  }

  @Override
  public List<ProgressSnapshot> list(String tenant) {
    Tenants.requireValid(tenant);
    List<ProgressSnapshot> result = new ArrayList<>();
    try (Connection connection = database.connection(table, "list");
        PreparedStatement statement = connection.prepareStatement(selectTenant)) {
      statement.setString(1, tenant);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(ProgressJson.fromJson(rows.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw Failures.store(table, "list", e);
    }
    result.sort(
        Comparator.comparing(ProgressSnapshot::entityType)
            .thenComparing(ProgressSnapshot::scopeKey));
    return List.copyOf(result);
  }

  /**
   * Deletes the snapshots of finished runs (done, failed or cancelled) saved longer ago than a
   * retention period; unfinished runs are never pruned, whatever their age. Run it daily, e.g. with
   * a retention of 30 days.
   *
   * @param retention how long finished snapshots are kept, positive
   * @return how many rows were deleted
   * @throws IllegalArgumentException if the retention is zero or negative
   */
  public int pruneFinished(Duration retention) {
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive but was " + retention);
    }
    long cutoff = Math.multiplyExact(clock.wallTimeMillis() - retention.toMillis(), 1000L);
    try (Connection connection = database.connection(table, "prune");
        PreparedStatement statement = connection.prepareStatement(prune)) {
      statement.setBoolean(1, true);
      statement.setLong(2, cutoff);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw Failures.store(table, "prune", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcProgressStore[" + table + "]";
  }
}
