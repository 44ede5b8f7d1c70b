package dev.pulse.progress;

import dev.pulse.Batch;
import dev.pulse.IngestionListener;
import dev.pulse.ItemCount;
import dev.pulse.ScopeResult;
import dev.pulse.Watermark;
import dev.pulse.WatermarkKey;
import java.util.Objects;

/**
 * Feeds an {@link dev.pulse.Ingestion} run into a {@link ProgressTracker}: a scope start starts (or resumes) the
 * scope's progress with its pre-flight count, each stored batch ticks it, and the scope's outcome finishes it as
 * done, failed or cancelled.
 */
final class ProgressListener implements IngestionListener {
  private final ProgressTracker tracker;

  ProgressListener(ProgressTracker tracker) {
    this.tracker = Objects.requireNonNull(tracker, "tracker");
  }

  @Override
  public void scopeStarted(Watermark from, ItemCount estimate) {
    WatermarkKey key = from.key();
    tracker.start(key.tenant(), key.entityType(), key.scope(), estimate);
  }

  @Override
  public void batchStored(Batch<?> batch, Watermark watermark) {
    WatermarkKey key = watermark.key();
    tracker.find(key.tenant(), key.entityType(), key.scope()).ifPresent(p -> p.tick(batch.size()));
  }

  @Override
  public void scopeFinished(ScopeResult result) {
    WatermarkKey key = result.key();
    // A scope cancelled before it started has no progress to finish.
    tracker.find(key.tenant(), key.entityType(), key.scope()).ifPresent(progress -> {
      switch (result.outcome()) {
        case DONE -> progress.done();
        case CANCELLED -> progress.cancel();
        case FAILED -> progress.fail(result.errorCode() + ": " + result.error());
      }
    });
  }
}
