package dev.pulse.pipeline;

import dev.pulse.engine.ScopeResult;
import dev.pulse.status.ErrorEnvelope;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the pipeline remembers about one scope between runs, for its status: attempts, consecutive
 * failures, the last error and the last time the scope caught up. Thread-safe.
 */
final class ScopeLedger {
  private int attempts;
  private int consecutiveFailures;
  private @Nullable ErrorEnvelope lastError;
  private @Nullable Instant lastSuccessAt;
  private @Nullable Instant retryAt;
  private boolean reading;

  synchronized void queued() {
    reading = true;
    attempts = 0;
    retryAt = null;
  }

  synchronized void attemptStarted(int attempt) {
    reading = true;
    attempts = attempt;
    retryAt = null;
  }

  synchronized void retryScheduled(ErrorEnvelope error, Instant at) {
    lastError = error;
    retryAt = at;
  }

  synchronized void finished(ScopeRun run, Instant now) {
    reading = false;
    retryAt = null;
    attempts = run.attempts();
    if (run.outcome() == ScopeResult.Outcome.DONE) {
      consecutiveFailures = 0;
      lastError = null;
      lastSuccessAt = now;
    } else if (run.outcome() == ScopeResult.Outcome.FAILED) {
      consecutiveFailures++;
      lastError = run.error();
    }
  }

  synchronized void reset() {
    attempts = 0;
    consecutiveFailures = 0;
    lastError = null;
    lastSuccessAt = null;
    retryAt = null;
  }

  synchronized Facts facts() {
    return new Facts(attempts, consecutiveFailures, lastError, lastSuccessAt, retryAt, reading);
  }

  record Facts(
      int attempts,
      int consecutiveFailures,
      @Nullable ErrorEnvelope lastError,
      @Nullable Instant lastSuccessAt,
      @Nullable Instant retryAt,
      boolean reading) {}
}
