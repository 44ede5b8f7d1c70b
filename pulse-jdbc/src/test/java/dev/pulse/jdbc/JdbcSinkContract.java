package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.StoreException;
import dev.pulse.Watermark;
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
import dev.pulse.model.SprintChange;
import dev.pulse.model.SprintStatus;
import dev.pulse.model.StatusTransition;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink and reader behaviour both databases must show; subclasses supply the database. */
abstract class JdbcSinkContract {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final ScopeKey REPO = ScopeKey.parse("github:repo:acme/api");
  static final ScopeKey BG = ScopeKey.parse("jira:project:BG");

  JdbcDatabase database;
  JdbcWatermarkStore watermarks;
  JdbcRecordReader reader;

  abstract JdbcDatabase createDatabase();

  @BeforeEach
  void setUp() {
    database = createDatabase();
    watermarks = new JdbcWatermarkStore(database);
    reader = new JdbcRecordReader(database, 7);
  }

  static Deployment deployment(int n, Instant updatedAt) {
    return Deployment.builder()
        .repository("acme/api")
        .environment("production")
        .buildId("b" + n)
        .startedAt(T0.plusSeconds(n * 60L))
        .finishedAt(T0.plusSeconds(n * 60L + 30))
        .result(n % 5 == 0 ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS)
        .commitSha(String.format("%07x", n + 0xabc0000))
        .ref("main")
        .system(DeploymentSystem.GITHUB_ACTIONS)
        .updatedAt(updatedAt)
        .build();
  }

  static Batch<Deployment> deployments(int from, int to, Instant updatedAt) {
    List<Deployment> items = new ArrayList<>();
    for (int n = from; n < to; n++) {
      items.add(deployment(n, updatedAt));
    }
    return new Batch<>(REPO, items, Position.at(T0.plusSeconds(to * 60L), to), 0);
  }

  static ScopeId key(EntityType type, ScopeKey scope) {
    return ScopeId.of("acme", type, scope);
  }

  List<Deployment> readDeployments(RecordQuery query) {
    try (Stream<Deployment> stream = reader.deployments(query)) {
      return stream.toList();
    }
  }

  @Test
  void writeAndAdvance_storesRowsAndWatermarkTogether_redeliveryChangesNothing() {
    JdbcSink<Deployment> sink = JdbcSink.deployments(watermarks);
    ScopeId key = key(EntityType.DEPLOYMENTS, REPO);
    Batch<Deployment> batch = deployments(0, 20, T0);

    Watermark first = sink.writeAndAdvance(key, batch, batch.position(), 20, T0);
    Watermark again = sink.writeAndAdvance(key, batch, batch.position(), 20, T0.plusSeconds(1));

    assertEquals(new Watermark(key, batch.position(), 20, T0), first);
    assertEquals(first, again, "re-delivery must not move or count the watermark again");
    assertEquals(first, watermarks.get(key));
    assertEquals(
        batch.items(), readDeployments(RecordQuery.of("acme", T0, T0.plusSeconds(86_400))));
  }

  @Test
  void writeAndAdvance_failingAdvance_storesNothing() {
    JdbcSink<Deployment> sink = JdbcSink.deployments(watermarks);
    ScopeId key = key(EntityType.DEPLOYMENTS, REPO);
    Watermark before = watermarks.advance(key, Position.token("0001"), 1, T0);
    Batch<Deployment> batch = deployments(0, 5, T0);

    // An instant position after a token one is rejected inside the transaction, after the upsert.
    assertThrows(
        IllegalArgumentException.class,
        () -> sink.writeAndAdvance(key, batch, batch.position(), 5, T0));

    assertEquals(List.of(), readDeployments(RecordQuery.of("acme", T0, T0.plusSeconds(86_400))));
    assertEquals(before, watermarks.get(key));
  }

  @Test
  void write_olderVersion_neverReplacesNewer() {
    JdbcSink<Deployment> sink = JdbcSink.deployments(watermarks);
    ScopeId key = key(EntityType.DEPLOYMENTS, REPO);
    Deployment newer = deployment(1, T0.plusSeconds(100)).toBuilder().ref("newer").build();
    Deployment older = deployment(1, T0).toBuilder().ref("older").build();
    sink.write(key, new Batch<>(REPO, List.of(newer), Position.at(T0), 0));
    sink.write(key, new Batch<>(REPO, List.of(older), Position.at(T0), 1));
    // Two versions in one batch: the latest wins, whatever their order.
    Deployment newest = deployment(1, T0.plusSeconds(200)).toBuilder().ref("newest").build();
    sink.write(key, new Batch<>(REPO, List.of(newest, older), Position.at(T0), 2));

    assertEquals(
        List.of(newest), readDeployments(RecordQuery.of("acme", T0, T0.plusSeconds(86_400))));
  }

