package dev.pulse.progress;

/**
 * The state of one scope's ingestion run, as {@link ProgressTracker} reports it.
 *
 * <ul>
 *   <li>{@code PENDING} to {@code RUNNING}: {@link ProgressTracker#start} or a first tick;
 *   <li>{@code RUNNING} to {@code STALLED}: derived, when no batch arrives within the adaptive
 *       threshold; the next tick makes it {@code RUNNING} again;
 *   <li>{@code RUNNING} or {@code STALLED} to {@code RATE_LIMITED}: {@link
 *       ScopeProgress#waitUntil}, a wait the source announced; back to {@code RUNNING} with the
 *       next tick, {@link ScopeProgress#endWait()} or, derived, once the resume time has passed;
 *   <li>{@code RUNNING}, {@code STALLED} or {@code RATE_LIMITED} to {@code PAUSED}: {@link
 *       ScopeProgress#pause()}; back to {@code RUNNING} with {@link ScopeProgress#resume()}, {@link
 *       ProgressTracker#start} or a tick;
 *   <li>any unfinished status to {@code DONE}, {@code FAILED} or {@code CANCELLED}: the first of
 *       {@link ScopeProgress#done()}, {@link ScopeProgress#fail(Throwable)} and {@link
 *       ScopeProgress#cancel()} wins; later ones are ignored.
 * </ul>
 *
 * <p>Starting a finished scope again begins a new run.
 */
public enum ProgressStatus {
  /** Registered with {@link ProgressTracker#register} but not yet started. */
  PENDING,
  /** Started with {@link ProgressTracker#start} (or by a first tick) and receiving batches. */
  RUNNING,
  /**
   * Running, but no batch has arrived for longer than the adaptive stall threshold; the next batch
   * makes it {@link #RUNNING} again.
   */
  STALLED,
  /**
   * Stopped on purpose with {@link ScopeProgress#pause()} (for example because its source is
   * unhealthy) and expected to resume; paused time counts neither towards the rate nor as a stall.
   */
  PAUSED,
  /** Finished with {@link ScopeProgress#done()}: every item was read and stored. */
  DONE,
  /**
   * Finished with {@link ScopeProgress#fail(Throwable)}; the snapshot carries the sanitized error.
   */
  FAILED,
  /** Finished with {@link ScopeProgress#cancel()}. */
  CANCELLED,
  /**
   * Running, but waiting for the source until a known resume time, for example because it is
   * rate-limited ({@link ScopeProgress#waitUntil}); never reported as {@link #STALLED} before that
   * time, and the ETA keeps counting down. Declared last so the ordinals of the other statuses stay
   * what they were.
   */
  RATE_LIMITED;

  /**
   * Tells whether this is a final state.
   *
   * @return true for {@link #DONE}, {@link #FAILED} and {@link #CANCELLED}
   */
  public boolean isFinished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
