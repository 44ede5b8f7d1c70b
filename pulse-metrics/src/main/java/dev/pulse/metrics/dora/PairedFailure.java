package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The pairing outcome of one failed deployment.
 *
 * @param failure the failed deployment
 * @param environment its environment after normalization
 * @param status resolved, open or superseded
 * @param anchor for a superseded failure, the first failure of its run, which owns the incident;
 *     otherwise null
 * @param recoveredBy for a resolved failure, the success that restored it; otherwise null
 * @param recoveryTime for a resolved failure, {@code recoveredBy.effectiveAt() -
 *     failure.effectiveAt()}; otherwise null
 */
public record PairedFailure(
    Deployment failure,
    String environment,
    IncidentStatus status,
    @Nullable Deployment anchor,
    @Nullable Deployment recoveredBy,
    @Nullable Duration recoveryTime) {

  /**
   * Validates that the links match the status.
   *
   * @throws IllegalArgumentException if a link is missing or present against the status
   */
  public PairedFailure {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(status, "status");
    boolean resolved = status == IncidentStatus.RESOLVED;
    if ((status == IncidentStatus.SUPERSEDED) != (anchor != null)
        || resolved != (recoveredBy != null)
        || resolved != (recoveryTime != null)) {
      throw new IllegalArgumentException(
          "links do not match status "
              + status
              + " of "
              + failure.repository()
              + "/"
              + failure.buildId());
    }
  }
}
