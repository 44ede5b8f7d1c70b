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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Issue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FlowTimesTest {

  private static final double EPSILON = 1e-9;

  private static List<Double> hours(FlowTimes times) {
    return times.items().stream().map(ItemFlowTime::hours).toList();
  }

  @Test
  void cycleTimes_firstActiveToDone() {
    Issue issue =
        withHistory(
            "A-1", hour(0), to(IN_PROGRESS, hour(10)), to(IN_REVIEW, hour(20)), to(DONE, hour(34)));

    FlowTimes cycle = FlowMetrics.cycleTimes(List.of(issue), FlowScope.all());

    assertEquals(FlowTimeKind.CYCLE_TIME, cycle.kind());
    assertEquals(
        List.of(new ItemFlowTime("A-1", "A", hour(10), hour(34), Duration.ofHours(24))),
        cycle.items());
    assertEquals(0, cycle.negativeExcluded());
    assertEquals(0, cycle.noStartExcluded());
  }

  @Test
  void cycleTimes_startsAtInReviewWhenInProgressIsSkipped() {
    Issue issue = withHistory("A-1", hour(0), to(IN_REVIEW, hour(6)), to(DONE, hour(8)));

    assertEquals(List.of(2.0), hours(FlowMetrics.cycleTimes(List.of(issue), FlowScope.all())));
  }

  @Test
  void leadTimes_createdToDone() {
    Issue issue =
        withHistory(
            "A-1", hour(0), to(IN_PROGRESS, hour(10)), to(IN_REVIEW, hour(20)), to(DONE, hour(34)));

    FlowTimes lead = FlowMetrics.leadTimes(List.of(issue), FlowScope.all());

    assertEquals(FlowTimeKind.LEAD_TIME, lead.kind());
    assertEquals(
        List.of(new ItemFlowTime("A-1", "A", hour(0), hour(34), Duration.ofHours(34))),
        lead.items());
  }

  @Test
  void cycleTimes_reopenedUsesFirstStartAndLastCompletion() {
    // Done at 4h, reopened at 10h, done again at 12h: cycle 2h -> 12h = 10h, lead 0h -> 12h = 12h.
    Issue issue =
        withHistory(
            "A-1",
            hour(0),
            to(IN_PROGRESS, hour(2)),
            to(DONE, hour(4)),
            to(IN_PROGRESS, hour(10)),
            to(DONE, hour(12)));

    assertEquals(List.of(10.0), hours(FlowMetrics.cycleTimes(List.of(issue), FlowScope.all())));
    assertEquals(List.of(12.0), hours(FlowMetrics.leadTimes(List.of(issue), FlowScope.all())));
  }

  @Test
  void cycleTimes_reopenedAndStillActive_notCompleted() {
    Issue issue =
        withHistory(
            "A-1", hour(0), to(IN_PROGRESS, hour(2)), to(DONE, hour(4)), to(IN_PROGRESS, hour(10)));

    FlowTimes cycle = FlowMetrics.cycleTimes(List.of(issue), FlowScope.all());
    FlowTimes lead = FlowMetrics.leadTimes(List.of(issue), FlowScope.all());

    assertTrue(cycle.items().isEmpty());
    assertTrue(lead.items().isEmpty());
    assertNull(cycle.percentiles());
    assertEquals(0, cycle.negativeExcluded() + cycle.noStartExcluded());
  }

  @Test
  void cycleTimes_consecutiveDoneStatusesCompleteAtTheFirst() {
    // Resolved (done) at 5h then Closed (done) at 9h: completion is 5h.
    Issue issue =
        withHistory("A-1", hour(0), to(IN_PROGRESS, hour(1)), to(DONE, hour(5)), to(DONE, hour(9)));

    FlowTimes cycle = FlowMetrics.cycleTimes(List.of(issue), FlowScope.all());

    assertEquals(hour(5), cycle.items().get(0).end());
    assertEquals(List.of(4.0), hours(cycle));
  }

  @Test
  void cycleTimes_neverActive_excludedAndCounted() {
    Issue issue = withHistory("A-1", hour(0), to(TODO, hour(1)), to(DONE, hour(5)));

    FlowTimes cycle = FlowMetrics.cycleTimes(List.of(issue), FlowScope.all());

    assertTrue(cycle.items().isEmpty());
    assertEquals(1, cycle.noStartExcluded());
    assertEquals(List.of(5.0), hours(FlowMetrics.leadTimes(List.of(issue), FlowScope.all())));
    assertEquals(0, FlowMetrics.leadTimes(List.of(issue), FlowScope.all()).noStartExcluded());
  }

  @Test
  void cycleTimes_noTransitions_fallsBackToStartedAndCompleted() {
    Issue issue = withoutHistory("A-1", DONE, hour(0), hour(3), hour(8));

    assertEquals(List.of(5.0), hours(FlowMetrics.cycleTimes(List.of(issue), FlowScope.all())));
    assertEquals(List.of(8.0), hours(FlowMetrics.leadTimes(List.of(issue), FlowScope.all())));
  }

  @Test
  void cycleTimes_noTransitionsAndNoStartedAt_excludedAndCounted() {
    Issue issue = withoutHistory("A-1", DONE, hour(0), null, hour(8));

    FlowTimes cycle = FlowMetrics.cycleTimes(List.of(issue), FlowScope.all());

    assertEquals(1, cycle.noStartExcluded());
    assertEquals(List.of(8.0), hours(FlowMetrics.leadTimes(List.of(issue), FlowScope.all())));
  }

  @Test
  void leadTimes_doneWithoutCompletedAt_notCompleted() {
    Issue issue = withoutHistory("A-1", DONE, hour(0), hour(3), null);

    FlowTimes lead = FlowMetrics.leadTimes(List.of(issue), FlowScope.all());

    assertTrue(lead.items().isEmpty());
    assertEquals(0, lead.negativeExcluded());
  }

  @Test
  void leadTimes_notDone_notCompleted() {
    Issue active = withoutHistory("A-1", IN_PROGRESS, hour(0), hour(3), null);
    Issue todo = withHistory("A-2", hour(0));

    assertTrue(FlowMetrics.leadTimes(List.of(active, todo), FlowScope.all()).items().isEmpty());
  }

  @Test
  void cycleTimes_negativeSpan_excludedAndCounted() {
    // Started at 10h but completed at 5h: the cycle time is unknown, the lead time (5h) is fine.
    Issue issue = withoutHistory("A-1", DONE, hour(0), hour(10), hour(5));

    FlowTimes cycle = FlowMetrics.cycleTimes(List.of(issue), FlowScope.all());

    assertTrue(cycle.items().isEmpty());
    assertEquals(1, cycle.negativeExcluded());
    assertEquals(List.of(5.0), hours(FlowMetrics.leadTimes(List.of(issue), FlowScope.all())));
  }

  @Test
  void leadTimes_negativeSpan_excludedAndCounted() {
    // History recorded before the issue's creation time: completion 5h < created 10h.
    Issue issue = withHistory("A-1", hour(10), to(IN_PROGRESS, hour(1)), to(DONE, hour(5)));

    FlowTimes lead = FlowMetrics.leadTimes(List.of(issue), FlowScope.all());

    assertTrue(lead.items().isEmpty());
    assertEquals(1, lead.negativeExcluded());
    assertEquals(List.of(4.0), hours(FlowMetrics.cycleTimes(List.of(issue), FlowScope.all())));
  }

  @Test
  void cycleTimes_zeroSpan_kept() {
    Issue issue = withHistory("A-1", hour(0), to(IN_PROGRESS, hour(3)), to(DONE, hour(3)));

    FlowTimes cycle = FlowMetrics.cycleTimes(List.of(issue), FlowScope.all());

    assertEquals(List.of(0.0), hours(cycle));
    assertEquals(0, cycle.negativeExcluded());
  }

  @Test
  void cycleTimes_transitionsOutOfOrder_sortedByEnteredAt() {
    Issue issue =
        withHistory(
            "A-1", hour(0), to(DONE, hour(9)), to(IN_PROGRESS, hour(1)), to(IN_REVIEW, hour(4)));
    Issue fixed = Issues.issue("A-1", DONE, hour(0), null, null, issue.transitions());

    assertEquals(List.of(8.0), hours(FlowMetrics.cycleTimes(List.of(fixed), FlowScope.all())));
  }

  @Test
  void cycleTimes_equalEnteredAt_laterListedWins() {
    // Same instant 5h: DONE listed before IN_PROGRESS means the issue ends active (not completed)
    // ...
    Issue endsActive =
        withHistory(
            "A-1", hour(0), to(IN_PROGRESS, hour(2)), to(DONE, hour(5)), to(IN_PROGRESS, hour(5)));
    // ... and IN_REVIEW listed before DONE means it ends done at 5h.
    Issue endsDone =
        withHistory(
            "A-2", hour(0), to(IN_PROGRESS, hour(2)), to(IN_REVIEW, hour(5)), to(DONE, hour(5)));

    FlowTimes cycle = FlowMetrics.cycleTimes(List.of(endsActive, endsDone), FlowScope.all());

    assertEquals(1, cycle.items().size());
    assertEquals("A-2", cycle.items().get(0).issueKey());
    assertEquals(3.0, cycle.items().get(0).hours(), EPSILON);
  }

  @Test
  void cycleTimes_window_halfOpenOnCompletion() {
    Issue atFrom = withHistory("A-1", hour(0), to(IN_PROGRESS, hour(1)), to(DONE, hour(10)));
    Issue inside = withHistory("A-2", hour(0), to(IN_PROGRESS, hour(1)), to(DONE, hour(15)));
    Issue atTo = withHistory("A-3", hour(0), to(IN_PROGRESS, hour(1)), to(DONE, hour(20)));
    Issue before = withHistory("A-4", hour(0), to(IN_PROGRESS, hour(1)), to(DONE, hour(9)));

    FlowTimes cycle =
        FlowMetrics.cycleTimes(
            List.of(atFrom, inside, atTo, before),
            FlowScope.all(),
            new FlowWindow(hour(10), hour(20)));

    assertEquals(
        List.of("A-1", "A-2"), cycle.items().stream().map(ItemFlowTime::issueKey).toList());
    assertEquals(new FlowWindow(hour(10), hour(20)), cycle.window());
    assertEquals(
        List.of("A-1", "A-2"),
        FlowMetrics.leadTimes(
                List.of(atFrom, inside, atTo, before),
                FlowScope.all(),
                new FlowWindow(hour(10), hour(20)))
            .items()
            .stream()
            .map(ItemFlowTime::issueKey)
            .toList());
  }

  @Test
  void leadTimes_projectScope_onlyThatProject() {
    Issue a = withHistory("A-1", hour(0), to(DONE, hour(4)));
    Issue b = withHistory("B-1", hour(0), to(DONE, hour(6)));

    FlowTimes onlyB = FlowMetrics.leadTimes(List.of(a, b), FlowScope.project("B"));
    FlowTimes all = FlowMetrics.leadTimes(List.of(a, b), FlowScope.all());

    assertEquals(List.of(6.0), hours(onlyB));
    assertEquals(FlowScope.project("B"), onlyB.scope());
    assertEquals(List.of(4.0, 6.0), hours(all));
  }

  @Test
  void leadTimes_itemsOrderedByCompletionThenKey() {
    Issue late = withHistory("A-1", hour(0), to(DONE, hour(30)));
    Issue tieB = withHistory("A-3", hour(0), to(DONE, hour(20)));
    Issue tieA = withHistory("A-2", hour(5), to(DONE, hour(20)));

    FlowTimes lead = FlowMetrics.leadTimes(List.of(late, tieB, tieA), FlowScope.all());

    assertEquals(
        List.of("A-2", "A-3", "A-1"), lead.items().stream().map(ItemFlowTime::issueKey).toList());
  }

  @Test
  void leadTimes_percentilesByLinearInterpolation() {
    // Lead times 24, 48, 72, 96 hours; h = 3 * p / 100.
    List<Issue> issues = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      issues.add(withHistory("A-" + i, hour(0), to(DONE, hour(24L * i))));
    }

    FlowPercentiles p = FlowMetrics.leadTimes(issues, FlowScope.all()).percentiles();

    assertNotNull(p);
    assertEquals(4, p.count());
    assertEquals(60.0, p.p50(), EPSILON); // h = 1.5: 48 + 0.5 * 24
    assertEquals(78.0, p.p75(), EPSILON); // h = 2.25: 72 + 0.25 * 24
    assertEquals(85.2, p.p85(), EPSILON); // h = 2.55: 72 + 0.55 * 24
    assertEquals(88.8, p.p90(), EPSILON); // h = 2.7: 72 + 0.7 * 24
    assertEquals(92.4, p.p95(), EPSILON); // h = 2.85: 72 + 0.85 * 24
  }

  @Test
  void leadTimes_fractionalHoursKeepSeconds() {
    Issue issue = withHistory("A-1", hour(0), to(DONE, hour(1).plusSeconds(90)));

    assertEquals(
        1.025, hours(FlowMetrics.leadTimes(List.of(issue), FlowScope.all())).get(0), EPSILON);
  }

  @Test
  void leadTimeDistribution_bucketEdgesAreHalfOpen() {
    Duration[] leadTimes = {
      Duration.ZERO,
      Duration.ofHours(23).plusMinutes(59),
      Duration.ofDays(1),
      Duration.ofDays(3).minusSeconds(1),
      Duration.ofDays(3),
      Duration.ofDays(7),
      Duration.ofDays(14),
      Duration.ofDays(30),
      Duration.ofDays(45)
    };
    List<Issue> issues = new ArrayList<>();
    for (int i = 0; i < leadTimes.length; i++) {
      issues.add(withHistory("A-" + (i + 1), hour(0), to(DONE, hour(0).plus(leadTimes[i]))));
    }

    LeadTimeDistribution distribution = FlowMetrics.leadTimeDistribution(issues, FlowScope.all());

    assertEquals(
        List.of(2, 2, 1, 1, 1, 2),
        distribution.buckets().stream().map(BucketCount::count).toList());
    assertEquals(
        Arrays.asList(LeadTimeBucket.values()),
        distribution.buckets().stream().map(BucketCount::bucket).toList());
    assertEquals(9, distribution.total());
    assertEquals(2.0 / 9, distribution.share(LeadTimeBucket.UNDER_ONE_DAY), EPSILON);
    assertEquals(1.0 / 9, distribution.share(LeadTimeBucket.SEVEN_TO_FOURTEEN_DAYS), EPSILON);
    FlowPercentiles p = distribution.percentiles();
    assertNotNull(p);
    assertEquals(72.0, p.p50(), EPSILON); // h = 8 * 0.5 = 4: the 5th of 9 sorted values, 3d
  }

  @Test
  void leadTimeDistribution_excludesNegativeAndRespectsWindow() {
    Issue negative = withHistory("A-1", hour(10), to(DONE, hour(5)));
    Issue inWindow = withHistory("A-2", hour(0), to(DONE, hour(30)));
    Issue outside = withHistory("A-3", hour(0), to(DONE, hour(300)));

    LeadTimeDistribution distribution =
        FlowMetrics.leadTimeDistribution(
            List.of(negative, inWindow, outside),
            FlowScope.all(),
            new FlowWindow(hour(0), hour(100)));

    assertEquals(1, distribution.total());
    assertEquals(1, distribution.negativeExcluded());
    assertEquals(
        List.of(0, 1, 0, 0, 0, 0),
        distribution.buckets().stream().map(BucketCount::count).toList());
  }

  @Test
  void leadTimeDistribution_empty() {
    LeadTimeDistribution distribution =
        FlowMetrics.leadTimeDistribution(List.of(), FlowScope.all());

    assertEquals(0, distribution.total());
    assertNull(distribution.percentiles());
    assertEquals(6, distribution.buckets().size());
    assertTrue(distribution.buckets().stream().allMatch(b -> b.count() == 0));
    assertEquals(0.0, distribution.share(LeadTimeBucket.UNDER_ONE_DAY), EPSILON);
  }

  @Test
  void leadTimeBucket_of_edges() {
    assertEquals(LeadTimeBucket.UNDER_ONE_DAY, LeadTimeBucket.of(Duration.ofDays(1).minusNanos(1)));
    assertEquals(LeadTimeBucket.ONE_TO_THREE_DAYS, LeadTimeBucket.of(Duration.ofDays(1)));
    assertEquals(
        LeadTimeBucket.FOURTEEN_TO_THIRTY_DAYS,
        LeadTimeBucket.of(Duration.ofDays(30).minusNanos(1)));
    assertEquals(LeadTimeBucket.THIRTY_DAYS_OR_MORE, LeadTimeBucket.of(Duration.ofDays(3650)));
    assertNull(LeadTimeBucket.THIRTY_DAYS_OR_MORE.upperExclusive());
    assertEquals("1-3d", LeadTimeBucket.ONE_TO_THREE_DAYS.label());
  }

  @Test
  void leadTimeBucket_of_negative() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LeadTimeBucket.of(Duration.ofSeconds(-1)));
    assertTrue(String.valueOf(e.getMessage()).contains("PT-1S"), e.getMessage());
  }
}
