package dev.pulse.progress;

import dev.pulse.Batch;
import dev.pulse.ItemCount;
import dev.pulse.ScopeId;
import dev.pulse.Watermark;
import dev.pulse.engine.IngestionListener;
import dev.pulse.engine.ScopeResult;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds an {@link dev.pulse.engine.Ingestion} run into a {@link ProgressTracker}: a scope start
 * starts (or resumes) the scope's progress with its pre-flight count, each stored batch ticks it,
 * and the scope's outcome finishes it as done, failed or cancelled.
 *
 * <p>The pre-flight count the engine passes counts the items after the watermark the scope starts
 * from: the items this run reads, which is what {@link ProgressTracker#start} takes, whether the
 * run is new or resumed after a restart. A scope start also polls the tracker (stall transitions,
 * due retries) and a scope finish flushes it, so a final write that failed is retried without
 * anyone calling {@link ProgressTracker#poll}. The handle of each running scope is cached at its
 * start, so a stored batch costs one map lookup and a tick.
 */
final class ProgressListener implements IngestionListener {
  private final ProgressTracker tracker;
  private final Map<ScopeId, ScopeProgress> running = new ConcurrentHashMap<>();

  ProgressListener(ProgressTracker tracker) {
    this.tracker = Objects.requireNonNull(tracker, "tracker");
  }

  @Override
  public void scopeStarted(Watermark from, ItemCount estimate) {
    ScopeId key = from.key();
    running.put(key, tracker.start(key.tenant(), key.entityType(), key.scope(), estimate));
    tracker.poll();
  }

  /**
   * A pre-count that arrived after the scope started counts from the same watermark, so it revises.
   */
  @Override
  public void scopeEstimated(ScopeId key, ItemCount estimate) {
    ScopeProgress progress = running.get(key);
    if (progress != null && estimate.isKnown()) {
      progress.reviseEstimate(estimate);
    }
  }

  @Override
  public void batchStored(Batch<?> batch, Watermark watermark) {
    ScopeProgress progress = running.get(watermark.key());
    if (progress != null) {
      progress.tick(batch.size());
    }
  }

  /**
   * A scope waits for its source until {@code resumeAt} (a rate limit with a known reset): it shows
   * rate-limited, not stalled, and its ETA keeps counting down. A wait the engine sits out before a
   * scope starts starts that scope's progress (with an unknown estimate, which its start replaces),
   * so the status shows the wait rather than nothing.
   */
  @Override
  public void sourceWaiting(ScopeId key, Instant resumeAt, String reason) {
    ScopeProgress progress =
        running.computeIfAbsent(
            key, k -> tracker.start(k.tenant(), k.entityType(), k.scope(), ItemCount.unknown()));
    progress.waitUntil(resumeAt, reason);
  }

  /** A reported wait ended without a batch (the next batch ends it by itself). */
  @Override
  public void sourceResumed(ScopeId key) {
    ScopeProgress progress = running.get(key);
    if (progress != null) {
      progress.endWait();
    }
  }

  @Override
  public void scopeFinished(ScopeResult result) {
    // A scope cancelled before it started has no progress to finish.
    ScopeProgress progress = running.remove(result.key());
    if (progress != null) {
      switch (result.outcome()) {
        case DONE -> progress.done();
        case CANCELLED -> progress.cancel();
        case FAILED -> progress.fail(result.errorCode() + ": " + result.error());
      }
    }
    // Retries a final write that failed (this scope's or another's) and stores stall transitions.
    tracker.flush();
  }
}
