package dev.pulse.metrics.flow;

import dev.pulse.model.NormalizedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One issue in progress and how long it has been.
 *
 * @param issueKey the issue's key
 * @param projectKey the issue's project
 * @param status its active status at the instant of measure
 * @param activeSince the start of its current uninterrupted stretch in active statuses
 * @param age the time from {@code activeSince} to the instant of measure, never negative
 */
public record AgingItem(
    String issueKey,
    String projectKey,
    NormalizedStatus status,
    Instant activeSince,
    Duration age) {

  /**
   * Validates the item.
   *
   * @throws IllegalArgumentException if the status is not active or the age is negative
   */
  public AgingItem {
    Objects.requireNonNull(issueKey, "issueKey");
    Objects.requireNonNull(projectKey, "projectKey");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(activeSince, "activeSince");
    Objects.requireNonNull(age, "age");
    if (!status.isActive()) {
      throw new IllegalArgumentException(
          "status of aging item " + issueKey + " must be active but was " + status);
    }
    if (age.isNegative()) {
      throw new IllegalArgumentException("age of " + issueKey + " must be >= 0 but was " + age);
    }
  }
}
