package dev.pulse.jdbc;

import dev.pulse.Batch;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.SinkException;
import dev.pulse.Watermark;
import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import dev.pulse.model.Sprint;
import dev.pulse.model.StatusTransition;
import dev.pulse.spi.TransactionalSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TransactionalSink} that upserts canonical entities into their table of a {@link
 * JdbcDatabase} and, in {@link #writeAndAdvance}, advances the scope's watermark in the same
 * transaction, so stored rows and watermark never disagree: a crash at any instant either keeps
 * both or neither.
 *
 * <p>Each row is keyed by (tenant, source, natural key) — the source is the batch's scope source,
 * e.g. {@code jira} — which is exactly the table's primary key, so re-delivering a batch changes
 * nothing. A row is never replaced by an older version of itself (a lower {@code updatedAt}). Rows
 * go to the database as one JDBC batch per write; on PostgreSQL set the driver's {@code
 * reWriteBatchedInserts=true} so the batch travels as multi-row inserts (several times faster).
 * Within a batch, duplicates of one key are reduced to the latest version, and rows are written in
 * key order so that concurrent writers of overlapping batches lock rows in the same order and
 * cannot deadlock. An issue's status transitions are replaced together with the issue.
 *
 * <p>Thread-safe: each call borrows its own connection. Failures are {@link SinkException}s naming
 * the table and operation and never a bound value; nothing was stored and the watermark did not
 * move.
 *
 * @param <T> the entity type
 */
public final class JdbcSink<T> implements TransactionalSink<T> {
  private final JdbcWatermarkStore watermarks;
  private final JdbcDatabase database;
  private final EntityTable<T> table;
  private final String tableName;
  private final String upsert;
  private final @Nullable Transitions transitions;

  private JdbcSink(JdbcWatermarkStore watermarks, EntityTable<T> table) {
    this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
    this.database = watermarks.database();
    this.table = table;
    this.tableName = database.names().bare(table.name());
    this.upsert = table.upsertSql(database.names());
    this.transitions = table == EntityTable.ISSUES ? new Transitions(database.names()) : null;
  }

  /**
   * Returns a sink for issues and their status transitions.
   *
   * @param watermarks the store whose watermarks the sink advances, and the engine reads
   * @return the sink
   */
  public static JdbcSink<Issue> issues(JdbcWatermarkStore watermarks) {
    return new JdbcSink<>(watermarks, EntityTable.ISSUES);
  }

  /**
   * Returns a sink for pull requests, keyed by repository and number.
   *
   * @param watermarks the store whose watermarks the sink advances, and the engine reads
   * @return the sink
   */
  public static JdbcSink<PullRequest> pullRequests(JdbcWatermarkStore watermarks) {
    return new JdbcSink<>(watermarks, EntityTable.PULL_REQUESTS);
  }

  /**
   * Returns a sink for deployments, keyed by repository, environment and build id.
   *
   * @param watermarks the store whose watermarks the sink advances, and the engine reads
   * @return the sink
   */
  public static JdbcSink<Deployment> deployments(JdbcWatermarkStore watermarks) {
    return new JdbcSink<>(watermarks, EntityTable.DEPLOYMENTS);
  }

  /**
   * Returns a sink for sprints, keyed by sprint id.
   *
   * @param watermarks the store whose watermarks the sink advances, and the engine reads
   * @return the sink
   */
  public static JdbcSink<Sprint> sprints(JdbcWatermarkStore watermarks) {
    return new JdbcSink<>(watermarks, EntityTable.SPRINTS);
  }

  /**
   * Returns a sink for incidents, keyed by incident id.
   *
   * @param watermarks the store whose watermarks the sink advances, and the engine reads
   * @return the sink
   */
  public static JdbcSink<Incident> incidents(JdbcWatermarkStore watermarks) {
    return new JdbcSink<>(watermarks, EntityTable.INCIDENTS);
  }

