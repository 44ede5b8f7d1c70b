package dev.pulse.status;

import dev.pulse.EntityType;
import dev.pulse.Health;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one source when a status is assembled; the input of {@link StatusAssembler}.
 *
 * @param source the source's id, e.g. {@code jira/issues}
 * @param entityType the entity type
 * @param connectorHealth the health found by the last run's check, or null before the first run
 * @param lastRunStartedAt when the last run started, or null
 * @param lastRunFinishedAt when the last run finished, or null
 * @param nextRunAt when the next run is due in continuous mode, or null
 * @param rateLimitedUntil when a rate-limited source may be asked again, or null when not known
 * @param error why the last run skipped the source, or null
 * @param scopes the facts of its scopes
 */
public record SourceFacts(
    String source,
    EntityType entityType,
    @Nullable Health connectorHealth,
    @Nullable Instant lastRunStartedAt,
    @Nullable Instant lastRunFinishedAt,
    @Nullable Instant nextRunAt,
    @Nullable Instant rateLimitedUntil,
    @Nullable ErrorEnvelope error,
    List<ScopeFacts> scopes) {
  /** Copies the scopes. */
  public SourceFacts {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(entityType, "entityType");
    scopes = List.copyOf(scopes);
  }
}
