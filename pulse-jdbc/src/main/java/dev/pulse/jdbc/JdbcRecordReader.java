package dev.pulse.jdbc;

import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.PullRequest;
import dev.pulse.model.Sprint;
import dev.pulse.model.StatusTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads stored records back for metrics and status, as streams over a database cursor: memory stays
 * bounded by the fetch size however many rows match, so DORA and flow can be computed over millions
 * of stored records.
 *
 * <p>Every stream holds a connection (and on PostgreSQL an open read transaction, which server-side
 * cursors need) until it is closed: always use try-with-resources. Records come in the order of
 * their window column (deployment start, creation otherwise), then by natural key. Thread-safe;
 * each stream is for one thread. Failures are {@link dev.pulse.StoreException}s naming the table
 * and operation.
 *
 * <p>Issues come with their transitions from one joined query that carries each issue's own columns
 * on its first row only (no transitions, or transition 0: the sink numbers every issue's
 * transitions from 0), so they are sent and sorted once, not once per transition; an issue whose
 * stored transitions do not start at 0 (a table not written by the sink) fails the read.
 */
public final class JdbcRecordReader {
  /** The default number of rows fetched per round trip. */
  public static final int DEFAULT_FETCH_SIZE = 1_000;

  private final JdbcDatabase database;
  private final int fetchSize;

  /**
   * Creates a reader with the default fetch size.
   *
   * @param database the database
   */
  public JdbcRecordReader(JdbcDatabase database) {
    this(database, DEFAULT_FETCH_SIZE);
  }

  /**
   * Creates a reader.
   *
   * @param database the database
   * @param fetchSize rows per round trip, {@code >= 1}
   * @throws IllegalArgumentException if the fetch size is below 1
   */
  public JdbcRecordReader(JdbcDatabase database, int fetchSize) {
    this.database = Objects.requireNonNull(database, "database");
    if (fetchSize < 1) {
      throw new IllegalArgumentException("fetchSize must be >= 1 but was " + fetchSize);
    }
    this.fetchSize = fetchSize;
  }

  /**
   * Streams the deployments that started within the window.
   *
   * @param query the tenant, window and filters
   * @return the deployments; close the stream
   */
  public Stream<Deployment> deployments(RecordQuery query) {
    return stream(
        EntityTable.DEPLOYMENTS,
        query,
        "r.started_us >= ? AND r.started_us < ?",
        true,
        "r.started_us, r.source, r.repository, r.environment, r.build_id",
        false);
  }

  /**
   * Streams the pull requests open at some time in the window.
   *
   * @param query the tenant, window and filters
   * @return the pull requests; close the stream
   */
  public Stream<PullRequest> pullRequests(RecordQuery query) {
    return stream(
        EntityTable.PULL_REQUESTS,
        query,
        "r.created_us < ? AND (COALESCE(r.merged_us, r.closed_us) IS NULL"
            + " OR COALESCE(r.merged_us, r.closed_us) >= ?)",
        false,
        "r.created_us, r.source, r.repository, r.number",
        false);
  }

  /**
   * Streams the issues, with their status transitions, not completed before the window's start and
   * created before its end. A report with sprint figures needs, for a sprint that finished in the
   * window but began before it, the issues that sprint completed before the window: query from the
   * sprint's start for those.
   *
   * @param query the tenant, window and scope; a repository filter is not supported
   * @return the issues; close the stream
   */
  public Stream<Issue> issues(RecordQuery query) {
    return stream(
        EntityTable.ISSUES,
        query,
        "r.created_us < ? AND (r.completed_us IS NULL OR r.completed_us >= ?)",
        false,
        "r.created_us, r.source, r.issue_key, x.seq",
        true);
  }

  /**
   * Streams the incidents open at some time in the window.
   *
   * @param query the tenant, window and scope; a repository filter is not supported
   * @return the incidents; close the stream
   */
  public Stream<Incident> incidents(RecordQuery query) {
    return stream(
        EntityTable.INCIDENTS,
        query,
        "r.created_us < ? AND (r.resolved_us IS NULL OR r.resolved_us >= ?)",
        false,
        "r.created_us, r.source, r.incident_id",
        false);
  }

  /**
   * Streams the sprints running at some time in the window (sprints without dates included).
   *
   * @param query the tenant, window and scope; a repository filter is not supported
   * @return the sprints; close the stream
   */
  public Stream<Sprint> sprints(RecordQuery query) {
    return stream(
        EntityTable.SPRINTS,
        query,
        "(r.started_us IS NULL OR r.started_us < ?) AND (COALESCE(r.completed_us, r.ended_us)"
            + " IS NULL OR COALESCE(r.completed_us, r.ended_us) >= ?)",
        false,
        "r.started_us, r.source, r.sprint_id",
        false);
  }

