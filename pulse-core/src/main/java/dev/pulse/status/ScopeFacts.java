package dev.pulse.status;

import dev.pulse.ScopeId;
import dev.pulse.Watermark;
import dev.pulse.progress.ProgressSnapshot;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one scope when a status is assembled; the input of {@link StatusAssembler}.
 *
 * @param key the tenant, entity type and scope
 * @param watermark the stored watermark
 * @param progress the latest progress snapshot, or null
 * @param lastSuccessAt when the scope last finished a run DONE (caught up), or null
 * @param attempts attempts of its current or last run
 * @param consecutiveFailures runs in a row that ended FAILED after their retries
 * @param lastError the last failure, or null
 * @param deadLetters dead letters kept for the scope
 * @param reading whether a run of the scope is in progress (including a pending retry)
 * @param retryAt when a pending retry starts, or null
 */
public record ScopeFacts(
    ScopeId key,
    Watermark watermark,
    @Nullable ProgressSnapshot progress,
    @Nullable Instant lastSuccessAt,
    int attempts,
    int consecutiveFailures,
    @Nullable ErrorEnvelope lastError,
    long deadLetters,
    boolean reading,
    @Nullable Instant retryAt) {
  /**
   * Validates the facts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public ScopeFacts {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(watermark, "watermark");
    if (attempts < 0 || consecutiveFailures < 0 || deadLetters < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0 but were attempts="
              + attempts
              + ", consecutiveFailures="
              + consecutiveFailures
              + ", deadLetters="
              + deadLetters);
    }
  }
}
