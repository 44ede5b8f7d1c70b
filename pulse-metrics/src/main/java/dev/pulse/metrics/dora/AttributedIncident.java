package dev.pulse.metrics.dora;

import dev.pulse.model.Incident;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An incident with the deployment taken as its cause and how that was decided.
 *
 * @param incident the incident
 * @param deploymentBuildId the build id of the causing deployment of the incident's service, or
 *     null when {@code attribution} is {@link IncidentAttribution#NONE}
 * @param attribution how the deployment was found, or that none was
 */
public record AttributedIncident(
    Incident incident, @Nullable String deploymentBuildId, IncidentAttribution attribution) {

  /**
   * Validates that a deployment is given exactly when one was attributed.
   *
   * @throws IllegalArgumentException otherwise
   */
  public AttributedIncident {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(attribution, "attribution");
    if ((attribution == IncidentAttribution.NONE) != (deploymentBuildId == null)) {
      throw new IllegalArgumentException(
          "deploymentBuildId " + deploymentBuildId + " does not fit attribution " + attribution);
    }
  }
}
