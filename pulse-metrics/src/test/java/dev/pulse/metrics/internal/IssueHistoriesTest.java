package dev.pulse.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link IssueHistories}: what is copied into the columns, and the builder's keep-or-drop step. */
final class IssueHistoriesTest {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00.000000123Z");

  @Test
  void of_copiesHistoriesInTimeOrderAndLeavesOthersToTheIssue() {
    Issue ordered =
        issue(
            "A-1",
            to(NormalizedStatus.TODO, 0),
            to(NormalizedStatus.IN_PROGRESS, 1),
            to(NormalizedStatus.DONE, 2),
            to(NormalizedStatus.DONE, 2));
    Issue reopened = issue("A-2", to(NormalizedStatus.DONE, 1), to(NormalizedStatus.IN_REVIEW, 3));
    Issue unordered =
        issue("A-3", to(NormalizedStatus.IN_PROGRESS, 2), to(NormalizedStatus.DONE, 1));
    Issue none = issue("A-4");

    IssueHistories h = IssueHistories.of(List.of(ordered, reopened, unordered, none));

    assertEquals(List.of(ordered, reopened, unordered, none), h);
    assertSame(h, IssueHistories.of(h));
    assertEquals(4, h.end(0) - h.start(0));
    // the first of the trailing run of done transitions, ties included
    assertEquals(h.start(0) + 2, h.completion(0));
    assertEquals(T0.plusSeconds(2 * 3600).getEpochSecond(), h.seconds(h.completion(0)));
    assertEquals(123, h.nanos(h.completion(0)));
    assertEquals(NormalizedStatus.IN_PROGRESS, h.status(h.start(0) + 1));
    assertEquals(T0.getEpochSecond(), h.createdSeconds(0));
    assertEquals(123, h.createdNanos(0));
    assertEquals(-1, h.completion(1));
    assertEquals(NormalizedStatus.IN_REVIEW, h.status(h.end(1) - 1));
    for (int i = 2; i < 4; i++) {
      assertEquals(IssueHistories.NOT_COPIED, h.completion(i));
      assertEquals(h.start(i), h.end(i));
    }
  }

  @Test
  void builder_dropsTheLastIssueAndGrowsPastItsExpectation() {
    IssueHistories.Builder builder = new IssueHistories.Builder(1);
    Issue early = issue("B-0", to(NormalizedStatus.DONE, 1));
    builder.add(early);
    assertTrue(builder.lastCompletedBefore(T0.plusSeconds(2 * 3600)));
    assertFalse(builder.lastCompletedBefore(T0.plusSeconds(3600)));
    builder.removeLast();
    Issue unordered = issue("B-1", to(NormalizedStatus.DONE, 2), to(NormalizedStatus.DONE, 1));
    builder.add(unordered);
    // read from the issue: completed at hour 1 once sorted
    assertTrue(builder.lastCompletedBefore(T0.plusSeconds(3600 + 1)));
    for (int k = 0; k < 40; k++) {
      builder.add(
          issue("C-" + k, to(NormalizedStatus.TODO, k), to(NormalizedStatus.IN_PROGRESS, k + 1)));
    }
    IssueHistories h = builder.build();

    assertEquals(41, h.size());
    assertSame(unordered, h.get(0));
    for (int k = 0; k < 40; k++) {
      int i = k + 1;
      assertEquals(2, h.end(i) - h.start(i));
      assertEquals(T0.plusSeconds((k + 1) * 3600L).getEpochSecond(), h.seconds(h.end(i) - 1));
      assertEquals(-1, h.completion(i));
    }
  }

  private static StatusTransition to(NormalizedStatus status, int hours) {
    return StatusTransition.builder()
        .status(status)
        .rawStatus(status.name())
        .enteredAt(T0.plusSeconds(hours * 3600L))
        .build();
  }

  private static Issue issue(String key, StatusTransition... transitions) {
    NormalizedStatus status =
        transitions.length == 0
            ? NormalizedStatus.TODO
            : transitions[transitions.length - 1].status();
    return Issue.builder()
        .key(key)
        .projectKey(key.substring(0, key.indexOf('-')))
        .type(IssueType.TASK)
        .rawStatus(status.name())
        .status(status)
        .transitions(List.of(transitions))
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }
}