  @Override
  public void write(ScopeId key, Batch<T> batch) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(batch, "batch");
    inTransaction(key, batch, null, 0, null);
  }

  @Override
  public Watermark writeAndAdvance(
      ScopeId key, Batch<T> batch, Position position, long itemsAdded, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(at, "at");
    JdbcWatermarkStore.requireItems(itemsAdded);
    Watermark advanced = inTransaction(key, batch, position, itemsAdded, at);
    return Objects.requireNonNull(advanced, "advanced watermark");
  }

  @Override
  public JdbcWatermarkStore watermarkStore() {
    return watermarks;
  }

  private @Nullable Watermark inTransaction(
      ScopeId key,
      Batch<T> batch,
      @Nullable Position position,
      long itemsAdded,
      @Nullable Instant at) {
    List<T> rows = latestPerKey(batch.items());
    Dialect dialect = database.dialect();
    String operation = "upsert";
    try (Connection connection = database.dataSource().getConnection()) {
      dialect.begin(connection);
      try {
        upsert(connection, key, rows);
        Transitions issueTransitions = transitions;
        if (issueTransitions != null) {
          operation = "replace transitions";
          @SuppressWarnings("unchecked") // transitions is set only for the issues table
          List<Issue> issues = (List<Issue>) rows;
          issueTransitions.replace(connection, key, issues);
        }
        Watermark advanced = null;
        if (position != null && at != null) {
          operation = "advance watermark";
          advanced = watermarks.advance(connection, key, position, itemsAdded, at);
        }
        operation = "commit";
        dialect.commit(connection);
        return advanced;
      } catch (SQLException | RuntimeException e) {
        dialect.rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new SinkException(
          key.scope(),
          operation + " on " + tableName + " failed" + Failures.detail(e),
          Failures.scrub(e));
    }
  }

  private void upsert(Connection connection, ScopeId key, List<T> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(upsert)) {
      for (T row : rows) {
        statement.setString(1, key.tenant());
        statement.setString(2, key.scope().source());
        statement.setString(3, key.scope().toString());
        table.bind(statement, 4, row);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /**
   * One row per natural key, the latest by {@code updatedAt} (the later in the batch on a tie),
   * ordered by key: a multi-row upsert may touch each row once only, and a fixed lock order keeps
   * concurrent writers free of deadlocks.
   */
  private List<T> latestPerKey(List<T> items) {
    Map<String, T> byKey = new TreeMap<>();
    for (T item : items) {
      Objects.requireNonNull(item, "batch items must not be null");
      byKey.merge(table.naturalKey(item), item, (old, next) -> newer(old, next) ? old : next);
    }
    return new ArrayList<>(byKey.values());
  }

  private boolean newer(T old, T next) {
    Instant oldAt = table.updatedAt(old);
    Instant nextAt = table.updatedAt(next);
    return oldAt != null && nextAt != null && oldAt.isAfter(nextAt);
  }

  @Override
  public String toString() {
    return "JdbcSink[" + tableName + "]";
  }

  /**
   * Replaces an issue's transitions, but only where this version of the issue is the stored one.
   */
  private static final class Transitions {
    private final String delete;
    private final String insert;

    Transitions(Names names) {
      String issues = names.table("issues");
      String table = names.table("issue_transitions");
      String current =
          " EXISTS (SELECT 1 FROM "
              + issues
              + " i WHERE i.tenant = ? AND i.source = ? AND i.issue_key = ? AND i.updated_us = ?)";
      this.delete =
          "DELETE FROM "
              + table
              + " WHERE tenant = ? AND source = ? AND issue_key = ? AND"
              + current;
      this.insert =
          "INSERT INTO "
              + table
              + " (tenant, source, issue_key, seq, status, raw_status, entered_us, exited_us)"
              + " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE"
              + current
              + " ON CONFLICT (tenant, source, issue_key, seq) DO NOTHING";
    }

    void replace(Connection connection, ScopeId key, List<Issue> issues) throws SQLException {
      String tenant = key.tenant();
      String source = key.scope().source();
      try (PreparedStatement statement = connection.prepareStatement(delete)) {
        for (Issue issue : issues) {
          statement.setString(1, tenant);
          statement.setString(2, source);
          statement.setString(3, issue.key());
          bindCurrent(statement, 4, tenant, source, issue);
          statement.addBatch();
        }
        statement.executeBatch();
      }
      boolean any = false;
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        for (Issue issue : issues) {
          List<StatusTransition> list = issue.transitions();
          for (int seq = 0; seq < list.size(); seq++) {
            StatusTransition transition = list.get(seq);
            statement.setString(1, tenant);
            statement.setString(2, source);
            statement.setString(3, issue.key());
            statement.setInt(4, seq);
            statement.setString(5, transition.status().name());
            statement.setString(6, transition.rawStatus());
            Rows.setInstant(statement, 7, transition.enteredAt());
            Rows.setInstant(statement, 8, transition.exitedAt());
            bindCurrent(statement, 9, tenant, source, issue);
            statement.addBatch();
            any = true;
          }
        }
        if (any) {
          statement.executeBatch();
        }
      }
    }

    private static void bindCurrent(
        PreparedStatement statement, int first, String tenant, String source, Issue issue)
        throws SQLException {
      statement.setString(first, tenant);
      statement.setString(first + 1, source);
      statement.setString(first + 2, issue.key());
      statement.setLong(first + 3, Rows.micros(issue.updatedAt()));
    }
  }
}