  static Issue issue(int n, Instant updatedAt, String... statuses) {
    List<StatusTransition> transitions = new ArrayList<>();
    for (int seq = 0; seq < statuses.length; seq++) {
      StatusTransition.Builder transition =
          StatusTransition.builder()
              .status(NormalizedStatus.IN_PROGRESS)
              .rawStatus(statuses[seq])
              .enteredAt(T0.plusSeconds(n + 10L * seq));
      if (seq < statuses.length - 1) {
        transition.exitedAt(T0.plusSeconds(n + 10L * seq + 10));
      }
      transitions.add(transition.build());
    }
    return Issue.builder()
        .key("BG-" + n)
        .projectKey("BG")
        .type(IssueType.STORY)
        .rawStatus("In Progress")
        .status(NormalizedStatus.IN_PROGRESS)
        .transitions(transitions)
        .createdAt(T0.plusSeconds(n))
        .updatedAt(updatedAt)
        .build();
  }

  private List<Issue> readIssues() {
    try (Stream<Issue> issues = reader.issues(RecordQuery.of("acme", T0, T0.plusSeconds(86_400)))) {
      return issues.sorted(java.util.Comparator.comparing(Issue::key)).toList();
    }
  }

  @Test
  void write_issueVersions_transitionsFollowTheStoredVersion() {
    JdbcSink<Issue> sink = JdbcSink.issues(watermarks);
    ScopeId key = key(EntityType.ISSUES, BG);
    Issue newer = issue(1, T0.plusSeconds(100), "Doing", "Review");
    Issue older = issue(1, T0.plusSeconds(50), "Older");
    Issue other = issue(2, T0.plusSeconds(50), "Open");
    sink.write(key, new Batch<>(BG, List.of(newer), Position.at(T0), 0));
    // The older version of BG-1 is refused with its transitions; BG-2 in the same batch is stored.
    sink.write(key, new Batch<>(BG, List.of(older, other), Position.at(T0), 1));
    assertEquals(List.of(newer, other), readIssues());
    // Re-delivering the stored version changes nothing; a newer one replaces every transition.
    sink.write(key, new Batch<>(BG, List.of(newer), Position.at(T0), 2));
    assertEquals(List.of(newer, other), readIssues());
    Issue newest = issue(1, T0.plusSeconds(200), "Done");
    sink.write(key, new Batch<>(BG, List.of(newest), Position.at(T0), 3));
    assertEquals(List.of(newest, other), readIssues());
  }

  @Test
  void write_olderVersionsAmongManyNewer_onlyTheNewerAndTheirTransitionsReplaceStored() {
    // 120 issues span several SQLite statements and a shorter last one; every seventh is older
    // than stored, so those statements write some of their rows only.
    JdbcSink<Issue> sink = JdbcSink.issues(watermarks);
    ScopeId key = key(EntityType.ISSUES, BG);
    List<Issue> stored = new ArrayList<>();
    List<Issue> next = new ArrayList<>();
    List<Issue> expected = new ArrayList<>();
    for (int n = 0; n < 120; n++) {
      Issue current = issue(n, T0.plusSeconds(100), "Open", "Doing");
      stored.add(current);
      Issue version =
          n % 7 == 3
              ? issue(n, T0.plusSeconds(50), "Older")
              : issue(n, T0.plusSeconds(200), "Open", "Doing", "Review");
      next.add(version);
      expected.add(n % 7 == 3 ? current : version);
    }
    sink.write(key, new Batch<>(BG, stored, Position.at(T0), 0));
    sink.write(key, new Batch<>(BG, next, Position.at(T0), 1));

    expected.sort(java.util.Comparator.comparing(Issue::key));
    assertEquals(expected, readIssues());
  }

