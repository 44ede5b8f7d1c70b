package dev.pulse.metrics;

/**
 * Percentiles by linear interpolation between closest ranks: Hyndman and Fan's definition 7, the default of
 * numpy ({@code method="linear"}), R ({@code type=7}) and Excel's {@code PERCENTILE.INC}.
 *
 * <p>For {@code n} ascending values {@code x[0..n-1]} and {@code p} in [0, 100]: {@code h = (n - 1) * p / 100},
 * {@code lo = floor(h)}, {@code hi = min(lo + 1, n - 1)}, and the percentile is
 * {@code x[lo] + (h - lo) * (x[hi] - x[lo])}. So P0 is the minimum, P100 the maximum, and P50 of an even count is
 * the mean of the two middle values. Example: P90 of {@code [1, 2, 3, 4]} is {@code h = 2.7}, {@code 3 + 0.7 * 1
 * = 3.7}.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class Percentiles {

  private Percentiles() {}

  /**
   * Returns the {@code p}-th percentile of values that are already sorted ascending.
   *
   * <p>The values are not copied, sorted or checked for order; unsorted input gives a meaningless result.
   *
   * @param sortedValues the values, ascending, not empty, no NaN
   * @param p the percentile, in [0, 100]
   * @return the interpolated percentile
   * @throws IllegalArgumentException if {@code sortedValues} is empty or {@code p} is outside [0, 100] or NaN
   */
  public static double percentile(double[] sortedValues, double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("p must be in [0, 100] but was " + p);
    }
    int n = sortedValues.length;
    if (n == 0) {
      throw new IllegalArgumentException("sortedValues must not be empty but had length 0");
    }
    double h = (n - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    double lower = sortedValues[lo];
    double fraction = h - lo;
    return fraction == 0 ? lower : lower + fraction * (sortedValues[hi] - lower);
  }
}
