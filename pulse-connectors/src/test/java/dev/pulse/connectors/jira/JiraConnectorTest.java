package dev.pulse.connectors.jira;

import static dev.pulse.connectors.jira.JiraTestSupport.BG;
import static dev.pulse.connectors.jira.JiraTestSupport.items;
import static dev.pulse.connectors.jira.JiraTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.PulseException;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.SourceException;
import dev.pulse.TieBreaker;
import dev.pulse.model.EffortSource;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.SprintChange;
import dev.pulse.model.StatusTransition;
import dev.pulse.testkit.fake.FakeHttpServer;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.jira.FakeIssue;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class JiraConnectorTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private final JiraTestSupport support = new JiraTestSupport();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private FakeJira fake(FakeJira.Builder builder) {
    FakeJira fake = builder.start();
    open.add(fake);
    return fake;
  }

  private JiraConnector connector(FakeJira fake) {
    JiraConnector c = support.connector(fake);
    open.add(c);
    return c;
  }

  private JiraConnector connector(JiraConnector.Builder builder) {
    JiraConnector c = builder.build();
    open.add(c);
    return c;
  }

  private static List<String> keys(List<Issue> issues) {
    return issues.stream().map(Issue::key).toList();
  }

  /** One hand-made issue in an otherwise empty BG project. */
  private Issue single(FakeIssue issue) {
    FakeJira fake = fake(FakeJira.builder().project("BG", 0));
    fake.put(issue);
    List<Issue> read = items(readAll(connector(fake), BG, null, 50));
    assertEquals(1, read.size());
    return read.get(0);
  }

  private static FakeIssue issue(long number) {
    return new FakeIssue("BG", number, T0.minus(Duration.ofDays(3)), T0);
  }

  @Nested
  class Paging {
    @Test
    void bg99AndBg100_onOneTimestamp_acrossPageBoundaries_inNumericOrder_resumable() {
      FakeJira fake =
          fake(
              FakeJira.builder()
                  .project("BG", 20)
                  .firstNumber(90)
                  .start(T0)
                  .sharingOneTimestamp(20, 0)
                  .maxResultsCap(7));
      JiraConnector connector = connector(fake);

      List<Batch<Issue>> batches = readAll(connector, BG, null, 5);
      List<String> expected = new ArrayList<>();
      for (int n = 90; n < 110; n++) {
        expected.add("BG-" + n);
      }
      assertEquals(expected, keys(items(batches)), "BG-99 before BG-100: numbers, not text");
      for (Batch<Issue> batch : batches) {
        assertEquals(TieBreaker.Kind.NUMBER, batch.position().tieBreaker().kind());
      }
      Position afterBg99 = Position.at(batches.get(0).position().instant(), TieBreaker.number(99));

      List<Issue> rest = items(readAll(connector, BG, afterBg99, 5));

      assertEquals(expected.subList(10, 20), keys(rest), "resumed after BG-99: BG-100 onwards");
    }

    @Test
    void search_usesJqlWithMinutePrecision_explicitFields_andTheNewEndpointOnly() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 6).start(T0));
      JiraConnector connector = connector(fake);
      List<Batch<Issue>> first = readAll(connector, BG, null, 3);
      Position stored = first.get(0).position();
      int before = fake.searchCalls();

      readAll(connector, BG, stored, 3);

      List<FakeHttpServer.Request> searches =
          fake.server().requests().stream()
              .filter(r -> r.path().equals("/rest/api/3/search/jql"))
              .toList();
      String last = searches.get(before).body();
      String minute =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
              .withZone(java.time.ZoneOffset.UTC)
              .format(stored.instant());
      assertTrue(
          last.contains(
              "project = \\\"BG\\\" AND updated >= \\\""
                  + minute
                  + "\\\" ORDER BY updated ASC, key ASC"),
          last);
      assertTrue(last.contains("\"expand\":\"changelog\""), last);
      assertTrue(last.contains("\"fields\":[\"status\""), "fields listed explicitly: " + last);
      assertFalse(last.contains("summary") || last.contains("assignee"), last);
      assertEquals(0, fake.server().requestCount("/rest/api/3/search?"));
      assertEquals(
          0,
          fake.server().requests().stream()
              .filter(r -> r.path().equals("/rest/api/3/search"))
              .count());
    }

    @Test
    void editsAndNewIssuesDuringPaging_loseNothing_andTokensAreNotCarriedAcrossPages() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 30).start(T0).maxResultsCap(50));
      JiraConnector connector = connector(fake);
      List<String> original = fake.keysInOrder("BG");
      Instant later = T0.plus(Duration.ofDays(2));
      // After the first page: an issue already read and one not yet read are edited, one is added.
      fake.afterSearchCall(
          1,
          () -> {
            fake.edit(original.get(1), later);
            fake.edit(original.get(20), later.plusSeconds(1));
            fake.add("BG", later.plusSeconds(2));
          });

      List<Batch<Issue>> batches = readAll(connector, BG, null, 5);
      List<String> read = keys(items(batches));

      assertTrue(read.containsAll(original), "no issue lost: " + read);
      assertEquals(32, read.size(), "30 issues, the edited read one again, the new one");
      assertEquals(List.of(original.get(1), original.get(20), "BG-31"), read.subList(29, 32));
      for (int i = 1; i < batches.size(); i++) {
        assertTrue(batches.get(i).position().isAfter(batches.get(i - 1).position()));
      }
      assertTrue(
          fake.server().requests().stream().noneMatch(r -> r.body().contains("nextPageToken")),
          "each page is a fresh query from the stored position");
    }

    @Test
    void dataChangedBetweenRuns_resumeFromStoredPosition_yieldsExactlyTheChanges() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 12).start(T0));
      JiraConnector connector = connector(fake);
      List<Batch<Issue>> first = readAll(connector, BG, null, 5);
      Position stored = first.get(first.size() - 1).position();
      Instant later = stored.instant().plus(Duration.ofMinutes(3));
      fake.edit("BG-4", later);
      String added = fake.add("BG", later.plusSeconds(30));

      List<Issue> next = items(readAll(connector, BG, stored, 5));

      assertEquals(List.of("BG-4", added), keys(next));
      assertEquals(later, next.get(0).updatedAt());
    }

    @Test
    void sameMinuteAsStoredPosition_onlyStrictlyLaterRecordsReturned() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 0));
      Instant minute = Instant.parse("2026-02-02T10:05:00Z");
      fake.put(new FakeIssue("BG", 1, T0, minute.plusSeconds(10)));
      fake.put(new FakeIssue("BG", 2, T0, minute.plusSeconds(20)));
      fake.put(new FakeIssue("BG", 3, T0, minute.plusSeconds(20)));
      fake.put(new FakeIssue("BG", 4, T0, minute.plusSeconds(40)));
      JiraConnector connector = connector(fake);

      List<Issue> rest = items(readAll(connector, BG, Position.at(minute.plusSeconds(20), 2), 10));

      assertEquals(List.of("BG-3", "BG-4"), keys(rest));
    }
  }

  @Nested
  class Changelog {
    @Test
    void truncatedInlineChangelog_completedByBulkfetch_oldestTransitionsKept() {
      FakeJira fake =
          fake(FakeJira.builder().project("BG", 0).inlineChangelogLimit(5).bulkfetchCap(4));
      FakeIssue big = issue(1).status("Done", "done").resolved(T0);
      Instant at = T0.minus(Duration.ofDays(2));
      String[] cycle = {"To Do", "In Progress", "In Review", "Done"};
      for (int i = 0; i < 12; i++) {
        big.transition(at.plusSeconds(60L * i), cycle[(i + 3) % 4], cycle[i % 4]);
      }
      big.sprintChange(at.plusSeconds(30), "", "1001");
      fake.put(big);
      fake.put(issue(2).transition(at, null, "In Progress"));
      JiraConnector connector = connector(fake);

      List<Issue> read = items(readAll(connector, BG, null, 10));
      Issue issue = read.stream().filter(i -> i.key().equals("BG-1")).findFirst().orElseThrow();

      assertEquals(12, issue.transitions().size(), "all 12, not the 5 inlined");
      assertEquals(at, issue.transitions().get(0).enteredAt(), "the oldest is kept");
      assertEquals(List.of("1001"), issue.sprintIds());
      assertEquals(1, connector.bulkChangelogIssues(), "only the truncated issue");
      String bulk =
          fake.server().requests().stream()
              .filter(r -> r.path().equals("/rest/api/3/changelog/bulkfetch"))
              .findFirst()
              .orElseThrow()
              .body();
      assertTrue(bulk.contains("\"fieldIds\":[\"status\",\"customfield_10020\"]"), bulk);
      assertTrue(fake.server().requestCount("/rest/api/3/changelog/bulkfetch") >= 3, "paged");
    }

    @Test
    void sprintChanges_fromTheSprintItems_carriedOverIsJoiningWithoutLeaving() {
      Instant at = T0.minus(Duration.ofDays(20));
      Issue issue =
          single(
              issue(1)
                  .sprintChange(at, "", "12")
                  .sprintChange(at.plus(Duration.ofDays(14)), "12", "12, 13")
                  .sprintChange(at.plus(Duration.ofDays(15)), "12, 13", "12, 14")
                  .components(List.of("Payments", " ", "Checkout")));

      assertEquals(
          List.of(
              SprintChange.joined("12", at),
              SprintChange.joined("13", at.plus(Duration.ofDays(14))),
              SprintChange.left("13", at.plus(Duration.ofDays(15))),
              SprintChange.joined("14", at.plus(Duration.ofDays(15)))),
          issue.sprintChanges());
      assertEquals(List.of("12", "13", "14"), issue.sprintIds());
      assertEquals(List.of("Checkout", "Payments"), List.copyOf(issue.components()));
    }

    @Test
    void transitions_everyHistoricalStatusNormalized_backwardMovesKept_exitChained() {
      Instant at = T0.minus(Duration.ofHours(10));
      Issue issue =
          single(
              issue(1)
                  .status("FECHADO EM PROD", "done")
                  .resolved(T0)
                  .transition(at, null, "A Fazer")
                  .transition(at.plusSeconds(60), "A Fazer", "Em Pareamento")
                  .transition(at.plusSeconds(120), "Em Pareamento", "Em Code Review")
                  .transition(at.plusSeconds(180), "Em Code Review", "Em Desenvolvimento")
                  .transition(at.plusSeconds(240), "Em Desenvolvimento", "Limbo")
                  .transition(at.plusSeconds(300), "Limbo", "FECHADO EM PROD"));

      List<NormalizedStatus> statuses =
          issue.transitions().stream().map(StatusTransition::status).toList();
      assertEquals(
          List.of(
              NormalizedStatus.TODO,
              NormalizedStatus.IN_PROGRESS, // "Em Pareamento": category from /rest/api/3/status
              NormalizedStatus.IN_REVIEW,
              NormalizedStatus.IN_PROGRESS, // backward move kept
              NormalizedStatus.TODO, // unknown everywhere
              NormalizedStatus.DONE),
          statuses);
      assertEquals(at.plusSeconds(60), issue.transitions().get(0).exitedAt());
      assertNull(issue.transitions().get(5).exitedAt());
      assertEquals(at.plusSeconds(60), issue.startedAt(), "first active transition");
      assertEquals(T0, issue.completedAt());
    }

    @Test
    void noChangelog_emptyTransitions_startedFromCreatedWhenInProgressOrDone() {
      Issue inProgress = single(issue(1).status("In Progress", "indeterminate"));
      assertEquals(List.of(), inProgress.transitions());
      assertEquals(T0.minus(Duration.ofDays(3)), inProgress.startedAt());
      assertNull(inProgress.completedAt());

      Issue inReview = single(issue(2).status("In Review", "indeterminate"));
      assertNull(inReview.startedAt(), "in review without transitions has no start");
    }

    @Test
    void completedAt_onlyWhenDone() {
      Issue open = single(issue(1).status("In Progress", null).resolved(T0));
      assertNull(open.completedAt(), "a resolution date on a non-done issue is not a completion");
    }
  }

  @Nested
  class Normalization {
    @Test
    void currentStatus_textualTableWinsOverCategory() {
      assertEquals(
          NormalizedStatus.IN_REVIEW, single(issue(1).status("Em Code Review", "done")).status());
    }

    @Test
    void currentStatus_issueCategory_thenStatusEndpointCategory_thenTodoCounted() {
      assertEquals(
          NormalizedStatus.DONE, single(issue(1).status("Aguardando Cliente", "done")).status());
      assertEquals(
          NormalizedStatus.TODO, single(issue(2).status("Aguardando Cliente", "new")).status());
      assertEquals(
          NormalizedStatus.IN_PROGRESS,
          single(issue(3).status("Entregue Parcial", "indeterminate")).status());
      assertEquals(
          NormalizedStatus.DONE,
          single(issue(4).status("Entregue ao Cliente", null)).status(),
          "category looked up in /rest/api/3/status by name");

      FakeJira fake = fake(FakeJira.builder().project("BG", 0));
      fake.put(issue(5).status("Nowhere", null));
      JiraConnector connector = connector(fake);
      Issue unknown = items(readAll(connector, BG, null, 10)).get(0);
      assertEquals(NormalizedStatus.TODO, unknown.status());
      assertEquals(Map.of("Nowhere", 1L), connector.unmappedStatusCounts());
    }

    @Test
    void statusMapping_overridesAndExtendsTheTable_caseInsensitive() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 0));
      fake.put(issue(1).status("Nowhere", null));
      fake.put(issue(2).status("Done", "done").resolved(T0));
      JiraConnector connector =
          connector(
              support
                  .builder(fake)
                  .statusMapping(
                      Map.of(
                          "NOWHERE ", NormalizedStatus.IN_REVIEW, "done", NormalizedStatus.TODO)));

      List<Issue> read = items(readAll(connector, BG, null, 10));

      assertEquals(NormalizedStatus.IN_REVIEW, read.get(0).status());
      assertEquals(NormalizedStatus.TODO, read.get(1).status());
      assertEquals(Map.of(), connector.unmappedStatusCounts());
    }

    @Test
    void effortChain_everyHopAndCountedPerSource() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 0));
      fake.put(issue(1).custom(FakeJira.STORY_POINTS_FIELD, 5));
      fake.put(
          issue(2)
              .custom(FakeJira.STORY_POINTS_FIELD, 0)
              .custom(FakeJira.TSHIRT_FIELD, Map.of("value", "M")));
      fake.put(issue(3).custom(FakeJira.TAMANHO_FIELD, Map.of("name", " gg ")));
      fake.put(
          issue(4)
              .custom(FakeJira.TSHIRT_FIELD, Map.of("value", "XG"))
              .originalEstimate(10L * 3600));
      fake.put(issue(5));
      fake.put(issue(6).custom(FakeJira.STORY_POINTS_FIELD, "3.5"));
      fake.put(
          issue(7).custom(FakeJira.STORY_POINTS_FIELD, "lots").custom(FakeJira.TSHIRT_FIELD, "P"));
      fake.put(issue(8).custom("customfield_10028", 13).originalEstimate(0L));
      JiraConnector connector = connector(fake);

      List<Issue> read = items(readAll(connector, BG, null, 20));

      List<Object> efforts = new ArrayList<>();
      for (Issue i : read) {
        efforts.add(i.effort() + "/" + i.effortSource());
      }
      assertEquals(
          List.of(
              "5.0/STORY_POINTS",
              "3.0/TSHIRT_TO_POINTS",
              "8.0/TSHIRT_TO_POINTS",
              "3.0/HOURS_TO_POINTS",
              "null/UNESTIMATED",
              "3.5/STORY_POINTS",
              "2.0/TSHIRT_TO_POINTS",
              "13.0/STORY_POINTS"),
          efforts);
      assertEquals(
          Map.of(
              EffortSource.STORY_POINTS, 3L,
              EffortSource.TSHIRT_TO_POINTS, 3L,
              EffortSource.HOURS_TO_POINTS, 1L,
              EffortSource.UNESTIMATED, 1L),
          connector.effortSourceCounts());
    }

    @Test
    void typeLabelsParentProject_andNulBytesStripped() {
      Issue issue =
          single(
              issue(42)
                  .type("Sub-task")
                  .status("Em\u0000 Code Review", null)
                  .labels(List.of("back\u0000end", "\u0000", "api", "api"))
                  .parent("BG-7"));

      assertEquals("BG", issue.projectKey());
      assertEquals(IssueType.SUBTASK, issue.type());
      assertEquals("Em Code Review", issue.rawStatus());
      assertEquals(NormalizedStatus.IN_REVIEW, issue.status());
      assertEquals(Set.of("backend", "api"), issue.labels());
      assertEquals("BG-7", issue.parentKey());
    }

    @Test
    void issueType_byNameFragments() {
      assertEquals(IssueType.BUG, IssueMapper.type("Production Bug"));
      assertEquals(IssueType.STORY, IssueMapper.type("User Story"));
      assertEquals(IssueType.EPIC, IssueMapper.type("Epic"));
      assertEquals(IssueType.SUBTASK, IssueMapper.type("Subtarefa"));
      assertEquals(IssueType.TASK, IssueMapper.type("História"));
      assertEquals(IssueType.TASK, IssueMapper.type(null));
    }

    @Test
    void noPersonIdentifyingFieldLeavesTheConnector() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 25).start(T0));
      List<Issue> read = items(readAll(connector(fake), BG, null, 50));

      String all = read.toString();
      for (String person : List.of("Ana", "Bruno", "Carla", "@example.test", "Work item")) {
        assertFalse(all.contains(person), "leaked " + person);
      }
      assertFalse(all.contains("\u0000"), "no NUL byte in any text");
    }
  }

  @Nested
  class DiscoveryAndCounts {
    @Test
    void discoverScopes_pagesThroughProjects_andAppliesTheActivationPredicate() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 1).project("OPS", 1).project("WEB", 1));
      assertEquals(
          List.of("BG", "OPS", "WEB"),
          connector(fake).discoverScopes().stream().map(ScopeKey::value).toList());

      JiraConnector smart =
          connector(
              support
                  .builder(fake)
                  .activeProjects(
                      ProjectActivation.referencedByTitles(
                          List.of("BG-1 fix", "BG-2 and BG-3", "UTF-8 cleanup", "OPS-3", "UTF-16"),
                          2)));
      assertEquals(List.of(BG), smart.discoverScopes());
    }

    @Test
    void preCount_approximateFromTheCountEndpoint_unknownOnZeroBudgetOrFailure() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 9).start(T0));
      JiraConnector connector = connector(fake);

      assertEquals(ItemCount.approximate(9), connector.preCount(BG, null, Duration.ofSeconds(10)));
      assertEquals(ItemCount.unknown(), connector.preCount(BG, null, Duration.ZERO));
      fake.inject("/rest/api/3/search/approximate-count", Fault.status(400));
      assertEquals(ItemCount.unknown(), connector.preCount(BG, null, Duration.ofSeconds(10)));
    }

    @Test
    void openScope_unknownProjectOrDimension_scopeNotFound() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 1));
      JiraConnector connector = connector(fake);

      assertThrows(
          ScopeNotFoundException.class,
          () -> connector.openScope(ScopeKey.of("jira", "project", "NOPE")));
      assertThrows(
          ScopeNotFoundException.class,
          () -> connector.openScope(ScopeKey.of("jira", "board", "BG")));
      assertThrows(
          ScopeNotFoundException.class,
          () -> connector.openScope(ScopeKey.of("jira", "project", "BG\"OR")));
    }

    @Test
    void holdBack_defaultsToAMinute_andIsConfigurable() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 1));
      assertEquals(Duration.ofMinutes(1), connector(fake).holdBack());
      assertEquals(
          Duration.ofMinutes(5),
          connector(support.builder(fake).holdBack(Duration.ofMinutes(5))).holdBack());
    }

    @Test
    void checkHealth_upWithGoodCredentials_downAuthFailedWithBad() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 1));
      assertEquals(Health.up(), connector(fake).checkHealth());

      Health bad =
          connector(support.builder(fake).credential("jira-ci", FakeJira.EMAIL, "wrong-token-123"))
              .checkHealth();
      assertEquals(ErrorCode.AUTH_FAILED, bad.code());
      assertTrue(bad.detail().contains("'jira-ci'"), bad.detail());
      assertFalse(bad.detail().contains("wrong-token-123"), bad.detail());
    }

    @Test
    void builder_rejectsMissingOrBadSettings_namingThem() {
      assertTrue(
          assertThrows(IllegalStateException.class, () -> JiraConnector.builder().build())
              .getMessage()
              .contains("baseUri"));
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> JiraConnector.builder().holdBack(Duration.ofSeconds(-1)))
              .getMessage()
              .contains("holdBack"));
      assertTrue(
          assertThrows(IllegalArgumentException.class, () -> JiraConnector.builder().maxRetries(99))
              .getMessage()
              .contains("maxRetries"));
      assertThrows(
          IllegalArgumentException.class,
          () -> JiraConnector.builder().baseUri(java.net.URI.create("ftp://x.test")));
      assertThrows(
          IllegalArgumentException.class,
          () -> JiraConnector.builder().credential("n", "e@x.test", " "));
    }
  }

  @Nested
  class Faults {
    private JiraConnector withFaults(FakeJira fake) {
      return connector(support.builder(fake).maxRetries(3));
    }

    private List<Issue> readBg(JiraConnector connector) {
      return items(readAll(connector, BG, null, 10));
    }

    @Test
    void unauthorized_failsAuthFailed_namingSourceAndCredentialNameOnly() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 3));
      JiraConnector connector =
          connector(
              support.builder(fake).credential("jira-prod", FakeJira.EMAIL, "bad-secret-987"));

      PulseException e = assertThrows(PulseException.class, () -> readBg(connector));

      assertEquals(ErrorCode.AUTH_FAILED, e.code());
      String text = describe(e);
      assertTrue(text.contains("jira") && text.contains("'jira-prod'"), text);
      assertFalse(text.contains("bad-secret-987"), text);
    }

    @Test
    void tooManyRequests_retryAfterWaitedOnTheClock_thenRead() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 3));
      fake.inject("/rest/api/3/search/jql", Fault.tooManyRequests(Duration.ofSeconds(30)));

      assertEquals(3, readBg(withFaults(fake)).size());
      assertTrue(support.slept.contains(Duration.ofSeconds(30)), "slept " + support.slept);
    }

    @Test
    void tooManyRequests_jiraResetHeaderOnly_waitsUntilReset() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 3));
      fake.inject(
          "/rest/api/3/search/jql",
          Fault.tooManyRequestsUntil(support.clock.instant().plusSeconds(45)));

      assertEquals(3, readBg(withFaults(fake)).size());
      assertTrue(support.slept.contains(Duration.ofSeconds(45)), "slept " + support.slept);
    }

    @Test
    void tooManyRequests_longWait_rateLimitedWithResumeTime() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 3));
      fake.inject("/rest/api/3/search/jql", Fault.tooManyRequests(Duration.ofMinutes(30)));
      Instant resume = support.clock.instant().plus(Duration.ofMinutes(30));

      PulseException e = assertThrows(PulseException.class, () -> readBg(withFaults(fake)));

      SourceException source = sourceException(e);
      assertEquals(ErrorCode.RATE_LIMITED, source.code());
      assertEquals(Duration.ofMinutes(30), source.retryAfter());
      assertTrue(describe(e).contains(resume.toString()), describe(e));
    }

    @Test
    void serverErrorsAndResets_retried_thenRead() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 3));
      fake.inject("/rest/api/3/search/jql", Fault.status(503))
          .inject("/rest/api/3/search/jql", Fault.connectionReset())
          .inject("/rest/api/3/search/jql", Fault.status(502));

      assertEquals(3, readBg(withFaults(fake)).size());
      assertEquals(0, fake.server().pendingFaults());
    }

    @Test
    void serverErrors_pastTheRetries_sourceUnavailable() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 3));
      for (int i = 0; i < 4; i++) {
        fake.inject("/rest/api/3/search/jql", Fault.status(500));
      }

      PulseException e = assertThrows(PulseException.class, () -> readBg(withFaults(fake)));

      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, e.code());
      assertTrue(describe(e).contains("after 4 attempts"), describe(e));
    }

    @Test
    void slowAnswer_timedOutAndRetried() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 3));
      fake.inject("/rest/api/3/search/jql", Fault.slow(Duration.ofMillis(1500)));

      JiraConnector connector =
          connector(support.builder(fake).requestTimeout(Duration.ofMillis(300)));

      assertEquals(3, readBg(connector).size());
    }

    @Test
    void malformedJson_invalidData_nothingDelivered() {
      FakeJira fake = fake(FakeJira.builder().project("BG", 3));
      fake.inject("/rest/api/3/search/jql", Fault.malformedJson());

      PulseException e = assertThrows(PulseException.class, () -> readBg(withFaults(fake)));

      assertEquals(ErrorCode.INVALID_DATA, sourceException(e).code());
    }

    private SourceException sourceException(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SourceException s) {
          return s;
        }
      }
      throw new AssertionError("no SourceException in " + e, e);
    }

    private String describe(Throwable e) {
      StringBuilder text = new StringBuilder();
      Set<Throwable> seen = new HashSet<>();
      for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
        text.append(t).append(" | ");
      }
      return text.toString();
    }
  }
}
