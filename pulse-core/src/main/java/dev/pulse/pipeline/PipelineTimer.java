package dev.pulse.pipeline;

import java.time.Duration;

/**
 * The seam through which a {@link Pipeline} waits: retry backoffs, continuous runs and stop
 * timeouts are all scheduled here, never slept.
 *
 * <p>Implementations must be thread-safe; scheduled tasks must be quick (the pipeline's tasks only
 * hand work to its executor). Tests pass a timer driven by a fake clock, so every wait is explicit.
 * {@link #system()} is backed by one shared daemon thread.
 */
public interface PipelineTimer {
  /**
   * Runs a task once after a delay.
   *
   * @param task the task
   * @param delay how long to wait, zero or positive
   * @return a handle that cancels the task if it has not run yet
   */
  Scheduled schedule(Runnable task, Duration delay);

  /**
   * Returns the timer backed by a shared daemon thread on the system clock.
   *
   * @return the system timer
   */
  static PipelineTimer system() {
    return SystemTimer.INSTANCE;
  }

  /** A scheduled task that can still be cancelled. */
  interface Scheduled {
    /** Cancels the task if it has not started; idempotent. */
    void cancel();
  }
}
