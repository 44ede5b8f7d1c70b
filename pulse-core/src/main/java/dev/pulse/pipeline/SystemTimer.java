package dev.pulse.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The {@link PipelineTimer} on one shared daemon thread. */
final class SystemTimer implements PipelineTimer {
  static final SystemTimer INSTANCE = new SystemTimer();

  private final ScheduledThreadPoolExecutor executor;

  private SystemTimer() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "pulse-pipeline-timer");
              thread.setDaemon(true);
              return thread;
            });
    // Cancelled retries and runs must not pile up in the queue of a long-lived process.
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Scheduled schedule(Runnable task, Duration delay) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(delay, "delay");
    ScheduledFuture<?> future =
        executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
