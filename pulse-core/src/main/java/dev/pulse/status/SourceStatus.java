package dev.pulse.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One source's part of a {@link PipelineStatus}. Field names are the JSON names (see {@link
 * StatusJson}).
 *
 * @param source the source's id, e.g. {@code jira/issues}
 * @param entityType the entity type
 * @param health the source's health: its own, or its worst scope's, whichever is worse
 * @param healthReason why
 * @param connectorHealth UP, DEGRADED or DOWN from the last check, or null before the first run
 * @param lastRunStartedAt when the last run started, or null
 * @param lastRunFinishedAt when it finished, or null
 * @param nextRunAt when the next run is due, or null
 * @param rateLimitedUntil when a rate-limited source may be asked again, or null
 * @param error why the last run skipped the source, or null
 * @param scopes its scopes, ordered by key
 */
public record SourceStatus(
    String source,
    String entityType,
    HealthState health,
    String healthReason,
    @Nullable String connectorHealth,
    @Nullable Instant lastRunStartedAt,
    @Nullable Instant lastRunFinishedAt,
    @Nullable Instant nextRunAt,
    @Nullable Instant rateLimitedUntil,
    @Nullable ErrorEnvelope error,
    List<ScopeStatus> scopes) {
  /** Copies the scopes. */
  public SourceStatus {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(healthReason, "healthReason");
    scopes = List.copyOf(scopes);
  }
}
