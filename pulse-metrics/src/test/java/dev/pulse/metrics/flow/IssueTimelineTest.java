package dev.pulse.metrics.flow;

import static dev.pulse.metrics.flow.Issues.hour;
import static dev.pulse.metrics.flow.Issues.to;
import static dev.pulse.metrics.flow.Issues.withHistory;
import static dev.pulse.metrics.flow.Issues.withoutHistory;
import static dev.pulse.model.NormalizedStatus.DONE;
import static dev.pulse.model.NormalizedStatus.IN_PROGRESS;
import static dev.pulse.model.NormalizedStatus.IN_REVIEW;
import static dev.pulse.model.NormalizedStatus.TODO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class IssueTimelineTest {
  private static final List<NormalizedStatus> STATUSES = List.of(NormalizedStatus.values());

  @Test
  void statusAt_equalTimes_laterListedWins() {
    // Listed out of time order; within each instant the source order is IN_PROGRESS then DONE (hour
    // 2) and
    // IN_REVIEW then IN_PROGRESS (hour 5).
    Issue issue =
        withHistory(
            "T-1",
            hour(0),
            to(IN_REVIEW, hour(5)),
            to(IN_PROGRESS, hour(2)),
            to(DONE, hour(2)),
            to(IN_PROGRESS, hour(5)));
    IssueTimeline timeline = IssueTimeline.of(issue);

    assertEquals(TODO, timeline.statusAt(hour(1)));
    assertEquals(DONE, timeline.statusAt(hour(2)));
    assertEquals(DONE, timeline.statusAt(hour(4)));
    assertEquals(IN_PROGRESS, timeline.statusAt(hour(5)));
    assertEquals(IN_PROGRESS, timeline.statusAt(hour(9)));
  }

  @Test
  void statusAt_longRunOfEqualTimes_lastListedWinsWherever() {
    // Runs of equal instants of every length from 1 to 9, so the binary search lands inside, before
    // and after them.
    for (int run = 1; run <= 9; run++) {
      List<StatusTransition> transitions = new ArrayList<>();
      transitions.add(to(IN_PROGRESS, hour(1)));
      for (int i = 0; i < run; i++) {
        transitions.add(to(STATUSES.get(i % 4), hour(3)));
      }
      transitions.add(to(IN_REVIEW, hour(3)));
      transitions.add(to(DONE, hour(6)));
      IssueTimeline timeline =
          IssueTimeline.of(
              Issues.issue("R-" + run, DONE, hour(0), null, null, List.copyOf(transitions)));

      assertEquals(IN_PROGRESS, timeline.statusAt(hour(3).minusNanos(1)), "run " + run);
      assertEquals(IN_REVIEW, timeline.statusAt(hour(3)), "run " + run);
      assertEquals(IN_REVIEW, timeline.statusAt(hour(6).minusNanos(1)), "run " + run);
      assertEquals(DONE, timeline.statusAt(hour(6)), "run " + run);
    }
  }

  @Test
  void statusAt_beforeCreation_isNull() {
    IssueTimeline timeline =
        IssueTimeline.of(withHistory("T-2", hour(4), to(IN_PROGRESS, hour(2))));

    assertNull(timeline.statusAt(hour(3)));
    assertEquals(IN_PROGRESS, timeline.statusAt(hour(4)));
  }

  @Test
  void statusAt_synthesizedOutOfOrder_lastListedEventAtOrBeforeWins() {
    // Without transitions the list is TODO at created (hour 5), IN_PROGRESS at started (hour 8),
    // DONE at completed
    // (hour 2): not in time order. The rule stays "last listed event at or before t".
    IssueTimeline timeline =
        IssueTimeline.of(withoutHistory("T-3", DONE, hour(5), hour(8), hour(2)));

    assertNull(timeline.statusAt(hour(4)));
    assertEquals(DONE, timeline.statusAt(hour(5)));
    assertEquals(DONE, timeline.statusAt(hour(9)));
  }

  @Test
  void statusAt_synthesizedStartedBeforeCreated_startedStillWins() {
    IssueTimeline timeline =
        IssueTimeline.of(withoutHistory("T-4", IN_REVIEW, hour(5), hour(2), null));

    assertEquals(IN_REVIEW, timeline.statusAt(hour(5)));
    assertEquals(hour(2), timeline.activeSince(hour(6)));
  }
}
