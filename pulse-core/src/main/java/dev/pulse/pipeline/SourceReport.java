package dev.pulse.pipeline;

import dev.pulse.EntityType;
import dev.pulse.Health;
import dev.pulse.engine.ScopeResult;
import dev.pulse.status.ErrorEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one source in one pipeline run.
 *
 * @param source the source's id, {@code <source>/<entity type>}
 * @param entityType the entity type
 * @param health the health found before the run
 * @param error why the source was skipped (unhealthy, or its scopes could not be listed), else null
 * @param scopes one run per scope, in discovery order; empty when skipped
 * @param startedAt when the run started
 * @param finishedAt when its last scope ended
 */
public record SourceReport(
    String source,
    EntityType entityType,
    Health health,
    @Nullable ErrorEnvelope error,
    List<ScopeRun> scopes,
    Instant startedAt,
    Instant finishedAt) {
  /** Copies the scope list. */
  public SourceReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(health, "health");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /**
   * Tells whether the source was skipped without reading any scope.
   *
   * @return true when {@link #error()} is set
   */
  public boolean skipped() {
    return error != null;
  }

  /**
   * Returns the scopes that ended FAILED.
   *
   * @return the failed scope runs
   */
  public List<ScopeRun> failed() {
    return scopes.stream().filter(r -> r.outcome() == ScopeResult.Outcome.FAILED).toList();
  }

  /**
   * Returns the items stored across all scopes.
   *
   * @return the total
   */
  public long itemsStored() {
    return scopes.stream().mapToLong(ScopeRun::itemsStored).sum();
  }
}
