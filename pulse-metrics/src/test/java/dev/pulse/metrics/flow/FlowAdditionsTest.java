package dev.pulse.metrics.flow;

import static dev.pulse.metrics.flow.Issues.hour;
import static dev.pulse.metrics.flow.Issues.to;
import static dev.pulse.metrics.flow.Issues.withHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FlowAdditionsTest {
  private static final FlowWindow WINDOW = new FlowWindow(hour(0), hour(24 * 7));

  /** In progress 0h, waiting (to do) 4h-6h, in progress again, done at 10h: 8h touch of 10h. */
  private static Issue interrupted(String key, long offset) {
    return withHistory(
        key,
        hour(offset),
        to(NormalizedStatus.IN_PROGRESS, hour(offset)),
        to(NormalizedStatus.TODO, hour(offset + 4)),
        to(NormalizedStatus.IN_REVIEW, hour(offset + 6)),
        to(NormalizedStatus.DONE, hour(offset + 10)));
  }

  @Test
  void flowEfficiency_touchOverCycleSummedOverIssues() {
    List<Issue> issues = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      issues.add(interrupted("A-" + i, i));
    }
    // cycle of 30 minutes: left out as too short to measure
    issues.add(
        withHistory(
            "A-9",
            hour(0),
            to(NormalizedStatus.IN_PROGRESS, hour(1)),
            to(NormalizedStatus.DONE, hour(1).plus(Duration.ofMinutes(30)))));
    // never active
    issues.add(withHistory("A-8", hour(0), to(NormalizedStatus.DONE, hour(2))));
    FlowEfficiency fe = FlowMetrics.flowEfficiency(issues, FlowScope.all(), WINDOW);
    assertEquals(5, fe.issues());
    assertEquals(1, fe.excludedShort());
    assertEquals(1, fe.noStartExcluded());
    assertEquals(Duration.ofHours(40), fe.touch());
    assertEquals(Duration.ofHours(50), fe.cycle());
    assertEquals(0.8, fe.efficiency(), 1e-12);
    assertTrue(fe.sufficient());
  }

  @Test
  void flowEfficiency_fewerThanFiveIssuesIsInsufficientWithCounts() {
    List<Issue> issues = List.of(interrupted("A-1", 0), interrupted("A-2", 1));
    FlowEfficiency fe = FlowMetrics.flowEfficiency(issues, FlowScope.all(), WINDOW);
    assertFalse(fe.sufficient());
    assertNull(fe.efficiency());
    assertEquals(2, fe.issues());
    assertEquals(5, fe.minSample());
  }

  private static PullRequest pr(long number, int lines, long mergedHour) {
    return PullRequest.builder()
        .repository("api")
        .number(number)
        .createdAt(hour(mergedHour - 1))
        .mergedAt(hour(mergedHour))
        .closedAt(hour(mergedHour))
        .state(PullRequestState.MERGED)
        .baseBranch("main")
        .linesChanged(lines / 2, lines - lines / 2)
        .updatedAt(hour(mergedHour))
        .build();
  }

  @Test
  void pullRequestSizes_inclusiveBucketsAndUnsized() {
    List<PullRequest> prs =
        List.of(
            pr(1, 0, 1),
            pr(2, 10, 1),
            pr(3, 11, 1),
            pr(4, 50, 1),
            pr(5, 51, 1),
            pr(6, 1000, 1),
            pr(7, 1001, 1),
            pr(8, 5, 24 * 8));
    PullRequestSizes sizes = FlowMetrics.pullRequestSizes(prs, WINDOW);
    assertEquals(
        Map.of(
            PullRequestSize.XS, 1,
            PullRequestSize.S, 2,
            PullRequestSize.M, 1,
            PullRequestSize.L, 0,
            PullRequestSize.XL, 1,
            PullRequestSize.XXL, 1),
        sizes.counts());
    assertEquals(1, sizes.unsized());
    assertNull(PullRequestSize.of(0));
    assertEquals(PullRequestSize.L, PullRequestSize.of(500));
  }

  @Test
  void scatter_outliersAreStrictlyAboveP95() {
    List<Issue> issues = new ArrayList<>();
    for (int h = 1; h <= 20; h++) {
      issues.add(withHistory("S-" + h, hour(0), to(NormalizedStatus.DONE, hour(h))));
    }
    FlowTimes lead = FlowMetrics.leadTimes(issues, FlowScope.all(), WINDOW);
    List<ScatterPoint> points = FlowMetrics.scatter(lead);
    assertEquals(20, points.size());
    // P95 of 1..20 is 19.05 h: only the 20 h issue is above it
    assertEquals(
        List.of("S-20"),
        points.stream().filter(ScatterPoint::outlier).map(ScatterPoint::issueKey).toList());
    assertEquals(1.0, points.get(0).leadTimeHours());
  }

  @Test
  void summary_equalsTheSeparateCalculators() {
    List<Issue> issues = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      issues.add(interrupted("A-" + i, i * 20L));
    }
    FlowSummary summary =
        FlowMetrics.summary(issues, FlowScope.all(), WINDOW, ZoneOffset.UTC, DayOfWeek.MONDAY);
    assertEquals(FlowMetrics.cycleTimes(issues, FlowScope.all(), WINDOW), summary.cycleTime());
    assertEquals(FlowMetrics.leadTimes(issues, FlowScope.all(), WINDOW), summary.leadTime());
    assertEquals(FlowMetrics.flowEfficiency(issues, FlowScope.all(), WINDOW), summary.efficiency());
    assertEquals(
        FlowMetrics.wipAt(issues, FlowScope.all(), WINDOW.to().minusNanos(1)), summary.wipAtEnd());
    assertEquals(1, summary.throughput().size());
    assertEquals(7, summary.throughput().get(0).completed());
  }
}
