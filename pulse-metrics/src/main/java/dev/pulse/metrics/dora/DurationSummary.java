package dev.pulse.metrics.dora;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Median, P75 and P90 of a set of durations (linear interpolation, see {@link dev.pulse.metrics.Percentiles}).
 *
 * @param count how many durations were known
 * @param median the median, or null when {@code count} is 0
 * @param p75 the 75th percentile, or null when {@code count} is 0
 * @param p90 the 90th percentile, or null when {@code count} is 0
 */
public record DurationSummary(int count, @Nullable Duration median, @Nullable Duration p75, @Nullable Duration p90) {

  /**
   * Validates that the percentiles are present exactly when there is data.
   *
   * @throws IllegalArgumentException otherwise
   */
  public DurationSummary {
    boolean empty = count == 0;
    if (count < 0 || empty != (median == null) || empty != (p75 == null) || empty != (p90 == null)) {
      throw new IllegalArgumentException("percentiles must be present exactly when count > 0; count=" + count);
    }
  }

  static DurationSummary of(long[] nanos, int count) {
    if (count == 0) {
      return new DurationSummary(0, null, null, null);
    }
    Duration[] p = DurationStats.percentiles(nanos, count, 50, 75, 90);
    return new DurationSummary(count, p[0], p[1], p[2]);
  }
}
