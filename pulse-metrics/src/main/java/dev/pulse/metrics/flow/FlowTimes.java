package dev.pulse.metrics.flow;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The cycle or lead times of the completed issues of a scope, with their percentiles.
 *
 * @param scope the issues aggregated
 * @param kind cycle time or lead time
 * @param window the window the final completion had to fall in, or null for every completed issue
 * @param items one entry per measured issue, ordered by completion then issue key
 * @param percentiles the percentiles of {@code items}' durations, or null when there are none
 * @param negativeExcluded completed issues whose span was negative (unknown): excluded from {@code
 *     items}
 * @param noStartExcluded completed issues that never entered an active status (cycle time only;
 *     always 0 for lead time): excluded from {@code items}
 */
public record FlowTimes(
    FlowScope scope,
    FlowTimeKind kind,
    @Nullable FlowWindow window,
    List<ItemFlowTime> items,
    @Nullable FlowPercentiles percentiles,
    int negativeExcluded,
    int noStartExcluded) {

  /**
   * Validates the result and copies its list.
   *
   * @throws IllegalArgumentException if a count is negative or the percentiles disagree with the
   *     items
   */
  public FlowTimes {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(kind, "kind");
    // the lists a set of summaries makes are immutable and read lazily: kept as they are
    items = items instanceof CompletedItems.Items ? items : List.copyOf(items);
    FlowMetrics.requireNonNegative(negativeExcluded, "negativeExcluded");
    FlowMetrics.requireNonNegative(noStartExcluded, "noStartExcluded");
    if ((percentiles == null) != items.isEmpty()
        || (percentiles != null && percentiles.count() != items.size())) {
      throw new IllegalArgumentException(
          "percentiles must cover exactly the " + items.size() + " items");
    }
  }
}
