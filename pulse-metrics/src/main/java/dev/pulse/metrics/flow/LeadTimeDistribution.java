package dev.pulse.metrics.flow;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The distribution of the lead times of a scope's completed issues: a count per {@link
 * LeadTimeBucket} and the percentiles.
 *
 * @param scope the issues aggregated
 * @param window the window the final completion had to fall in, or null for every completed issue
 * @param buckets one count per bucket, in the order of {@link LeadTimeBucket#values()}, empty
 *     buckets included
 * @param total the number of lead times counted, the sum of the bucket counts
 * @param percentiles the percentiles of the lead times, or null when {@code total} is 0
 * @param negativeExcluded completed issues whose lead time was negative (unknown): counted in no
 *     bucket
 */
public record LeadTimeDistribution(
    FlowScope scope,
    @Nullable FlowWindow window,
    List<BucketCount> buckets,
    int total,
    @Nullable FlowPercentiles percentiles,
    int negativeExcluded) {

  /**
   * Validates the distribution and copies its list.
   *
   * @throws IllegalArgumentException if the buckets are incomplete or do not add up to the total
   */
  public LeadTimeDistribution {
    Objects.requireNonNull(scope, "scope");
    buckets = List.copyOf(buckets);
    LeadTimeBucket[] expected = LeadTimeBucket.values();
    if (buckets.size() != expected.length) {
      throw new IllegalArgumentException(
          "expected " + expected.length + " buckets but got " + buckets.size());
    }
    int sum = 0;
    for (int i = 0; i < expected.length; i++) {
      if (buckets.get(i).bucket() != expected[i]) {
        throw new IllegalArgumentException(
            "bucket " + i + " must be " + expected[i] + " but was " + buckets.get(i).bucket());
      }
      sum += buckets.get(i).count();
    }
    if (sum != total) {
      throw new IllegalArgumentException(
          "bucket counts add up to " + sum + " but total is " + total);
    }
    FlowMetrics.requireNonNegative(negativeExcluded, "negativeExcluded");
    if ((percentiles == null) != (total == 0)) {
      throw new IllegalArgumentException("percentiles must be present exactly when total > 0");
    }
  }

  /**
   * Returns the share of the lead times that fell in a bucket.
   *
   * @param bucket the bucket
   * @return {@code count / total}, unrounded, or 0 when the total is 0
   */
  public double share(LeadTimeBucket bucket) {
    Objects.requireNonNull(bucket, "bucket");
    if (total == 0) {
      return 0;
    }
    int count = 0;
    for (BucketCount bucketCount : buckets) {
      if (bucketCount.bucket() == bucket) {
        count = bucketCount.count();
      }
    }
    return (double) count / total;
  }
}
