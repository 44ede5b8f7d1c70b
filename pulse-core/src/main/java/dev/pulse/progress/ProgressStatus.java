package dev.pulse.progress;

/**
 * The state of one scope's ingestion run, as {@link ProgressTracker} reports it.
 *
 * <pre>
 * PENDING --start/tick--> RUNNING <--tick-- STALLED      (STALLED: derived when no batch arrives in time)
 *                          |  ^                |
 *                     pause|  |resume/start/tick
 *                          v  |                |
 *                         PAUSED               |
 * RUNNING, STALLED, PAUSED --done/fail/cancel--> DONE | FAILED | CANCELLED (first outcome wins)
 * </pre>
 *
 * <p>Starting a finished scope again begins a new run.
 */
public enum ProgressStatus {
  /** Registered with {@link ProgressTracker#register} but not yet started. */
  PENDING,
  /** Started with {@link ProgressTracker#start} (or by a first tick) and receiving batches. */
  RUNNING,
  /**
   * Running, but no batch has arrived for longer than the adaptive stall threshold; the next batch makes it
   * {@link #RUNNING} again.
   */
  STALLED,
  /**
   * Stopped on purpose with {@link ScopeProgress#pause()} (for example because its source is unhealthy) and
   * expected to resume; paused time counts neither towards the rate nor as a stall.
   */
  PAUSED,
  /** Finished with {@link ScopeProgress#done()}: every item was read and stored. */
  DONE,
  /** Finished with {@link ScopeProgress#fail(Throwable)}; the snapshot carries the sanitized error. */
  FAILED,
  /** Finished with {@link ScopeProgress#cancel()}. */
  CANCELLED;

  /**
   * Tells whether this is a final state.
   *
   * @return true for {@link #DONE}, {@link #FAILED} and {@link #CANCELLED}
   */
  public boolean isFinished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
