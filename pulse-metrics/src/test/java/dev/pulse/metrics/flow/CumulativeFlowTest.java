package dev.pulse.metrics.flow;

import static dev.pulse.metrics.flow.Issues.to;
import static dev.pulse.metrics.flow.Issues.withHistory;
import static dev.pulse.metrics.flow.Issues.withoutHistory;
import static dev.pulse.model.NormalizedStatus.DONE;
import static dev.pulse.model.NormalizedStatus.IN_PROGRESS;
import static dev.pulse.model.NormalizedStatus.IN_REVIEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Issue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CumulativeFlowTest {

  private static final LocalDate MAR_2 = LocalDate.of(2026, 3, 2);
  private static final LocalDate MAR_3 = LocalDate.of(2026, 3, 3);
  private static final LocalDate MAR_4 = LocalDate.of(2026, 3, 4);

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static final List<Issue> ISSUES = List.of(
      // In progress at the very last nanosecond of 3 March, in review at 4 March 00:00, done at noon.
      withHistory("X-1", at("2026-03-02T10:00:00Z"), to(IN_PROGRESS, at("2026-03-03T23:59:59.999999999Z")),
          to(IN_REVIEW, at("2026-03-04T00:00:00Z")), to(DONE, at("2026-03-04T12:00:00Z"))),
      // Created at 3 March 00:00: absent on 2 March.
      withHistory("X-2", at("2026-03-03T00:00:00Z")),
      // Done before the range, reopened on 4 March.
      withHistory("X-3", at("2026-03-01T00:00:00Z"), to(IN_PROGRESS, at("2026-03-01T08:00:00Z")),
          to(DONE, at("2026-03-02T05:00:00Z")), to(IN_PROGRESS, at("2026-03-04T08:00:00Z"))),
      // Created after the range.
      withHistory("X-4", at("2026-03-05T00:00:00Z"), to(DONE, at("2026-03-05T01:00:00Z"))),
      // In review from 2 March 23:00 on.
      withHistory("X-5", at("2026-03-02T00:00:00Z"), to(IN_REVIEW, at("2026-03-02T23:00:00Z"))),
      // Done, but when is unknown: excluded from every day.
      withoutHistory("X-6", DONE, at("2026-03-01T00:00:00Z"), null, null));

  @Test
  void cumulativeFlow_countsStatusAtEndOfEachUtcDay() {
    CumulativeFlow flow = FlowMetrics.cumulativeFlow(ISSUES, FlowScope.all(), MAR_2, MAR_4);

    assertEquals(List.of(
        new CumulativeFlowDay(MAR_2, 1, 0, 1, 1),
        new CumulativeFlowDay(MAR_3, 1, 1, 1, 1),
        new CumulativeFlowDay(MAR_4, 1, 1, 1, 1)), flow.days());
    assertEquals(1, flow.unknownTimeline());
  }

  @Test
  void cumulativeFlow_doneLeavesOnReopen() {
    Issue reopened = ISSUES.get(2);

    CumulativeFlow flow = FlowMetrics.cumulativeFlow(List.of(reopened), FlowScope.all(), MAR_3, MAR_4);

    assertEquals(List.of(new CumulativeFlowDay(MAR_3, 0, 0, 0, 1), new CumulativeFlowDay(MAR_4, 0, 1, 0, 0)),
        flow.days());
  }

  @Test
  void cumulativeFlow_totalIsIssuesCreatedByEndOfDay() {
    CumulativeFlow flow = FlowMetrics.cumulativeFlow(ISSUES, FlowScope.all(), MAR_2, LocalDate.of(2026, 3, 5));

    assertEquals(List.of(3, 4, 4, 5), flow.days().stream().map(CumulativeFlowDay::total).toList());
  }

  @Test
  void cumulativeFlow_noTransitions_usesStartedAndCompleted() {
    Issue issue = withoutHistory("Y-1", DONE, at("2026-03-02T09:00:00Z"), at("2026-03-03T09:00:00Z"),
        at("2026-03-04T09:00:00Z"));

    CumulativeFlow flow = FlowMetrics.cumulativeFlow(List.of(issue), FlowScope.all(), MAR_2, MAR_4);

    assertEquals(List.of(new CumulativeFlowDay(MAR_2, 1, 0, 0, 0), new CumulativeFlowDay(MAR_3, 0, 1, 0, 0),
        new CumulativeFlowDay(MAR_4, 0, 0, 0, 1)), flow.days());
  }

  @Test
  void cumulativeFlow_projectScope() {
    Issue other = withHistory("Z-1", at("2026-03-01T00:00:00Z"));

    CumulativeFlow flow = FlowMetrics.cumulativeFlow(List.of(other, ISSUES.get(1)), FlowScope.project("Z"), MAR_3,
        MAR_3);

    assertEquals(List.of(new CumulativeFlowDay(MAR_3, 1, 0, 0, 0)), flow.days());
  }

  @Test
  void cumulativeFlow_singleDayAndEmptyInput() {
    CumulativeFlow flow = FlowMetrics.cumulativeFlow(List.of(), FlowScope.all(), MAR_2, MAR_2);

    assertEquals(List.of(new CumulativeFlowDay(MAR_2, 0, 0, 0, 0)), flow.days());
  }

  @Test
  void cumulativeFlow_toBeforeFrom() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowMetrics.cumulativeFlow(ISSUES, FlowScope.all(), MAR_3, MAR_2));
    assertTrue(String.valueOf(e.getMessage()).contains("must not be before"), e.getMessage());
  }
}
