package dev.pulse.connectors.internal;

import dev.pulse.ItemCount;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a connector's pre-flight count within its time budget, the one place this module's
 * connectors do so: the count runs on a daemon thread, and a count that fails or overruns the
 * budget is {@link ItemCount#unknown()} (a pre-count only feeds progress and ETAs, so it never
 * fails a run). Stateless.
 */
public final class PreCounts {
  private PreCounts() {}

  /**
   * Counts within a budget.
   *
   * @param budget how long the count may take; under a millisecond means unknown without trying
   * @param threadName the counting thread's name
   * @param count the count, which may throw
   * @return its result, or unknown on failure, overrun or interruption (the interrupt is kept)
   */
  public static ItemCount within(Duration budget, String threadName, Supplier<ItemCount> count) {
    if (budget.toMillis() < 1) {
      return ItemCount.unknown();
    }
    CompletableFuture<ItemCount> future =
        CompletableFuture.supplyAsync(
            count,
            task -> {
              Thread t = new Thread(task, threadName);
              t.setDaemon(true);
              t.start();
            });
    try {
      return future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ItemCount.unknown();
    } catch (ExecutionException | TimeoutException e) {
      future.cancel(true);
      return ItemCount.unknown();
    }
  }
}
