package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A production incident with the times it was opened and resolved.
 *
 * <p>Create one with {@link #builder()} and derive a variant with {@link #toBuilder()}: the
 * canonical constructor changes whenever a component is added, the builder does not.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the incident's id in its source
 * @param service the service, team or repository the incident is attributed to
 * @param createdAt when it was opened
 * @param resolvedAt when it was resolved, or null while open
 * @param causedByDeployment the build id of the deployment that caused it, when known; used by the
 *     incident-linked change failure rate
 * @param updatedAt when the source last changed the incident; the usual watermark cursor. Not
 *     checked against the other times, since it is the source's cursor and not a metric input
 */
public record Incident(
    String id,
    String service,
    Instant createdAt,
    @Nullable Instant resolvedAt,
    @Nullable String causedByDeployment,
    Instant updatedAt) {

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
    ModelValues.optionalText(causedByDeployment, "causedByDeployment");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * Returns an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this incident's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder of {@link Incident}s. Each setter rejects a bad value at once, naming the parameter;
   * {@link #build()} checks the combination and may be called more than once.
   *
   * <p>Required: id, service and createdAt. When updatedAt is not set it defaults to the resolution
   * time, or the creation time while open.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String service;
    private @Nullable Instant createdAt;
    private @Nullable Instant resolvedAt;
    private @Nullable String causedByDeployment;
    private @Nullable Instant updatedAt;

    private Builder() {}

    private Builder(Incident i) {
      id = i.id;
      service = i.service;
      createdAt = i.createdAt;
      resolvedAt = i.resolvedAt;
      causedByDeployment = i.causedByDeployment;
      updatedAt = i.updatedAt;
    }

    /**
     * Sets the incident's id in its source.
     *
     * @param id the id, not blank
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Checks.requireText(id, "id");
      return this;
    }

    /**
     * Sets the service, team or repository the incident is attributed to.
     *
     * @param service the service, not blank
     * @return this builder
     */
    public Builder service(String service) {
      this.service = Checks.requireText(service, "service");
      return this;
    }

    /**
     * Sets when the incident was opened.
     *
     * @param createdAt the creation time
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /**
     * Sets when the incident was resolved.
     *
     * @param resolvedAt the resolution time, or null while open
     * @return this builder
     */
    public Builder resolvedAt(@Nullable Instant resolvedAt) {
      this.resolvedAt = resolvedAt;
      return this;
    }

    /**
     * Sets the build id of the deployment that caused the incident.
     *
     * @param causedByDeployment the build id, not blank, or null when unknown
     * @return this builder
     */
    public Builder causedByDeployment(@Nullable String causedByDeployment) {
      this.causedByDeployment = ModelValues.optionalText(causedByDeployment, "causedByDeployment");
      return this;
    }

    /**
     * Sets when the source last changed the incident.
     *
     * @param updatedAt the update time, or null for the latest of its own times
     * @return this builder
     */
    public Builder updatedAt(@Nullable Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * Returns an incident with the values set.
     *
     * @return a new incident
     * @throws IllegalStateException if a required value is not set
     * @throws IllegalArgumentException if it was resolved before it was created
     */
    public Incident build() {
      Instant created = Checks.requireSet(createdAt, "createdAt");
      Instant updated = updatedAt;
      if (updated == null) {
        updated = resolvedAt != null ? resolvedAt : created;
      }
      return new Incident(
          Checks.requireSet(id, "id"),
          Checks.requireSet(service, "service"),
          created,
          resolvedAt,
          causedByDeployment,
          updated);
    }
  }
}
