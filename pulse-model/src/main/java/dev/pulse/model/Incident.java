package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A production incident with the times it was opened and resolved.
 *
 * @param id the incident's id in its source
 * @param service the service, team or repository the incident is attributed to
 * @param createdAt when it was opened
 * @param resolvedAt when it was resolved, or null while open
 * @param causedByDeployment the build id of the deployment that caused it, when known; used by the
 *     incident-linked change failure rate
 */
public record Incident(
    String id,
    String service,
    Instant createdAt,
    @Nullable Instant resolvedAt,
    @Nullable String causedByDeployment) {

  /**
   * Validates the incident.
   *
   * @throws IllegalArgumentException if a name is blank or it was resolved before it was created
   */
  public Incident {
    Checks.requireText(id, "id");
    Checks.requireText(service, "service");
    Objects.requireNonNull(createdAt, "createdAt");
    if (resolvedAt != null && resolvedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "incident "
              + id
              + " resolved at "
              + resolvedAt
              + " before it was created at "
              + createdAt);
    }
  }
}
