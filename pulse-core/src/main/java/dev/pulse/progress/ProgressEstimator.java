package dev.pulse.progress;

import org.jspecify.annotations.Nullable;

/**
 * A rate and ETA estimator for one scope's run, fed with the cumulative item count after each
 * batch.
 *
 * <p>All times are monotonic nanoseconds ({@link dev.pulse.PulseClock#monotonicNanos()}), so an
 * estimator is deterministic under an injected clock. Implementations need not be thread-safe: the
 * {@link ProgressTracker} calls an estimator only while holding its scope's lock, and the accuracy
 * harness in {@code pulse-testkit} replays traces through one estimator on one thread. {@link
 * TimeDecayedRateEstimator} is the tracker's estimator; the harness compares it with baselines
 * through this interface.
 */
public interface ProgressEstimator {
  /**
   * Begins a run (or a run resumed after a restart) with items already done before it.
   *
   * @param nanos the monotonic time the run starts
   * @param itemsDone the items done before this run; they are never attributed to this run's
   *     elapsed time
   */
  void start(long nanos, long itemsDone);

  /**
   * Records that the cumulative count reached {@code itemsDone} at {@code nanos}, after a stored
   * batch.
   *
   * @param nanos the monotonic time of the batch
   * @param itemsDone the cumulative count, including the items done before {@link #start}
   */
  void record(long nanos, long itemsDone);

  /**
   * Marks the start of a deliberate pause. Estimators that cannot exclude paused time ignore it.
   *
   * @param nanos the monotonic time the pause began
   */
  default void pause(long nanos) {}

  /**
   * Marks the end of a pause begun with {@link #pause(long)}.
   *
   * @param nanos the monotonic time the run resumed
   */
  default void resume(long nanos) {}

  /**
   * Returns the current rate estimate.
   *
   * @return items per second, 0 while no rate is known
   */
  double itemsPerSecond();

  /**
   * Returns the gap without a batch after which the run counts as stalled.
   *
   * @return nanoseconds; {@link Long#MAX_VALUE} when the estimator does not detect stalls
   */
  default long stallThresholdNanos() {
    return Long.MAX_VALUE;
  }

  /**
   * Returns the seconds left at the current rate, as of the last recorded batch.
   *
   * @param itemsDone the cumulative count
   * @param itemsEstimate the expected total, or null when unknown
   * @return the ETA; 0 once the count reaches the estimate; null when the total or the rate is
   *     unknown
   */
  default @Nullable Double etaSeconds(long itemsDone, @Nullable Long itemsEstimate) {
    if (itemsEstimate == null) {
      return null;
    }
    long remaining = itemsEstimate - itemsDone;
    if (remaining <= 0) {
      return 0.0;
    }
    double rate = itemsPerSecond();
    if (!(rate > 0) || Double.isInfinite(rate)) {
      return null;
    }
    return remaining / rate;
  }
}
