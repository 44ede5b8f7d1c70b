package dev.pulse.metrics.flow;

import static dev.pulse.metrics.flow.Issues.hour;
import static dev.pulse.metrics.flow.Issues.issue;
import static dev.pulse.metrics.flow.Issues.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link FlowMetrics#summaries} against {@link FlowMetrics#summary} of each group alone, on
 * randomized histories: unordered and tied transitions, reopened issues, synthesized and unknown
 * histories, negative spans, short cycles, overlapping and empty groups, zones with daylight
 * saving.
 */
final class FlowSummariesTest {
  private static final NormalizedStatus[] STATUSES = NormalizedStatus.values();

  @Test
  void summaries_equalTheSummaryOfEachGroupAlone() {
    Random random = new Random(12);
    ZoneId[] zones = {ZoneOffset.UTC, ZoneOffset.ofHours(-7), ZoneId.of("Europe/Berlin")};
    for (int round = 0; round < 60; round++) {
      List<Issue> issues = randomIssues(random, random.nextInt(400));
      int groupCount = random.nextInt(5);
      List<int[]> groups = new ArrayList<>();
      List<List<Issue>> members = new ArrayList<>();
      for (int g = 0; g < groupCount; g++) {
        // a group may be empty, hold everything, or share issues with another group
        double share = g == 0 ? 0 : random.nextDouble();
        List<Integer> indices = new ArrayList<>();
        List<Issue> mine = new ArrayList<>();
        for (int i = 0; i < issues.size(); i++) {
          if (random.nextDouble() < share) {
            indices.add(i);
            mine.add(issues.get(i));
          }
        }
        groups.add(indices.stream().mapToInt(Integer::intValue).toArray());
        members.add(mine);
      }
      Instant from = hour(random.nextInt(24 * 60) - 24 * 30);
      FlowWindow window =
          new FlowWindow(from, from.plusSeconds(3600L + random.nextInt(86_400 * 90)));
      ZoneId zone = zones[random.nextInt(zones.length)];
      DayOfWeek weekStart = DayOfWeek.of(1 + random.nextInt(7));

      List<FlowSummary> all = FlowMetrics.summaries(issues, groups, window, zone, weekStart);

      assertEquals(1 + groupCount, all.size());
      assertEquals(
          FlowMetrics.summary(issues, FlowScope.all(), window, zone, weekStart),
          all.get(0),
          "round " + round);
      for (int g = 0; g < groupCount; g++) {
        assertEquals(
            FlowMetrics.summary(members.get(g), FlowScope.all(), window, zone, weekStart),
            all.get(1 + g),
            "round " + round + ", group " + g);
      }
    }
  }

  @Test
  void summaries_shareTheItemsOfTheWholeSet() {
    List<Issue> issues = randomIssues(new Random(3), 300);
    FlowWindow window = new FlowWindow(hour(-24 * 40), hour(24 * 40));
    int[] everything = new int[issues.size()];
    for (int i = 0; i < everything.length; i++) {
      everything[i] = i;
    }
    List<FlowSummary> all =
        FlowMetrics.summaries(
            issues, List.of(everything), window, ZoneOffset.UTC, DayOfWeek.MONDAY);
    FlowTimes whole = all.get(0).leadTime();
    assertTrue(whole.items().size() > 50, () -> "too few items: " + whole.items().size());
    // a group holding every issue reuses the whole set's objects rather than copies
    for (int k = 0; k < whole.items().size(); k++) {
      assertSame(whole.items().get(k), all.get(1).leadTime().items().get(k));
      assertSame(all.get(0).scatter().get(k), all.get(1).scatter().get(k));
    }
  }

  @Test
  void summaries_listsAreImmutableAndHandOutOneObjectPerItem() {
    List<Issue> issues = randomIssues(new Random(5), 200);
    FlowWindow window = new FlowWindow(hour(-24 * 40), hour(24 * 40));
    List<FlowSummary> all =
        FlowMetrics.summaries(
            issues, List.of(new int[] {0, 1, 2}), window, ZoneOffset.UTC, DayOfWeek.MONDAY);
    FlowSummary whole = all.get(0);
    FlowSummary alone =
        FlowMetrics.summary(issues, FlowScope.all(), window, ZoneOffset.UTC, DayOfWeek.MONDAY);
    for (List<?> list :
        List.of(whole.leadTime().items(), whole.cycleTime().items(), whole.scatter())) {
      assertTrue(list.size() > 20, () -> "too few items: " + list.size());
      // made when first read, then the same object at every read
      for (int k = 0; k < list.size(); k++) {
        assertSame(list.get(k), list.get(k));
      }
      assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
      assertThrows(IndexOutOfBoundsException.class, () -> list.get(list.size()));
    }
    assertEquals(alone.leadTime().items(), whole.leadTime().items());
    assertEquals(alone.leadTime().items().hashCode(), whole.leadTime().items().hashCode());
    assertEquals(alone.scatter(), whole.scatter());
  }

