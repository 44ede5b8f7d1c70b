package dev.pulse.metrics.flow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Aging work in progress: the issues of a scope that are active at an instant, with their ages.
 *
 * @param scope the issues aggregated
 * @param asOf the instant of measure
 * @param items the active issues, oldest first, ties by issue key
 * @param agePercentiles the percentiles of the ages, or null when no issue is active
 * @param unknownTimeline issues whose status at {@code asOf} cannot be reconstructed: excluded,
 *     counted here
 */
public record AgingWip(
    FlowScope scope,
    Instant asOf,
    List<AgingItem> items,
    @Nullable FlowPercentiles agePercentiles,
    int unknownTimeline) {

  /**
   * Validates the result and copies its list.
   *
   * @throws IllegalArgumentException if the count is negative or the percentiles disagree with the
   *     items
   */
  public AgingWip {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(asOf, "asOf");
    items = List.copyOf(items);
    if ((agePercentiles == null) != items.isEmpty()
        || (agePercentiles != null && agePercentiles.count() != items.size())) {
      throw new IllegalArgumentException(
          "agePercentiles must cover exactly the " + items.size() + " items");
    }
    FlowMetrics.requireNonNegative(unknownTimeline, "unknownTimeline");
  }
}
