package dev.pulse.engine;

import dev.pulse.EntityType;
import dev.pulse.Health;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@link Ingestion} run over a connector's scopes.
 *
 * @param source the connector's source name
 * @param entityType the entity type ingested
 * @param health the health found before the run; when not usable, no scope was read
 * @param scopes one result per scope read, in the order they were read
 * @param startedAt when the run started
 * @param finishedAt when it finished
 */
public record IngestionReport(
    String source,
    EntityType entityType,
    Health health,
    List<ScopeResult> scopes,
    Instant startedAt,
    Instant finishedAt) {

  /** Copies the scope list. */
  public IngestionReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(health, "health");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /**
   * Tells whether the source was skipped because its health check failed.
   *
   * @return true when no scope was read for health reasons
   */
  public boolean sourceSkipped() {
    return !health.isUsable();
  }

  /**
   * Returns the scopes that did not finish as {@link ScopeResult.Outcome#DONE}.
   *
   * @return the failed and cancelled scopes
   */
  public List<ScopeResult> unfinished() {
    return scopes.stream().filter(r -> r.outcome() != ScopeResult.Outcome.DONE).toList();
  }

  /**
   * Returns the items stored across all scopes.
   *
   * @return the total
   */
  public long itemsStored() {
    return scopes.stream().mapToLong(ScopeResult::itemsStored).sum();
  }
}
