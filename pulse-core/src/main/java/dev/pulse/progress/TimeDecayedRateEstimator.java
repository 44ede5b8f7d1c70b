package dev.pulse.progress;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The progress tracker's estimator: a rate averaged over running time with exponential time decay,
 * and a stall threshold that adapts to the source's rhythm.
 *
 * <p><b>Rate.</b> Each batch contributes its items and the running time since the previous batch to
 * two sums that decay by {@code exp(-dt / window)}; the rate is their ratio. The weight of a batch
 * therefore depends on how much time it covers, not on how many batches there were, so a 5,000-item
 * batch after a long gap and a 50-item batch after a short one are averaged fairly. Early in a run
 * (elapsed time well under the window) the rate is simply items over running time.
 *
 * <p><b>Real changes.</b> A second pair of sums with a quarter of the window runs alongside. When
 * its rate stays more than 1.4x above or below the long one for a quarter window of running time,
 * the source's pace has changed for good and the long sums are replaced by the short ones, so a
 * slowdown or speed-up is followed within minutes while bursty noise, which rarely stays one-sided
 * that long, is still averaged away.
 *
 * <p><b>Pauses and stalls.</b> Time between {@link #pause} and {@link #resume} is not running time.
 * Once items have arrived, a gap longer than the stall threshold is not running time: the batch
 * that ends it is booked as if it had arrived at the last healthy rate, so a stall neither drags
 * the rate down after the source recovers nor changes the ETA while it lasts. The wait for the
 * first items is running time however long it is, as there is no healthy rate to compare it with:
 * 1,000 items after 100 s are 10 items/s.
 *
 * <p><b>Stall threshold.</b> {@code max(multiplier x p95 of the last 64 inter-batch gaps, floor)};
 * with no gap recorded yet it is the floor. A gap longer than the threshold enters the window
 * capped at the threshold, so a single long stall does not inflate the threshold for the batches
 * after it. Defaults: window 10 minutes, multiplier 3, floor 60 s (the origin's fixed threshold).
 *
 * <p>Not thread-safe. Deterministic: it reads no clock and no randomness, and uses {@link
 * StrictMath}, so a replay gives bit-identical results on every JVM.
 */
public final class TimeDecayedRateEstimator implements ProgressEstimator {
  /** The default decay window. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  /** The default stall multiplier {@code k}. */
  public static final double DEFAULT_STALL_MULTIPLIER = 3.0;

  /** The default stall floor, the origin's fixed 60 s. */
  public static final Duration DEFAULT_STALL_FLOOR = Duration.ofSeconds(60);

  private static final int GAP_WINDOW = 64;
  private static final double GAP_PERCENTILE = 0.95;

  /**
   * A short-window rate this far above or below the long one, held for a short window, is a real
   * shift.
   */
  private static final double SHIFT_RATIO = 1.4;

  /** The short window is this fraction of the long one. */
  private static final double FAST_FRACTION = 4;

  private final double windowNanos;
  private final double fastWindowNanos;
  private final double stallMultiplier;
  private final long stallFloorNanos;

  private final long[] gaps = new long[GAP_WINDOW];
  private final long[] sorted = new long[GAP_WINDOW];
  private int gapCount;
  private int gapNext;
  private long stallThresholdNanos;

  private long lastNanos;
  private long lastDone;
  private boolean paused;
  private long pausedAt;
  private double decayedItems;
  private double decayedNanos;
  private double fastItems;
  private double fastNanos;
  private long shiftedNanos;

  /** Creates an estimator with the default window, stall multiplier and floor. */
  public TimeDecayedRateEstimator() {
    this(DEFAULT_WINDOW, DEFAULT_STALL_MULTIPLIER, DEFAULT_STALL_FLOOR);
  }

  /**
   * Creates an estimator.
   *
   * @param window the decay time constant of the rate; longer is smoother, shorter follows changes
   *     faster
   * @param stallMultiplier {@code k} in the stall rule; at least 1
   * @param stallFloor the smallest stall threshold; positive
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public TimeDecayedRateEstimator(Duration window, double stallMultiplier, Duration stallFloor) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(stallFloor, "stallFloor");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0 but was " + window);
    }
    if (!(stallMultiplier >= 1.0) || Double.isInfinite(stallMultiplier)) {
      throw new IllegalArgumentException(
          "stallMultiplier must be >= 1 and finite but was " + stallMultiplier);
    }
    if (stallFloor.isNegative() || stallFloor.isZero()) {
      throw new IllegalArgumentException("stallFloor must be > 0 but was " + stallFloor);
    }
    this.windowNanos = window.toNanos();
    this.fastWindowNanos = windowNanos / FAST_FRACTION;
    this.stallMultiplier = stallMultiplier;
    this.stallFloorNanos = stallFloor.toNanos();
    this.stallThresholdNanos = stallFloorNanos;
  }

  @Override
  public void start(long nanos, long itemsDone) {
    lastNanos = nanos;
    lastDone = itemsDone;
    paused = false;
    decayedItems = 0;
    decayedNanos = 0;
    fastItems = 0;
    fastNanos = 0;
    shiftedNanos = 0;
    gapCount = 0;
    gapNext = 0;
    stallThresholdNanos = stallFloorNanos;
  }

  @Override
  public void record(long nanos, long itemsDone) {
    if (paused) {
      resume(nanos);
    }
    long items = itemsDone - lastDone;
    long gap = Math.max(0, nanos - lastNanos);
    if (items <= 0 && gap == 0) {
      return;
    }
    long running = gap;
    double rate = decayedNanos > 0 ? decayedItems / decayedNanos : 0;
    if (gap > stallThresholdNanos && rate > 0) {
      // A batch after a stall counts as if it had arrived at the last healthy rate: the stall
      // changes nothing. Before the first items there is no healthy rate to judge a wait by, and
      // the wait for a slow first page is what those items cost: it is running time in full.
      running = Math.min(gap, (long) Math.ceil(Math.max(0, items) / rate));
    }
    long added = Math.max(0, items);
    double decay = StrictMath.exp(-running / windowNanos);
    decayedItems = decayedItems * decay + added;
    decayedNanos = decayedNanos * decay + running;
    double fastDecay = StrictMath.exp(-running / fastWindowNanos);
    fastItems = fastItems * fastDecay + added;
    fastNanos = fastNanos * fastDecay + running;
    detectShift(running);
    lastNanos = nanos;
    lastDone = itemsDone;
    if (gap > 0) {
      // A stall gap enters the window capped at the threshold it broke: one 20-minute stall must
      // not make the
      // next 20 minutes look normal, while a source that really slowed down still raises the
      // threshold step by
      // step (by at most the multiplier per window's worth of such gaps).
      addGap(Math.min(gap, stallThresholdNanos));
    }
  }

  private void detectShift(long running) {
    // The decayed time of the short window tends to the window itself; half of it means enough has
    // been seen.
    if (fastNanos < fastWindowNanos / 2 || decayedItems <= 0 || fastItems <= 0) {
      return;
    }
    double ratio = (fastItems / fastNanos) / (decayedItems / decayedNanos);
    if (ratio > SHIFT_RATIO || ratio < 1 / SHIFT_RATIO) {
      shiftedNanos += running;
      if (shiftedNanos >= fastWindowNanos) {
        // The source's pace changed for good: forget the history older than the short window.
        decayedItems = fastItems;
        decayedNanos = fastNanos;
        shiftedNanos = 0;
      }
    } else {
      shiftedNanos = 0;
    }
  }

  private void addGap(long gap) {
    gaps[gapNext] = gap;
    gapNext = (gapNext + 1) % GAP_WINDOW;
    if (gapCount < GAP_WINDOW) {
      gapCount++;
    }
    System.arraycopy(gaps, 0, sorted, 0, gapCount);
    Arrays.sort(sorted, 0, gapCount);
    int index = (int) Math.ceil(GAP_PERCENTILE * gapCount) - 1;
    long percentile = sorted[Math.max(0, index)];
    double scaled = stallMultiplier * percentile;
    stallThresholdNanos =
        scaled >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(stallFloorNanos, (long) scaled);
  }

  @Override
  public void pause(long nanos) {
    if (!paused) {
      paused = true;
      pausedAt = nanos;
    }
  }

  @Override
  public void resume(long nanos) {
    if (paused) {
      paused = false;
      // Shift the reference point so the paused span is neither running time nor an inter-batch
      // gap.
      lastNanos += Math.max(0, nanos - pausedAt);
    }
  }

  @Override
  public double itemsPerSecond() {
    return decayedNanos > 0 ? decayedItems * 1e9 / decayedNanos : 0.0;
  }

  @Override
  public long stallThresholdNanos() {
    return stallThresholdNanos;
  }

  @Override
  public String toString() {
    return "TimeDecayedRateEstimator[window="
        + Duration.ofNanos((long) windowNanos)
        + ", stallMultiplier="
        + stallMultiplier
        + ", stallFloor="
        + Duration.ofNanos(stallFloorNanos)
        + "]";
  }
}
