package dev.pulse.testkit.progress;

import dev.pulse.progress.ProgressEstimator;

/**
 * Baseline: tqdm's rate, an exponential moving average of items per update divided by one of
 * seconds per update, smoothing 0.3, weighted per event and blind to pauses and stalls.
 */
final class TqdmEmaEstimator implements ProgressEstimator {
  private static final double SMOOTHING = 0.3;

  private double items;
  private double nanos;
  private long lastNanos;
  private long lastDone;

  @Override
  public void start(long nanos, long itemsDone) {
    this.items = 0;
    this.nanos = 0;
    this.lastNanos = nanos;
    this.lastDone = itemsDone;
  }

  @Override
  public void record(long nanos, long itemsDone) {
    // tqdm divides both averages by the same bias correction, which cancels in the ratio.
    items = SMOOTHING * (itemsDone - lastDone) + (1 - SMOOTHING) * items;
    this.nanos = SMOOTHING * (nanos - lastNanos) + (1 - SMOOTHING) * this.nanos;
    lastNanos = nanos;
    lastDone = itemsDone;
  }

  @Override
  public double itemsPerSecond() {
    return nanos > 0 ? items * 1e9 / nanos : 0;
  }
}
