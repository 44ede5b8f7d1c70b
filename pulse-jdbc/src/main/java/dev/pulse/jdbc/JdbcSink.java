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
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TransactionalSink} that upserts canonical entities into their table of a {@link
 * JdbcDatabase} and, in {@link #writeAndAdvance}, advances the scope's watermark in the same
 * transaction, so stored rows and watermark never disagree: a crash at any instant either keeps
 * both or neither.
 *
 * <p>Each row is keyed by (tenant, source, natural key) — the source is the batch's scope source,
 * e.g. {@code jira} — which is exactly the table's primary key, so re-delivering a batch changes
 * nothing. A row is never replaced by an older version of itself (a lower {@code updatedAt}). On
 * PostgreSQL a batch goes to the database as one upsert statement with each column bound as an
 * array ({@code unnest}; split only past 32,000 rows' worth of values), and an issue batch's
 * transitions, for the issues whose transitions changed, as one statement (their upsert and trim),
 * so a write costs a few round trips whatever its size and needs no driver setting; on SQLite,
 * which has no round trips, the rows go as multi-row statements of up to 50 rows inside the one
 * transaction, and changed transitions one prepared statement run per row. Whether an issue's
 * transitions changed is told by a digest of them kept in the issue row ({@link
 * TransitionsDigest}), compared with the digest of the new ones; where no digest is stored, the
 * transitions are replaced exactly (equal rows are left alone). Within a batch, duplicates of one
 * key are reduced to the latest version, and rows are written in key order so that concurrent
 * writers of overlapping batches lock rows in the same order and cannot deadlock. An issue's status
 * transitions are replaced together with the issue, and only where this version of the issue was
 * stored (the upsert tells which ones).
 *
 * <p>Thread-safe: each call borrows its own connection. Failures are {@link SinkException}s naming
 * the table and operation and never a bound value; nothing was stored and the watermark did not
 * move.
 *
 * @param <T> the entity type
 */
public final class JdbcSink<T> implements TransactionalSink<T> {
  /**
   * Bound values per statement at most: under SQLite's default limit (32,766) and PostgreSQL's
   * (65,535).
   */
  static final int MAX_PARAMETERS = 32_000;

  /**
   * Rows per SQLite upsert statement at most: past a few dozen, longer statements save nothing
   * more, and cost more to prepare for the batch's last, shorter one.
   */
  static final int SQLITE_ROWS_PER_STATEMENT = 50;

  /**
   * The PostgreSQL issue upsert's digest column: bound as the complement of the new digest, set on
   * conflict to the new digest if the stored one was it (in either form), else to NULL (see {@link
   * #upsertArrays}).
   */
  private static final EntityTable.SinkColumn POSTGRESQL_DIGEST =
      new EntityTable.SinkColumn(
          "transitions_digest",
          "int8",
          "CASE WHEN t.transitions_digest = excluded.transitions_digest"
              + " OR t.transitions_digest = ~excluded.transitions_digest"
              + " THEN ~excluded.transitions_digest END");

  private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final JdbcWatermarkStore watermarks;
  private final JdbcDatabase database;
  private final EntityTable<T> table;
  private final String tableName;
  private final @Nullable Transitions transitions;

  /** PostgreSQL only: the element type of each column's array, read once from the table. */
  private volatile @Nullable List<String> arrayTypes;

  private JdbcSink(JdbcWatermarkStore watermarks, EntityTable<T> table) {
    this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
    this.database = watermarks.database();
    this.table = table;
    this.tableName = database.names().bare(table.name());
    this.transitions =
        table == EntityTable.ISSUES ? new Transitions(database.names(), database.dialect()) : null;
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
        Transitions issueTransitions = transitions;
        long @Nullable [] digests = null;
        if (issueTransitions != null) {
          digests = new long[rows.size()];
          TransitionsDigest digest = new TransitionsDigest();
          for (int i = 0; i < rows.size(); i++) {
            // transitions is set only for the issues table, whose rows are issues
            digests[i] = digest.of(((Issue) rows.get(i)).transitions());
          }
        }
        Map<String, @Nullable Long> written = upsert(connection, key, rows, digests);
        if (issueTransitions != null && digests != null && !written.isEmpty()) {
          operation = "replace transitions";
          List<Issue> changed = new ArrayList<>();
          List<Issue> unset = new ArrayList<>();
          List<Long> unsetDigests = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            Issue issue = (Issue) rows.get(i);
            if (!written.containsKey(issue.key())) {
              continue;
            }
            // The digest the issue row held before (SQLite) or holds after the upsert
            // (PostgreSQL; see upsertArrays): equal to the new one, the stored transitions are
            // these already. Otherwise (another, or none: a new row, one stored before V7 or
            // edited by hand) they are replaced exactly, and on PostgreSQL an updated row is
            // given its digest (an inserted row has it, inverted).
            Long stored = written.get(issue.key());
            if (stored == null || stored != digests[i]) {
              changed.add(issue);
              if (dialect == Dialect.POSTGRESQL && (stored == null || stored != ~digests[i])) {
                unset.add(issue);
                unsetDigests.add(digests[i]);
              }
            }
          }
          issueTransitions.replace(connection, key, changed, unset, unsetDigests, dialect);
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

  /**
   * Upserts the rows. With {@code digests} (issues: each row's {@link TransitionsDigest}, in row
   * order), returns the natural keys of the rows it inserted or replaced, leaving out those whose
   * stored version is newer, each mapped to a transitions digest that tells whether the stored
   * transitions are known to be the row's: on SQLite the digest its issue row held before this
   * write (null where none), read just before the upsert under the write lock {@code BEGIN
   * IMMEDIATE} took for the whole transaction; on PostgreSQL what the upsert returns ({@link
   * #upsertArrays}), under the row lock it holds from then on. Either way no other writer can
   * change the issue or its transitions before commit.
   */
  private Map<String, @Nullable Long> upsert(
      Connection connection, ScopeId key, List<T> rows, long @Nullable [] digests)
      throws SQLException {
    Map<String, @Nullable Long> written = digests != null ? new HashMap<>() : Map.of();
    if (database.dialect() == Dialect.SQLITE) {
      upsertValues(connection, key, rows, digests, written);
      return written;
    }
    int chunk = MAX_PARAMETERS / (3 + table.parametersPerRow());
    for (int from = 0; from < rows.size(); from += chunk) {
      List<T> part = rows.subList(from, Math.min(rows.size(), from + chunk));
      upsertArrays(connection, key, part, digests, from, written);
    }
    return written;
  }

  /**
   * The SQLite upsert: statements of up to {@link #SQLITE_ROWS_PER_STATEMENT} rows each, a
   * multi-row {@code VALUES} ({@link EntityTable#upsertSql}). Each statement run costs sqlite-jdbc
   * a fixed amount of work besides SQLite's row work (execute, reset, change count), and each bound
   * value a native call: sharing the run over many rows, and binding tenant, source and scope key
   * once per statement instead of once per row, takes about a third off a batch's upsert (see
   * docs/benchmarks.md). The full-size statement is prepared once per batch, the remainder's once;
   * a one-row batch runs the one-row statement. With {@code digests}, each issue row is written
   * with its new digest, after the digests stored before were read ({@link
   * Transitions#storedDigests}).
   *
   * <p>A statement's change count tells which rows it wrote only when it wrote them all (the usual
   * case: a batch is newer than what is stored). Otherwise, with {@code digests}, its rows are run
   * again one by one: that is idempotent (each row it wrote is now stored as given, and rewriting
   * it changes nothing but counts as written; each row it left alone is still older than the stored
   * one), so each run's count says whether the row is stored as given.
   */
  private void upsertValues(
      Connection connection,
      ScopeId key,
      List<T> rows,
      long @Nullable [] digests,
      Map<String, @Nullable Long> written)
      throws SQLException {
    Transitions issueTransitions = transitions;
    @Nullable Long[] before =
        digests != null && issueTransitions != null
            ? issueTransitions.storedDigests(connection, key, rows.size(), i -> (Issue) rows.get(i))
            : new Long[0];
    // SQLite reads the digests before, so the upsert simply stores the new ones.
    Upsert upsert = new Upsert(key, rows, digests, before, written);
    int full = Math.min(SQLITE_ROWS_PER_STATEMENT, (MAX_PARAMETERS - 3) / upsert.stride);
    int fullParts = rows.size() / full;
    List<Integer> missed = new ArrayList<>();
    if (fullParts > 0) {
      try (PreparedStatement statement = connection.prepareStatement(upsert.sql(full))) {
        for (int part = 0; part < fullParts; part++) {
          upsert.run(statement, part * full, full, missed);
        }
      }
    }
    int rest = rows.size() - fullParts * full;
    if (rest > 0) {
      try (PreparedStatement statement = connection.prepareStatement(upsert.sql(rest))) {
        upsert.run(statement, rows.size() - rest, rest, missed);
      }
    }
    if (digests != null && !missed.isEmpty()) {
      try (PreparedStatement statement = connection.prepareStatement(upsert.sql(1))) {
        for (int row : missed) {
          // No change: the stored row is newer and was left alone.
          if (upsert.run(statement, row, 1, null) > 0) {
            upsert.written(row);
          }
        }
      }
    }
  }

  /** One SQLite upsert of a batch's rows: its statements' text, binding and result. */
  private final class Upsert {
    private final ScopeId key;
    private final List<T> rows;
    private final long @Nullable [] digests;
    private final @Nullable Long[] before;
    private final Map<String, @Nullable Long> written;

    /** Parameters per row: the entity's columns, then the digest for issues. */
    final int stride;

    Upsert(
        ScopeId key,
        List<T> rows,
        long @Nullable [] digests,
        @Nullable Long[] before,
        Map<String, @Nullable Long> written) {
      this.key = key;
      this.rows = rows;
      this.digests = digests;
      this.before = before;
      this.written = written;
      this.stride = table.parametersPerRow() + (digests != null ? 1 : 0);
    }

    String sql(int count) {
      return table.upsertSql(
          database.names(),
          count,
          digests != null
              ? List.of(
                  new EntityTable.SinkColumn(
                      "transitions_digest", "int8", "excluded.transitions_digest"))
              : List.of());
    }

    /**
     * Runs {@code statement} on the {@code count} rows from {@code first} and returns its change
     * count; with {@code missed} and digests, records them all as written if it wrote them all,
     * else adds them to {@code missed}.
     */
    int run(PreparedStatement statement, int first, int count, @Nullable List<Integer> missed)
        throws SQLException {
      statement.setString(1, key.tenant());
      statement.setString(2, key.scope().source());
      statement.setString(3, key.scope().toString());
      int perRow = table.parametersPerRow();
      long[] rowDigests = digests;
      for (int row = 0; row < count; row++) {
        int parameter = 4 + row * stride;
        table.bind(statement, parameter, rows.get(first + row));
        if (rowDigests != null) {
          statement.setLong(parameter + perRow, rowDigests[first + row]);
        }
      }
      int changed = statement.executeUpdate();
      if (rowDigests != null && missed != null) {
        for (int row = first; row < first + count; row++) {
          if (changed < count) {
            missed.add(row);
          } else {
            written(row);
          }
        }
      }
      return changed;
    }

    void written(int row) {
      written.put(table.naturalKey(rows.get(row)), before[row]);
    }
  }

  /**
   * The PostgreSQL upsert: one statement of fixed text whatever the batch size, each column bound
   * as one array. Much cheaper to parse, plan and bind than a multi-row {@code VALUES} with a
   * parameter per value, and prepared once per connection.
   *
   * <p>With {@code digests} (issues), it also writes {@code transitions_digest} and returns each
   * written row's key and that column as it left it, which says, under the row lock the upsert
   * holds from then on, how the stored transitions relate to the new ones ({@code D} the new
   * digest, {@code ~D} its bitwise complement):
   *
   * <ul>
   *   <li>{@code ~D}: the row was inserted. An insert stores the complement, which the sink reads
   *       as {@code D} too, because RETURNING shows only the row after the statement: storing
   *       {@code D} itself would make an insert look like an update with unchanged transitions, and
   *       storing nothing would cost an insert a second write of its row. Its transitions are
   *       written next, so the complement is true at commit.
   *   <li>{@code D}: the row was updated and held {@code D} or {@code ~D}: its stored transitions
   *       are these already.
   *   <li>NULL: the row was updated and held another digest or none (stored before V7, or cleared
   *       after a hand edit): its transitions are replaced and its digest set.
   * </ul>
   */
  private void upsertArrays(
      Connection connection,
      ScopeId key,
      List<T> rows,
      long @Nullable [] digests,
      int offset,
      Map<String, @Nullable Long> written)
      throws SQLException {
    List<String> types = arrayTypes(connection);
    List<List<@Nullable Object>> columns = table.columnValues(rows);
    String sql =
        table.unnestUpsertSql(
            database.names(),
            types,
            digests != null ? List.of(POSTGRESQL_DIGEST) : List.of(),
            digests != null);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, key.tenant());
      statement.setString(2, key.scope().source());
      statement.setString(3, key.scope().toString());
      for (int c = 0; c < columns.size(); c++) {
        statement.setArray(4 + c, array(connection, types.get(c), columns.get(c)));
      }
      if (digests == null) {
        statement.executeUpdate();
        return;
      }
      Long[] inverted = new Long[rows.size()];
      for (int row = 0; row < rows.size(); row++) {
        inverted[row] = ~digests[offset + row];
      }
      statement.setArray(4 + columns.size(), connection.createArrayOf("int8", inverted));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          long digest = result.getLong(2);
          written.put(result.getString(1), result.wasNull() ? null : digest);
        }
      }
    }
  }

  /**
   * The values as a PostgreSQL array of {@code type}, in a Java array of the element class the
   * driver sends in binary (text, int4, int8, float8, bool): the server then reads each element as
   * it is instead of parsing the quoted text of the whole array. Other types go as text.
   */
  static java.sql.Array array(Connection connection, String type, List<@Nullable Object> values)
      throws SQLException {
    int n = values.size();
    @Nullable Object[] typed =
        switch (type) {
          case "text", "varchar" -> new String[n];
          case "int8" -> new Long[n];
          case "int4" -> new Integer[n];
          case "float8" -> new Double[n];
          case "bool" -> new Boolean[n];
          default -> new Object[n];
        };
    for (int i = 0; i < n; i++) {
      @Nullable Object value = values.get(i);
      typed[i] =
          value == null
              ? null
              : switch (type) {
                // bind captures setLong, setInt or setDouble as their boxes; unify each column
                case "int8" -> ((Number) value).longValue();
                case "int4" -> ((Number) value).intValue();
                case "float8" -> ((Number) value).doubleValue();
                default -> value;
              };
    }
    return connection.createArrayOf(type, typed);
  }

  private List<String> arrayTypes(Connection connection) throws SQLException {
    List<String> types = arrayTypes;
    if (types != null) {
      return types;
    }
    String sql =
        "SELECT "
            + String.join(", ", table.columns())
            + " FROM "
            + database.names().table(table.name())
            + " WHERE 1 = 0";
    List<String> read = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      ResultSetMetaData meta = result.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String type = meta.getColumnTypeName(i);
        // The names go into the statement's text: only plain catalog type names are accepted.
        if (!TYPE_NAME.matcher(type).matches()) {
          throw new SQLException("unexpected column type " + type, "42804");
        }
        read.add(type);
      }
    }
    types = List.copyOf(read);
    arrayTypes = types;
    return types;
  }

  /**
   * One row per natural key, the latest by {@code updatedAt} (the later in the batch on a tie),
   * ordered by key: one upsert statement may touch each row once only, and a fixed lock order keeps
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
   * Replaces the transitions of issues whose given version the upsert just stored and whose
   * transitions are not known to equal the stored ones: an upsert that writes only the transitions
   * that are new or changed, and a delete of the ones past each issue's new count, exact whatever
   * is stored. Which issues need it is decided by the {@link TransitionsDigest} kept in each issue
   * row ({@code transitions_digest}): an issue whose digest before this write equals the digest of
   * its new transitions has them stored already (the usual case: a newer version of an issue keeps
   * its transitions), so it costs no read and no write of the transitions table. An issue without a
   * digest before (new, stored before V7, or edited by hand) is replaced exactly, which leaves
   * equal rows alone. On PostgreSQL the upsert, the delete and the setting of the new digests are
   * one statement of fixed text with the columns bound as arrays (the delete and the digests in
   * {@code WITH} clauses); on SQLite, where a statement costs no round trip and the issue upsert
   * wrote the digest, each is one prepared statement run per row.
   *
   * <p>Why the digest can be trusted: the sink changes an issue's transitions only in the
   * transaction that stored that issue row, and sets the row's digest to theirs in the same
   * transaction, so at every commit a digest is either null or the digest of the stored transitions
   * (on PostgreSQL possibly as its complement: see {@link JdbcSink#upsertArrays}). The digest
   * compared is read where no other writer can change the issue or its transitions until commit: on
   * PostgreSQL returned by the issue upsert, which holds the row lock from then on (a concurrent
   * writer of the same issue waits for commit, then its own upsert sees the digest this one set);
   * on SQLite under the write lock {@code BEGIN IMMEDIATE} took.
   *
   * <p>On PostgreSQL every read of a table is a correlated subquery kept apart from the outer query
   * by {@code OFFSET 0}, so each is an index lookup by the full key per issue or transition
   * whatever the planner estimates: as joins, an estimate of one row for a tenant's and source's
   * transitions (a freshly filled table) made the planner hash all of them for each batch (2.8 ms
   * of server CPU for a single issue). The trim deletes the rows it found, and the digest update
   * updates the issue rows it found, by their {@code ctid}, which cannot move meanwhile (the issue
   * locks).
   */
  private static final class Transitions {
    private static final String COLUMNS =
        "tenant, source, issue_key, seq, status, raw_status, entered_us, exited_us";
    private final String table;
    private final String replaceArrays;
    private final String trimOne;
    private final String readDigestsJson;

    Transitions(Names names, Dialect dialect) {
      this.table = names.table("issue_transitions");
      String issues = names.table("issues");
      this.replaceArrays =
          "WITH trimmed AS (DELETE FROM "
              + table
              + " WHERE ctid = ANY(ARRAY(SELECT x.ctid FROM unnest(?::text[], ?::int4[])"
              + " AS k(issue_key, kept) CROSS JOIN LATERAL (SELECT ctid FROM "
              + table
              + " x WHERE x.tenant = ? AND x.source = ? AND x.issue_key = k.issue_key"
              + " AND x.seq >= k.kept OFFSET 0) x))), digests AS (UPDATE "
              + issues
              + " AS i SET transitions_digest = d.digest FROM (SELECT x.ctid AS row_id, k.digest"
              + " FROM unnest(?::text[], ?::int8[]) AS k(issue_key, digest) CROSS JOIN LATERAL"
              + " (SELECT ctid FROM "
              + issues
              + " x WHERE x.tenant = ? AND x.source = ? AND x.issue_key = k.issue_key OFFSET 0) x)"
              + " d WHERE i.ctid = d.row_id)"
              + " INSERT INTO "
              + table
              + " AS t ("
              + COLUMNS
              + ") SELECT ?, ?, u.* FROM unnest(?::text[], ?::int4[], ?::text[], ?::text[],"
              + " ?::int8[], ?::int8[]) AS u(issue_key, seq, status, raw_status, entered_us,"
              + " exited_us) WHERE NOT EXISTS (SELECT 1 FROM "
              + table
              + " s WHERE s.tenant = ? AND s.source = ? AND s.issue_key = u.issue_key"
              + " AND s.seq = u.seq AND s.status = u.status AND s.raw_status = u.raw_status"
              + " AND s.entered_us = u.entered_us AND s.exited_us IS NOT DISTINCT FROM u.exited_us"
              + " OFFSET 0)"
              + onConflict(dialect);
      // SQLite: the keys as one JSON array; CROSS JOIN keeps it the outer loop (one index lookup
      // per key).
      this.readDigestsJson =
          "SELECT k.key, x.transitions_digest FROM json_each(?) AS k CROSS JOIN "
              + issues
              + " x WHERE x.tenant = ? AND x.source = ? AND x.issue_key = k.value";
      this.trimOne =
          "DELETE FROM "
              + table
              + " WHERE tenant = ? AND source = ? AND issue_key = ? AND seq >= ?";
    }

    private static String onConflict(Dialect dialect) {
      StringBuilder sql =
          new StringBuilder(
              " ON CONFLICT (tenant, source, issue_key, seq) DO UPDATE SET status = excluded.status,"
                  + " raw_status = excluded.raw_status, entered_us = excluded.entered_us,"
                  + " exited_us = excluded.exited_us WHERE ");
      String[] columns = {"status", "raw_status", "entered_us", "exited_us"};
      for (int i = 0; i < columns.length; i++) {
        sql.append(i == 0 ? "" : " OR ")
            .append(dialect.distinct("t." + columns[i], "excluded." + columns[i]));
      }
      return sql.toString();
    }

    /**
     * SQLite only: the transitions digest stored in the row of each of {@code count} issues (by
     * index), null where there is no row or no digest; one read, an index lookup by the full key
     * per issue.
     */
    @Nullable Long[] storedDigests(
        Connection connection, ScopeId key, int count, IntFunction<Issue> issues)
        throws SQLException {
      @Nullable Long[] stored = new Long[count];
      List<String> keys = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        keys.add(issues.apply(i).key());
      }
      try (PreparedStatement statement = connection.prepareStatement(readDigestsJson)) {
        statement.setString(1, JsonStrings.encode(keys));
        statement.setString(2, key.tenant());
        statement.setString(3, key.scope().source());
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            int i = rows.getInt(1);
            long digest = rows.getLong(2);
            stored[i] = rows.wasNull() ? null : digest;
          }
        }
      }
      return stored;
    }

    /**
     * Replaces the transitions of {@code issues} exactly, in key order (as the upsert's, for the
     * row locks), and on PostgreSQL sets the digests of the issue rows {@code unset} to {@code
     * digests}, in the same order (the SQLite upsert wrote every digest already).
     */
    void replace(
        Connection connection,
        ScopeId key,
        List<Issue> issues,
        List<Issue> unset,
        List<Long> digests,
        Dialect dialect)
        throws SQLException {
      if (issues.isEmpty()) {
        return;
      }
      if (dialect == Dialect.POSTGRESQL) {
        replaceArrays(connection, key, issues, unset, digests);
        return;
      }
      List<Issue> owners = new ArrayList<>();
      List<Integer> seqs = new ArrayList<>();
      for (Issue issue : issues) {
        for (int seq = 0; seq < issue.transitions().size(); seq++) {
          owners.add(issue);
          seqs.add(seq);
        }
      }
      upsertRows(connection, key, owners, seqs, dialect);
      trimRows(connection, key, issues);
    }

    private void replaceArrays(
        Connection connection,
        ScopeId key,
        List<Issue> issues,
        List<Issue> unset,
        List<Long> digests)
        throws SQLException {
      List<Issue> owners = new ArrayList<>();
      List<Integer> seqs = new ArrayList<>();
      for (Issue issue : issues) {
        for (int seq = 0; seq < issue.transitions().size(); seq++) {
          owners.add(issue);
          seqs.add(seq);
        }
      }
      // typed arrays: the driver sends them in binary (see array(...))
      String[] issueKeys = new String[issues.size()];
      Integer[] kept = new Integer[issues.size()];
      for (int i = 0; i < issues.size(); i++) {
        issueKeys[i] = issues.get(i).key();
        int count = issues.get(i).transitions().size();
        kept[i] = count;
      }
      int n = owners.size();
      String[] keys = new String[n];
      String[] statuses = new String[n];
      String[] raw = new String[n];
      Long[] entered = new Long[n];
      @Nullable Long[] exited = new Long[n];
      for (int row = 0; row < n; row++) {
        Issue issue = owners.get(row);
        StatusTransition transition = issue.transitions().get(seqs.get(row));
        keys[row] = issue.key();
        statuses[row] = transition.status().name();
        raw[row] = transition.rawStatus();
        entered[row] = Rows.micros(transition.enteredAt());
        Instant exitedAt = transition.exitedAt();
        exited[row] = exitedAt == null ? null : Rows.micros(exitedAt);
      }
      try (PreparedStatement statement = connection.prepareStatement(replaceArrays)) {
        String[] unsetKeys = new String[unset.size()];
        for (int u = 0; u < unsetKeys.length; u++) {
          unsetKeys[u] = unset.get(u).key();
        }
        int i = 1;
        statement.setArray(i++, connection.createArrayOf("text", issueKeys));
        statement.setArray(i++, connection.createArrayOf("int4", kept));
        statement.setString(i++, key.tenant());
        statement.setString(i++, key.scope().source());
        statement.setArray(i++, connection.createArrayOf("text", unsetKeys));
        statement.setArray(i++, connection.createArrayOf("int8", digests.toArray(new Long[0])));
        statement.setString(i++, key.tenant());
        statement.setString(i++, key.scope().source());
        statement.setString(i++, key.tenant());
        statement.setString(i++, key.scope().source());
        statement.setArray(i++, connection.createArrayOf("text", keys));
        statement.setArray(i++, connection.createArrayOf("int4", seqs.toArray(new Integer[0])));
        statement.setArray(i++, connection.createArrayOf("text", statuses));
        statement.setArray(i++, connection.createArrayOf("text", raw));
        statement.setArray(i++, connection.createArrayOf("int8", entered));
        statement.setArray(i++, connection.createArrayOf("int8", exited));
        statement.setString(i++, key.tenant());
        statement.setString(i, key.scope().source());
        statement.executeUpdate();
      }
    }

    private void upsertRows(
        Connection connection, ScopeId key, List<Issue> owners, List<Integer> seqs, Dialect dialect)
        throws SQLException {
      String sql =
          "INSERT INTO "
              + table
              + " AS t ("
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
              + onConflict(dialect);
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int row = 0; row < owners.size(); row++) {
          Issue issue = owners.get(row);
          int seq = seqs.get(row);
          StatusTransition transition = issue.transitions().get(seq);
          statement.setString(1, key.tenant());
          statement.setString(2, key.scope().source());
          statement.setString(3, issue.key());
          statement.setInt(4, seq);
          statement.setString(5, transition.status().name());
          statement.setString(6, transition.rawStatus());
          Rows.setInstant(statement, 7, transition.enteredAt());
          Rows.setInstant(statement, 8, transition.exitedAt());
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }

    private void trimRows(Connection connection, ScopeId key, List<Issue> issues)
        throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(trimOne)) {
        for (Issue issue : issues) {
          statement.setString(1, key.tenant());
          statement.setString(2, key.scope().source());
          statement.setString(3, issue.key());
          statement.setInt(4, issue.transitions().size());
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }
  }
}
