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
   * Marks the start of a wait the source imposes and announces, such as a rate limit whose reset
   * time is known: the run is expected to receive nothing until {@code resumeAtNanos}. Estimators
   * that cannot use the announcement ignore it and see a long gap before the next batch.
   *
   * <p>A wait ends at the first of {@link #endWait(long)}, the next {@link #record} (then at the
   * earlier of the batch and {@code resumeAtNanos}) or {@link #pause(long)}; a second call while
   * waiting moves the resume time.
   *
   * @param nanos the monotonic time the wait began
   * @param resumeAtNanos the monotonic time the source said it would serve again; not before {@code
   *     nanos}
   */
  default void beginWait(long nanos, long resumeAtNanos) {}

  /**
   * Marks the end of a wait begun with {@link #beginWait(long, long)}; no effect when not waiting.
   *
   * @param nanos the monotonic time the wait ended
   */
  default void endWait(long nanos) {}

  /**
   * Returns the current rate estimate: the pace at which items arrive while the source serves, for
   * display.
   *
   * @return items per second, 0 while no rate is known
   */
  double itemsPerSecond();

  /**
   * Returns the rate the ETA divides by: throughput including the waits the source imposes (see
   * {@link #beginWait}). By default the same as {@link #itemsPerSecond()}.
   *
   * @return items per second, 0 while no rate is known
   */
  default double throughputPerSecond() {
    return itemsPerSecond();
  }

  /**
   * Returns the gap without a batch after which the run counts as stalled.
   *
   * @return nanoseconds; {@link Long#MAX_VALUE} when the estimator does not detect stalls
   */
  default long stallThresholdNanos() {
    return Long.MAX_VALUE;
  }

  /**
   * Returns the seconds left as of {@code nowNanos}, which may lie between batches: what a status
   * page polled at that time shows. By default the ETA as of the last batch, {@link
   * #etaSeconds(long, Long)}; estimators that know how time passes between batches (and through a
   * wait) override it.
   *
   * @param nowNanos the monotonic time of the question; not before the last recorded batch
   * @param itemsDone the cumulative count
   * @param itemsEstimate the expected total, or null when unknown
   * @return the ETA; 0 when the count equals the estimate; past it, 0 or an extrapolation of the
   *     overrun ({@link TimeDecayedRateEstimator}); null when the total or the rate is unknown
   */
  default @Nullable Double etaSeconds(long nowNanos, long itemsDone, @Nullable Long itemsEstimate) {
    return etaSeconds(itemsDone, itemsEstimate);
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
