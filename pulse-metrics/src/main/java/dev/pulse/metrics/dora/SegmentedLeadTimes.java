package dev.pulse.metrics.dora;

import java.time.Duration;
import java.util.Arrays;

/**
 * The lead time figures of several windows at once, each pull request's phases held once: the
 * windows' bounds cut the timeline into segments ({@link WindowSegments}), a window is a run of
 * consecutive segments, and each phase's known spans are laid out segment by segment, so that a
 * window's spans are one slice of the phase's column. A report's window, weeks and months hold each
 * pull request three times; {@link LeadTimeForChanges.Accumulator}s per window would copy every
 * span three times.
 *
 * <p>Filled in two rounds over the same pull requests: {@link #count} each (which sizes the
 * columns), then {@link #allocate}, then {@link #place} each known one again, in any order. The
 * figures equal those of an accumulator per window given the same pull requests: percentiles do not
 * depend on the order of the values, and every count is a sum over the window's segments.
 */
final class SegmentedLeadTimes {
  private static final int PHASES = 5;
  private static final int LINKAGES = Linkage.values().length;

  private final int segments;
  private final int[] merged;
  private final int[] deployed;
  private final int[] excluded;

  /** Pull requests per linkage slot ({@link LeadTimeForChanges.Accumulator#slot}), by segment. */
  private final int[] byLinkage;

  /** By phase then segment: known spans, reversed ends, smallest and largest span. */
  private final int[][] known = new int[PHASES][];

  private final int[][] negative = new int[PHASES][];
  private final long[][] min = new long[PHASES][];
  private final long[][] max = new long[PHASES][];

  /** By phase: the first index of each segment's spans in the column, and one past the last. */
  private final int[][] offset = new int[PHASES][];

  private final int[][] fill = new int[PHASES][];
  private final long[][] column = new long[PHASES][];

  SegmentedLeadTimes(int segments) {
    this.segments = segments;
    merged = new int[segments];
    deployed = new int[segments];
    excluded = new int[segments];
    byLinkage = new int[segments * LINKAGES];
    for (int phase = 0; phase < PHASES; phase++) {
      known[phase] = new int[segments];
      negative[phase] = new int[segments];
      min[phase] = new long[segments];
      max[phase] = new long[segments];
      Arrays.fill(min[phase], Long.MAX_VALUE);
      Arrays.fill(max[phase], Long.MIN_VALUE);
    }
  }

  /** Counts a pull request of segment {@code s} left out of the figures, with its linkage. */
  void countExcluded(int s, Linkage linkage) {
    byLinkage[s * LINKAGES + LeadTimeForChanges.Accumulator.slot(linkage)]++;
    excluded[s]++;
  }

  /**
   * Counts a measured pull request of segment {@code s}, with the arguments of {@link
   * LeadTimeForChanges.Accumulator#add(Linkage, boolean, long, long, long, long, long, int, int)}.
   */
  void count(
      int s,
      Linkage linkage,
      boolean deployedFound,
      long coding,
      long pickup,
      long review,
      long deploy,
      long total,
      int knownBits,
      int reversedBits) {
    byLinkage[s * LINKAGES + LeadTimeForChanges.Accumulator.slot(linkage)]++;
    merged[s]++;
    if (deployedFound) {
      deployed[s]++;
    }
    count(0, s, coding, knownBits, reversedBits);
    count(1, s, pickup, knownBits, reversedBits);
    count(2, s, review, knownBits, reversedBits);
    count(3, s, deploy, knownBits, reversedBits);
    // the total has no reversed ends of its own
    count(4, s, total, knownBits, reversedBits & ~16);
  }

  private void count(int phase, int s, long span, int knownBits, int reversedBits) {
    int bit = 1 << phase;
    if ((knownBits & bit) != 0) {
      known[phase][s]++;
      min[phase][s] = Math.min(min[phase][s], span);
      max[phase][s] = Math.max(max[phase][s], span);
    }
    if ((reversedBits & bit) != 0) {
      negative[phase][s]++;
    }
  }

  /** Sizes the columns from the counts; every pull request counted is then placed once. */
  void allocate() {
    for (int phase = 0; phase < PHASES; phase++) {
      int[] at = new int[segments + 1];
      for (int s = 0; s < segments; s++) {
        at[s + 1] = at[s] + known[phase][s];
      }
      offset[phase] = at;
      fill[phase] = Arrays.copyOf(at, segments);
      column[phase] = new long[at[segments]];
    }
  }

  /** Places the known spans of a pull request of segment {@code s} counted before. */
  void place(int s, long coding, long pickup, long review, long deploy, long total, int knownBits) {
    if ((knownBits & 1) != 0) {
      column[0][fill[0][s]++] = coding;
    }
    if ((knownBits & 2) != 0) {
      column[1][fill[1][s]++] = pickup;
    }
    if ((knownBits & 4) != 0) {
      column[2][fill[2][s]++] = review;
    }
    if ((knownBits & 8) != 0) {
      column[3][fill[3][s]++] = deploy;
    }
    if ((knownBits & 16) != 0) {
      column[4][fill[4][s]++] = total;
    }
  }

  /**
   * The figures of the pull requests of segments {@code first} to {@code last} (inclusive; none
   * when {@code first} is negative), as {@link LeadTimeForChanges.Accumulator#result} gives them.
   */
  LeadTimeResult result(int first, int last, DoraOptions options) {
    int to = first < 0 ? -1 : last;
    int[] linkages = new int[LINKAGES];
    int mergedIn = 0;
    int deployedIn = 0;
    int excludedIn = 0;
    for (int s = Math.max(0, first); s <= to; s++) {
      mergedIn += merged[s];
      deployedIn += deployed[s];
      excludedIn += excluded[s];
      for (int l = 0; l < LINKAGES; l++) {
        linkages[l] += byLinkage[s * LINKAGES + l];
      }
    }
    DurationSummary[] summaries = new DurationSummary[PHASES];
    for (int phase = 0; phase < PHASES; phase++) {
      long low = Long.MAX_VALUE;
      long high = Long.MIN_VALUE;
      int reversed = 0;
      for (int s = Math.max(0, first); s <= to; s++) {
        low = Math.min(low, min[phase][s]);
        high = Math.max(high, max[phase][s]);
        reversed += negative[phase][s];
      }
      int start = first < 0 ? 0 : offset[phase][first];
      int end = first < 0 ? 0 : offset[phase][to + 1];
      summaries[phase] =
          DurationSummary.ofSlice(column[phase], start, end - start, low, high, reversed);
    }
    DurationSummary totals = summaries[4];
    Duration median = totals.median();
    return new LeadTimeResult(
        mergedIn,
        deployedIn,
        summaries[0],
        summaries[1],
        summaries[2],
        summaries[3],
        totals,
        median == null ? null : options.benchmark().leadTimeLevel(median),
        excludedIn,
        LeadTimeForChanges.Accumulator.counts(linkages));
  }
}