  @Test
  void write_issueGainsATransition_closesTheLastAndAppendsTheNew() throws SQLException {
    JdbcSink<Issue> sink = JdbcSink.issues(watermarks);
    ScopeId key = key(EntityType.ISSUES, BG);
    sink.write(
        key,
        new Batch<>(
            BG,
            List.of(issue(1, T0.plusSeconds(10), "Open", "Doing"), issue(2, T0, "Open")),
            Position.at(T0),
            0));
    // BG-1's "Doing" gets an exit time (a changed row) and "Review" is new; BG-2 is unchanged but
    // newer, and a transition whose text changed is rewritten.
    Issue gained = issue(1, T0.plusSeconds(20), "Open", "Doing", "Review");
    Issue renamed = issue(2, T0.plusSeconds(20), "Backlog");
    sink.write(key, new Batch<>(BG, List.of(gained, renamed), Position.at(T0), 1));

    assertEquals(List.of(gained, renamed), readIssues());
    assertEquals(4, rows("issue_transitions"));
  }

  @Test
  void write_newerVersionWithOneTransitionFieldChanged_rewritesIt() {
    // Unchanged transitions are left alone, so each field must count in telling them apart.
    JdbcSink<Issue> sink = JdbcSink.issues(watermarks);
    ScopeId key = key(EntityType.ISSUES, BG);
    Issue stored = issue(1, T0, "Open", "Doing");
    Issue neighbour = issue(2, T0, "Open", "Doing");
    sink.write(key, new Batch<>(BG, List.of(stored, neighbour), Position.at(T0), 0));
    StatusTransition first = stored.transitions().get(0);
    StatusTransition last = stored.transitions().get(1);
    List<List<StatusTransition>> variants =
        List.of(
            List.of(first.toBuilder().status(NormalizedStatus.DONE).build(), last),
            List.of(first.toBuilder().rawStatus("Opened").build(), last),
            List.of(first.toBuilder().enteredAt(first.enteredAt().minusNanos(1_000)).build(), last),
            List.of(first.toBuilder().exitedAt(null).build(), last),
            List.of(first, last.toBuilder().exitedAt(last.enteredAt().plusSeconds(5)).build()),
            List.of(last),
            List.of(first, last, last.toBuilder().rawStatus("Done").build()),
            List.of());
    int version = 1;
    for (List<StatusTransition> transitions : variants) {
      Issue next =
          stored.toBuilder().transitions(transitions).updatedAt(T0.plusSeconds(version)).build();
      Issue same = neighbour.toBuilder().updatedAt(T0.plusSeconds(version)).build();
      sink.write(key, new Batch<>(BG, List.of(next, same), Position.at(T0), version++));
      assertEquals(List.of(next, same), readIssues(), transitions.toString());
    }
  }

  @Test
  void write_newerVersionWithSameTransitions_leavesTheTransitionsTableAlone() throws SQLException {
    // The digest in the issue row, not a read of the transitions, says they are unchanged: a row
    // edited by hand survives a newer version with the same transitions while the digest is kept,
    // and is put right once the digest is cleared, as docs/operations.md tells editors to do.
    JdbcSink<Issue> sink = JdbcSink.issues(watermarks);
    ScopeId key = key(EntityType.ISSUES, BG);
    Issue stored = issue(1, T0, "Open", "Doing");
    sink.write(key, new Batch<>(BG, List.of(stored), Position.at(T0), 0));
    execute(
        "UPDATE "
            + database.names().table("issue_transitions")
            + " SET raw_status = 'Edited' WHERE seq = 0");

    Issue newer = stored.toBuilder().updatedAt(T0.plusSeconds(1)).build();
    sink.write(key, new Batch<>(BG, List.of(newer), Position.at(T0), 1));
    Issue read = readIssues().get(0);
    assertEquals(newer.updatedAt(), read.updatedAt(), "the issue row is written");
    assertEquals("Edited", read.transitions().get(0).rawStatus(), "its transitions are not");

    execute("UPDATE " + database.names().table("issues") + " SET transitions_digest = NULL");
    Issue newest = stored.toBuilder().updatedAt(T0.plusSeconds(2)).build();
    sink.write(key, new Batch<>(BG, List.of(newest), Position.at(T0), 2));
    assertEquals(List.of(newest), readIssues(), "no digest: compared exactly and rewritten");
    assertDigestsOf(readIssues());
  }

