package dev.pulse.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One period an issue spent in one status.
 *
 * @param status the normalized status entered
 * @param rawStatus the source's status name, as written there
 * @param enteredAt when the status was entered
 * @param exitedAt when the next status was entered, or null for the current status
 */
public record StatusTransition(
    NormalizedStatus status, String rawStatus, Instant enteredAt, @Nullable Instant exitedAt) {
  /**
   * Validates the transition.
   *
   * @throws IllegalArgumentException if it was exited before it was entered
   */
  public StatusTransition {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rawStatus, "rawStatus");
    Objects.requireNonNull(enteredAt, "enteredAt");
    if (exitedAt != null && exitedAt.isBefore(enteredAt)) {
      throw new IllegalArgumentException(
          "exitedAt " + exitedAt + " is before enteredAt " + enteredAt);
    }
  }
}
