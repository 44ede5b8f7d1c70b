package dev.pulse.metrics.flow;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The buckets of the lead-time distribution. Each bucket is half-open, {@code [lower, upper)}: a
 * lead time of exactly one day falls in {@link #ONE_TO_THREE_DAYS}, not in {@link #UNDER_ONE_DAY}.
 * A day is 24 hours.
 */
public enum LeadTimeBucket {
  /** {@code [0, 1d)}. */
  UNDER_ONE_DAY("<1d", Duration.ZERO, Duration.ofDays(1)),
  /** {@code [1d, 3d)}. */
  ONE_TO_THREE_DAYS("1-3d", Duration.ofDays(1), Duration.ofDays(3)),
  /** {@code [3d, 7d)}. */
  THREE_TO_SEVEN_DAYS("3-7d", Duration.ofDays(3), Duration.ofDays(7)),
  /** {@code [7d, 14d)}. */
  SEVEN_TO_FOURTEEN_DAYS("7-14d", Duration.ofDays(7), Duration.ofDays(14)),
  /** {@code [14d, 30d)}. */
  FOURTEEN_TO_THIRTY_DAYS("14-30d", Duration.ofDays(14), Duration.ofDays(30)),
  /** {@code [30d, infinity)}. */
  THIRTY_DAYS_OR_MORE(">=30d", Duration.ofDays(30), null);

  private final String label;
  private final Duration lowerInclusive;
  private final @Nullable Duration upperExclusive;

  LeadTimeBucket(String label, Duration lowerInclusive, @Nullable Duration upperExclusive) {
    this.label = label;
    this.lowerInclusive = lowerInclusive;
    this.upperExclusive = upperExclusive;
  }

  /**
   * Returns a short label, e.g. {@code 1-3d}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Returns the smallest duration in the bucket.
   *
   * @return the inclusive lower edge
   */
  public Duration lowerInclusive() {
    return lowerInclusive;
  }

  /**
   * Returns the smallest duration above the bucket, or null for the last, unbounded bucket.
   *
   * @return the exclusive upper edge, or null
   */
  public @Nullable Duration upperExclusive() {
    return upperExclusive;
  }

  /**
   * Returns the bucket a non-negative duration falls in.
   *
   * @param duration the duration
   * @return its bucket
   * @throws IllegalArgumentException if the duration is negative
   */
  public static LeadTimeBucket of(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a lead time must be >= 0 but was " + duration);
    }
    for (LeadTimeBucket bucket : values()) {
      Duration upper = bucket.upperExclusive;
      if (upper == null || duration.compareTo(upper) < 0) {
        return bucket;
      }
    }
    throw new AssertionError("the last bucket is unbounded");
  }
}
