package dev.pulse.engine;

import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.spi.Connector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scopes' pre-flight counts beside their reads: at most {@code concurrency} at once. A count
 * that cannot get a slot is skipped (progress then has no estimate), one past its budget or still
 * running when its scope ends is cancelled with an interrupt. A slot is freed only when the
 * connector's count has really returned, so a connector that ignores interrupts cannot pile up
 * threads. Thread-safe.
 */
final class PreCounts {
  private static final Logger LOG = LoggerFactory.getLogger(PreCounts.class);

  private final Connector<?> connector;
  private final Duration budget;
  private final Executor executor;
  private final PulseClock clock;
  private final Semaphore slots;

  PreCounts(
      Connector<?> connector,
      Duration budget,
      int concurrency,
      Executor executor,
      PulseClock clock) {
    this.connector = connector;
    this.budget = budget;
    this.executor = executor;
    this.clock = clock;
    this.slots = new Semaphore(concurrency);
  }

  /** Starts counting a scope if a slot is free; never waits for the count. */
  Count start(ScopeKey scope, @Nullable Position after) {
    if (!slots.tryAcquire()) {
      LOG.debug("{}: every pre-count slot is busy; reading without an estimate", scope);
      return new Count(null, clock.monotonicNanos());
    }
    AtomicBoolean released = new AtomicBoolean();
    AtomicBoolean started = new AtomicBoolean();
    FutureTask<ItemCount> task =
        new FutureTask<>(
            () -> {
              started.set(true);
              try {
                return Objects.requireNonNull(
                    connector.preCount(scope, after, budget), "preCount returned null");
              } finally {
                if (released.compareAndSet(false, true)) {
                  slots.release();
                }
              }
            }) {
          @Override
          protected void done() {
            // Cancelled before it ran: the callable's finally never runs, so free the slot here.
            if (!started.get() && released.compareAndSet(false, true)) {
              slots.release();
            }
          }
        };
    try {
      executor.execute(task);
    } catch (Throwable e) {
      Guard.rethrowIfFatal(e);
      task.cancel(false);
      if (released.compareAndSet(false, true)) {
        slots.release();
      }
      LOG.debug("{}: the pre-count executor failed; reading without an estimate", scope, e);
      return new Count(null, clock.monotonicNanos());
    }
    return new Count(task, clock.monotonicNanos());
  }

  /** One scope's count in flight; touched only by the thread reading that scope. */
  final class Count {
    private final @Nullable FutureTask<ItemCount> task;
    private final long startedNanos;
    private boolean taken;

    private Count(@Nullable FutureTask<ItemCount> task, long startedNanos) {
      this.task = task;
      this.startedNanos = startedNanos;
    }

    /**
     * Waits for the count at most {@code maxNanos} of real time.
     *
     * @return the count, or null if it did not arrive in time (it may still arrive through {@link
     *     #take()}) or failed
     */
    @Nullable ItemCount await(long maxNanos) {
      FutureTask<ItemCount> running = task;
      if (taken || running == null || maxNanos <= 0) {
        return null;
      }
      try {
        ItemCount count = running.get(maxNanos, TimeUnit.NANOSECONDS);
        taken = true;
        return count;
      } catch (TimeoutException e) {
        return null;
      } catch (Throwable e) {
        Guard.rethrowIfFatal(e);
        taken = true;
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.debug("pre-count failed; progress continues without an estimate", e);
        return null;
      }
    }

    /**
     * Returns the count once, when it has arrived in time; null while it runs, after it failed,
     * overran its budget or was already taken.
     */
    @Nullable ItemCount take() {
      FutureTask<ItemCount> running = task;
      if (taken || running == null) {
        return null;
      }
      if (!running.isDone()) {
        if (clock.monotonicNanos() - startedNanos > budget.toNanos()) {
          taken = true;
          running.cancel(true);
          LOG.debug("pre-count exceeded its {} budget; progress continues without it", budget);
        }
        return null;
      }
      taken = true;
      try {
        return running.get();
      } catch (Throwable e) {
        Guard.rethrowIfFatal(e);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.debug("pre-count failed; progress continues without an estimate", e);
        return null;
      }
    }

    /** Cancels the count if it still runs: its scope is over. */
    void cancel() {
      FutureTask<ItemCount> running = task;
      if (running != null) {
        running.cancel(true);
      }
    }
  }
}
