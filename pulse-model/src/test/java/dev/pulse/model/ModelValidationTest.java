package dev.pulse.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

final class ModelValidationTest {
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  private static final Instant T1 = T0.plusSeconds(3_600);
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private static IllegalArgumentException rejected(
      Executable construction, String... expectedInMessage) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
    assertMessageNames(e, expectedInMessage);
    return e;
  }

  private static void assertMessageNames(Exception e, String... expectedInMessage) {
    String message = String.valueOf(e.getMessage());
    for (String expected : expectedInMessage) {
      assertTrue(
          message.contains(expected),
          "the message should name \"" + expected + "\" but was: " + message);
    }
  }

  private static PullRequest.Builder openPullRequest() {
    return PullRequest.builder()
        .repository("acme/api")
        .number(7)
        .createdAt(T0)
        .state(PullRequestState.OPEN)
        .baseBranch("main")
        .updatedAt(T1);
  }

  private static PullRequest pullRequest(
      long number, PullRequestState state, @Nullable Instant mergedAt) {
    return new PullRequest(
        "acme/api",
        number,
        T0,
        null,
        null,
        mergedAt,
        mergedAt,
        state,
        "main",
        List.of(),
        T1,
        null,
        null,
        false,
        null,
        null,
        0,
        0,
        Set.of(),
        false,
        null,
        Set.of());
  }

  private static Deployment.Builder deployment() {
    return Deployment.builder()
        .repository("api")
        .environment("prod")
        .buildId("42")
        .startedAt(T1)
        .result(DeploymentResult.SUCCESS)
        .system(DeploymentSystem.JENKINS);
  }

  private static Issue.Builder issue() {
    return Issue.builder()
        .key("BG-1")
        .projectKey("BG")
        .type(IssueType.STORY)
        .rawStatus("In Progress")
        .status(NormalizedStatus.IN_PROGRESS)
        .createdAt(T0)
        .startedAt(T0)
        .updatedAt(T1);
  }

  private static Incident.Builder incident() {
    return Incident.builder().id("INC-1").service("api").createdAt(T0);
  }

  // --- pull requests ---

  @Test
  void pullRequest_mergedWithoutMergedAt_rejectedNamingMergedAt() {
    rejected(() -> pullRequest(7, PullRequestState.MERGED, null), "mergedAt", "acme/api#7");
    rejected(() -> openPullRequest().state(PullRequestState.MERGED).build(), "mergedAt");

    assertEquals(T1, pullRequest(7, PullRequestState.MERGED, T1).mergedAt());
    assertDoesNotThrow(() -> pullRequest(7, PullRequestState.OPEN, null));
    assertDoesNotThrow(() -> pullRequest(7, PullRequestState.CLOSED, null));
  }

  @Test
  void pullRequest_numberNotPositive_rejectedNamingNumber() {
    rejected(() -> pullRequest(0, PullRequestState.OPEN, null), "number", "was 0");
    rejected(() -> pullRequest(-3, PullRequestState.OPEN, null), "number", "was -3");
    rejected(() -> openPullRequest().number(0), "number", "was 0");

    assertEquals(1, openPullRequest().number(1).build().number());
  }

  @Test
  void pullRequest_blankRepository_rejectedNamingRepository() {
    rejected(() -> openPullRequest().repository(" "), "repository");
  }

  @Test
  void pullRequest_builderMissingRequiredValue_namesIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> PullRequest.builder().repository("acme/api").number(1).build());
    assertMessageNames(e, "createdAt");
    e =
        assertThrows(
            IllegalStateException.class,
            () -> PullRequest.builder().repository("acme/api").createdAt(T0).build());
    assertMessageNames(e, "number");
  }

  @Test
  void pullRequest_collections_copiedDefensively() {
    List<String> keys = new ArrayList<>(List.of("BG-1"));
    List<String> labels = new ArrayList<>(List.of("bug"));
    PullRequest pr = openPullRequest().referencedIssueKeys(keys).labels(labels).build();

    keys.add("BG-2");
    labels.add("hotfix");

    assertEquals(
        List.of("BG-1"),
        pr.referencedIssueKeys(),
        "later changes to the caller's list do not leak in");
    assertEquals(Set.of("bug"), pr.labels());
    assertThrows(UnsupportedOperationException.class, () -> pr.referencedIssueKeys().add("BG-3"));
    assertThrows(UnsupportedOperationException.class, () -> pr.labels().add("x"));
  }

  @Test
  void pullRequest_labels_sortedDeduplicatedAndNeverBlank() {
    PullRequest pr = openPullRequest().labels(List.of("revert", "bug", "revert")).build();

    assertEquals(List.of("bug", "revert"), List.copyOf(pr.labels()));
    rejected(() -> openPullRequest().labels(List.of("bug", " ")), "labels");
    assertThrows(NullPointerException.class, () -> openPullRequest().labels(nullElement()));
  }

  @Test
  void pullRequest_components_sortedDeduplicatedNeverBlankAndKeptByToBuilder() {
    PullRequest pr = openPullRequest().components(List.of("web", "api", "web")).build();

    assertEquals(List.of("api", "web"), List.copyOf(pr.components()));
    assertEquals(pr.components(), pr.toBuilder().build().components());
    assertTrue(openPullRequest().build().components().isEmpty(), "none unless set");
    rejected(() -> openPullRequest().components(List.of("api", "")), "components");
    assertThrows(UnsupportedOperationException.class, () -> pr.components().add("x"));
  }

  @Test
  void pullRequest_mergeCommitSha_hexOnlyAndLowerCased() {
    assertEquals(SHA, openPullRequest().mergeCommitSha(SHA.toUpperCase()).build().mergeCommitSha());
    assertEquals("abc1234", openPullRequest().mergeCommitSha("abc1234").build().mergeCommitSha());

    rejected(() -> openPullRequest().mergeCommitSha("abc123"), "mergeCommitSha", "abc123");
    rejected(() -> openPullRequest().mergeCommitSha("main"), "mergeCommitSha", "main");
    rejected(() -> openPullRequest().mergeCommitSha("g".repeat(40)), "mergeCommitSha");
    rejected(() -> openPullRequest().mergeCommitSha("a".repeat(65)), "mergeCommitSha");
    assertNull(openPullRequest().mergeCommitSha(null).build().mergeCommitSha());
  }

  @Test
  void pullRequest_headBranch_blankRejected() {
    rejected(() -> openPullRequest().headBranch(" "), "headBranch");

    assertEquals("feature/x", openPullRequest().headBranch("feature/x").build().headBranch());
    assertNull(openPullRequest().build().headBranch(), "unknown head branch is fine");
  }

  @Test
  void pullRequest_readyForReviewBeforeCreated_rejectedNamingBothTimes() {
    Instant before = T0.minusSeconds(1);

    rejected(
        () -> openPullRequest().readyForReviewAt(before).build(),
        "readyForReviewAt",
        "createdAt",
        before.toString());

    PullRequest wasDraft = openPullRequest().readyForReviewAt(T1).build();
    assertEquals(T1, wasDraft.readyForReviewAt());
    assertFalse(wasDraft.draft());
    assertTrue(openPullRequest().draft(true).build().draft());
  }

  @Test
  void pullRequest_approvalWithoutEarlierReview_rejected() {
    rejected(
        () -> openPullRequest().firstApprovalAt(T1).build(), "firstApprovalAt", "firstReviewAt");
    rejected(
        () -> openPullRequest().firstReviewAt(T1).firstApprovalAt(T0).build(),
        "firstApprovalAt",
        T0.toString(),
        T1.toString());

    PullRequest approved = openPullRequest().firstReviewAt(T0).firstApprovalAt(T1).build();
    assertEquals(T1, approved.firstApprovalAt());
    assertEquals(
        T0,
        openPullRequest().firstReviewAt(T0).firstApprovalAt(T0).build().firstApprovalAt(),
        "an approval that is the first review is fine");
  }

  @Test
  void pullRequest_negativeLineCounts_rejectedNamingTheCount() {
    rejected(() -> openPullRequest().linesChanged(-1, 0), "additions", "-1");
    rejected(() -> openPullRequest().linesChanged(0, -2), "deletions", "-2");

    PullRequest pr = openPullRequest().linesChanged(10, 3).build();
    assertEquals(10, pr.additions());
    assertEquals(3, pr.deletions());
    assertEquals(0, openPullRequest().build().additions(), "unknown is 0");
  }

  @Test
  void pullRequest_revert_knownOrUnknownRevertedPullRequest() {
    PullRequest known = openPullRequest().revertOf(5L).build();
    PullRequest unknown = openPullRequest().revertOf(null).build();
    PullRequest cleared = known.toBuilder().notRevert().build();

    assertTrue(known.revert());
    assertEquals(5L, known.revertedNumber());
    assertTrue(unknown.revert());
    assertNull(unknown.revertedNumber());
    assertFalse(cleared.revert());
    assertNull(cleared.revertedNumber());
  }

  @Test
  void pullRequest_revertedNumberInconsistent_rejected() {
    rejected(() -> openPullRequest().revertOf(0L), "revertedNumber", "was 0");
    rejected(() -> openPullRequest().revertOf(7L).build(), "acme/api#7", "itself");
    PullRequest revert = openPullRequest().revertOf(5L).build();
    rejected(
        () ->
            new PullRequest(
                revert.repository(),
                revert.number(),
                revert.createdAt(),
                null,
                null,
                null,
                null,
                revert.state(),
                revert.baseBranch(),
                List.of(),
                revert.updatedAt(),
                null,
                null,
                false,
                null,
                null,
                0,
                0,
                Set.of(),
                false,
                5L,
                Set.of()),
        "revertedNumber",
        "revert is false");
  }

  @Test
  void pullRequest_toBuilder_derivesAnEqualOrChangedCopy() {
    PullRequest pr =
        openPullRequest()
            .headBranch("feature/x")
            .mergeCommitSha(SHA)
            .labels(List.of("bug"))
            .linesChanged(4, 2)
            .firstReviewAt(T0)
            .firstApprovalAt(T1)
            .build();

    assertEquals(pr, pr.toBuilder().build());
    PullRequest merged =
        pr.toBuilder().state(PullRequestState.MERGED).mergedAt(T1).closedAt(T1).build();
    assertEquals(PullRequestState.MERGED, merged.state());
    assertEquals(pr.labels(), merged.labels());
    assertEquals(SHA, merged.mergeCommitSha());
  }

  // --- deployments ---

  @Test
  void deployment_finishedBeforeStarted_rejectedNamingBothTimes() {
    Instant before = T1.minusMillis(1);

    rejected(
        () -> deployment().finishedAt(before).build(),
        "finished",
        "started",
        before.toString(),
        T1.toString());

    assertEquals(
        T1, deployment().finishedAt(T1).build().finishedAt(), "finishing at the start is fine");
    assertEquals(T1, deployment().build().effectiveAt(), "an unfinished deployment is fine");
  }

  @Test
  void deployment_blankNames_rejectedNamingTheField() {
    rejected(() -> deployment().repository(""), "repository");
    rejected(() -> deployment().environment(" \t"), "environment");
    rejected(() -> deployment().buildId("  "), "buildId");
    rejected(() -> deployment().ref(" "), "ref");
  }

  @Test
  void deployment_builderMissingRequiredValue_namesIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Deployment.builder()
                    .repository("api")
                    .environment("prod")
                    .buildId("1")
                    .startedAt(T0)
                    .result(DeploymentResult.SUCCESS)
                    .build());
    assertMessageNames(e, "system");
  }

  @Test
  void deployment_commitShaAndRef_keptWithShaLowerCased() {
    Deployment d = deployment().commitSha(SHA.toUpperCase()).ref("main").build();

    assertEquals(SHA, d.commitSha());
    assertEquals("main", d.ref());
    rejected(() -> deployment().commitSha("not-a-sha"), "commitSha", "not-a-sha");
    assertNull(deployment().build().commitSha(), "unknown commit is fine");
  }

  @Test
  void deployment_updatedAt_defaultsToEffectiveTimeUnlessSet() {
    assertEquals(T1, deployment().build().updatedAt(), "running: its start");
    Instant finished = T1.plusSeconds(60);
    assertEquals(finished, deployment().finishedAt(finished).build().updatedAt());
    Instant later = T1.plusSeconds(600);
    assertEquals(later, deployment().finishedAt(finished).updatedAt(later).build().updatedAt());
  }

  @Test
  void deployment_toBuilder_derivesAVariant() {
    Deployment running = deployment().commitSha(SHA).build();
    Deployment done =
        running.toBuilder().finishedAt(T1.plusSeconds(5)).result(DeploymentResult.FAILURE).build();

    assertEquals(running, running.toBuilder().build());
    assertEquals(DeploymentResult.FAILURE, done.result());
    assertEquals(SHA, done.commitSha());
    assertEquals(DeploymentSystem.JENKINS, done.system());
  }

  @Test
  void deployment_components_unknownByDefaultSortedDeduplicatedNeverBlankAndKeptByToBuilder() {
    assertNull(deployment().build().components(), "not known unless set");
    Deployment d = deployment().components(List.of("web", "api", "web")).build();
    Set<String> names = Objects.requireNonNull(d.components());

    assertEquals(List.of("api", "web"), List.copyOf(names));
    assertEquals(d, d.toBuilder().build());
    rejected(() -> deployment().components(List.of("api", " ")), "components");
    assertThrows(UnsupportedOperationException.class, () -> names.add("x"));
  }

  @Test
  void deployment_components_noneChangedIsKnownAndDistinctFromUnknown() {
    Deployment none = deployment().components(List.of()).build();

    assertEquals(Set.of(), none.components(), "changed files, none in a component");
    assertNotEquals(deployment().build(), none);
    assertNull(none.toBuilder().components(null).build().components());
  }

  @Test
  void deploymentSystem_namesAreLowerCaseWords() {
    assertEquals(DeploymentSystem.GITHUB_ACTIONS, DeploymentSystem.of("github-actions"));
    assertEquals("argo.cd_v2", DeploymentSystem.of("argo.cd_v2").name());
    assertEquals("jenkins", DeploymentSystem.JENKINS.toString());

    for (String bad : List.of("", " ", "Jenkins", "git hub", "-x", "x-", "a--b")) {
      rejected(() -> DeploymentSystem.of(bad), "deployment system", "\"" + bad + "\"");
    }
  }

  // --- incidents ---

  @Test
  void incident_resolvedBeforeCreated_rejectedNamingBothTimes() {
    Instant before = T0.minusSeconds(1);

    rejected(
        () -> incident().resolvedAt(before).build(),
        "resolved",
        "created",
        "INC-1",
        before.toString());

    assertEquals(T0, incident().resolvedAt(T0).build().resolvedAt(), "resolving at once is fine");
    assertDoesNotThrow(() -> incident().causedByDeployment("42").build());
  }

  @Test
  void incident_blankNames_rejectedNamingTheField() {
    rejected(() -> incident().id(" "), "id");
    rejected(() -> incident().service(""), "service");
    rejected(() -> incident().causedByDeployment(" "), "causedByDeployment");
  }

  @Test
  void incident_updatedAt_defaultsToLatestOwnTimeUnlessSet() {
    assertEquals(T0, incident().build().updatedAt(), "open: its creation");
    assertEquals(T1, incident().resolvedAt(T1).build().updatedAt(), "resolved: its resolution");
    Instant later = T1.plusSeconds(60);
    Incident edited = incident().resolvedAt(T1).updatedAt(later).build();
    assertEquals(later, edited.updatedAt());
    assertEquals(edited, edited.toBuilder().build());
  }

  // --- sprints ---

  @Test
  void sprint_requiredAndOptionalValues() {
    Sprint sprint =
        Sprint.builder()
            .id("s1")
            .boardId("b1")
            .name("Sprint 1")
            .status(SprintStatus.ACTIVE)
            .startedAt(T0)
            .updatedAt(T1)
            .build();

    assertEquals(T1, sprint.updatedAt());
    assertNull(sprint.toBuilder().updatedAt(null).build().updatedAt(), "Jira gives no update time");
    assertEquals(sprint, sprint.toBuilder().build());
    rejected(() -> Sprint.builder().id(" "), "id");
    rejected(() -> Sprint.builder().boardId(""), "boardId");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Sprint.builder().id("s1").boardId("b1").build());
    assertMessageNames(e, "name");
  }

  // --- issues ---

  @Test
  void issue_negativeOrNanEffort_rejectedNamingEffort() {
    rejected(() -> issue().effort(-0.5, EffortSource.STORY_POINTS), "effort", "-0.5");
    rejected(() -> issue().effort(Double.NaN, EffortSource.STORY_POINTS), "effort", "NaN");

    assertEquals(
        0.0,
        issue().effort(0.0, EffortSource.STORY_POINTS).build().effort(),
        "zero effort is fine");
    assertNull(issue().build().effort(), "unestimated is fine");
    assertEquals(EffortSource.UNESTIMATED, issue().build().effortSource());
  }

  @Test
  void issue_effortDisagreeingWithItsSource_rejected() {
    rejected(() -> issue().effort(null, EffortSource.STORY_POINTS), "effortSource", "UNESTIMATED");
    rejected(() -> issue().effort(3.0, EffortSource.UNESTIMATED), "effortSource", "3.0");
  }

  @Test
  void issue_blankKeys_rejectedNamingTheField() {
    rejected(() -> issue().key(" "), "key");
    rejected(() -> issue().projectKey(""), "projectKey");
    rejected(() -> issue().parentKey(" "), "parentKey");
  }

  @Test
  void issue_ownParent_rejected() {
    rejected(() -> issue().parentKey("BG-1").build(), "parentKey", "BG-1");

    assertEquals("BG-7", issue().parentKey("BG-7").build().parentKey());
    assertNull(issue().build().parentKey());
  }

  @Test
  void issue_collections_copiedDefensively() {
    StatusTransition todo =
        StatusTransition.builder()
            .status(NormalizedStatus.TODO)
            .rawStatus("Open")
            .enteredAt(T0)
            .exitedAt(T1)
            .build();
    List<StatusTransition> transitions = new ArrayList<>(List.of(todo));
    List<String> sprintIds = new ArrayList<>(List.of("s1"));
    List<String> labels = new ArrayList<>(List.of("platform"));
    Issue issue = issue().transitions(transitions).sprintIds(sprintIds).labels(labels).build();

    transitions.clear();
    sprintIds.add("s2");
    labels.add("mobile");

    assertEquals(
        List.of(todo), issue.transitions(), "later changes to the caller's list do not leak in");
    assertEquals(
        List.of("s1"), issue.sprintIds(), "later changes to the caller's list do not leak in");
    assertEquals(Set.of("platform"), issue.labels());
    assertThrows(UnsupportedOperationException.class, () -> issue.transitions().clear());
    assertThrows(UnsupportedOperationException.class, () -> issue.sprintIds().add("s3"));
    assertThrows(UnsupportedOperationException.class, () -> issue.labels().add("x"));
  }

  @Test
  void issue_labels_sortedAndNeverBlank() {
    assertEquals(
        List.of("a", "b"), List.copyOf(issue().labels(List.of("b", "a", "b")).build().labels()));
    rejected(() -> issue().labels(List.of("")), "labels");
  }

  @Test
  void issue_builderMissingRequiredValue_namesIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Issue.builder().key("BG-1").projectKey("BG").type(IssueType.BUG).build());
    assertMessageNames(e, "rawStatus");
    Issue issue = issue().labels(List.of("x")).parentKey("BG-7").build();
    assertEquals(issue, issue.toBuilder().build());
  }

  // --- status transitions ---

  @Test
  void statusTransition_exitBeforeEnter_rejectedNamingBothFields() {
    Instant before = T0.minusNanos(1);
    StatusTransition.Builder review =
        StatusTransition.builder()
            .status(NormalizedStatus.IN_REVIEW)
            .rawStatus("Review")
            .enteredAt(T0);

    rejected(() -> review.exitedAt(before).build(), "exitedAt", "enteredAt", before.toString());

    assertEquals(T0, review.exitedAt(T0).build().exitedAt());
    assertNull(review.exitedAt(null).build().exitedAt());
    StatusTransition done = review.build().toBuilder().status(NormalizedStatus.DONE).build();
    assertEquals(NormalizedStatus.DONE, done.status());
    assertEquals("Review", done.rawStatus());
  }

  @Test
  void issue_sprintChanges_orderedByTimeThenSprintAndKeptByToBuilder() {
    Instant later = T0.plusSeconds(60);
    Issue issue =
        issue()
            .sprintChanges(
                List.of(
                    SprintChange.left("12", later),
                    SprintChange.joined("13", later),
                    SprintChange.joined("12", T0)))
            .build();

    assertEquals(
        List.of(
            SprintChange.joined("12", T0),
            SprintChange.left("12", later),
            SprintChange.joined("13", later)),
        issue.sprintChanges());
    assertEquals(issue, issue.toBuilder().build());
    assertTrue(issue().build().sprintChanges().isEmpty(), "none unless set");
    assertThrows(
        UnsupportedOperationException.class,
        () -> issue.sprintChanges().add(SprintChange.joined("1", T0)));
    rejected(() -> SprintChange.joined(" ", T0), "sprintId");
  }

  @Test
  void issue_components_sortedDeduplicatedNeverBlankAndKeptByToBuilder() {
    Issue issue = issue().components(List.of("Payments", "Checkout", "Payments")).build();

    assertEquals(List.of("Checkout", "Payments"), List.copyOf(issue.components()));
    assertEquals(issue.components(), issue.toBuilder().build().components());
    assertTrue(issue().build().components().isEmpty(), "none unless set");
    rejected(() -> issue().components(List.of("Checkout", " ")), "components");
  }

  @SuppressWarnings("NullAway") // deliberately passes a null element
  private static List<String> nullElement() {
    List<String> list = new ArrayList<>();
    list.add(null);
    return list;
  }
}
