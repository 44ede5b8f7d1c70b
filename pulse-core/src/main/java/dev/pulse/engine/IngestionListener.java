package dev.pulse.engine;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.ScopeId;
import dev.pulse.Watermark;

/**
 * A callback that observes one {@link Ingestion} run: scope starts, stored batches, scope outcomes
 * and skipped sources. The progress tracker and metrics exporters plug in here.
 *
 * <p>Every method has a no-op default, so new callbacks never break existing listeners. Callbacks
 * run on the thread that reads the scope, right after the event; keep them fast. Anything a
 * listener throws (an {@code AssertionError} included, but not a {@code VirtualMachineError}) is
 * logged and otherwise ignored: observing ingestion must never break it.
 */
public interface IngestionListener {
  /** A listener that ignores every event. */
  IngestionListener NONE = new IngestionListener() {};

  /**
   * Called before the first page of a scope is fetched.
   *
   * @param from the watermark the scope resumes after
   * @param estimate the pre-flight count of items still to read, possibly unknown
   */
  default void scopeStarted(Watermark from, ItemCount estimate) {}

  /**
   * Called when a scope's pre-flight count arrives after {@link #scopeStarted} (which then had an
   * unknown estimate): counts run beside the read and never delay it. Called at most once per
   * scope, between batches, on the reading thread.
   *
   * @param key the tenant, entity type and scope
   * @param estimate the count of items to read after the watermark the scope started from
   */
  default void scopeEstimated(ScopeId key, ItemCount estimate) {}

  /**
   * Called after a batch was stored and its watermark advanced. For a connector that reads
   * {@linkplain dev.pulse.spi.ReadOrder#NEWEST_FIRST newest first} the watermark stays where the
   * scope started until the walk has ended, so {@code watermark} is then the unchanged one.
   *
   * @param batch the stored batch
   * @param watermark the watermark after the advance
   */
  default void batchStored(Batch<?> batch, Watermark watermark) {}

  /**
   * Called once when a scope ends, whatever the outcome.
   *
   * @param result the scope's outcome
   */
  default void scopeFinished(ScopeResult result) {}

  /**
   * Called when a source's health check fails and its cycle is skipped.
   *
   * @param source the source name
   * @param entityType the entity type that was not ingested
   * @param health the failed health
   */
  default void sourceSkipped(String source, EntityType entityType, Health health) {}
}
