package dev.pulse.engine;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.Watermark;
import dev.pulse.internal.Sanitizer;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of reading one scope in an {@link Ingestion} run.
 *
 * @param key the tenant, entity type and scope
 * @param outcome done, failed or cancelled
 * @param itemsStored items stored in this run
 * @param batchesStored batches stored in this run
 * @param watermark the scope's watermark at the end of the run
 * @param errorCode the failure's code when failed or cancelled, otherwise null
 * @param error the failure's message when failed, otherwise null; free of secrets
 * @param resumeAt when a {@link ErrorCode#RATE_LIMITED} scope's source may be asked again (the
 *     engine's clock plus the source's {@link dev.pulse.SourceException#retryAfter()}, or its
 *     default wait), otherwise null
 */
public record ScopeResult(
    ScopeId key,
    Outcome outcome,
    long itemsStored,
    long batchesStored,
    Watermark watermark,
    @Nullable ErrorCode errorCode,
    @Nullable String error,
    @Nullable Instant resumeAt) {

  /** How a scope's read ended. */
  public enum Outcome {
    /** Every available item was stored. */
    DONE,
    /** Reading, storing or advancing failed; the watermark stays after the last stored batch. */
    FAILED,
    /** The run was cancelled; the watermark stays after the last stored batch. */
    CANCELLED
  }

  /**
   * Validates the result.
   *
   * @throws IllegalArgumentException if counts are negative, a failed result has no error code, or
   *     a result that is not rate limited has a resume time
   */
  public ScopeResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(watermark, "watermark");
    if (itemsStored < 0 || batchesStored < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0 but were " + itemsStored + " items, " + batchesStored + " batches");
    }
    if (outcome == Outcome.FAILED && errorCode == null) {
      throw new IllegalArgumentException("a FAILED scope result needs an error code");
    }
    if (resumeAt != null && errorCode != ErrorCode.RATE_LIMITED) {
      throw new IllegalArgumentException(
          "only a RATE_LIMITED scope result has a resume time, but the code was " + errorCode);
    }
    // A second line of defence: results are built by the engine, but also by pipelines and tests.
    error = Sanitizer.sanitize(error, Guard.MAX_MESSAGE_LENGTH);
  }

  /**
   * Creates a result without a resume time, as before rate-limited results carried one.
   *
   * @param key the tenant, entity type and scope
   * @param outcome done, failed or cancelled
   * @param itemsStored items stored in this run
   * @param batchesStored batches stored in this run
   * @param watermark the scope's watermark at the end of the run
   * @param errorCode the failure's code when failed or cancelled, otherwise null
   * @param error the failure's message when failed, otherwise null
   */
  public ScopeResult(
      ScopeId key,
      Outcome outcome,
      long itemsStored,
      long batchesStored,
      Watermark watermark,
      @Nullable ErrorCode errorCode,
      @Nullable String error) {
    this(key, outcome, itemsStored, batchesStored, watermark, errorCode, error, null);
  }
}
