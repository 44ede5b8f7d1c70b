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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Issue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class WipTest {

  private static final double EPSILON = 1e-9;

  // A: created 0h, in progress 5h, in review 10h, done 20h.
  private static final Issue A =
      withHistory(
          "A-1", hour(0), to(IN_PROGRESS, hour(5)), to(IN_REVIEW, hour(10)), to(DONE, hour(20)));
  // B: created 12h, in progress 14h, still in progress.
  private static final Issue B = withHistory("A-2", hour(12), to(IN_PROGRESS, hour(14)));
  // C: created 0h, done 3h, reopened (in progress) 8h.
  private static final Issue C =
      withHistory(
          "B-1", hour(0), to(IN_PROGRESS, hour(1)), to(DONE, hour(3)), to(IN_PROGRESS, hour(8)));
  private static final List<Issue> ISSUES = List.of(A, B, C);

  @Test
  void wipNow_countsCurrentActiveStatus() {
    Issue review = withoutHistory("A-3", IN_REVIEW, hour(0), null, null);

    WipCount wip = FlowMetrics.wipNow(List.of(A, B, C, review), FlowScope.all());

    assertEquals(new WipCount(FlowScope.all(), null, 2, 1, 0), wip);
    assertEquals(3, wip.total());
  }

  @Test
  void wipAt_pastInstant_reconstructsFromTransitions() {
    // At 9h: A in progress (since 5h), B not created yet, C reopened at 8h -> in progress.
    assertEquals(
        new WipCount(FlowScope.all(), hour(9), 2, 0, 0),
        FlowMetrics.wipAt(ISSUES, FlowScope.all(), hour(9)));
    // At 15h: A in review, B in progress, C in progress.
    assertEquals(
        new WipCount(FlowScope.all(), hour(15), 2, 1, 0),
        FlowMetrics.wipAt(ISSUES, FlowScope.all(), hour(15)));
    // At 4h: A to do, C done (between its completion and the reopen): no WIP.
    assertEquals(0, FlowMetrics.wipAt(ISSUES, FlowScope.all(), hour(4)).total());
  }

  @Test
  void wipAt_afterLastTransition_agreesWithWipNow() {
    WipCount now = FlowMetrics.wipNow(ISSUES, FlowScope.all());
    WipCount later = FlowMetrics.wipAt(ISSUES, FlowScope.all(), hour(1000));

    assertEquals(now.inProgress(), later.inProgress());
    assertEquals(now.inReview(), later.inReview());
    assertEquals(2, later.total());
  }

  @Test
  void wipAt_transitionAtTheInstantCounts() {
    assertEquals(1, FlowMetrics.wipAt(List.of(A), FlowScope.all(), hour(5)).inProgress());
    assertEquals(0, FlowMetrics.wipAt(List.of(A), FlowScope.all(), hour(5).minusNanos(1)).total());
    assertEquals(0, FlowMetrics.wipAt(List.of(A), FlowScope.all(), hour(20)).total());
    assertEquals(
        1, FlowMetrics.wipAt(List.of(A), FlowScope.all(), hour(20).minusNanos(1)).inReview());
  }

  @Test
  void wipAt_projectScope() {
    assertEquals(1, FlowMetrics.wipAt(ISSUES, FlowScope.project("B"), hour(15)).total());
    assertEquals(2, FlowMetrics.wipAt(ISSUES, FlowScope.project("A"), hour(15)).total());
    assertEquals(
        FlowScope.project("A"),
        FlowMetrics.wipAt(ISSUES, FlowScope.project("A"), hour(15)).scope());
  }

  @Test
  void wipAt_noTransitions_usesStartedAndCompleted() {
    Issue active = withoutHistory("A-1", IN_REVIEW, hour(0), hour(10), null);
    Issue done = withoutHistory("A-2", DONE, hour(0), hour(2), hour(6));
    Issue todo = withoutHistory("A-3", TODO, hour(0), null, null);

    assertEquals(
        1, FlowMetrics.wipAt(List.of(active, done, todo), FlowScope.all(), hour(4)).inProgress());
    assertEquals(
        1, FlowMetrics.wipAt(List.of(active, done, todo), FlowScope.all(), hour(10)).inReview());
    assertEquals(
        0, FlowMetrics.wipAt(List.of(active, done, todo), FlowScope.all(), hour(8)).total());
  }

  @Test
  void wipAt_unknownTimeline_excludedAndCounted() {
    Issue activeNoStart = withoutHistory("A-8", IN_PROGRESS, hour(0), null, null);
    Issue doneNoCompletion = withoutHistory("A-9", DONE, hour(0), hour(1), null);

    WipCount wip =
        FlowMetrics.wipAt(List.of(activeNoStart, doneNoCompletion, A), FlowScope.all(), hour(6));

    assertEquals(new WipCount(FlowScope.all(), hour(6), 1, 0, 2), wip);
  }

  @Test
  void agingWip_agesSinceCurrentActiveStretch() {
    Issue oldest = withHistory("A-1", hour(0), to(IN_PROGRESS, hour(10)));
    Issue bounced =
        withHistory(
            "A-2",
            hour(0),
            to(IN_PROGRESS, hour(20)),
            to(IN_REVIEW, hour(30)),
            to(IN_PROGRESS, hour(40)));
    Issue reopened =
        withHistory(
            "A-3",
            hour(0),
            to(IN_PROGRESS, hour(5)),
            to(DONE, hour(10)),
            to(IN_PROGRESS, hour(70)));
    Issue noHistory = withoutHistory("A-4", IN_REVIEW, hour(0), hour(50), null);
    Issue done = withHistory("A-5", hour(0), to(IN_PROGRESS, hour(1)), to(DONE, hour(2)));
    Issue todo = withHistory("A-6", hour(0));
    Issue unknown = withoutHistory("A-7", IN_PROGRESS, hour(0), null, null);

    AgingWip aging =
        FlowMetrics.agingWip(
            List.of(reopened, noHistory, done, todo, oldest, bounced, unknown),
            FlowScope.all(),
            hour(100));

    assertEquals(
        List.of(
            new AgingItem("A-1", "A", IN_PROGRESS, hour(10), Duration.ofHours(90)),
            new AgingItem("A-2", "A", IN_PROGRESS, hour(20), Duration.ofHours(80)),
            new AgingItem("A-4", "A", IN_REVIEW, hour(50), Duration.ofHours(50)),
            new AgingItem("A-3", "A", IN_PROGRESS, hour(70), Duration.ofHours(30))),
        aging.items());
    assertEquals(1, aging.unknownTimeline());
    assertEquals(hour(100), aging.asOf());
    // Ages sorted 30, 50, 80, 90; h = 3 * p / 100.
    FlowPercentiles p = aging.agePercentiles();
    assertNotNull(p);
    assertEquals(65.0, p.p50(), EPSILON); // h = 1.5
    assertEquals(82.5, p.p75(), EPSILON); // h = 2.25
    assertEquals(85.5, p.p85(), EPSILON); // h = 2.55
    assertEquals(87.0, p.p90(), EPSILON); // h = 2.7
    assertEquals(88.5, p.p95(), EPSILON); // h = 2.85
  }

  @Test
  void agingWip_pastInstant() {
    // At 9h, C is reopened since 8h (1h old), A in progress since 5h (4h old), B does not exist
    // yet.
    AgingWip aging = FlowMetrics.agingWip(ISSUES, FlowScope.all(), hour(9));

    assertEquals(
        List.of(
            new AgingItem("A-1", "A", IN_PROGRESS, hour(5), Duration.ofHours(4)),
            new AgingItem("B-1", "B", IN_PROGRESS, hour(8), Duration.ofHours(1))),
        aging.items());
  }

  @Test
  void agingWip_equalAgesOrderedByKey() {
    Issue b = withHistory("A-2", hour(0), to(IN_PROGRESS, hour(1)));
    Issue a = withHistory("A-1", hour(0), to(IN_PROGRESS, hour(1)));

    AgingWip aging = FlowMetrics.agingWip(List.of(b, a), FlowScope.all(), hour(2));

    assertEquals(List.of("A-1", "A-2"), aging.items().stream().map(AgingItem::issueKey).toList());
  }

  @Test
  void agingWip_nothingActive() {
    AgingWip aging = FlowMetrics.agingWip(List.of(A), FlowScope.all(), hour(1));

    assertTrue(aging.items().isEmpty());
    assertNull(aging.agePercentiles());
  }
}
