package dev.pulse.testkit.progress;

import dev.pulse.progress.ProgressEstimator;

/**
 * Baseline: the origin's estimator, {@code (newest - oldest) / elapsed} over the last 5 samples,
 * blind to pauses and stalls.
 */
final class OriginWindowEstimator implements ProgressEstimator {
  private static final int SAMPLES = 5;

  private final long[] times = new long[SAMPLES];
  private final long[] counts = new long[SAMPLES];
  private int size;
  private int next;

  @Override
  public void start(long nanos, long itemsDone) {
    size = 0;
    next = 0;
    record(nanos, itemsDone);
  }

  @Override
  public void record(long nanos, long itemsDone) {
    times[next] = nanos;
    counts[next] = itemsDone;
    next = (next + 1) % SAMPLES;
    size = Math.min(SAMPLES, size + 1);
  }

  @Override
  public double itemsPerSecond() {
    if (size < 2) {
      return 0;
    }
    int newest = (next + SAMPLES - 1) % SAMPLES;
    int oldest = (next + SAMPLES - size) % SAMPLES;
    long elapsed = times[newest] - times[oldest];
    return elapsed > 0 ? (counts[newest] - counts[oldest]) * 1e9 / elapsed : 0;
  }
}
