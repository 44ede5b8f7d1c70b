package dev.pulse.metrics.flow;

import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The flow summaries of a set of issues and of groups of them (a report's organisation and its
 * teams) computed in one pass, for {@link FlowMetrics#summaries}.
 *
 * <p>Each issue's history is reconstructed once and its figures (completion, week, lead and cycle
 * time, work-in-progress status, flow-efficiency spans) computed once; they are then added to the
 * accumulators of the whole set and of every group holding the issue. The issues completed in the
 * window are sorted once, by completion then key: a group's items are a subsequence of that order,
 * so its lists come out sorted as {@link FlowMetrics#summary} sorts them, sharing the item objects.
 * Sums are kept as primitives (seconds and nanoseconds for efficiency, whose totals overflow a long
 * of nanoseconds), with the same arithmetic as the {@link Duration}s of {@link FlowMetrics}, so
 * every figure equals the one {@link FlowMetrics#summary} gives for the group alone.
 */
final class FlowSummaries {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long SECONDS_PER_HOUR = 3_600L;
  private static final long SECONDS_PER_DAY = 86_400L;

  /** Completion then key: the order of {@link FlowTimes#items()}. */
  private static final Comparator<Done> ORDER =
      (a, b) -> {
        int c = a.end.compareTo(b.end);
        return c != 0 ? c : a.key.compareTo(b.key);
      };

  private FlowSummaries() {}

  /** An issue completed in the window, with what its items need. */
  private static final class Done {
    final int issue;
    final String key;
    final Instant end;
    @Nullable ItemFlowTime lead;
    double leadHours;
    @Nullable ItemFlowTime cycle;
    double cycleHours;

    /** The whole set's scatter point of this issue, shared with a group that marks it alike. */
    @Nullable ScatterPoint scatter;

    Done(int issue, String key, Instant end) {
      this.issue = issue;
      this.key = key;
      this.end = end;
    }
  }

  /** The running figures of the whole set or of one group. */
  private static final class Accumulator {
    int issues;
    int inProgress;
    int inReview;
    int unknownTimeline;
    int leadNegative;
    int cycleNegative;
    int cycleNoStart;
    final int[] weeks;
    int efficiencyMeasured;
    int efficiencyShort;
    int efficiencyNoStart;
    long touchSeconds;
    long touchNanos;
    long cycleSeconds;
    long cycleNanos;
    final List<Done> lead;
    final List<Done> cycle;

    Accumulator(int weekCount, int expected) {
      weeks = new int[weekCount];
      lead = new ArrayList<>(expected);
      cycle = new ArrayList<>(expected);
    }
  }

  static List<FlowSummary> compute(
      List<Issue> issues, List<int[]> groups, FlowWindow window, ZoneId zone, DayOfWeek weekStart) {
    validate(issues);
    Objects.requireNonNull(groups, "groups");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(weekStart, "weekStart");
    int n = issues.size();
    // for each issue, the groups holding it: memberGroups[memberStart[i] .. memberStart[i + 1])
    int[] memberStart = new int[n + 1];
    for (int g = 0; g < groups.size(); g++) {
      int[] members = Objects.requireNonNull(groups.get(g), "groups contains null");
      for (int k = 0; k < members.length; k++) {
        int i = members[k];
        if (i < 0 || i >= n || (k > 0 && i <= members[k - 1])) {
          throw new IllegalArgumentException(
              "group " + g + " must list issue indices in [0, " + n + ") strictly ascending");
        }
        memberStart[i + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      memberStart[i + 1] += memberStart[i];
    }
    int[] memberGroups = new int[memberStart[n]];
    int[] fill = Arrays.copyOf(memberStart, n);
    for (int g = 0; g < groups.size(); g++) {
      for (int i : groups.get(g)) {
        // accumulator 0 is the whole set
        memberGroups[fill[i]++] = g + 1;
      }
    }

    LocalDate firstWeek =
        LocalDate.ofInstant(window.from(), zone).with(TemporalAdjusters.previousOrSame(weekStart));
    LocalDate lastWeek =
        LocalDate.ofInstant(window.to().minusNanos(1), zone)
            .with(TemporalAdjusters.previousOrSame(weekStart));
    int weekCount = Math.toIntExact(ChronoUnit.WEEKS.between(firstWeek, lastWeek) + 1);
    long firstWeekDay = firstWeek.toEpochDay();
    ZoneRules rules = zone.getRules();
    @Nullable ZoneOffset fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    Instant asOf = window.to().minusNanos(1);

    Accumulator[] acc = new Accumulator[1 + groups.size()];
    acc[0] = new Accumulator(weekCount, n);
    for (int g = 1; g < acc.length; g++) {
      acc[g] = new Accumulator(weekCount, groups.get(g - 1).length);
    }
    List<Done> done = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Issue issue = issues.get(i);
      IssueTimeline timeline = IssueTimeline.of(issue);
      int wip = wip(timeline, asOf);
      Instant end = timeline.completion();
      boolean completedIn = end != null && window.contains(end);
      int from = memberStart[i];
      int to = memberStart[i + 1];
      for (int k = from - 1; k < to; k++) {
        Accumulator a = acc[k < from ? 0 : memberGroups[k]];
        a.issues++;
        if (wip == 1) {
          a.inProgress++;
        } else if (wip == 2) {
          a.inReview++;
        } else if (wip == 3) {
          a.unknownTimeline++;
        }
      }
      if (end == null || !completedIn) {
        continue;
      }
      Done d = new Done(i, issue.key(), end);
      done.add(d);
      int offset = (fixed != null ? fixed : rules.getOffset(end)).getTotalSeconds();
      long day = Math.floorDiv(end.getEpochSecond() + offset, SECONDS_PER_DAY);
      int week = (int) Math.floorDiv(day - firstWeekDay, 7);

      // lead time: creation to completion
      Duration leadTime = Duration.between(issue.createdAt(), end);
      boolean leadNegative = leadTime.isNegative();
      if (!leadNegative) {
        d.lead =
            new ItemFlowTime(issue.key(), issue.projectKey(), issue.createdAt(), end, leadTime);
        d.leadHours = FlowMetrics.hours(leadTime);
      }
      // cycle time: first active status to completion
      Instant start = timeline.firstActive();
      boolean cycleNoStart = start == null;
      boolean cycleNegative = false;
      if (start != null) {
        Duration cycleTime = Duration.between(start, end);
        cycleNegative = cycleTime.isNegative();
        if (!cycleNegative) {
          d.cycle = new ItemFlowTime(issue.key(), issue.projectKey(), start, end, cycleTime);
          d.cycleHours = FlowMetrics.hours(cycleTime);
        }
      }
      // flow efficiency: as FlowMetrics.flowEfficiency, with the durations as seconds and nanos
      int efficiency; // 0 measured, 1 no start, 2 short
      long cs = 0;
      long cn = 0;
      long ts = 0;
      long tn = 0;
      if (start == null || start.isAfter(end)) {
        efficiency = 1;
      } else {
        cs = end.getEpochSecond() - start.getEpochSecond();
        cn = (long) end.getNano() - start.getNano();
        if (cn < 0) {
          cs--;
          cn += NANOS_PER_SECOND;
        }
        if (cs < SECONDS_PER_HOUR) {
          efficiency = 2;
        } else {
          efficiency = 0;
          long t = timeline.activeNanos(start, end);
          ts = Math.floorDiv(t, NANOS_PER_SECOND);
          tn = Math.floorMod(t, NANOS_PER_SECOND);
          if (ts > cs || (ts == cs && tn > cn)) {
            ts = cs;
            tn = cn;
          }
        }
      }
      for (int k = from - 1; k < to; k++) {
        Accumulator a = acc[k < from ? 0 : memberGroups[k]];
        a.weeks[week]++;
        if (leadNegative) {
          a.leadNegative++;
        }
        if (cycleNoStart) {
          a.cycleNoStart++;
        } else if (cycleNegative) {
          a.cycleNegative++;
        }
        if (efficiency == 1) {
          a.efficiencyNoStart++;
        } else if (efficiency == 2) {
          a.efficiencyShort++;
        } else {
          a.efficiencyMeasured++;
          a.touchSeconds = Math.addExact(a.touchSeconds, ts);
          a.touchNanos += tn;
          if (a.touchNanos >= NANOS_PER_SECOND) {
            a.touchSeconds = Math.addExact(a.touchSeconds, 1);
            a.touchNanos -= NANOS_PER_SECOND;
          }
          a.cycleSeconds = Math.addExact(a.cycleSeconds, cs);
          a.cycleNanos += cn;
          if (a.cycleNanos >= NANOS_PER_SECOND) {
            a.cycleSeconds = Math.addExact(a.cycleSeconds, 1);
            a.cycleNanos -= NANOS_PER_SECOND;
          }
        }
      }
    }

    for (Done d : sortedByEnd(done)) {
      int from = memberStart[d.issue];
      int to = memberStart[d.issue + 1];
      for (int k = from - 1; k < to; k++) {
        Accumulator a = acc[k < from ? 0 : memberGroups[k]];
        if (d.lead != null) {
          a.lead.add(d);
        }
        if (d.cycle != null) {
          a.cycle.add(d);
        }
      }
    }

    List<FlowSummary> out = new ArrayList<>(acc.length);
    for (int g = 0; g < acc.length; g++) {
      out.add(summary(acc[g], g == 0, window, asOf, firstWeek));
    }
    return out;
  }

  private static FlowSummary summary(
      Accumulator a, boolean whole, FlowWindow window, Instant asOf, LocalDate firstWeek) {
    FlowScope scope = FlowScope.all();
    int leads = a.lead.size();
    List<ItemFlowTime> leadItems = new ArrayList<>(leads);
    double[] leadHours = new double[leads];
    for (int k = 0; k < leads; k++) {
      Done d = a.lead.get(k);
      leadItems.add(Objects.requireNonNull(d.lead));
      leadHours[k] = d.leadHours;
    }
    double[] sortedLead = leadHours.clone();
    Arrays.sort(sortedLead);
    FlowPercentiles leadPercentiles = FlowMetrics.percentilesOfSorted(sortedLead);
    FlowTimes lead =
        new FlowTimes(
            scope, FlowTimeKind.LEAD_TIME, window, leadItems, leadPercentiles, a.leadNegative, 0);

    int cycles = a.cycle.size();
    List<ItemFlowTime> cycleItems = new ArrayList<>(cycles);
    double[] cycleHours = new double[cycles];
    for (int k = 0; k < cycles; k++) {
      Done d = a.cycle.get(k);
      cycleItems.add(Objects.requireNonNull(d.cycle));
      cycleHours[k] = d.cycleHours;
    }
    Arrays.sort(cycleHours);
    FlowTimes cycle =
        new FlowTimes(
            scope,
            FlowTimeKind.CYCLE_TIME,
            window,
            cycleItems,
            FlowMetrics.percentilesOfSorted(cycleHours),
            a.cycleNegative,
            a.cycleNoStart);

    List<FlowSummary.WeekCount> weeks = new ArrayList<>(a.weeks.length);
    for (int k = 0; k < a.weeks.length; k++) {
      weeks.add(new FlowSummary.WeekCount(firstWeek.plusWeeks(k), a.weeks[k]));
    }

    boolean sufficient = a.efficiencyMeasured >= FlowMetrics.FLOW_EFFICIENCY_MIN_SAMPLE;
    Duration touch = Duration.ofSeconds(a.touchSeconds, a.touchNanos);
    Duration cycleTotal = Duration.ofSeconds(a.cycleSeconds, a.cycleNanos);
    FlowEfficiency efficiency =
        new FlowEfficiency(
            a.efficiencyMeasured,
            a.efficiencyShort,
            a.efficiencyNoStart,
            FlowMetrics.FLOW_EFFICIENCY_MIN_SAMPLE,
            touch,
            cycleTotal,
            sufficient ? FlowMetrics.hours(touch) / FlowMetrics.hours(cycleTotal) : null);

    // the scatterplot as FlowMetrics.scatter: outliers above this set's P95
    List<ScatterPoint> scatter = new ArrayList<>(leads);
    for (int k = 0; k < leads; k++) {
      Done d = a.lead.get(k);
      double h = leadHours[k];
      boolean outlier = leadPercentiles != null && h > leadPercentiles.p95();
      ScatterPoint shared = d.scatter;
      if (shared != null && shared.outlier() == outlier) {
        scatter.add(shared);
      } else {
        ScatterPoint point = new ScatterPoint(d.key, d.end, h, outlier);
        if (whole) {
          d.scatter = point;
        }
        scatter.add(point);
      }
    }

    return new FlowSummary(
        a.issues,
        cycle,
        lead,
        weeks,
        new WipCount(scope, asOf, a.inProgress, a.inReview, a.unknownTimeline),
        efficiency,
        scatter);
  }

  /**
   * Returns the issues in {@link #ORDER}. Usually the completions' seconds (relative to the
   * earliest) and the position fit together in a long: one primitive sort of those, then the few
   * runs completed in the same second sorted by the comparator; otherwise the comparator alone.
   */
  private static Done[] sortedByEnd(List<Done> done) {
    Done[] array = done.toArray(new Done[0]);
    int n = array.length;
    if (n < 2) {
      return array;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Done d : array) {
      min = Math.min(min, d.end.getEpochSecond());
      max = Math.max(max, d.end.getEpochSecond());
    }
    int indexBits = 32 - Integer.numberOfLeadingZeros(n - 1);
    long range = max - min;
    if (range < 0 || 64 - Long.numberOfLeadingZeros(range) + indexBits > 62) {
      Arrays.sort(array, ORDER);
      return array;
    }
    long[] packed = new long[n];
    for (int k = 0; k < n; k++) {
      packed[k] = ((array[k].end.getEpochSecond() - min) << indexBits) | k;
    }
    Arrays.sort(packed);
    long mask = (1L << indexBits) - 1;
    Done[] out = new Done[n];
    for (int k = 0; k < n; k++) {
      out[k] = array[(int) (packed[k] & mask)];
    }
    // within one second, completion nanos then key
    int from = 0;
    for (int k = 1; k <= n; k++) {
      if (k == n || (packed[k] >>> indexBits) != (packed[from] >>> indexBits)) {
        if (k - from > 1) {
          Arrays.sort(out, from, k, ORDER);
        }
        from = k;
      }
    }
    return out;
  }

  /** The status at the window's last instant: 0 inactive, 1 in progress, 2 in review, 3 unknown. */
  private static int wip(IssueTimeline timeline, Instant asOf) {
    if (!timeline.known()) {
      return 3;
    }
    NormalizedStatus status = timeline.statusAt(asOf);
    if (status == NormalizedStatus.IN_PROGRESS) {
      return 1;
    }
    return status == NormalizedStatus.IN_REVIEW ? 2 : 0;
  }

  /**
   * Checks the issues as {@link FlowMetrics} does: no null, no key twice. The keys go into an
   * open-addressing table of at least twice their number, so the check allocates one array and no
   * entry per key.
   */
  private static void validate(List<Issue> issues) {
    Objects.requireNonNull(issues, "issues");
    int capacity = Integer.highestOneBit(Math.max(16, 2 * issues.size()) - 1) << 1;
    String[] table = new String[capacity];
    int mask = capacity - 1;
    int index = 0;
    for (Issue issue : issues) {
      if (issue == null) {
        throw new NullPointerException("issues contains null at index " + index);
      }
      String key = issue.key();
      int h = key.hashCode();
      int slot = (h ^ (h >>> 16)) & mask;
      for (String held = table[slot]; held != null; held = table[slot]) {
        if (held.equals(key)) {
          throw new IllegalArgumentException(
              "issues contains the key " + key + " more than once; give each issue once");
        }
        slot = (slot + 1) & mask;
      }
      table[slot] = key;
      index++;
    }
  }
}
