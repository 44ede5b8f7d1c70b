package dev.pulse.metrics.flow;

import java.util.List;
import java.util.Objects;

/**
 * A cumulative flow diagram: status counts at the end of every UTC day of a range.
 *
 * @param scope the issues aggregated
 * @param days every day of the range in order
 * @param unknownTimeline issues whose history cannot be reconstructed: excluded from every day,
 *     counted here
 */
public record CumulativeFlow(FlowScope scope, List<CumulativeFlowDay> days, int unknownTimeline) {

  /**
   * Validates the result and copies its list.
   *
   * @throws IllegalArgumentException if the count is negative
   */
  public CumulativeFlow {
    Objects.requireNonNull(scope, "scope");
    days = List.copyOf(days);
    FlowMetrics.requireNonNegative(unknownTimeline, "unknownTimeline");
  }
}
