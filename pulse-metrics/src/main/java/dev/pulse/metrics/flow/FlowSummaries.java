package dev.pulse.metrics.flow;

import dev.pulse.metrics.internal.IssueHistories;
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
 * <p>Columnar: each issue's history is read once, from the primitive columns of {@link
 * IssueHistories} (built here, or handed over by a report that built them while reading its
 * source), and its figures (work-in-progress status, completion, week, lead and cycle time,
 * flow-efficiency spans) written to primitive arrays indexed by issue. The whole set and every
 * group then aggregate from those columns, a group by its index list, with no object per issue and
 * group. The issues completed in the window are sorted once, by completion then key, and their item
 * columns laid out in that order: a group's items are a subsequence of it (its positions, marked in
 * a bit set and read back in order), so its lists come out sorted as {@link FlowMetrics#summary}
 * sorts them. The lists hold positions: their item and point objects are made when first read and
 * shared ({@link CompletedItems}). Percentiles select the few ranks they interpolate between in one
 * reused buffer instead of sorting every sample. Sums are kept as primitives (seconds and
 * nanoseconds for efficiency, whose totals overflow a long of nanoseconds), with the same
 * arithmetic as the {@link Duration}s of {@link FlowMetrics}, so every figure equals the one {@link
 * FlowMetrics#summary} gives for the group alone.
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
    final @Nullable String[] project;
    final @Nullable Instant[] created;

    /** The first entry into an active status, where there is a cycle. */
    final @Nullable Instant[] start;

    final int[] week;
    final boolean[] leadNegative;

    /** 0 measured, 1 negative, 2 never active. */
    final byte[] cycleState;

    final byte[] efficiency;
    final long[] cycleSeconds;
    final int[] cycleNanos;
    final long[] touchSeconds;
    final int[] touchNanos;
    final double[] leadHours;
    final double[] cycleHours;

    Columns(int n) {
      wip = new byte[n];
      end = new Instant[n];
      key = new String[n];
      project = new String[n];
      created = new Instant[n];
      start = new Instant[n];
      week = new int[n];
      leadNegative = new boolean[n];
      cycleState = new byte[n];
      efficiency = new byte[n];
      cycleSeconds = new long[n];
      cycleNanos = new int[n];
      touchSeconds = new long[n];
      touchNanos = new int[n];
      leadHours = new double[n];
      cycleHours = new double[n];
    }
  }

  /**
   * The issues completed in the window in completion-then-key order: {@code position[i]} is issue
   * {@code i}'s place in it, and the items' columns are laid out in it.
   */
  private static final class Ordered {
    final int[] position;
    final int count;
    final CompletedItems items;
    final boolean[] hasLead;
    final boolean[] hasCycle;

    /** The whole set's lead-time P95 ({@code NaN} without items), set by its summary. */
    double wholeP95 = Double.NaN;

    Ordered(int n, Columns c, int[] order) {
      count = order.length;
      position = new int[n];
      items = new CompletedItems(count);
      hasLead = new boolean[count];
      hasCycle = new boolean[count];
      for (int p = 0; p < count; p++) {
        int i = order[p];
        position[i] = p;
        items.key[p] = Objects.requireNonNull(c.key[i]);
        items.project[p] = Objects.requireNonNull(c.project[i]);
        items.created[p] = Objects.requireNonNull(c.created[i]);
        items.end[p] = Objects.requireNonNull(c.end[i]);
        items.start[p] = c.start[i];
        hasLead[p] = !c.leadNegative[i];
        items.leadHours[p] = c.leadHours[i];
        hasCycle[p] = c.cycleState[i] == 0;
        items.cycleHours[p] = c.cycleHours[i];
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
    int done = fill(IssueHistories.of(issues), c, window, zone, firstWeek, asOf);
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
      IssueHistories h,
      Columns c,
      FlowWindow window,
      ZoneId zone,
      LocalDate firstWeek,
      Instant asOf) {
    long firstWeekDay = firstWeek.toEpochDay();
    ZoneRules rules = zone.getRules();
    @Nullable ZoneOffset fixed = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    long asOfSeconds = asOf.getEpochSecond();
    int asOfNanos = asOf.getNano();
    Instant windowFrom = window.from();
    long fromSeconds = windowFrom.getEpochSecond();
    int fromNanos = windowFrom.getNano();
    Instant windowTo = window.to();
    long toSeconds = windowTo.getEpochSecond();
    int toNanos = windowTo.getNano();
    int done = 0;
    for (int i = 0; i < h.size(); i++) {
      int completion = h.completion(i);
      Instant end;
      @Nullable Instant start;
      long active;
      if (completion == IssueHistories.NOT_COPIED) {
        // a history not listed in time order, or synthesized: built from the issue
        IssueTimeline timeline = IssueTimeline.of(h.get(i));
        c.wip[i] = wip(timeline, asOf);
        Instant e = timeline.completion();
        if (e == null || !window.contains(e)) {
          continue;
        }
        end = e;
        start = timeline.firstActive();
        active = start == null || start.isAfter(end) ? 0 : timeline.activeNanos(start, end);
      } else {
        // the history as listed, read from the columns
        int from = h.start(i);
        int to = h.end(i);
        c.wip[i] = wip(statusAt(h, i, from, to, asOfSeconds, asOfNanos));
        if (completion < 0) {
          continue;
        }
        long es = h.seconds(completion);
        int en = h.nanos(completion);
        if (IssueHistories.before(es, en, fromSeconds, fromNanos)
            || !IssueHistories.before(es, en, toSeconds, toNanos)) {
          continue;
        }
        end = Instant.ofEpochSecond(es, en);
        int first = from;
        while (first < to && !h.status(first).isActive()) {
          first++;
        }
        if (first == to) {
          start = null;
          active = 0;
        } else {
          long ss = h.seconds(first);
          int sn = h.nanos(first);
          start = Instant.ofEpochSecond(ss, sn);
          active =
              IssueHistories.before(es, en, ss, sn) ? 0 : activeNanos(h, first, to, ss, sn, es, en);
        }
      }
      done++;
      Issue issue = h.get(i);
      c.end[i] = end;
      c.key[i] = issue.key();
      int offset = (fixed != null ? fixed : rules.getOffset(end)).getTotalSeconds();
      long day = Math.floorDiv(end.getEpochSecond() + offset, SECONDS_PER_DAY);
      c.week[i] = (int) Math.floorDiv(day - firstWeekDay, 7);

      c.project[i] = issue.projectKey();
      Instant created = issue.createdAt();
      c.created[i] = created;
      c.start[i] = start;

      // lead time: creation to completion (its item is made when a list is read)
      Duration leadTime = Duration.between(created, end);
      if (leadTime.isNegative()) {
        c.leadNegative[i] = true;
      } else {
        c.leadHours[i] = FlowMetrics.hours(leadTime);
      }
      // cycle time: first active status to completion
      if (start == null) {
        c.cycleState[i] = 2;
      } else {
        Duration cycleTime = Duration.between(start, end);
        if (cycleTime.isNegative()) {
          c.cycleState[i] = 1;
        } else {
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
      long ts = Math.floorDiv(active, NANOS_PER_SECOND);
      long tn = Math.floorMod(active, NANOS_PER_SECOND);
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
   * {@link IssueTimeline#statusAt} of a history in the columns (transitions {@code [from, to)}):
   * null before the issue's creation, else the status of the last transition entered at or before
   * the instant, to do before the first.
   */
  private static @Nullable NormalizedStatus statusAt(
      IssueHistories h, int i, int from, int to, long seconds, int nanos) {
    if (IssueHistories.before(seconds, nanos, h.createdSeconds(i), h.createdNanos(i))) {
      return null;
    }
    // the last listed transition at or before the instant wins; usually the last of all
    for (int t = to - 1; t >= from; t--) {
      if (!IssueHistories.before(seconds, nanos, h.seconds(t), h.nanos(t))) {
        return h.status(t);
      }
    }
    return NormalizedStatus.TODO;
  }

  /**
   * {@link IssueTimeline#activeNanos} of a history in the columns from its transition {@code first}
   * (at {@code (fs, fn)}) to {@code (es, en)}, not before it: summed in a long as it does.
   */
  private static long activeNanos(
      IssueHistories h, int first, int to, long fs, int fn, long es, int en) {
    long nanos = 0;
    for (int t = first; t < to; t++) {
      if (!h.status(t).isActive()) {
        continue;
      }
      long ss = h.seconds(t);
      int sn = h.nanos(t);
      if (IssueHistories.before(ss, sn, fs, fn)) {
        ss = fs;
        sn = fn;
      }
      long xs = es;
      int xn = en;
      if (t + 1 < to && IssueHistories.before(h.seconds(t + 1), h.nanos(t + 1), es, en)) {
        xs = h.seconds(t + 1);
        xn = h.nanos(t + 1);
      }
      if (IssueHistories.before(ss, sn, xs, xn)) {
        // Duration.between(start, end).toNanos(), overflow included
        long ds = xs - ss;
        long dn = (long) xn - sn;
        if (dn < 0) {
          ds--;
          dn += NANOS_PER_SECOND;
        }
        nanos += Math.addExact(Math.multiplyExact(ds, NANOS_PER_SECOND), dn);
      }
    }
    return nanos;
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
    // the lists hold positions; their items and points are made when read
    CompletedItems items = ordered.items;
    int[] leadAt = new int[doneCount];
    int leads = 0;
    for (int k = 0; k < doneCount; k++) {
      int p = whole ? k : positions[k];
      if (ordered.hasLead[p]) {
        buffer[leads] = items.leadHours[p];
        leadAt[leads++] = p;
      }
    }
    FlowPercentiles leadPercentiles = percentiles(buffer, leads);
    FlowTimes lead =
        new FlowTimes(
            scope,
            FlowTimeKind.LEAD_TIME,
            window,
            new CompletedItems.Items(items, leadAt, leads, false),
            leadPercentiles,
            leadNegative,
            0);
    // the scatterplot as FlowMetrics.scatter: outliers above this set's P95, in the items' order
    double p95 = leadPercentiles == null ? Double.NaN : leadPercentiles.p95();
    if (whole) {
      ordered.wholeP95 = p95;
    }
    List<ScatterPoint> scatter =
        new CompletedItems.Points(items, leadAt, leads, p95, ordered.wholeP95, whole);

    int[] cycleAt = new int[doneCount];
    int cycles = 0;
    for (int k = 0; k < doneCount; k++) {
      int p = whole ? k : positions[k];
      if (ordered.hasCycle[p]) {
        buffer[cycles] = items.cycleHours[p];
        cycleAt[cycles++] = p;
      }
    }
    FlowTimes cycle =
        new FlowTimes(
            scope,
            FlowTimeKind.CYCLE_TIME,
            window,
            new CompletedItems.Items(items, cycleAt, cycles, true),
            percentiles(buffer, cycles),
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