  @Test
  void concurrentIssueWriters_overlappingBatches_transitionsOfTheStoredVersion() throws Exception {
    // Each writer's versions carry their own transitions; whatever the interleaving, every issue
    // ends as exactly one version some writer sent, with that version's transitions and digest.
    JdbcSink<Issue> sink = JdbcSink.issues(watermarks);
    int writers = 4;
    inParallel(
        writers,
        8,
        (writer, round) -> {
          int from = (writer * 10 + round * 7) % 40;
          List<Issue> items = new ArrayList<>();
          for (int n = from; n < from + 30; n++) {
            items.add(concurrentVersion(n % 60, writers, writer, round));
          }
          if (writer % 2 == 1) {
            java.util.Collections.reverse(items);
          }
          sink.write(key(EntityType.ISSUES, BG), new Batch<>(BG, items, Position.at(T0), round));
        });
    List<Issue> stored = readIssues();
    for (Issue issue : stored) {
      long at = issue.updatedAt().getEpochSecond() - T0.getEpochSecond();
      int n = Integer.parseInt(issue.key().substring(3));
      assertEquals(
          concurrentVersion(n, writers, (int) (at % writers), (int) (at / writers)), issue);
    }
    assertDigestsOf(stored);
  }

  /**
   * Every issue row's digest is that of the issue's stored transitions (in either form: a row the
   * PostgreSQL sink inserted holds its complement), and there is no other row.
   */
  private void assertDigestsOf(List<Issue> stored) throws SQLException {
    TransitionsDigest digest = new TransitionsDigest();
    java.util.Map<String, Long> digests = storedDigests();
    assertEquals(stored.size(), digests.size());
    for (Issue issue : stored) {
      long expected = digest.of(issue.transitions());
      long actual = digests.get(issue.key());
      assertTrue(actual == expected || actual == ~expected, issue.key() + ": " + actual);
    }
  }

