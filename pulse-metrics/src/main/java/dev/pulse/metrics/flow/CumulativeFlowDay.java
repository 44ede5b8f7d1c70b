package dev.pulse.metrics.flow;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The number of a scope's issues in each normalized status at the end of one UTC day (its last
 * instant, 23:59:59.999999999 UTC).
 *
 * @param day the UTC calendar day
 * @param todo issues in to do, including issues created but not yet moved
 * @param inProgress issues in progress
 * @param inReview issues in review
 * @param done issues done
 */
public record CumulativeFlowDay(LocalDate day, int todo, int inProgress, int inReview, int done) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public CumulativeFlowDay {
    Objects.requireNonNull(day, "day");
    FlowMetrics.requireNonNegative(todo, "todo");
    FlowMetrics.requireNonNegative(inProgress, "inProgress");
    FlowMetrics.requireNonNegative(inReview, "inReview");
    FlowMetrics.requireNonNegative(done, "done");
  }

  /**
   * Returns the number of issues that existed at the end of the day.
   *
   * @return the sum of the four counts
   */
  public int total() {
    return todo + inProgress + inReview + done;
  }
}