  @Test
  void summaries_rejectDuplicateKeysAndBadGroups() {
    FlowWindow window = new FlowWindow(hour(0), hour(24));
    Issue a = issue("A-1", NormalizedStatus.TODO, hour(1), null, null, List.of());
    Issue b = issue("A-2", NormalizedStatus.TODO, hour(1), null, null, List.of());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FlowMetrics.summaries(
                List.of(a, a), List.of(), window, ZoneOffset.UTC, DayOfWeek.MONDAY));
    for (int[] bad : new int[][] {{2}, {-1}, {1, 0}, {0, 0}}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  FlowMetrics.summaries(
                      List.of(a, b), List.of(bad), window, ZoneOffset.UTC, DayOfWeek.MONDAY));
      assertTrue(e.getMessage().contains("group 0"), e::getMessage);
    }
  }

  /**
   * The percentiles selected in place equal those of the sorted sample, on samples with many ties,
   * sorted and reversed runs, and sizes around the insertion-sort cut.
   */
  @Test
  void percentiles_equalThoseOfTheSortedSample() {
    Random random = new Random(5);
    for (int round = 0; round < 300; round++) {
      int n = round < 100 ? 1 + round : 1 + random.nextInt(20_000);
      double[] values = new double[n];
      int shape = random.nextInt(4);
      for (int k = 0; k < n; k++) {
        values[k] =
            switch (shape) {
              case 0 -> random.nextInt(5) / 4.0;
              case 1 -> k;
              case 2 -> n - k;
              default -> random.nextDouble() * 1_000;
            };
      }
      double[] sorted = values.clone();
      java.util.Arrays.sort(sorted);
      double[] buffer = java.util.Arrays.copyOf(values, n + 7);
      assertEquals(
          FlowMetrics.percentilesOfSorted(sorted),
          FlowSummaries.percentiles(buffer, n),
          "round " + round);
    }
    assertEquals(null, FlowSummaries.percentiles(new double[3], 0));
  }

  private static List<Issue> randomIssues(Random random, int n) {
    List<Issue> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // times on a coarse grid (ties) with some sub-second parts, across several months
      Instant created = at(random);
      String key = (random.nextBoolean() ? "A" : "B") + "-" + i;
      int kind = random.nextInt(10);
      if (kind == 0) {
        // no transitions: synthesized from startedAt/completedAt, sometimes unknown
        NormalizedStatus status = STATUSES[random.nextInt(STATUSES.length)];
        out.add(
            issue(key, status, created, maybe(random, created), maybe(random, created), List.of()));
        continue;
      }
      int events = 1 + random.nextInt(6);
      List<StatusTransition> transitions = new ArrayList<>(events);
      Instant t = kind == 1 ? created.minusSeconds(7200) : created;
      for (int e = 0; e < events; e++) {
        t = t.plusSeconds(random.nextInt(4) == 0 ? 0 : 60L * random.nextInt(60 * 24 * 6));
        NormalizedStatus status =
            e == events - 1 && random.nextInt(3) > 0
                ? NormalizedStatus.DONE
                : STATUSES[random.nextInt(STATUSES.length)];
        transitions.add(to(status, t));
      }
      if (kind == 2) {
        // listed out of order: the history sorts them (stably)
        java.util.Collections.shuffle(transitions, random);
      }
      NormalizedStatus current = transitions.get(transitions.size() - 1).status();
      out.add(issue(key, current, created, null, null, transitions));
    }
    return out;
  }

  private static Instant at(Random random) {
    Instant base = hour(random.nextInt(24 * 120) - 24 * 60);
    return random.nextInt(5) == 0 ? base.plusNanos(random.nextInt(1_000_000_000)) : base;
  }

  private static @Nullable Instant maybe(Random random, Instant created) {
    int roll = random.nextInt(3);
    if (roll == 0) {
      return null;
    }
    return roll == 1 ? created.plusSeconds(random.nextInt(86_400 * 20)) : created.minusSeconds(60);
  }
}