  private <T> Stream<T> stream(
      EntityTable<T> table,
      RecordQuery query,
      String window,
      boolean fromFirst,
      String order,
      boolean withTransitions) {
    Objects.requireNonNull(query, "query");
    boolean hasRepository = table == EntityTable.DEPLOYMENTS || table == EntityTable.PULL_REQUESTS;
    if (query.repository() != null && !hasRepository) {
      throw new IllegalArgumentException(
          "a repository filter applies to deployments and pull requests only, not " + table.name());
    }
    Names names = database.names();
    String tableName = names.bare(table.name());
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(
                // An issue's columns travel (and are sorted) once, on its first transition's row.
                withTransitions
                    ? table.selectColumnsOnce("r", "x.seq > 0")
                    : table.selectColumns("r"));
    if (withTransitions) {
      sql.append(
          ", x.seq AS x_seq, x.status AS x_status, x.raw_status AS x_raw_status,"
              + " x.entered_us AS x_entered_us, x.exited_us AS x_exited_us");
    }
    sql.append(" FROM ").append(names.table(table.name())).append(" r");
    if (withTransitions) {
      sql.append(" LEFT JOIN ")
          .append(names.table("issue_transitions"))
          .append(
              " x ON x.tenant = r.tenant AND x.source = r.source AND x.issue_key = r.issue_key");
    }
    sql.append(" WHERE r.tenant = ? AND ").append(window);
    if (query.scope() != null) {
      sql.append(" AND r.scope_key = ?");
    }
    if (query.repository() != null) {
      sql.append(" AND r.repository = ?");
    }
    sql.append(" ORDER BY ").append(order);

    Connection connection = database.connection(tableName, "read");
    try {
      if (database.dialect() == Dialect.POSTGRESQL) {
        // pgjdbc fetches in chunks only inside a transaction; otherwise it buffers every row.
        connection.setAutoCommit(false);
      }
      PreparedStatement statement = connection.prepareStatement(sql.toString());
      statement.setFetchSize(fetchSize);
      int i = 1;
      statement.setString(i++, query.tenant());
      long from = Rows.micros(query.from());
      long to = Rows.micros(query.to());
      statement.setLong(i++, fromFirst ? from : to);
      statement.setLong(i++, fromFirst ? to : from);
      if (query.scope() != null) {
        statement.setString(i++, Objects.requireNonNull(query.scope()).toString());
      }
      if (query.repository() != null) {
        statement.setString(i, Objects.requireNonNull(query.repository()));
      }
      ResultSet rows = statement.executeQuery();
      Iterator<T> iterator =
          withTransitions
              ? new IssueIterator<>(rows, table, tableName)
              : new RowIterator<>(rows, table, tableName);
      return StreamSupport.stream(
              Spliterators.spliteratorUnknownSize(
                  iterator, Spliterator.ORDERED | Spliterator.NONNULL),
              false)
          .onClose(() -> close(connection, statement, rows, tableName));
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof SQLException sql1) {
        throw Failures.store(tableName, "read", sql1);
      }
      throw (RuntimeException) e;
    }
  }

  private void close(
      Connection connection, PreparedStatement statement, ResultSet rows, String table) {
    try (connection;
        statement;
        rows) {
      if (database.dialect() == Dialect.POSTGRESQL) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Failures.store(table, "close read", e);
    }
  }

  private static class RowIterator<T> implements Iterator<T> {
    final ResultSet rows;
    final EntityTable<T> table;
    final String tableName;
    private boolean advanced;
    private boolean hasRow;

    RowIterator(ResultSet rows, EntityTable<T> table, String tableName) {
      this.rows = rows;
      this.table = table;
      this.tableName = tableName;
    }

    /** Moves the cursor once per element; returns whether a row is under it. */
    boolean peek() {
      if (!advanced) {
        try {
          hasRow = rows.next();
        } catch (SQLException e) {
          throw Failures.store(tableName, "read", e);
        }
        advanced = true;
      }
      return hasRow;
    }

    void consumed() {
      advanced = false;
    }

    @Override
    public boolean hasNext() {
      return peek();
    }

    @Override
    public T next() {
      if (!peek()) {
        throw new NoSuchElementException();
      }
      try {
        T item = table.read(rows);
        consumed();
        return item;
      } catch (SQLException e) {
        throw Failures.store(tableName, "read", e);
      }
    }
  }

  /** Groups the joined rows of one issue (one per transition, or one without) into the issue. */
  private static final class IssueIterator<T> extends RowIterator<T> {
    IssueIterator(ResultSet rows, EntityTable<T> table, String tableName) {
      super(rows, table, tableName);
    }

    @Override
    public T next() {
      if (!peek()) {
        throw new NoSuchElementException();
      }
      try {
        int firstSeq = rows.getInt("x_seq");
        if (!rows.wasNull() && firstSeq != 0) {
          // The sink numbers an issue's transitions from 0; only that row carries the issue.
          throw new SQLException("the transitions of an issue do not start at seq 0", "22000");
        }
        Issue.Builder issue = EntityTable.readIssue(rows);
        String source = Rows.requireText(rows, "source");
        String issueKey = Rows.requireText(rows, "issue_key");
        List<StatusTransition> transitions = new ArrayList<>();
        while (true) {
          StatusTransition transition = transition(rows);
          if (transition != null) {
            transitions.add(transition);
          }
          consumed();
          if (!peek()
              || !source.equals(rows.getString("source"))
              || !issueKey.equals(rows.getString("issue_key"))) {
            break;
          }
        }
        @SuppressWarnings("unchecked") // IssueIterator is created for the issues table only
        T result = (T) issue.transitions(transitions).build();
        return result;
      } catch (SQLException e) {
        throw Failures.store(tableName, "read", e);
      }
    }

    private static @Nullable StatusTransition transition(ResultSet rows) throws SQLException {
      rows.getInt("x_seq");
      if (rows.wasNull()) {
        return null;
      }
      return StatusTransition.builder()
          .status(NormalizedStatus.valueOf(Rows.requireText(rows, "x_status")))
          .rawStatus(Rows.requireText(rows, "x_raw_status"))
          .enteredAt(Rows.requireInstant(rows, "x_entered_us"))
          .exitedAt(Rows.instant(rows, "x_exited_us"))
          .build();
    }
  }
}
