package dev.pulse.engine;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.ScopeId;
import dev.pulse.Watermark;
import java.time.Instant;

/**
 * A callback that observes one {@link Ingestion} run: scope starts, stored batches, scope outcomes
 * and skipped sources. The progress tracker and metrics exporters plug in here.
 *
 * <p>Every method has a no-op default, so new callbacks never break existing listeners. Callbacks
 * run on the thread that reads the scope, right after the event, except those a fetcher reports
 * through its {@link dev.pulse.spi.FetchContext} ({@link #sourceWaiting}, {@link #sourceResumed},
 * {@link #deadLettered}), which run on the fetching thread; keep them fast and thread-safe.
 * Anything a listener throws (an {@code AssertionError} included, but not a {@code
 * VirtualMachineError}) is logged and otherwise ignored: observing ingestion must never break it.
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
   * Called when a scope waits for its source until a known time: its fetcher reported a rate
   * limit's reset through {@link dev.pulse.spi.FetchContext#waiting}, or the engine waits out a
   * rate limit before reading the scope (then before {@link #scopeStarted}). The progress tracker
   * shows the scope as rate-limited with {@code resumeAt}, never stalled. The wait ends with the
   * next stored batch, {@link #sourceResumed}, or the scope's end.
   *
   * @param key the tenant, entity type and scope
   * @param resumeAt when the source said it would serve again
   * @param reason why, e.g. {@code "rate limited"}
   */
  default void sourceWaiting(ScopeId key, Instant resumeAt, String reason) {}

  /**
   * Called when a wait reported with {@link #sourceWaiting} ended before a batch arrived.
   *
   * @param key the tenant, entity type and scope
   */
  default void sourceResumed(ScopeId key) {}

  /**
   * Called after a record the connector could not map was handed over through {@link
   * dev.pulse.spi.FetchContext#unmappable} and kept (in the engine's dead-letter store, when it has
   * one); the rest of its page proceeds.
   *
   * @param key the tenant, entity type and scope
   * @param naturalKey the record's key in its source
   * @param code why it could not be mapped
   */
  default void deadLettered(ScopeId key, String naturalKey, ErrorCode code) {}

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
