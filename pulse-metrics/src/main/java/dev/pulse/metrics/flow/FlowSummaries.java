package dev.pulse.metrics.flow;

import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
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
 * <p>Columnar: each issue's history is reconstructed once and its figures (work-in-progress status,
 * completion, week, lead and cycle time, flow-efficiency spans) written to primitive arrays indexed
 * by issue. The whole set and every group then aggregate from those columns, a group by its index
 * list, with no object per issue and group. The issues completed in the window are sorted once, by
 * completion then key, and their item columns laid out in that order: a group's items are a
 * subsequence of it (its positions, marked in a bit set and read back in order), so its lists come
 * out sorted as {@link FlowMetrics#summary} sorts them, sharing the item objects. Percentiles
 * select the few ranks they interpolate between in one reused buffer instead of sorting every
 * sample. Sums are kept as primitives (seconds and nanoseconds for efficiency, whose totals
 * overflow a long of nanoseconds), with the same arithmetic as the {@link Duration}s of {@link
 * FlowMetrics}, so every figure equals the one {@link FlowMetrics#summary} gives for the group
 * alone.
 */
final class FlowSummaries {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long SECONDS_PER_HOUR = 3_600L;
  private static final long SECONDS_PER_DAY = 86_400L;

  /** The percentiles of {@link FlowPercentiles}, in its order. */
  private static final double[] PERCENTS = {50, 75, 85, 90, 95};

  /** Ranges this short are insertion sorted rather than partitioned further. */
  private static final int INSERTION_SORT_BELOW = 24;

  /** Efficiency codes of a completed issue: measured, never active, cycle under an hour. */
  private static final byte MEASURED = 0;

  private static final byte NO_START = 1;
  private static final byte SHORT = 2;

  private FlowSummaries() {}

  /**
   * The per-issue figures, indexed by issue; the completion columns hold values only for the issues
   * completed in the window ({@code end[i] != null}).
   */
  private static final class Columns {
    /** Status at the window's last instant: 0 inactive, 1 in progress, 2 in review, 3 unknown. */
    final byte[] wip;

    final @Nullable Instant[] end;
    final @Nullable String[] key;
    final int[] week;
    final boolean[] leadNegative;

    /** 0 measured, 1 negative, 2 never active. */
    final byte[] cycleState;

    final byte[] efficiency;
    final long[] cycleSeconds;
    final int[] cycleNanos;
    final long[] touchSeconds;
    final int[] touchNanos;
    final @Nullable ItemFlowTime[] lead;
    final double[] leadHours;
    final @Nullable ItemFlowTime[] cycle;
    final double[] cycleHours;

    Columns(int n) {
      wip = new byte[n];
      end = new Instant[n];
      key = new String[n];
      week = new int[n];
      leadNegative = new boolean[n];
      cycleState = new byte[n];
      efficiency = new byte[n];
      cycleSeconds = new long[n];
      cycleNanos = new int[n];
      touchSeconds = new long[n];
      touchNanos = new int[n];
      lead = new ItemFlowTime[n];
      leadHours = new double[n];
      cycle = new ItemFlowTime[n];
      cycleHours = new double[n];
    }
  }

  /**
   * The issues completed in the window in completion-then-key order: {@code position[i]} is issue
   * {@code i}'s place in it, and the item columns are laid out in it.
   */
  private static final class Ordered {
    final int[] position;
    final int count;
    final String[] key;
    final Instant[] end;
    final @Nullable ItemFlowTime[] lead;
    final double[] leadHours;
    final @Nullable ItemFlowTime[] cycle;
    final double[] cycleHours;

    /** The whole set's scatter point of each lead item, shared with a group that marks it alike. */
    final @Nullable ScatterPoint[] scatter;

    Ordered(int n, Columns c, int[] order) {
      count = order.length;
      position = new int[n];
      key = new String[count];
      end = new Instant[count];
      lead = new ItemFlowTime[count];
      leadHours = new double[count];
      cycle = new ItemFlowTime[count];
      cycleHours = new double[count];
      scatter = new ScatterPoint[count];
      for (int p = 0; p < count; p++) {
        int i = order[p];
        position[i] = p;
        key[p] = Objects.requireNonNull(c.key[i]);
        end[p] = Objects.requireNonNull(c.end[i]);
        lead[p] = c.lead[i];
        leadHours[p] = c.leadHours[i];
        cycle[p] = c.cycle[i];
        cycleHours[p] = c.cycleHours[i];
      }
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
    for (int g = 0; g < groups.size(); g++) {
      int[] members = Objects.requireNonNull(groups.get(g), "groups contains null");
      for (int k = 0; k < members.length; k++) {
        int i = members[k];
        if (i < 0 || i >= n || (k > 0 && i <= members[k - 1])) {
          throw new IllegalArgumentException(
              "group " + g + " must list issue indices in [0, " + n + ") strictly ascending");
        }
      }
    }

    LocalDate firstWeek =
        LocalDate.ofInstant(window.from(), zone).with(TemporalAdjusters.previousOrSame(weekStart));
    LocalDate lastWeek =
        LocalDate.ofInstant(window.to().minusNanos(1), zone)
            .with(TemporalAdjusters.previousOrSame(weekStart));
    int weekCount = Math.toIntExact(ChronoUnit.WEEKS.between(firstWeek, lastWeek) + 1);
    Instant asOf = window.to().minusNanos(1);

    Columns c = new Columns(n);
    int done = fill(issues, c, window, zone, firstWeek, asOf);
    Ordered ordered = new Ordered(n, c, sortedByEnd(issues, c.end, done));

    // one buffer for every sample's percentile selection, and a group's positions, marked then
    // listed
    double[] buffer = new double[done];
    int[] positions = new int[done];
    long[] marks = new long[(done + 63) >>> 6];
    List<FlowSummary> out = new ArrayList<>(1 + groups.size());
    out.add(
        summary(c, ordered, null, n, positions, marks, buffer, window, asOf, firstWeek, weekCount));
    for (int[] members : groups) {
      out.add(
          summary(
              c,
              ordered,
              members,
              members.length,
              positions,
              marks,
              buffer,
              window,
              asOf,
              firstWeek,
              weekCount));
    }
    return out;
  }

  /** Writes each issue's figures to the columns and returns how many completed in the window. */
  private static int fill(
      List<Issue> issues,
      Columns c,
      FlowWindow window,
      ZoneId zone,
      LocalDate firstWeek,
      Instant asOf) {
    long firstWeekDay = firstWeek.toEpochDay();
    ZoneRules rules = zone.getRules();
    @Nullable ZoneOffset fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    int done = 0;
    for (int i = 0; i < issues.size(); i++) {
      Issue issue = issues.get(i);
      // a history in time order is read as listed; any other is built once
      List<StatusTransition> transitions = issue.transitions();
      @Nullable IssueTimeline timeline =
          OrderedHistory.inOrder(transitions) ? null : IssueTimeline.of(issue);
      c.wip[i] =
          timeline == null
              ? wip(OrderedHistory.statusAt(issue.createdAt(), transitions, asOf))
              : wip(timeline, asOf);
      Instant end =
          timeline == null ? OrderedHistory.completion(transitions) : timeline.completion();
      if (end == null || !window.contains(end)) {
        continue;
      }
      done++;
      c.end[i] = end;
      c.key[i] = issue.key();
      int offset = (fixed != null ? fixed : rules.getOffset(end)).getTotalSeconds();
      long day = Math.floorDiv(end.getEpochSecond() + offset, SECONDS_PER_DAY);
      c.week[i] = (int) Math.floorDiv(day - firstWeekDay, 7);

      // lead time: creation to completion
      Duration leadTime = Duration.between(issue.createdAt(), end);
      if (leadTime.isNegative()) {
        c.leadNegative[i] = true;
      } else {
        c.lead[i] =
            new ItemFlowTime(issue.key(), issue.projectKey(), issue.createdAt(), end, leadTime);
        c.leadHours[i] = FlowMetrics.hours(leadTime);
      }
      // cycle time: first active status to completion
      Instant start =
          timeline == null ? OrderedHistory.firstActive(transitions) : timeline.firstActive();
      if (start == null) {
        c.cycleState[i] = 2;
      } else {
        Duration cycleTime = Duration.between(start, end);
        if (cycleTime.isNegative()) {
          c.cycleState[i] = 1;
        } else {
          c.cycle[i] = new ItemFlowTime(issue.key(), issue.projectKey(), start, end, cycleTime);
          c.cycleHours[i] = FlowMetrics.hours(cycleTime);
        }
      }
      // flow efficiency: as FlowMetrics.flowEfficiency, with the durations as seconds and nanos
      if (start == null || start.isAfter(end)) {
        c.efficiency[i] = NO_START;
        continue;
      }
      long cs = end.getEpochSecond() - start.getEpochSecond();
      long cn = (long) end.getNano() - start.getNano();
      if (cn < 0) {
        cs--;
        cn += NANOS_PER_SECOND;
      }
      if (cs < SECONDS_PER_HOUR) {
        c.efficiency[i] = SHORT;
        continue;
      }
      c.efficiency[i] = MEASURED;
      long t =
          timeline == null
              ? OrderedHistory.activeNanos(transitions, start, end)
              : timeline.activeNanos(start, end);
      long ts = Math.floorDiv(t, NANOS_PER_SECOND);
      long tn = Math.floorMod(t, NANOS_PER_SECOND);
      if (ts > cs || (ts == cs && tn > cn)) {
        ts = cs;
        tn = cn;
      }
      c.cycleSeconds[i] = cs;
      c.cycleNanos[i] = (int) cn;
      c.touchSeconds[i] = ts;
      c.touchNanos[i] = (int) tn;
    }
    return done;
  }

  /**
   * The summary of the whole set ({@code members} null, {@code size} the issues) or of one group,
   * from the columns.
   */
  private static FlowSummary summary(
      Columns c,
      Ordered ordered,
      int @Nullable [] members,
      int size,
      int[] positions,
      long[] marks,
      double[] buffer,
      FlowWindow window,
      Instant asOf,
      LocalDate firstWeek,
      int weekCount) {
    boolean whole = members == null;
    int inProgress = 0;
    int inReview = 0;
    int unknownTimeline = 0;
    int leadNegative = 0;
    int cycleNegative = 0;
    int cycleNoStart = 0;
    int[] weeks = new int[weekCount];
    int efficiencyMeasured = 0;
    int efficiencyShort = 0;
    int efficiencyNoStart = 0;
    long touchSeconds = 0;
    long touchNanos = 0;
    long cycleSeconds = 0;
    long cycleNanos = 0;
    int doneCount = 0;
    for (int k = 0; k < size; k++) {
      int i = members == null ? k : members[k];
      byte wip = c.wip[i];
      if (wip == 1) {
        inProgress++;
      } else if (wip == 2) {
        inReview++;
      } else if (wip == 3) {
        unknownTimeline++;
      }
      if (c.end[i] == null) {
        continue;
      }
      if (!whole) {
        int p = ordered.position[i];
        marks[p >>> 6] |= 1L << p;
      }
      doneCount++;
      weeks[c.week[i]]++;
      if (c.leadNegative[i]) {
        leadNegative++;
      }
      byte cycleState = c.cycleState[i];
      if (cycleState == 2) {
        cycleNoStart++;
      } else if (cycleState == 1) {
        cycleNegative++;
      }
      byte efficiency = c.efficiency[i];
      if (efficiency == NO_START) {
        efficiencyNoStart++;
      } else if (efficiency == SHORT) {
        efficiencyShort++;
      } else {
        efficiencyMeasured++;
        touchSeconds = Math.addExact(touchSeconds, c.touchSeconds[i]);
        touchNanos += c.touchNanos[i];
        if (touchNanos >= NANOS_PER_SECOND) {
          touchSeconds = Math.addExact(touchSeconds, 1);
          touchNanos -= NANOS_PER_SECOND;
        }
        cycleSeconds = Math.addExact(cycleSeconds, c.cycleSeconds[i]);
        cycleNanos += c.cycleNanos[i];
        if (cycleNanos >= NANOS_PER_SECOND) {
          cycleSeconds = Math.addExact(cycleSeconds, 1);
          cycleNanos -= NANOS_PER_SECOND;
        }
      }
    }
    if (!whole) {
      // a group's issues are in index order; its items go in completion order: read the marks in
      // order, clearing them for the next group
      int k = 0;
      for (int word = 0; word < marks.length; word++) {
        long bits = marks[word];
        marks[word] = 0;
        while (bits != 0) {
          positions[k++] = (word << 6) + Long.numberOfTrailingZeros(bits);
          bits &= bits - 1;
        }
      }
    }

    FlowScope scope = FlowScope.all();
    List<ItemFlowTime> leadItems =
        gather(ordered.lead, ordered.leadHours, doneCount, whole ? null : positions, buffer);
    int leads = leadItems.size();
    FlowPercentiles leadPercentiles = percentiles(buffer, leads);
    FlowTimes lead =
        new FlowTimes(
            scope, FlowTimeKind.LEAD_TIME, window, leadItems, leadPercentiles, leadNegative, 0);

    // the scatterplot as FlowMetrics.scatter: outliers above this set's P95, in the items' order
    List<ScatterPoint> scatter = new ArrayList<>(leads);
    for (int k = 0; k < doneCount; k++) {
      int p = whole ? k : positions[k];
      if (ordered.lead[p] == null) {
        continue;
      }
      double h = ordered.leadHours[p];
      boolean outlier = leadPercentiles != null && h > leadPercentiles.p95();
      ScatterPoint shared = ordered.scatter[p];
      if (shared != null && shared.outlier() == outlier) {
        scatter.add(shared);
      } else {
        ScatterPoint point = new ScatterPoint(ordered.key[p], ordered.end[p], h, outlier);
        if (whole) {
          ordered.scatter[p] = point;
        }
        scatter.add(point);
      }
    }

    List<ItemFlowTime> cycleItems =
        gather(ordered.cycle, ordered.cycleHours, doneCount, whole ? null : positions, buffer);
    FlowTimes cycle =
        new FlowTimes(
            scope,
            FlowTimeKind.CYCLE_TIME,
            window,
            cycleItems,
            percentiles(buffer, cycleItems.size()),
            cycleNegative,
            cycleNoStart);

    List<FlowSummary.WeekCount> weekCounts = new ArrayList<>(weekCount);
    for (int k = 0; k < weekCount; k++) {
      weekCounts.add(new FlowSummary.WeekCount(firstWeek.plusWeeks(k), weeks[k]));
    }

    boolean sufficient = efficiencyMeasured >= FlowMetrics.FLOW_EFFICIENCY_MIN_SAMPLE;
    Duration touch = Duration.ofSeconds(touchSeconds, touchNanos);
    Duration cycleTotal = Duration.ofSeconds(cycleSeconds, cycleNanos);
    FlowEfficiency efficiency =
        new FlowEfficiency(
            efficiencyMeasured,
            efficiencyShort,
            efficiencyNoStart,
            FlowMetrics.FLOW_EFFICIENCY_MIN_SAMPLE,
            touch,
            cycleTotal,
            sufficient ? FlowMetrics.hours(touch) / FlowMetrics.hours(cycleTotal) : null);

    return new FlowSummary(
        size,
        cycle,
        lead,
        weekCounts,
        new WipCount(scope, asOf, inProgress, inReview, unknownTimeline),
        efficiency,
        scatter);
  }

  /**
   * The percentiles of the first {@code n} values of {@code values} (reordered), exactly as {@link
   * FlowMetrics#percentilesOfSorted} gives them for the sorted values, or null when {@code n} is 0.
   * Only the ranks the interpolation reads are put in place: a quickselect over every rank at once,
   * three-way so that ties do not degrade it, which falls back to sorting a range that partitions
   * badly.
   */
  static @Nullable FlowPercentiles percentiles(double[] values, int n) {
    if (n == 0) {
      return null;
    }
    int[] ranks = new int[2 * PERCENTS.length];
    for (int k = 0; k < PERCENTS.length; k++) {
      double h = (n - 1) * (PERCENTS[k] / 100);
      ranks[2 * k] = (int) Math.floor(h);
      ranks[2 * k + 1] = (int) Math.ceil(h);
    }
    Arrays.sort(ranks);
    select(values, 0, n - 1, ranks, 0, ranks.length, 2 * (32 - Integer.numberOfLeadingZeros(n)));
    double[] p = new double[PERCENTS.length];
    for (int k = 0; k < PERCENTS.length; k++) {
      // Percentiles.percentile's arithmetic, on the values at their sorted ranks
      double h = (n - 1) * (PERCENTS[k] / 100);
      int lower = (int) Math.floor(h);
      int upper = (int) Math.ceil(h);
      double fraction = h - lower;
      p[k] = values[lower] + fraction * (values[upper] - values[lower]);
    }
    return new FlowPercentiles(n, p[0], p[1], p[2], p[3], p[4]);
  }

  /**
   * Puts the values of {@code a[lo..hi]} that belong at {@code ranks[from..to)} (ascending, within
   * the range) where a sort would put them. {@code depth} partitions are left before the range is
   * sorted outright, which bounds the worst case by a sort's.
   */
  private static void select(double[] a, int lo, int hi, int[] ranks, int from, int to, int depth) {
    while (from < to && lo < hi) {
      if (hi - lo < INSERTION_SORT_BELOW || depth-- == 0) {
        Arrays.sort(a, lo, hi + 1);
        return;
      }
      double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
      // [lo, lt) below the pivot, [lt, gt] equal to it, (gt, hi] above it
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        double v = a[i];
        if (v < pivot) {
          a[i++] = a[lt];
          a[lt++] = v;
        } else if (v > pivot) {
          a[i] = a[gt];
          a[gt--] = v;
        } else {
          i++;
        }
      }
      int below = from;
      while (below < to && ranks[below] < lt) {
        below++;
      }
      int above = below;
      while (above < to && ranks[above] <= gt) {
        above++;
      }
      select(a, lo, lt - 1, ranks, from, below, depth);
      lo = gt + 1;
      from = above;
    }
  }

  private static double medianOfThree(double a, double b, double c) {
    if (a < b) {
      return b < c ? b : Math.max(a, c);
    }
    return a < c ? a : Math.max(b, c);
  }

  /**
   * Returns the issues completed in the window ({@code end[i]} not null; {@code count} of them) in
   * completion-then-key order. Usually the completions' seconds (relative to the earliest) and the
   * issue index fit together in a long: one primitive sort of those, then the few runs completed in
   * the same second sorted by nanoseconds and key; otherwise a comparator sort of them all.
   */
  private static int[] sortedByEnd(List<Issue> issues, @Nullable Instant[] end, int count) {
    int[] done = new int[count];
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int d = 0;
    for (int i = 0; i < end.length; i++) {
      Instant e = end[i];
      if (e != null) {
        done[d++] = i;
        min = Math.min(min, e.getEpochSecond());
        max = Math.max(max, e.getEpochSecond());
      }
    }
    if (count < 2) {
      return done;
    }
    Comparator<Integer> order =
        (a, b) -> {
          int c = Objects.requireNonNull(end[a]).compareTo(Objects.requireNonNull(end[b]));
          return c != 0 ? c : issues.get(a).key().compareTo(issues.get(b).key());
        };
    int indexBits = 32 - Integer.numberOfLeadingZeros(end.length - 1);
    long range = max - min;
    if (range < 0 || 64 - Long.numberOfLeadingZeros(range) + indexBits > 62) {
      sortRange(done, 0, count, order);
      return done;
    }
    long[] packed = new long[count];
    for (int k = 0; k < count; k++) {
      int i = done[k];
      packed[k] = ((Objects.requireNonNull(end[i]).getEpochSecond() - min) << indexBits) | i;
    }
    Arrays.sort(packed);
    long mask = (1L << indexBits) - 1;
    for (int k = 0; k < count; k++) {
      done[k] = (int) (packed[k] & mask);
    }
    // within one second, completion nanos then key
    int from = 0;
    for (int k = 1; k <= count; k++) {
      if (k == count || (packed[k] >>> indexBits) != (packed[from] >>> indexBits)) {
        if (k - from > 1) {
          sortRange(done, from, k, order);
        }
        from = k;
      }
    }
    return done;
  }

  /** Sorts {@code values[from..to)} by {@code order}. */
  private static void sortRange(int[] values, int from, int to, Comparator<Integer> order) {
    Integer[] boxed = new Integer[to - from];
    for (int k = 0; k < boxed.length; k++) {
      boxed[k] = values[from + k];
    }
    Arrays.sort(boxed, order);
    for (int k = 0; k < boxed.length; k++) {
      values[from + k] = boxed[k];
    }
  }

  /** The status at the window's last instant: 0 inactive, 1 in progress, 2 in review, 3 unknown. */
  private static byte wip(IssueTimeline timeline, Instant asOf) {
    return timeline.known() ? wip(timeline.statusAt(asOf)) : 3;
  }

  /** A known history's status at the window's last instant: 0 inactive, 1 in progress, 2 review. */
  private static byte wip(@Nullable NormalizedStatus status) {
    if (status == NormalizedStatus.IN_PROGRESS) {
      return 1;
    }
    return status == NormalizedStatus.IN_REVIEW ? (byte) 2 : (byte) 0;
  }

  /**
   * The items measured among a group's first {@code count} completed issues, in order, with their
   * hours copied to the front of {@code buffer} for the percentiles.
   *
   * @param positions the group's positions in the completion order, or null for the whole scope
   */
  private static List<ItemFlowTime> gather(
      @Nullable ItemFlowTime[] items,
      double[] hours,
      int count,
      int @Nullable [] positions,
      double[] buffer) {
    List<ItemFlowTime> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int p = positions == null ? k : positions[k];
      ItemFlowTime item = items[p];
      if (item != null) {
        buffer[out.size()] = hours[p];
        out.add(item);
      }
    }
    return out;
  }

  /**
   * Checks the issues as {@link FlowMetrics} does: no null, no key twice. The keys go into an
   * open-addressing table of at least twice their number, so the check allocates two arrays and no
   * entry per key. Each slot keeps its key's hash beside it: a probe passing a slot compares the
   * hashes and reads the held key only when they agree, where comparing the keys would fetch a
   * string met a long time before from memory.
   */
  private static void validate(List<Issue> issues) {
    Objects.requireNonNull(issues, "issues");
    int capacity = Integer.highestOneBit(Math.max(16, 2 * issues.size()) - 1) << 1;
    String[] table = new String[capacity];
    int[] hashes = new int[capacity];
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
        if (hashes[slot] == h && held.equals(key)) {
          throw new IllegalArgumentException(
              "issues contains the key " + key + " more than once; give each issue once");
        }
        slot = (slot + 1) & mask;
      }
      table[slot] = key;
      hashes[slot] = h;
      index++;
    }
  }
}
