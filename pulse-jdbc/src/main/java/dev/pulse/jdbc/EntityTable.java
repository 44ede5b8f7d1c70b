package dev.pulse.jdbc;

import static dev.pulse.jdbc.Rows.instant;
import static dev.pulse.jdbc.Rows.nullableLong;
import static dev.pulse.jdbc.Rows.requireInstant;
import static dev.pulse.jdbc.Rows.requireText;
import static dev.pulse.jdbc.Rows.setInstant;
import static dev.pulse.jdbc.Rows.setText;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.model.EffortSource;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintStatus;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one canonical entity maps to its table: the natural-key columns (after tenant and source,
 * exactly the table's primary key), the value columns, binding and reading.
 *
 * @param <T> the entity
 */
abstract class EntityTable<T> {
  static final EntityTable<Issue> ISSUES = new Issues();
  static final EntityTable<PullRequest> PULL_REQUESTS = new PullRequests();
  static final EntityTable<Deployment> DEPLOYMENTS = new Deployments();
  static final EntityTable<Sprint> SPRINTS = new Sprints();
  static final EntityTable<Incident> INCIDENTS = new Incidents();

  private final String name;
  private final List<String> keyColumns;
  private final List<String> valueColumns;

  EntityTable(String name, List<String> keyColumns, List<String> valueColumns) {
    this.name = name;
    this.keyColumns = keyColumns;
    this.valueColumns = valueColumns;
  }

  String name() {
    return name;
  }

  /** The natural key, rendered unambiguously, for de-duplicating and ordering a batch. */
  abstract String naturalKey(T item);

  abstract @Nullable Instant updatedAt(T item);

  /** Binds the key columns, then the value columns, from {@code first}. */
  abstract void bind(PreparedStatement statement, int first, T item) throws SQLException;

  abstract T read(ResultSet rows) throws SQLException;

  /** Parameters per row of {@link #upsertSql} past its first three: one per column. */
  int parametersPerRow() {
    return keyColumns.size() + valueColumns.size();
  }

  /**
   * A column the sink keeps in an entity's row beside the entity's own (bound by the sink after
   * them): its name, its PostgreSQL array element type, and the expression the upsert sets it to on
   * conflict (over {@code t}, the stored row, and {@code excluded}, the proposed one).
   */
  record SinkColumn(String name, String arrayType, String onConflict) {}

  /**
   * The idempotent upsert of {@code rows} rows in one statement (SQLite): a multi-row {@code
   * VALUES} whose every row starts with tenant, source and scope key as the parameters {@code ?1},
   * {@code ?2} and {@code ?3}, bound once, followed by the {@link #columns()}, bound row after row
   * through {@link #bind} from parameter 4, then one parameter per column of {@code sinkColumns}.
   * Keyed by (tenant, source, natural key), exactly the primary key, and never replacing a row with
   * an older version ({@code updated_us} lower than the stored one).
   */
  String upsertSql(Names names, int rows, List<SinkColumn> sinkColumns) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(names.table(name));
    sql.append(" AS t (tenant, source, scope_key");
    columns().forEach(column -> sql.append(", ").append(column));
    sinkColumns.forEach(column -> sql.append(", ").append(column.name()));
    sql.append(") VALUES ");
    // a bare ? is numbered one past the highest number so far: 4, 5, ... after ?3
    String tuple = "(?1, ?2, ?3" + ", ?".repeat(parametersPerRow() + sinkColumns.size()) + ")";
    for (int row = 0; row < rows; row++) {
      sql.append(row == 0 ? "" : ", ").append(tuple);
    }
    conflictClause(sql, sinkColumns);
    return sql.toString();
  }

  private void conflictClause(StringBuilder sql, List<SinkColumn> sinkColumns) {
    sql.append(" ON CONFLICT (tenant, source");
    keyColumns.forEach(column -> sql.append(", ").append(column));
    sql.append(") DO UPDATE SET scope_key = excluded.scope_key");
    valueColumns.forEach(c -> sql.append(", ").append(c).append(" = excluded.").append(c));
    sinkColumns.forEach(
        c -> sql.append(", ").append(c.name()).append(" = ").append(c.onConflict()));
    sql.append(
        " WHERE t.updated_us IS NULL OR excluded.updated_us IS NULL"
            + " OR t.updated_us <= excluded.updated_us");
  }

  /** The natural-key columns, then the value columns: the columns {@link #bind} sets, in order. */
  List<String> columns() {
    List<String> columns = new ArrayList<>(keyColumns);
    columns.addAll(valueColumns);
    return columns;
  }

  /**
   * The PostgreSQL upsert of any number of rows in one statement of fixed text: tenant, source and
   * scope key as scalars, then one array per column of {@link #columns()} (element types {@code
   * arrayTypes}) and of {@code sinkColumns}, expanded by {@code unnest} in array order, so rows
   * keep their key order. Same conflict rule as {@link #upsertSql}; with {@code returning}, it
   * returns the natural key of every row it inserted or replaced, and of no row it left alone,
   * followed by the {@code sinkColumns} as the statement stored them.
   */
  String unnestUpsertSql(
      Names names, List<String> arrayTypes, List<SinkColumn> sinkColumns, boolean returning) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(names.table(name));
    sql.append(" AS t (tenant, source, scope_key");
    columns().forEach(column -> sql.append(", ").append(column));
    sinkColumns.forEach(column -> sql.append(", ").append(column.name()));
    sql.append(") SELECT ?, ?, ?, u.* FROM unnest(");
    List<String> types = new ArrayList<>(arrayTypes);
    sinkColumns.forEach(column -> types.add(column.arrayType()));
    for (int i = 0; i < types.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("?::").append(types.get(i)).append("[]");
    }
    sql.append(") AS u");
    conflictClause(sql, sinkColumns);
    if (returning) {
      sql.append(" RETURNING t.").append(String.join(", t.", keyColumns));
      sinkColumns.forEach(column -> sql.append(", t.").append(column.name()));
    }
    return sql.toString();
  }

  /**
   * Captures the values {@link #bind} sets for each item, column by column: {@code
   * result.get(column).get(row)}, null where it binds SQL NULL.
   */
  List<List<@Nullable Object>> columnValues(List<T> items) throws SQLException {
    int width = keyColumns.size() + valueColumns.size();
    List<List<@Nullable Object>> values = new ArrayList<>(width);
    for (int column = 0; column < width; column++) {
      values.add(new ArrayList<>(items.size()));
    }
    PreparedStatement capture =
        (PreparedStatement)
            Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                  // bind sets every column once per item, in any order: each lands in its row
                  List<@Nullable Object> column = values.get((Integer) args[0] - 1);
                  switch (method.getName()) {
                    case "setString", "setLong", "setInt", "setDouble", "setBoolean" ->
                        column.add(args[1]);
                    case "setNull" -> column.add(null);
                    default -> throw new SQLException("cannot capture " + method.getName());
                  }
                  return null;
                });
    for (T item : items) {
      bind(capture, 1, item);
    }
    return values;
  }

  /** The columns {@link #read} needs, each qualified with {@code alias.}. */
  String selectColumns(String alias) {
    StringBuilder sql = new StringBuilder(alias).append(".source");
    keyColumns.forEach(column -> sql.append(", ").append(alias).append('.').append(column));
    valueColumns.forEach(column -> sql.append(", ").append(alias).append('.').append(column));
    return sql.toString();
  }

  /**
   * The columns {@link #read} needs, each qualified with {@code alias.}, the value columns as SQL
   * NULL (under their own names) on rows where {@code repeated}, a condition of the query, holds:
   * for a join that repeats each row once per joined row, so the repeats carry only the key.
   */
  String selectColumnsOnce(String alias, String repeated) {
    StringBuilder sql = new StringBuilder(alias).append(".source");
    keyColumns.forEach(column -> sql.append(", ").append(alias).append('.').append(column));
    valueColumns.forEach(
        column ->
            sql.append(", CASE WHEN ")
                .append(repeated)
                .append(" THEN NULL ELSE ")
                .append(alias)
                .append('.')
                .append(column)
                .append(" END AS ")
                .append(column));
    return sql.toString();
  }

  private static final class Issues extends EntityTable<Issue> {
    Issues() {
      super(
          "issues",
          List.of("issue_key"),
          List.of(
              "project_key",
              "issue_type",
              "raw_status",
              "status",
              "effort",
              "effort_source",
              "sprint_ids",
              "created_us",
              "started_us",
              "completed_us",
              "updated_us",
              "labels",
              "parent_key",
              "sprint_changes",
              "components"));
    }

    @Override
    String naturalKey(Issue item) {
      return item.key();
    }

    @Override
    Instant updatedAt(Issue item) {
      return item.updatedAt();
    }

    @Override
    void bind(PreparedStatement s, int i, Issue item) throws SQLException {
      s.setString(i++, item.key());
      s.setString(i++, item.projectKey());
      s.setString(i++, item.type().name());
      s.setString(i++, item.rawStatus());
      s.setString(i++, item.status().name());
      Double effort = item.effort();
      if (effort == null) {
        s.setNull(i++, Types.DOUBLE);
      } else {
        s.setDouble(i++, effort);
      }
      s.setString(i++, item.effortSource().name());
      s.setString(i++, JsonStrings.encode(item.sprintIds()));
      setInstant(s, i++, item.createdAt());
      setInstant(s, i++, item.startedAt());
      setInstant(s, i++, item.completedAt());
      setInstant(s, i++, item.updatedAt());
      s.setString(i++, JsonStrings.encode(item.labels()));
      setText(s, i++, item.parentKey());
      s.setString(i++, JsonStrings.encodeSprintChanges(item.sprintChanges()));
      s.setString(i, JsonStrings.encode(item.components()));
    }

    /** Reads the issue without its transitions, which {@link JdbcRecordReader} adds. */
    @Override
    Issue read(ResultSet r) throws SQLException {
      return readIssue(r).build();
    }
  }

  /**
   * The issue's columns at the cursor, in a builder without transitions: the reader adds them
   * before the one {@code build()}.
   */
  static Issue.Builder readIssue(ResultSet r) throws SQLException {
    double effort = r.getDouble("effort");
    Double nullableEffort = r.wasNull() ? null : effort;
    return Issue.builder()
        .key(requireText(r, "issue_key"))
        .projectKey(requireText(r, "project_key"))
        .type(IssueType.valueOf(requireText(r, "issue_type")))
        .rawStatus(requireText(r, "raw_status"))
        .status(NormalizedStatus.valueOf(requireText(r, "status")))
        .effort(nullableEffort, EffortSource.valueOf(requireText(r, "effort_source")))
        .sprintIds(JsonStrings.decode(requireText(r, "sprint_ids")))
        .createdAt(requireInstant(r, "created_us"))
        .startedAt(instant(r, "started_us"))
        .completedAt(instant(r, "completed_us"))
        .updatedAt(requireInstant(r, "updated_us"))
        .labels(JsonStrings.decode(requireText(r, "labels")))
        .parentKey(r.getString("parent_key"))
        .sprintChanges(JsonStrings.decodeSprintChanges(requireText(r, "sprint_changes")))
        .components(JsonStrings.decode(requireText(r, "components")));
  }

  private static final class PullRequests extends EntityTable<PullRequest> {
    PullRequests() {
      super(
          "pull_requests",
          List.of("repository", "number"),
          List.of(
              "created_us",
              "first_commit_us",
              "first_review_us",
              "merged_us",
              "closed_us",
              "state",
              "base_branch",
              "issue_keys",
              "updated_us",
              "head_branch",
              "merge_commit_sha",
              "draft",
              "ready_us",
              "first_approval_us",
              "additions",
              "deletions",
              "labels",
              "revert",
              "reverted_number",
              "components"));
    }

    @Override
    String naturalKey(PullRequest item) {
      return item.repository() + "#" + item.number();
    }

    @Override
    Instant updatedAt(PullRequest item) {
      return item.updatedAt();
    }

    @Override
    void bind(PreparedStatement s, int i, PullRequest p) throws SQLException {
      s.setString(i++, p.repository());
      s.setLong(i++, p.number());
      setInstant(s, i++, p.createdAt());
      setInstant(s, i++, p.firstCommitAt());
      setInstant(s, i++, p.firstReviewAt());
      setInstant(s, i++, p.mergedAt());
      setInstant(s, i++, p.closedAt());
      s.setString(i++, p.state().name());
      s.setString(i++, p.baseBranch());
      s.setString(i++, JsonStrings.encode(p.referencedIssueKeys()));
      setInstant(s, i++, p.updatedAt());
      setText(s, i++, p.headBranch());
      setText(s, i++, p.mergeCommitSha());
      s.setBoolean(i++, p.draft());
      setInstant(s, i++, p.readyForReviewAt());
      setInstant(s, i++, p.firstApprovalAt());
      s.setInt(i++, p.additions());
      s.setInt(i++, p.deletions());
      s.setString(i++, JsonStrings.encode(p.labels()));
      s.setBoolean(i++, p.revert());
      Long reverted = p.revertedNumber();
      if (reverted == null) {
        s.setNull(i++, Types.BIGINT);
      } else {
        s.setLong(i++, reverted);
      }
      s.setString(i, JsonStrings.encode(p.components()));
    }

    @Override
    PullRequest read(ResultSet r) throws SQLException {
      PullRequest.Builder builder =
          PullRequest.builder()
              .repository(requireText(r, "repository"))
              .number(r.getLong("number"))
              .createdAt(requireInstant(r, "created_us"))
              .firstCommitAt(instant(r, "first_commit_us"))
              .firstReviewAt(instant(r, "first_review_us"))
              .mergedAt(instant(r, "merged_us"))
              .closedAt(instant(r, "closed_us"))
              .state(PullRequestState.valueOf(requireText(r, "state")))
              .baseBranch(requireText(r, "base_branch"))
              .referencedIssueKeys(JsonStrings.decode(requireText(r, "issue_keys")))
              .updatedAt(requireInstant(r, "updated_us"))
              .headBranch(r.getString("head_branch"))
              .mergeCommitSha(r.getString("merge_commit_sha"))
              .draft(r.getBoolean("draft"))
              .readyForReviewAt(instant(r, "ready_us"))
              .firstApprovalAt(instant(r, "first_approval_us"))
              .linesChanged(r.getInt("additions"), r.getInt("deletions"))
              .labels(JsonStrings.decode(requireText(r, "labels")))
              .components(JsonStrings.decode(requireText(r, "components")));
      Long reverted = nullableLong(r, "reverted_number");
      if (r.getBoolean("revert")) {
        builder.revertOf(reverted);
      } else {
        builder.notRevert();
      }
      return builder.build();
    }
  }

  private static final class Deployments extends EntityTable<Deployment> {
    Deployments() {
      super(
          "deployments",
          List.of("repository", "environment", "build_id"),
          List.of(
              "started_us",
              "finished_us",
              "result",
              "commit_sha",
              "ref",
              "system",
              "updated_us",
              "components",
              "components_known"));
    }

    @Override
    String naturalKey(Deployment item) {
      return item.repository() + "\u0000" + item.environment() + "\u0000" + item.buildId();
    }

    @Override
    Instant updatedAt(Deployment item) {
      return item.updatedAt();
    }

    @Override
    void bind(PreparedStatement s, int i, Deployment d) throws SQLException {
      s.setString(i++, d.repository());
      s.setString(i++, d.environment());
      s.setString(i++, d.buildId());
      setInstant(s, i++, d.startedAt());
      setInstant(s, i++, d.finishedAt());
      s.setString(i++, d.result().name());
      setText(s, i++, d.commitSha());
      setText(s, i++, d.ref());
      s.setString(i++, d.system().name());
      setInstant(s, i++, d.updatedAt());
      Set<String> components = d.components();
      s.setString(i++, JsonStrings.encode(components == null ? Set.of() : components));
      s.setBoolean(i, components != null);
    }

    @Override
    Deployment read(ResultSet r) throws SQLException {
      return Deployment.builder()
          .repository(requireText(r, "repository"))
          .environment(requireText(r, "environment"))
          .buildId(requireText(r, "build_id"))
          .startedAt(requireInstant(r, "started_us"))
          .finishedAt(instant(r, "finished_us"))
          .result(DeploymentResult.valueOf(requireText(r, "result")))
          .commitSha(r.getString("commit_sha"))
          .ref(r.getString("ref"))
          .system(DeploymentSystem.of(requireText(r, "system")))
          .updatedAt(requireInstant(r, "updated_us"))
          .components(
              r.getBoolean("components_known")
                  ? JsonStrings.decode(requireText(r, "components"))
                  : null)
          .build();
    }
  }

  private static final class Sprints extends EntityTable<Sprint> {
    Sprints() {
      super(
          "sprints",
          List.of("sprint_id"),
          List.of(
              "board_id",
              "name",
              "status",
              "goal",
              "started_us",
              "ended_us",
              "completed_us",
              "updated_us"));
    }

    @Override
    String naturalKey(Sprint item) {
      return item.id();
    }

    @Override
    @Nullable Instant updatedAt(Sprint item) {
      return item.updatedAt();
    }

    @Override
    void bind(PreparedStatement s, int i, Sprint sprint) throws SQLException {
      s.setString(i++, sprint.id());
      s.setString(i++, sprint.boardId());
      s.setString(i++, sprint.name());
      SprintStatus status = sprint.status();
      setText(s, i++, status == null ? null : status.name());
      setText(s, i++, sprint.goal());
      setInstant(s, i++, sprint.startedAt());
      setInstant(s, i++, sprint.endedAt());
      setInstant(s, i++, sprint.completedAt());
      setInstant(s, i, sprint.updatedAt());
    }

    @Override
    Sprint read(ResultSet r) throws SQLException {
      String status = r.getString("status");
      return Sprint.builder()
          .id(requireText(r, "sprint_id"))
          .boardId(requireText(r, "board_id"))
          .name(requireText(r, "name"))
          .status(status == null ? null : SprintStatus.valueOf(status))
          .goal(r.getString("goal"))
          .startedAt(instant(r, "started_us"))
          .endedAt(instant(r, "ended_us"))
          .completedAt(instant(r, "completed_us"))
          .updatedAt(instant(r, "updated_us"))
          .build();
    }
  }

  private static final class Incidents extends EntityTable<Incident> {
    Incidents() {
      super(
          "incidents",
          List.of("incident_id"),
          List.of("service", "created_us", "resolved_us", "caused_by", "updated_us"));
    }

    @Override
    String naturalKey(Incident item) {
      return item.id();
    }

    @Override
    Instant updatedAt(Incident item) {
      return item.updatedAt();
    }

    @Override
    void bind(PreparedStatement s, int i, Incident incident) throws SQLException {
      s.setString(i++, incident.id());
      s.setString(i++, incident.service());
      setInstant(s, i++, incident.createdAt());
      setInstant(s, i++, incident.resolvedAt());
      setText(s, i++, incident.causedByDeployment());
      setInstant(s, i, incident.updatedAt());
    }

    @Override
    Incident read(ResultSet r) throws SQLException {
      return Incident.builder()
          .id(requireText(r, "incident_id"))
          .service(requireText(r, "service"))
          .createdAt(requireInstant(r, "created_us"))
          .resolvedAt(instant(r, "resolved_us"))
          .causedByDeployment(r.getString("caused_by"))
          .updatedAt(requireInstant(r, "updated_us"))
          .build();
    }
  }
}
