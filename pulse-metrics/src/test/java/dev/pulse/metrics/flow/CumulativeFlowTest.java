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
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class CumulativeFlowTest {
  private static final List<NormalizedStatus> STATUSES = List.of(NormalizedStatus.values());

  private static final LocalDate MAR_2 = LocalDate.of(2026, 3, 2);
  private static final LocalDate MAR_3 = LocalDate.of(2026, 3, 3);
  private static final LocalDate MAR_4 = LocalDate.of(2026, 3, 4);

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static final List<Issue> ISSUES =
      List.of(
          // In progress at the very last nanosecond of 3 March, in review at 4 March 00:00, done at
          // noon.
          withHistory(
              "X-1",
              at("2026-03-02T10:00:00Z"),
              to(IN_PROGRESS, at("2026-03-03T23:59:59.999999999Z")),
              to(IN_REVIEW, at("2026-03-04T00:00:00Z")),
              to(DONE, at("2026-03-04T12:00:00Z"))),
          // Created at 3 March 00:00: absent on 2 March.
          withHistory("X-2", at("2026-03-03T00:00:00Z")),
          // Done before the range, reopened on 4 March.
          withHistory(
              "X-3",
              at("2026-03-01T00:00:00Z"),
              to(IN_PROGRESS, at("2026-03-01T08:00:00Z")),
              to(DONE, at("2026-03-02T05:00:00Z")),
              to(IN_PROGRESS, at("2026-03-04T08:00:00Z"))),
          // Created after the range.
          withHistory("X-4", at("2026-03-05T00:00:00Z"), to(DONE, at("2026-03-05T01:00:00Z"))),
          // In review from 2 March 23:00 on.
          withHistory("X-5", at("2026-03-02T00:00:00Z"), to(IN_REVIEW, at("2026-03-02T23:00:00Z"))),
          // Done, but when is unknown: excluded from every day.
          withoutHistory("X-6", DONE, at("2026-03-01T00:00:00Z"), null, null));

  @Test
  void cumulativeFlow_countsStatusAtEndOfEachUtcDay() {
    CumulativeFlow flow = FlowMetrics.cumulativeFlow(ISSUES, FlowScope.all(), MAR_2, MAR_4);

    assertEquals(
        List.of(
            new CumulativeFlowDay(MAR_2, 1, 0, 1, 1),
            new CumulativeFlowDay(MAR_3, 1, 1, 1, 1),
            new CumulativeFlowDay(MAR_4, 1, 1, 1, 1)),
        flow.days());
    assertEquals(1, flow.unknownTimeline());
  }

  @Test
  void cumulativeFlow_doneLeavesOnReopen() {
    Issue reopened = ISSUES.get(2);

    CumulativeFlow flow =
        FlowMetrics.cumulativeFlow(List.of(reopened), FlowScope.all(), MAR_3, MAR_4);

    assertEquals(
        List.of(new CumulativeFlowDay(MAR_3, 0, 0, 0, 1), new CumulativeFlowDay(MAR_4, 0, 1, 0, 0)),
        flow.days());
  }

  @Test
  void cumulativeFlow_totalIsIssuesCreatedByEndOfDay() {
    CumulativeFlow flow =
        FlowMetrics.cumulativeFlow(ISSUES, FlowScope.all(), MAR_2, LocalDate.of(2026, 3, 5));

    assertEquals(List.of(3, 4, 4, 5), flow.days().stream().map(CumulativeFlowDay::total).toList());
  }

  @Test
  void cumulativeFlow_noTransitions_usesStartedAndCompleted() {
    Issue issue =
        withoutHistory(
            "Y-1",
            DONE,
            at("2026-03-02T09:00:00Z"),
            at("2026-03-03T09:00:00Z"),
            at("2026-03-04T09:00:00Z"));

    CumulativeFlow flow = FlowMetrics.cumulativeFlow(List.of(issue), FlowScope.all(), MAR_2, MAR_4);

    assertEquals(
        List.of(
            new CumulativeFlowDay(MAR_2, 1, 0, 0, 0),
            new CumulativeFlowDay(MAR_3, 0, 1, 0, 0),
            new CumulativeFlowDay(MAR_4, 0, 0, 0, 1)),
        flow.days());
  }

  @Test
  void cumulativeFlow_projectScope() {
    Issue other = withHistory("Z-1", at("2026-03-01T00:00:00Z"));

    CumulativeFlow flow =
        FlowMetrics.cumulativeFlow(
            List.of(other, ISSUES.get(1)), FlowScope.project("Z"), MAR_3, MAR_3);

    assertEquals(List.of(new CumulativeFlowDay(MAR_3, 1, 0, 0, 0)), flow.days());
  }

  @Test
  void cumulativeFlow_singleDayAndEmptyInput() {
    CumulativeFlow flow = FlowMetrics.cumulativeFlow(List.of(), FlowScope.all(), MAR_2, MAR_2);

    assertEquals(List.of(new CumulativeFlowDay(MAR_2, 0, 0, 0, 0)), flow.days());
  }

  @Test
  void cumulativeFlow_toBeforeFrom() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlowMetrics.cumulativeFlow(ISSUES, FlowScope.all(), MAR_3, MAR_2));
    assertTrue(String.valueOf(e.getMessage()).contains("must not be before"), e.getMessage());
  }

  @Test
  void cumulativeFlow_equalTimes_laterListedWins() {
    // At 3 March 10:00 the issue enters IN_REVIEW, then DONE, then IN_PROGRESS, listed in that
    // order; on 4 March
    // DONE and IN_REVIEW share an instant, IN_REVIEW listed later.
    Issue issue =
        withHistory(
            "E-1",
            at("2026-03-02T09:00:00Z"),
            to(IN_REVIEW, at("2026-03-03T10:00:00Z")),
            to(DONE, at("2026-03-03T10:00:00Z")),
            to(IN_PROGRESS, at("2026-03-03T10:00:00Z")),
            to(DONE, at("2026-03-04T10:00:00Z")),
            to(IN_REVIEW, at("2026-03-04T10:00:00Z")));

    CumulativeFlow flow = FlowMetrics.cumulativeFlow(List.of(issue), FlowScope.all(), MAR_2, MAR_4);

    assertEquals(
        List.of(
            new CumulativeFlowDay(MAR_2, 1, 0, 0, 0),
            new CumulativeFlowDay(MAR_3, 0, 1, 0, 0),
            new CumulativeFlowDay(MAR_4, 0, 0, 1, 0)),
        flow.days());
  }

  @Test
  void cumulativeFlow_largeRandomInput_equalsBruteForceReference() {
    SplittableRandom random = new SplittableRandom(20260302L);
    LocalDate from = LocalDate.of(2026, 1, 1);
    LocalDate to = LocalDate.of(2026, 4, 30);
    Instant origin = from.minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Issue> issues = new ArrayList<>();
    for (int n = 0; n < 600; n++) {
      issues.add(randomIssue(random, "P" + (n % 3) + "-" + n, origin));
    }

    for (FlowScope scope : List.of(FlowScope.all(), FlowScope.project("P1"))) {
      CumulativeFlow flow = FlowMetrics.cumulativeFlow(issues, scope, from, to);
      CumulativeFlow expected = referenceCumulativeFlow(issues, scope, from, to);

      assertEquals(expected, flow, "scope " + scope);
    }
    CumulativeFlow all = FlowMetrics.cumulativeFlow(issues, FlowScope.all(), from, to);
    assertEquals(120, all.days().size());
    assertTrue(all.unknownTimeline() > 0, "the input should include unknown timelines");
    assertTrue(
        all.days().stream()
            .allMatch(d -> d.todo() > 0 && d.inProgress() > 0 && d.inReview() > 0 && d.done() > 0),
        "every status should be populated every day");
  }

  /**
   * Random issues over about 140 days, on a coarse grid of instants so that equal times are common:
   * 80% with transitions listed in random order (some before creation), the rest without
   * transitions, with started and completed times that may precede the creation time or each other,
   * or be missing.
   */
  private static Issue randomIssue(SplittableRandom random, String key, Instant origin) {
    Instant createdAt = origin.plusSeconds(3600L * 6 * random.nextInt(500));
    if (random.nextInt(5) > 0) {
      List<StatusTransition> transitions = new ArrayList<>();
      int count = random.nextInt(9);
      for (int i = 0; i < count; i++) {
        NormalizedStatus status = STATUSES.get(random.nextInt(4));
        transitions.add(to(status, createdAt.plusSeconds(3600L * 6 * (random.nextInt(170) - 10))));
      }
      NormalizedStatus current =
          transitions.isEmpty()
              ? NormalizedStatus.TODO
              : transitions.get(transitions.size() - 1).status();
      return Issues.issue(key, current, createdAt, null, null, transitions);
    }
    NormalizedStatus current = STATUSES.get(random.nextInt(4));
    Instant startedAt =
        random.nextInt(6) == 0 ? null : createdAt.plusSeconds(3600L * 6 * (random.nextInt(80) - 8));
    Instant completedAt =
        random.nextInt(6) == 0
            ? null
            : createdAt.plusSeconds(3600L * 6 * (random.nextInt(160) - 8));
    return Issues.issue(key, current, createdAt, startedAt, completedAt, List.of());
  }

  /** docs/metrics.md sections 2 and 9 read literally: a linear scan per issue per day. */
  private static CumulativeFlow referenceCumulativeFlow(
      List<Issue> issues, FlowScope scope, LocalDate from, LocalDate to) {
    List<List<Map.Entry<Instant, NormalizedStatus>>> histories = new ArrayList<>();
    List<Instant> created = new ArrayList<>();
    int unknown = 0;
    for (Issue issue : issues) {
      if (scope.projectKey() != null && !scope.projectKey().equals(issue.projectKey())) {
        continue;
      }
      List<Map.Entry<Instant, NormalizedStatus>> events = new ArrayList<>();
      if (!issue.transitions().isEmpty()) {
        for (StatusTransition transition : issue.transitions()) {
          events.add(Map.entry(transition.enteredAt(), transition.status()));
        }
        events.sort(Comparator.comparing(Map.Entry::getKey)); // List.sort is stable
      } else {
        NormalizedStatus current = issue.status();
        boolean known =
            current == NormalizedStatus.TODO
                || (current.isActive() && issue.startedAt() != null)
                || (current == NormalizedStatus.DONE && issue.completedAt() != null);
        if (!known) {
          unknown++;
          continue;
        }
        events.add(Map.entry(issue.createdAt(), NormalizedStatus.TODO));
        if (issue.startedAt() != null && current != NormalizedStatus.TODO) {
          events.add(
              Map.entry(
                  issue.startedAt(), current.isActive() ? current : NormalizedStatus.IN_PROGRESS));
        }
        if (issue.completedAt() != null && current == NormalizedStatus.DONE) {
          events.add(Map.entry(issue.completedAt(), NormalizedStatus.DONE));
        }
      }
      histories.add(events);
      created.add(issue.createdAt());
    }
    List<CumulativeFlowDay> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
      Map<NormalizedStatus, Integer> counts = new EnumMap<>(NormalizedStatus.class);
      for (NormalizedStatus status : NormalizedStatus.values()) {
        counts.put(status, 0);
      }
      for (int i = 0; i < histories.size(); i++) {
        if (created.get(i).isAfter(end)) {
          continue;
        }
        NormalizedStatus status = NormalizedStatus.TODO;
        for (Map.Entry<Instant, NormalizedStatus> event : histories.get(i)) {
          if (!event.getKey().isAfter(end)) {
            status = event.getValue();
          }
        }
        counts.merge(status, 1, Integer::sum);
      }
      days.add(
          new CumulativeFlowDay(
              day,
              counts.get(NormalizedStatus.TODO),
              counts.get(NormalizedStatus.IN_PROGRESS),
              counts.get(NormalizedStatus.IN_REVIEW),
              counts.get(NormalizedStatus.DONE)));
    }
    return new CumulativeFlow(scope, days, unknown);
  }
}
