package dev.pulse.metrics.dora;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Median, P75 and P90 of a set of durations (linear interpolation, see {@link
 * dev.pulse.metrics.Percentiles}).
 *
 * @param count how many durations were known
 * @param median the median, or null when {@code count} is 0
 * @param p75 the 75th percentile, or null when {@code count} is 0
 * @param p90 the 90th percentile, or null when {@code count} is 0
 * @param negative how many spans had both ends but a negative length, and were left out as unknown
 */
public record DurationSummary(
    int count,
    @Nullable Duration median,
    @Nullable Duration p75,
    @Nullable Duration p90,
    int negative) {

  /**
   * Validates that the percentiles are present exactly when there is data.
   *
   * @throws IllegalArgumentException otherwise, or if {@code negative} is negative
   */
  public DurationSummary {
    boolean empty = count == 0;
    if (count < 0
        || empty != (median == null)
        || empty != (p75 == null)
        || empty != (p90 == null)) {
      throw new IllegalArgumentException(
          "percentiles must be present exactly when count > 0; count=" + count);
    }
    if (negative < 0) {
      throw new IllegalArgumentException("negative must be >= 0 but was " + negative);
    }
  }

  /**
   * The summary of the first {@code count} values (reordered), whose smallest and largest are
   * {@code min} and {@code max}.
   */
  static DurationSummary of(long[] nanos, int count, long min, long max, int negative) {
    if (count == 0) {
      return new DurationSummary(0, null, null, null, negative);
    }
    Duration[] p = DurationStats.percentilesWithin(nanos, count, min, max, 50, 75, 90);
    return new DurationSummary(count, p[0], p[1], p[2], negative);
  }

  /**
   * The summary of the slice {@code nanos[start, start + count)}, left unchanged, whose smallest
   * and largest are {@code min} and {@code max}.
   */
  static DurationSummary ofSlice(
      long[] nanos, int start, int count, long min, long max, int negative) {
    if (count == 0) {
      return new DurationSummary(0, null, null, null, negative);
    }
    Duration[] p = DurationStats.percentilesOfSlice(nanos, start, count, min, max, 50, 75, 90);
    return new DurationSummary(count, p[0], p[1], p[2], negative);
  }
}
