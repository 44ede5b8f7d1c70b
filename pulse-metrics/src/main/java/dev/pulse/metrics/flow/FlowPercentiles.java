package dev.pulse.metrics.flow;

/**
 * Percentiles of a sample of durations, in fractional hours, by linear interpolation between
 * closest ranks ({@link dev.pulse.metrics.Percentiles}, Hyndman-Fan type 7). The values are not
 * rounded.
 *
 * @param count the number of durations in the sample, at least 1
 * @param p50 the median, in hours
 * @param p75 the 75th percentile, in hours
 * @param p85 the 85th percentile, in hours
 * @param p90 the 90th percentile, in hours
 * @param p95 the 95th percentile, in hours
 */
public record FlowPercentiles(
    int count, double p50, double p75, double p85, double p90, double p95) {

  /**
   * Validates the percentiles.
   *
   * @throws IllegalArgumentException if the count is not positive or a value is NaN
   */
  public FlowPercentiles {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1 but was " + count);
    }
    // Not checked for ascending order: interpolation in floating point may in theory put one value
    // an ulp above
    // the next, and a calculator must not fail on that.
    if (Double.isNaN(p50)
        || Double.isNaN(p75)
        || Double.isNaN(p85)
        || Double.isNaN(p90)
        || Double.isNaN(p95)) {
      throw new IllegalArgumentException(
          "percentiles must not be NaN but were "
              + p50
              + ", "
              + p75
              + ", "
              + p85
              + ", "
              + p90
              + ", "
              + p95);
    }
  }
}
