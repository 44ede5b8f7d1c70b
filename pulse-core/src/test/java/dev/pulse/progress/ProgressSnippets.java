package dev.pulse.progress;

import dev.pulse.Batch;
import dev.pulse.ItemCount;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ProgressStore;
import dev.pulse.spi.Sink;
import java.time.Duration;

/**
 * The code of the progress package's Javadoc examples, run by {@link ProgressSnippetsTest}, which
 * also checks that each example is its region here (see {@link JavadocExamples}).
 */
final class ProgressSnippets {
  private ProgressSnippets() {}

  /** The example of {@link ProgressTracker}: one scope tracked by hand. */
  static <T> ProgressTracker trackOneScope(
      PulseClock clock,
      ProgressStore store,
      Connector<T> connector,
      ScopeKey scope,
      Watermark watermark,
      Iterable<Batch<T>> batches,
      Sink<T> sink)
      throws Exception {
    // @start region=trackOneScope
    ProgressTracker tracker = ProgressTracker.builder().clock(clock).store(store).build();
    ScopeId key = ScopeId.of("acme", connector.entityType(), scope);
    // The estimate counts the items this run reads: those after the watermark it starts from.
    ItemCount estimate = connector.preCount(scope, watermark.position(), Duration.ofSeconds(5));
    ScopeProgress progress = tracker.start("acme", connector.entityType(), scope, estimate);
    try {
      for (Batch<T> batch : batches) {
        sink.write(key, batch);
        progress.tick(batch.size());
      }
      progress.done();
    } catch (Exception e) {
      progress.fail(e); // no effect if done() already ran: the first outcome wins
      throw e;
    }
    // @end
    return tracker;
  }
}
