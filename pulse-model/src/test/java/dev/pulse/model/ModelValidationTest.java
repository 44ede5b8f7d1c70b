package dev.pulse.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

final class ModelValidationTest {
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  private static final Instant T1 = T0.plusSeconds(3_600);

  private static IllegalArgumentException rejected(
      Executable construction, String... expectedInMessage) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
    String message = String.valueOf(e.getMessage());
    for (String expected : expectedInMessage) {
      assertTrue(
          message.contains(expected),
          "the message should name \"" + expected + "\" but was: " + message);
    }
    return e;
  }

  private static PullRequest pullRequest(long number, PullRequestState state, Instant mergedAt) {
    return new PullRequest(
        "acme/api", number, T0, null, null, mergedAt, mergedAt, state, "main", List.of(), T1);
  }

  private static Deployment deployment(
      String repository, String environment, String buildId, Instant finishedAt) {
    return new Deployment(
        repository, environment, buildId, T1, finishedAt, DeploymentResult.SUCCESS);
  }

  private static Issue issue(
      Double effort, List<StatusTransition> transitions, List<String> sprintIds) {
    return new Issue(
        "BG-1",
        "BG",
        IssueType.STORY,
        "In Progress",
        NormalizedStatus.IN_PROGRESS,
        transitions,
        effort,
        EffortSource.STORY_POINTS,
        sprintIds,
        T0,
        T0,
        null,
        T1);
  }

  @Test
  void pullRequest_mergedWithoutMergedAt_rejectedNamingMergedAt() {
    rejected(() -> pullRequest(7, PullRequestState.MERGED, null), "mergedAt", "acme/api#7");

    assertEquals(T1, pullRequest(7, PullRequestState.MERGED, T1).mergedAt());
    assertDoesNotThrow(() -> pullRequest(7, PullRequestState.OPEN, null));
    assertDoesNotThrow(() -> pullRequest(7, PullRequestState.CLOSED, null));
  }

  @Test
  void pullRequest_numberNotPositive_rejectedNamingNumber() {
    rejected(() -> pullRequest(0, PullRequestState.OPEN, null), "number", "was 0");
    rejected(() -> pullRequest(-3, PullRequestState.OPEN, null), "number", "was -3");

    assertEquals(1, pullRequest(1, PullRequestState.OPEN, null).number());
  }

  @Test
  void pullRequest_blankRepository_rejectedNamingRepository() {
    rejected(
        () ->
            new PullRequest(
                " ", 1, T0, null, null, null, null, PullRequestState.OPEN, "main", List.of(), T1),
        "repository");
  }

  @Test
  void pullRequest_referencedIssueKeys_copiedDefensively() {
    List<String> keys = new ArrayList<>(List.of("BG-1"));
    PullRequest pr =
        new PullRequest(
            "acme/api", 1, T0, null, null, null, null, PullRequestState.OPEN, "main", keys, T1);

    keys.add("BG-2");

    assertEquals(
        List.of("BG-1"),
        pr.referencedIssueKeys(),
        "later changes to the caller's list do not leak in");
    assertThrows(UnsupportedOperationException.class, () -> pr.referencedIssueKeys().add("BG-3"));
  }

  @Test
  void deployment_finishedBeforeStarted_rejectedNamingBothTimes() {
    Instant before = T1.minusMillis(1);

    rejected(
        () -> deployment("api", "prod", "42", before),
        "finished",
        "started",
        before.toString(),
        T1.toString());

    assertEquals(
        T1,
        deployment("api", "prod", "42", T1).finishedAt(),
        "finishing at the start instant is fine");
    assertEquals(
        T1,
        deployment("api", "prod", "42", null).effectiveAt(),
        "an unfinished deployment is fine");
  }

  @Test
  void deployment_blankNames_rejectedNamingTheField() {
    rejected(() -> deployment("", "prod", "42", null), "repository");
    rejected(() -> deployment("api", " \t", "42", null), "environment");
    rejected(() -> deployment("api", "prod", "  ", null), "buildId");
  }

  @Test
  void incident_resolvedBeforeCreated_rejectedNamingBothTimes() {
    Instant before = T0.minusSeconds(1);

    rejected(
        () -> new Incident("INC-1", "api", T0, before, null),
        "resolved",
        "created",
        "INC-1",
        before.toString());

    assertEquals(
        T0, new Incident("INC-1", "api", T0, T0, null).resolvedAt(), "resolving at once is fine");
    assertDoesNotThrow(() -> new Incident("INC-1", "api", T0, null, "42"));
  }

  @Test
  void incident_blankNames_rejectedNamingTheField() {
    rejected(() -> new Incident(" ", "api", T0, null, null), "id");
    rejected(() -> new Incident("INC-1", "", T0, null, null), "service");
  }

  @Test
  void issue_negativeOrNanEffort_rejectedNamingEffort() {
    rejected(() -> issue(-0.5, List.of(), List.of()), "effort", "BG-1", "-0.5");
    rejected(() -> issue(Double.NaN, List.of(), List.of()), "effort", "NaN");

    assertEquals(0.0, issue(0.0, List.of(), List.of()).effort(), "zero effort is fine");
    assertNull(issue(null, List.of(), List.of()).effort(), "unestimated is fine");
  }

  @Test
  void issue_blankKeys_rejectedNamingTheField() {
    rejected(
        () ->
            new Issue(
                " ",
                "BG",
                IssueType.BUG,
                "Open",
                NormalizedStatus.TODO,
                List.of(),
                null,
                EffortSource.UNESTIMATED,
                List.of(),
                T0,
                null,
                null,
                T1),
        "key");
    rejected(
        () ->
            new Issue(
                "BG-1",
                "",
                IssueType.BUG,
                "Open",
                NormalizedStatus.TODO,
                List.of(),
                null,
                EffortSource.UNESTIMATED,
                List.of(),
                T0,
                null,
                null,
                T1),
        "projectKey");
  }

  @Test
  void issue_lists_copiedDefensively() {
    StatusTransition todo = new StatusTransition(NormalizedStatus.TODO, "Open", T0, T1);
    List<StatusTransition> transitions = new ArrayList<>(List.of(todo));
    List<String> sprintIds = new ArrayList<>(List.of("s1"));
    Issue issue = issue(3.0, transitions, sprintIds);

    transitions.clear();
    sprintIds.add("s2");

    assertEquals(
        List.of(todo), issue.transitions(), "later changes to the caller's list do not leak in");
    assertEquals(
        List.of("s1"), issue.sprintIds(), "later changes to the caller's list do not leak in");
    assertThrows(UnsupportedOperationException.class, () -> issue.transitions().clear());
    assertThrows(UnsupportedOperationException.class, () -> issue.sprintIds().add("s3"));
  }

  @Test
  void statusTransition_exitBeforeEnter_rejectedNamingBothFields() {
    Instant before = T0.minusNanos(1);

    rejected(
        () -> new StatusTransition(NormalizedStatus.IN_REVIEW, "Review", T0, before),
        "exitedAt",
        "enteredAt",
        before.toString());

    assertEquals(T0, new StatusTransition(NormalizedStatus.IN_REVIEW, "Review", T0, T0).exitedAt());
    assertNull(new StatusTransition(NormalizedStatus.DONE, "Done", T0, null).exitedAt());
  }
}
