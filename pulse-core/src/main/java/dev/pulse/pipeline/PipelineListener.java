package dev.pulse.pipeline;

import dev.pulse.ScopeId;
import dev.pulse.status.ErrorEnvelope;
import java.time.Duration;

/**
 * A callback that observes a {@link Pipeline}: retries scheduled, scopes and sources finished.
 *
 * <p>Every method has a no-op default. Callbacks run on pipeline threads right after the event;
 * keep them fast. An exception thrown by a listener is logged and ignored.
 */
public interface PipelineListener {
  /** A listener that ignores every event. */
  PipelineListener NONE = new PipelineListener() {};

  /**
   * Called when a failed scope will be tried again.
   *
   * @param key the scope
   * @param nextAttempt the number of the coming attempt, at least 2
   * @param delay the backoff before it
   * @param error why the last attempt failed
   */
  default void retryScheduled(ScopeId key, int nextAttempt, Duration delay, ErrorEnvelope error) {}

  /**
   * Called once per scope and run, after its last attempt.
   *
   * @param run the scope's outcome
   */
  default void scopeFinished(ScopeRun run) {}

  /**
   * Called once per source and run, after its last scope (or when it was skipped).
   *
   * @param report the source's outcome
   */
  default void sourceFinished(SourceReport report) {}
}
