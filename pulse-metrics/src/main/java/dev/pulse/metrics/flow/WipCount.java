package dev.pulse.metrics.flow;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Work in progress: the number of a scope's issues in an active status.
 *
 * @param scope the issues aggregated
 * @param asOf the instant the statuses were reconstructed at, or null for the current status each
 *     source reports
 * @param inProgress issues in {@link dev.pulse.model.NormalizedStatus#IN_PROGRESS}
 * @param inReview issues in {@link dev.pulse.model.NormalizedStatus#IN_REVIEW}
 * @param unknownTimeline issues whose status at {@code asOf} cannot be reconstructed: excluded,
 *     counted here (always 0 when {@code asOf} is null)
 */
public record WipCount(
    FlowScope scope, @Nullable Instant asOf, int inProgress, int inReview, int unknownTimeline) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public WipCount {
    Objects.requireNonNull(scope, "scope");
    FlowMetrics.requireNonNegative(inProgress, "inProgress");
    FlowMetrics.requireNonNegative(inReview, "inReview");
    FlowMetrics.requireNonNegative(unknownTimeline, "unknownTimeline");
  }

  /**
   * Returns the work in progress.
   *
   * @return {@code inProgress + inReview}
   */
  public int total() {
    return inProgress + inReview;
  }
}