  /** Issue {@code n} as {@code writer} sends it in {@code round}: its own time and transitions. */
  private static Issue concurrentVersion(int n, int writers, int writer, int round) {
    String[] statuses = new String[1 + (writer + round + n) % 3];
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = "w" + writer + "r" + round + "s" + i;
    }
    return issue(n, T0.plusSeconds((long) round * writers + writer), statuses);
  }

  private void execute(String sql) throws SQLException {
    try (java.sql.Connection connection = database.dataSource().getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private java.util.Map<String, Long> storedDigests() throws SQLException {
    java.util.Map<String, Long> digests = new java.util.HashMap<>();
    try (java.sql.Connection connection = database.dataSource().getConnection();
        java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rows =
            statement.executeQuery(
                "SELECT issue_key, transitions_digest FROM " + database.names().table("issues"))) {
      while (rows.next()) {
        digests.put(rows.getString(1), rows.getLong(2));
      }
    }
    return digests;
  }

  @Test
  void reader_transitionsNotNumberedFromZero_failsNamingTheTable() throws SQLException {
    // The reader sends an issue's columns on its seq-0 row only; a table the sink did not write
    // that way is reported, never read as an issue without its columns.
    JdbcSink.issues(watermarks)
        .write(
            key(EntityType.ISSUES, BG),
            new Batch<>(BG, List.of(issue(1, T0, "Open", "Doing")), Position.at(T0), 0));
    try (java.sql.Connection connection = database.dataSource().getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "DELETE FROM " + database.names().table("issue_transitions") + " WHERE seq = 0");
    }
    RecordQuery window = RecordQuery.of("acme", T0, T0.plusSeconds(86_400));
    StoreException failure =
        assertThrows(
            StoreException.class,
            () -> {
              try (Stream<Issue> issues = reader.issues(window)) {
                issues.toList();
              }
            });
    assertTrue(failure.getMessage().contains("issues"), failure.getMessage());
  }

  @Test
  void write_batchPastOneStatementsBoundValues_storesEveryRow() throws SQLException {
    // 2,500 issues of 17 columns and 5,000 transitions of 8 pass the 32,000 values per statement.
    List<Issue> issues = new ArrayList<>();
    for (int n = 0; n < 2_500; n++) {
      issues.add(issue(n, T0.plusSeconds(100), "Doing", "Review"));
    }
    JdbcSink.issues(watermarks)
        .write(key(EntityType.ISSUES, BG), new Batch<>(BG, issues, Position.at(T0), 0));
    assertEquals(2_500, rows("issues"));
    assertEquals(5_000, rows("issue_transitions"));
    issues.sort(java.util.Comparator.comparing(Issue::key));
    assertEquals(issues, readIssues());
  }

  @Test
  void everyEntity_roundTripsFieldForField() {
    Issue issue =
        Issue.builder()
            .key("BG-7")
            .projectKey("BG")
            .type(IssueType.STORY)
            .rawStatus("Done")
            .status(NormalizedStatus.DONE)
            .transitions(
                List.of(
                    StatusTransition.builder()
                        .status(NormalizedStatus.IN_PROGRESS)
                        .rawStatus("In \"Progress\"")
                        .enteredAt(T0.plusSeconds(10))
                        .exitedAt(T0.plusSeconds(20))
                        .build(),
                    StatusTransition.builder()
                        .status(NormalizedStatus.DONE)
                        .rawStatus("Done")
                        .enteredAt(T0.plusSeconds(20))
                        .build()))
            .effort(3.0, EffortSource.STORY_POINTS)
            .sprintIds(List.of("s1", "s,2"))
            .createdAt(T0)
            .startedAt(T0.plusSeconds(10))
            .completedAt(T0.plusSeconds(20))
            .updatedAt(T0.plusSeconds(20))
            .labels(Set.of("a\\b", "\u65e5\u672c"))
            .parentKey("BG-1")
            .sprintChanges(
                List.of(
                    SprintChange.joined("s1", T0.plusSeconds(5)),
                    SprintChange.left("s1", T0.plusSeconds(8)),
                    SprintChange.joined("s,2", T0.plusSeconds(8).plusNanos(123_000))))
            .components(Set.of("Payments", "\"Check\"out"))
            .build();
    Issue bare =
        Issue.builder()
            .key("BG-8")
            .projectKey("BG")
            .type(IssueType.BUG)
            .rawStatus("Open")
            .status(NormalizedStatus.TODO)
            .effort(null, EffortSource.UNESTIMATED)
            .createdAt(T0.plusSeconds(1))
            .updatedAt(T0.plusSeconds(1))
            .build();
    PullRequest pr =
        PullRequest.builder()
            .repository("acme/api")
            .number(42)
            .createdAt(T0)
            .firstCommitAt(T0.minusSeconds(60))
            .firstReviewAt(T0.plusSeconds(5))
            .mergedAt(T0.plusSeconds(50))
            .closedAt(T0.plusSeconds(50))
            .state(PullRequestState.MERGED)
            .baseBranch("main")
            .referencedIssueKeys(List.of("BG-7"))
            .updatedAt(T0.plusSeconds(50))
            .headBranch("feature")
            .mergeCommitSha("abcdef0")
            .readyForReviewAt(T0.plusSeconds(1))
            .firstApprovalAt(T0.plusSeconds(6))
            .linesChanged(10, 3)
            .labels(Set.of("bug"))
            .components(Set.of("web", "api"))
            .revertOf(41L)
            .build();
    Sprint sprint =
        Sprint.builder()
            .id("s1")
            .boardId("7")
            .name("Sprint 1")
            .status(SprintStatus.CLOSED)
            .goal("ship")
            .startedAt(T0)
            .endedAt(T0.plusSeconds(600))
            .completedAt(T0.plusSeconds(601))
            .build();
    Incident incident =
        Incident.builder()
            .id("INC-1")
            .service("api")
            .createdAt(T0.plusSeconds(30))
            .resolvedAt(T0.plusSeconds(90))
            .causedByDeployment("b1")
            .updatedAt(T0.plusSeconds(90))
            .build();
    Deployment monorepo =
        deployment(1, T0.plusSeconds(90)).toBuilder().components(Set.of("web", "\"api\"")).build();
    Deployment whole = deployment(2, T0.plusSeconds(150));
    Deployment noComponent =
        deployment(3, T0.plusSeconds(210)).toBuilder().components(Set.of()).build();
    Position at = Position.at(T0);
    JdbcSink.deployments(watermarks)
        .write(
            key(EntityType.DEPLOYMENTS, REPO),
            new Batch<>(REPO, List.of(monorepo, whole, noComponent), at, 0));
    JdbcSink.issues(watermarks)
        .write(key(EntityType.ISSUES, BG), new Batch<>(BG, List.of(issue, bare), at, 0));
    JdbcSink.pullRequests(watermarks)
        .write(key(EntityType.PULL_REQUESTS, REPO), new Batch<>(REPO, List.of(pr), at, 0));
    JdbcSink.sprints(watermarks)
        .write(key(EntityType.SPRINTS, BG), new Batch<>(BG, List.of(sprint), at, 0));
    JdbcSink.incidents(watermarks)
        .write(key(EntityType.INCIDENTS, REPO), new Batch<>(REPO, List.of(incident), at, 0));

    RecordQuery window = RecordQuery.of("acme", T0, T0.plusSeconds(3_600));
    try (Stream<Issue> issues = reader.issues(window);
        Stream<PullRequest> prs = reader.pullRequests(window.repository("acme/api"));
        Stream<Sprint> sprints = reader.sprints(window.scope(BG));
        Stream<Incident> incidents = reader.incidents(window)) {
      assertEquals(List.of(issue, bare), issues.toList());
      assertEquals(List.of(pr), prs.toList());
      assertEquals(List.of(sprint), sprints.toList());
      assertEquals(List.of(incident), incidents.toList());
    }
    List<Deployment> deployments = readDeployments(window);
    assertEquals(List.of(monorepo, whole, noComponent), deployments);
    assertEquals(Set.of("\"api\"", "web"), deployments.get(0).components());
    assertNull(deployments.get(1).components(), "not known stays not known");
    assertEquals(Set.of(), deployments.get(2).components(), "no component changed stays known");

    // A newer version with fewer transitions replaces the issue and all its transitions.
    Issue reopened =
        issue.toBuilder()
            .transitions(List.of(issue.transitions().get(0)))
            .status(NormalizedStatus.IN_PROGRESS)
            .rawStatus("In Progress")
            .completedAt(null)
            .updatedAt(T0.plusSeconds(30))
            .build();
    JdbcSink.issues(watermarks)
        .write(key(EntityType.ISSUES, BG), new Batch<>(BG, List.of(reopened), at, 1));
    try (Stream<Issue> issues = reader.issues(window.scope(BG))) {
      assertEquals(List.of(reopened, bare), issues.toList());
    }
  }

  @Test
  void reader_windowScopeAndRepository_filter() {
    JdbcSink<Deployment> sink = JdbcSink.deployments(watermarks);
    sink.write(key(EntityType.DEPLOYMENTS, REPO), deployments(0, 50, T0));
    ScopeKey other = ScopeKey.parse("github:repo:acme/web");
    Deployment web = deployment(10, T0).toBuilder().repository("acme/web").build();
    sink.write(
        key(EntityType.DEPLOYMENTS, other), new Batch<>(other, List.of(web), Position.at(T0), 0));

    // Minutes 10..19 of the first hour: 10 from acme/api plus the one from acme/web.
    RecordQuery window = RecordQuery.of("acme", T0.plusSeconds(600), T0.plusSeconds(1_200));
    assertEquals(11, readDeployments(window).size());
    assertEquals(10, readDeployments(window.scope(REPO)).size());
    assertEquals(List.of(web), readDeployments(window.repository("acme/web")));
    assertEquals(List.of(), readDeployments(RecordQuery.of("globex", T0, T0.plusSeconds(9_999))));
    assertEquals(
        51,
        readDeployments(RecordQuery.of("acme", T0, T0.plusSeconds(86_400))).size(),
        "a result larger than the fetch size streams through completely");
    assertThrows(IllegalArgumentException.class, () -> reader.issues(window.repository("x")));
  }

  @Test
  void concurrentWriters_overlappingBatches_oneRowPerKey() throws Exception {
    JdbcSink<Deployment> sink = JdbcSink.deployments(watermarks);
    inParallel(
        4,
        10,
        (writer, round) -> {
          // Each batch overlaps the other writers' batches by half.
          int from = (writer * 25 + round * 10) % 150;
          List<Deployment> items =
              new ArrayList<>(deployments(from, from + 50, T0.plusSeconds(round)).items());
          if (writer % 2 == 1) {
            java.util.Collections.reverse(items);
          }
          sink.write(
              key(EntityType.DEPLOYMENTS, REPO), new Batch<>(REPO, items, Position.at(T0), round));
        });
    List<Deployment> stored = readDeployments(RecordQuery.of("acme", T0, T0.plusSeconds(86_400)));
    Set<String> ids = stored.stream().map(Deployment::buildId).collect(Collectors.toSet());
    assertEquals(stored.size(), ids.size(), "one row per key");
    assertTrue(stored.size() >= 150, "every key written is stored: " + stored.size());
  }

  /** One writer's round of a concurrency test. */
  interface WriterRound {
    void run(int writer, int round) throws Exception;
  }

  /**
   * Runs {@code rounds} rounds on each of {@code writers} threads, all released at once, and fails
   * with the first writer's failure.
   */
  private static void inParallel(int writers, int rounds, WriterRound body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < rounds; round++) {
                    body.run(writer, round);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  long rows(String table) throws SQLException {
    return MigrationTest.count(database.dataSource(), database.names().table(table));
  }
}
