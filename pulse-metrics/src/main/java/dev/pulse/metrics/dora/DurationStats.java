package dev.pulse.metrics.dora;

import java.time.Duration;
import java.util.Arrays;

/**
 * Percentiles of durations held as nanoseconds, with the same definition as {@link dev.pulse.metrics.Percentiles}
 * (linear interpolation between closest ranks, Hyndman-Fan type 7) but exact integer ends: the interpolated part is
 * rounded half up to a whole nanosecond.
 *
 * <p>{@link #percentiles} does not sort: it places only the ranks it needs with a selection algorithm (expected
 * linear time, falling back to a full sort of the remaining range if partitioning degenerates), which is what makes
 * median, P75 and P90 of a million lead times cheap.
 */
final class DurationStats {
  private static final int INSERTION_SORT_BELOW = 24;

  private DurationStats() {}

  /**
   * Returns the given percentiles of the first {@code count} values, which are reordered.
   *
   * @param values the values; the first {@code count} are used and partially reordered
   * @param count how many values, positive
   * @param ps the percentiles, ascending, each in [0, 100]
   * @return one duration per percentile
   */
  static Duration[] percentiles(long[] values, int count, double... ps) {
    int[] lo = new int[ps.length];
    double[] fraction = new double[ps.length];
    int[] ranks = new int[2 * ps.length];
    for (int i = 0; i < ps.length; i++) {
      double h = (count - 1) * ps[i] / 100.0;
      lo[i] = (int) Math.floor(h);
      fraction[i] = h - lo[i];
      ranks[2 * i] = lo[i];
      ranks[2 * i + 1] = Math.min(lo[i] + 1, count - 1);
    }
    Arrays.sort(ranks);
    int from = 0;
    for (int k : ranks) {
      if (k >= from) {
        select(values, from, count, k);
        from = k + 1;
      }
    }
    Duration[] out = new Duration[ps.length];
    for (int i = 0; i < ps.length; i++) {
      long lower = values[lo[i]];
      long upper = values[Math.min(lo[i] + 1, count - 1)];
      out[i] = Duration.ofNanos(fraction[i] == 0 ? lower : lower + Math.round(fraction[i] * (upper - lower)));
    }
    return out;
  }

  /**
   * Rearranges {@code a[from, to)} so that {@code a[k]} holds the value it would hold if the range were sorted,
   * with no larger value before it and no smaller value after it.
   */
  static void select(long[] a, int from, int to, int k) {
    int lo = from;
    int hi = to - 1;
    int budget = 2 * (32 - Integer.numberOfLeadingZeros(to - from)) + 8;
    while (hi - lo >= INSERTION_SORT_BELOW) {
      if (budget-- == 0) {
        Arrays.sort(a, lo, hi + 1);
        return;
      }
      int mid = (lo + hi) >>> 1;
      // median of three as the pivot, moved to a[lo]
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      swap(a, lo, mid);
      long pivot = a[lo];
      // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
      int lt = lo;
      int gt = hi;
      int i = lo + 1;
      while (i <= gt) {
        long v = a[i];
        if (v < pivot) {
          swap(a, lt++, i++);
        } else if (v > pivot) {
          swap(a, i, gt--);
        } else {
          i++;
        }
      }
      if (k < lt) {
        hi = lt - 1;
      } else if (k > gt) {
        lo = gt + 1;
      } else {
        return;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      long x = a[i];
      int j = i - 1;
      while (j >= lo && a[j] > x) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  private static void swap(long[] a, int i, int j) {
    long t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
