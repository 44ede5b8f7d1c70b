package dev.pulse.pipeline;

import dev.pulse.ScopeId;
import dev.pulse.Watermark;
import dev.pulse.engine.ScopeResult;
import dev.pulse.status.ErrorEnvelope;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The final outcome of one scope in one pipeline run, after its retries.
 *
 * @param key the tenant, entity type and scope
 * @param outcome done, failed or cancelled (as of the last attempt)
 * @param attempts how many attempts ran, at least 1 unless the scope was cancelled before its first
 * @param itemsStored items stored over all attempts
 * @param deadLetters records turned into dead letters over all attempts
 * @param watermark the scope's watermark after the last attempt
 * @param error the last attempt's failure when not done, otherwise null
 */
public record ScopeRun(
    ScopeId key,
    ScopeResult.Outcome outcome,
    int attempts,
    long itemsStored,
    long deadLetters,
    Watermark watermark,
    @Nullable ErrorEnvelope error) {
  /**
   * Validates the outcome.
   *
   * @throws IllegalArgumentException if a count is negative or a failed run has no error
   */
  public ScopeRun {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(watermark, "watermark");
    if (attempts < 0 || itemsStored < 0 || deadLetters < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0 but were attempts="
              + attempts
              + ", itemsStored="
              + itemsStored
              + ", deadLetters="
              + deadLetters);
    }
    if (outcome == ScopeResult.Outcome.FAILED && error == null) {
      throw new IllegalArgumentException("a FAILED scope run needs an error");
    }
  }
}
