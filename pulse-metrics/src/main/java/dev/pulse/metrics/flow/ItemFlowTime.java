package dev.pulse.metrics.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The cycle or lead time of one completed issue.
 *
 * @param issueKey the issue's key
 * @param projectKey the issue's project
 * @param start when the span started (first active status for cycle time, creation for lead time)
 * @param end when the issue was finally completed
 * @param duration {@code end - start}, never negative
 */
public record ItemFlowTime(
    String issueKey, String projectKey, Instant start, Instant end, Duration duration) {

  /**
   * Validates the item.
   *
   * @throws IllegalArgumentException if the duration is negative or differs from {@code end -
   *     start}
   */
  public ItemFlowTime {
    Objects.requireNonNull(issueKey, "issueKey");
    Objects.requireNonNull(projectKey, "projectKey");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "duration of " + issueKey + " must be >= 0 but was " + duration);
    }
    if (!duration.equals(Duration.between(start, end))) {
      throw new IllegalArgumentException(
          "duration of "
              + issueKey
              + " must equal end - start = "
              + Duration.between(start, end)
              + " but was "
              + duration);
    }
  }

  /**
   * Returns the duration in fractional hours.
   *
   * @return {@code duration} in hours, unrounded
   */
  public double hours() {
    return FlowMetrics.hours(duration);
  }
}
