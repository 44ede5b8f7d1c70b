package dev.pulse.testkit.progress;

import dev.pulse.progress.ProgressEstimator;
import org.jspecify.annotations.Nullable;

/**
 * Baseline: the plain overall average, items done over the time since the start, as of now (what a
 * status page computes from a count and a start time). Pauses, stalls and waits all count as time.
 */
final class OverallAverageEstimator implements ProgressEstimator {
  private long startNanos;
  private long startDone;
  private long lastNanos;
  private long lastDone;

  @Override
  public void start(long nanos, long itemsDone) {
    startNanos = nanos;
    startDone = itemsDone;
    lastNanos = nanos;
    lastDone = itemsDone;
  }

  @Override
  public void record(long nanos, long itemsDone) {
    lastNanos = nanos;
    lastDone = itemsDone;
  }

  private double rateAt(long nowNanos) {
    long elapsed = nowNanos - startNanos;
    return elapsed > 0 ? (lastDone - startDone) * 1e9 / elapsed : 0;
  }

  @Override
  public double itemsPerSecond() {
    return rateAt(lastNanos);
  }

  @Override
  public @Nullable Double etaSeconds(long nowNanos, long itemsDone, @Nullable Long itemsEstimate) {
    if (itemsEstimate == null) {
      return null;
    }
    long remaining = itemsEstimate - itemsDone;
    if (remaining <= 0) {
      return 0.0;
    }
    double rate = rateAt(nowNanos);
    return rate > 0 ? remaining / rate : null;
  }
}
