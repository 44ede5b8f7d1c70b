package dev.pulse.metrics.flow;

import java.util.Objects;

/**
 * How many lead times fell in one bucket.
 *
 * @param bucket the bucket
 * @param count the number of lead times in it
 */
public record BucketCount(LeadTimeBucket bucket, int count) {

  /**
   * Validates the count.
   *
   * @throws IllegalArgumentException if the count is negative
   */
  public BucketCount {
    Objects.requireNonNull(bucket, "bucket");
    FlowMetrics.requireNonNegative(count, "count");
  }
}
