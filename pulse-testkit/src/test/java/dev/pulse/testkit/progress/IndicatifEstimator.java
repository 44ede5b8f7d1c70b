package dev.pulse.testkit.progress;

import dev.pulse.progress.ProgressEstimator;
import org.jspecify.annotations.Nullable;

/**
 * Baseline: indicatif's estimator (console-rs/indicatif {@code src/state.rs}), written afresh from
 * its description: a double exponential moving average of items per second in which data of age
 * {@code t} seconds weighs {@code 0.1^(t / 15)}, both averages normalised by the weight the run's
 * span can give, and read as of now by treating the time since the last update as an update with no
 * items. Blind to pauses, stalls and reported waits.
 */
final class IndicatifEstimator implements ProgressEstimator {
  private static final double WEIGHTING_SECONDS = 15.0;

  private double smoothed;
  private double doubleSmoothed;
  private long startNanos;
  private long lastNanos;
  private long lastDone;

  private static double weight(double ageSeconds) {
    return StrictMath.pow(0.1, ageSeconds / WEIGHTING_SECONDS);
  }

  @Override
  public void start(long nanos, long itemsDone) {
    smoothed = 0;
    doubleSmoothed = 0;
    startNanos = nanos;
    lastNanos = nanos;
    lastDone = itemsDone;
  }

  @Override
  public void record(long nanos, long itemsDone) {
    if (itemsDone <= lastDone || nanos <= lastNanos) {
      return;
    }
    double seconds = (nanos - lastNanos) / 1e9;
    double sample = (itemsDone - lastDone) / seconds;
    double w = weight(seconds);
    smoothed = smoothed * w + sample * (1 - w);
    double normalised = smoothed / (1 - weight((nanos - startNanos) / 1e9));
    doubleSmoothed = doubleSmoothed * w + normalised * (1 - w);
    lastNanos = nanos;
    lastDone = itemsDone;
  }

  private double rateAt(long nowNanos) {
    double total = 1 - weight((nowNanos - startNanos) / 1e9);
    if (!(total > 0)) {
      return 0;
    }
    double w = weight(Math.max(0, nowNanos - lastNanos) / 1e9);
    double single = smoothed * w / total;
    double twice = doubleSmoothed * w + single * (1 - w);
    return twice / total;
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
    return rate > 0 && !Double.isInfinite(rate) ? remaining / rate : null;
  }
}
