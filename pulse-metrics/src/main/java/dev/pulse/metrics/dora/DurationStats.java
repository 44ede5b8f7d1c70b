package dev.pulse.metrics.dora;

import java.time.Duration;
import java.util.Arrays;

/**
 * Percentiles of durations held as nanoseconds, with the same definition as {@link dev.pulse.metrics.Percentiles}
 * (linear interpolation between closest ranks, Hyndman-Fan type 7) but exact integer ends: the interpolated part is
 * rounded half up to a whole nanosecond.
 */
final class DurationStats {
  private DurationStats() {}

  /** Sorts the first {@code count} values in place. */
  static void sort(long[] values, int count) {
    Arrays.sort(values, 0, count);
  }

  /** Returns the p-th percentile (0..100) of the first {@code count} values, sorted ascending; count > 0. */
  static long percentile(long[] sorted, int count, double p) {
    double h = (count - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, count - 1);
    double fraction = h - lo;
    long lower = sorted[lo];
    return fraction == 0 ? lower : lower + Math.round(fraction * (sorted[hi] - lower));
  }

  static Duration percentileDuration(long[] sorted, int count, double p) {
    return Duration.ofNanos(percentile(sorted, count, p));
  }
}
