package dev.pulse.metrics.flow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many pull requests merged in a window fall in each {@link PullRequestSize}.
 *
 * @param counts the count of every bucket, all six present, in bucket order (unmodifiable)
 * @param unsized pull requests with no changed line reported, in no bucket
 */
public record PullRequestSizes(Map<PullRequestSize, Integer> counts, int unsized) {
  /**
   * Validates and copies the counts.
   *
   * @throws IllegalArgumentException if a bucket is missing or a count is negative
   */
  public PullRequestSizes {
    Objects.requireNonNull(counts, "counts");
    EnumMap<PullRequestSize, Integer> copy = new EnumMap<>(PullRequestSize.class);
    copy.putAll(counts);
    if (copy.size() != PullRequestSize.values().length
        || copy.values().stream().anyMatch(c -> c < 0)
        || unsized < 0) {
      throw new IllegalArgumentException(
          "every bucket needs a count >= 0 but was " + counts + ", unsized " + unsized);
    }
    counts = Collections.unmodifiableMap(copy);
  }
}
