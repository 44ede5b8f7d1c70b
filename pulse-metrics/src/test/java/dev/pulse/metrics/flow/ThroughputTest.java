package dev.pulse.metrics.flow;

import static dev.pulse.metrics.flow.Issues.day;
import static dev.pulse.metrics.flow.Issues.hour;
import static dev.pulse.metrics.flow.Issues.to;
import static dev.pulse.metrics.flow.Issues.withHistory;
import static dev.pulse.metrics.flow.Issues.withoutHistory;
import static dev.pulse.model.NormalizedStatus.DONE;
import static dev.pulse.model.NormalizedStatus.IN_PROGRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Issue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ThroughputTest {

  private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

  private static Issue doneAt(String key, Instant completion) {
    return withHistory(
        key,
        completion.minusSeconds(86_400 * 30),
        to(IN_PROGRESS, completion.minusSeconds(3600)),
        to(DONE, completion));
  }

  private static List<Integer> counts(Throughput throughput) {
    return throughput.weeks().stream().map(WeeklyThroughput::completed).toList();
  }

  @Test
  void throughput_sundayLastMinuteVersusMondayMidnight() {
    Issue sunday = doneAt("A-1", Instant.parse("2026-03-08T23:59:00Z"));
    Issue sundayLastNano = doneAt("A-2", Instant.parse("2026-03-08T23:59:59.999999999Z"));
    Issue monday = doneAt("A-3", Instant.parse("2026-03-09T00:00:00Z"));

    Throughput throughput =
        FlowMetrics.throughput(
            List.of(sunday, sundayLastNano, monday), FlowScope.all(), MONDAY, MONDAY.plusWeeks(1));

    assertEquals(
        List.of(MONDAY, MONDAY.plusWeeks(1)),
        throughput.weeks().stream().map(WeeklyThroughput::weekStart).toList());
    assertEquals(List.of(2, 1), counts(throughput));
  }

  @Test
  void throughput_midWeekBoundsStillCountWholeWeeks() {
    // from = Wednesday 4 March, to = Tuesday 10 March: weeks of 2 and 9 March, each counted whole.
    Issue mondayMidnight = doneAt("A-1", Instant.parse("2026-03-02T00:00:00Z"));
    Issue lastSunday = doneAt("A-2", Instant.parse("2026-03-15T23:00:00Z"));
    Issue weekBefore = doneAt("A-3", Instant.parse("2026-03-01T23:59:59Z"));
    Issue weekAfter = doneAt("A-4", Instant.parse("2026-03-16T00:00:00Z"));

    Throughput throughput =
        FlowMetrics.throughput(
            List.of(mondayMidnight, lastSunday, weekBefore, weekAfter),
            FlowScope.all(),
            LocalDate.of(2026, 3, 4),
            LocalDate.of(2026, 3, 10));

    assertEquals(MONDAY, throughput.weeks().get(0).weekStart());
    assertEquals(List.of(1, 1), counts(throughput));
  }

  @Test
  void throughput_isoWeekNumbers() {
    Throughput march = FlowMetrics.throughput(List.of(), FlowScope.all(), MONDAY, MONDAY);
    Throughput yearEnd =
        FlowMetrics.throughput(
            List.of(), FlowScope.all(), LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 4));

    assertEquals(new WeeklyThroughput(MONDAY, 2026, 10, 0, null), march.weeks().get(0));
    // 2026 starts on a Thursday, so it has 53 ISO weeks; Thursday 31 December is in week 53.
    assertEquals(
        new WeeklyThroughput(LocalDate.of(2026, 12, 28), 2026, 53, 0, null),
        yearEnd.weeks().get(0));
    assertEquals(
        new WeeklyThroughput(LocalDate.of(2027, 1, 4), 2027, 1, 0, null), yearEnd.weeks().get(1));
  }

  @Test
  void throughput_movingAverageOfFourWeeks() {
    // Weekly counts 1, 0, 2, 3, 5: averages null, null, null, (1+0+2+3)/4 = 1.5, (0+2+3+5)/4 = 2.5.
    int[] perWeek = {1, 0, 2, 3, 5};
    List<Issue> issues = new ArrayList<>();
    for (int week = 0; week < perWeek.length; week++) {
      for (int i = 0; i < perWeek[week]; i++) {
        issues.add(doneAt("A-" + (issues.size() + 1), day(7L * week + i)));
      }
    }

    Throughput throughput =
        FlowMetrics.throughput(issues, FlowScope.all(), MONDAY, MONDAY.plusWeeks(4));

    assertEquals(List.of(1, 0, 2, 3, 5), counts(throughput));
    assertEquals(
        Arrays.asList(null, null, null, 1.5, 2.5),
        throughput.weeks().stream().map(WeeklyThroughput::movingAverage4Weeks).toList());
  }

  @Test
  void throughput_fewerThanFourWeeks_noMovingAverage() {
    Issue issue = doneAt("A-1", day(1));

    Throughput throughput =
        FlowMetrics.throughput(List.of(issue), FlowScope.all(), MONDAY, MONDAY.plusWeeks(2));

    assertEquals(List.of(1, 0, 0), counts(throughput));
    assertTrue(throughput.weeks().stream().allMatch(w -> w.movingAverage4Weeks() == null));
  }

  @Test
  void throughput_movingAverageIgnoresWeeksBeforeTheRange() {
    // Three completions in the week before the range are not in any average.
    List<Issue> issues =
        List.of(
            doneAt("A-1", day(-7)),
            doneAt("A-2", day(-6)),
            doneAt("A-3", day(-5)),
            doneAt("A-4", day(21)));

    Throughput throughput =
        FlowMetrics.throughput(issues, FlowScope.all(), MONDAY, MONDAY.plusWeeks(3));

    assertEquals(List.of(0, 0, 0, 1), counts(throughput));
    assertEquals(0.25, throughput.weeks().get(3).movingAverage4Weeks());
    assertNull(throughput.weeks().get(2).movingAverage4Weeks());
  }

  @Test
  void throughput_reopenedCountsOnceInWeekOfLastCompletion() {
    Issue redone =
        withHistory(
            "A-1",
            day(-1),
            to(IN_PROGRESS, day(0)),
            to(DONE, day(1)),
            to(IN_PROGRESS, day(8)),
            to(DONE, day(9)));
    Issue stillReopened =
        withHistory(
            "A-2", day(-1), to(IN_PROGRESS, day(0)), to(DONE, day(1)), to(IN_PROGRESS, day(2)));

    Throughput throughput =
        FlowMetrics.throughput(
            List.of(redone, stillReopened), FlowScope.all(), MONDAY, MONDAY.plusWeeks(1));

    assertEquals(List.of(0, 1), counts(throughput));
  }

  @Test
  void throughput_noTransitionsUsesCompletedAt() {
    Issue done = withoutHistory("A-1", DONE, day(-3), null, hour(5));
    Issue doneUnknownWhen = withoutHistory("A-2", DONE, day(-3), null, null);

    Throughput throughput =
        FlowMetrics.throughput(List.of(done, doneUnknownWhen), FlowScope.all(), MONDAY, MONDAY);

    assertEquals(List.of(1), counts(throughput));
  }

  @Test
  void throughput_projectScope() {
    List<Issue> issues =
        List.of(doneAt("A-1", day(1)), doneAt("B-1", day(2)), doneAt("B-2", day(3)));

    assertEquals(
        List.of(2), counts(FlowMetrics.throughput(issues, FlowScope.project("B"), MONDAY, MONDAY)));
    assertEquals(
        List.of(3), counts(FlowMetrics.throughput(issues, FlowScope.all(), MONDAY, MONDAY)));
  }

  @Test
  void throughput_toBeforeFrom() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlowMetrics.throughput(List.of(), FlowScope.all(), MONDAY, MONDAY.minusDays(1)));
    assertTrue(String.valueOf(e.getMessage()).contains("2026-03-01"), e.getMessage());
  }

  @Test
  void weeklyThroughput_rejectsNonMonday() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new WeeklyThroughput(MONDAY.plusDays(1), 2026, 10, 0, null));
    assertTrue(String.valueOf(e.getMessage()).contains("TUESDAY"), e.getMessage());
  }
}
