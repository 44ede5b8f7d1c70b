package dev.pulse.testkit.progress;

import java.util.Objects;

/**
 * How well one estimator predicted the end of one trace.
 *
 * @param trace the trace's name
 * @param errorPct the median absolute percentage error of the ETA, over the batches between 10% and
 *     90% of the true total; an ETA the estimator could not give counts as 100% wrong
 * @param volatilityPct the median, over consecutive batches in the same range, of {@code |ΔETA +
 *     Δt|} divided by the true remaining time, in percent: how far the ETA moved beyond the time
 *     that passed
 * @param samples how many batches were scored
 * @param etaWithheldWhenUnknown for a trace without a pre-flight count, whether the estimator
 *     returned no ETA (always true for traces with a count); such traces are scored on the ETA
 *     implied by the true total
 */
public record EtaScore(
    String trace,
    double errorPct,
    double volatilityPct,
    int samples,
    boolean etaWithheldWhenUnknown) {
  /** Validates the score. */
  public EtaScore {
    Objects.requireNonNull(trace, "trace");
  }
}
