package dev.pulse.metrics;

/**
 * Percentiles of a sample by linear interpolation between closest ranks.
 *
 * <p>The method is Hyndman and Fan's type 7, the default of numpy's {@code percentile}, R's {@code
 * quantile} and Excel's {@code PERCENTILE.INC}: for {@code n} sorted values {@code x[0..n-1]} and
 * {@code p} in [0, 100], let {@code h = (n - 1) * p / 100}; the result is {@code x[floor(h)] + (h -
 * floor(h)) * (x[ceil(h)] - x[floor(h)])}. For example, P50 of {@code [1, 2, 3, 4]} is 2.5 and P90
 * is 3.7.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class Percentiles {

  private Percentiles() {}

  /**
   * Returns the {@code p}-th percentile of values sorted in ascending order.
   *
   * @param sortedValues the sample, sorted ascending (not checked); not modified
   * @param p the percentile, in [0, 100]
   * @return the interpolated percentile
   * @throws IllegalArgumentException if the sample is empty or {@code p} is outside [0, 100] or NaN
   */
  public static double percentile(double[] sortedValues, double p) {
    if (sortedValues.length == 0) {
      throw new IllegalArgumentException("cannot compute a percentile of an empty sample");
    }
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("p must be in [0, 100] but was " + p);
    }
    double h = (sortedValues.length - 1) * (p / 100);
    int lower = (int) Math.floor(h);
    int upper = (int) Math.ceil(h);
    double fraction = h - lower;
    return sortedValues[lower] + fraction * (sortedValues[upper] - sortedValues[lower]);
  }
}
