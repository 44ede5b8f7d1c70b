package dev.pulse.progress;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The progress tracker's estimator: a rate averaged over running time (with an optional exponential
 * time decay), a model of the waits the source imposes, an ETA as of any time, and a stall
 * threshold that adapts to the source's rhythm.
 *
 * <p><b>Rate.</b> Each batch contributes its items and the running time since the previous batch to
 * two sums that decay by {@code exp(-dt / window)}; the rate is their ratio. The weight of a batch
 * therefore depends on how much time it covers, not on how many batches there were, so a 5,000-item
 * batch after a long gap and a 50-item batch after a short one are averaged fairly.
 *
 * <p>By default nothing decays ({@link #DEFAULT_WINDOW}): the rate is the average since the start
 * or since the last abrupt change. On a source whose pace does not change for good that is the best
 * estimate there is, and a drift over hours is averaged rather than chased (a drift reverses; a
 * decay would tilt the rate toward the latest hours).
 *
 * <p><b>Abrupt changes.</b> Checkpoints of the running time and items, five per short window (a
 * quarter of the window, at most 2.5 minutes), compare the rate over the last short window with the
 * rate over the four before it. When the two, and the last short window and the long rate, are more
 * than 1.6x apart, and further apart than three standard deviations of the source's own noise (the
 * spread of its page sizes and gaps), for a further short window (or on two consecutive checkpoints
 * when they are more than 4.5 standard deviations apart), the pace changed in a step (a slowdown, a
 * slow tail) and the long sums restart from the items and time since the change was first seen.
 *
 * <p><b>Pauses, stalls and the first page.</b> Time between {@link #pause} and {@link #resume} is
 * not running time. A gap up to the stall threshold is running time; past it, its share shrinks
 * linearly to the batch's time at the last healthy rate, reached at twice the threshold, so the
 * effect of a gap is continuous in its length (no cliff at the threshold) and a long stall changes
 * nothing. The wait for the first items is running time in full until later batches have delivered
 * as many items; a first page slower than them is then a start-up cost and its excess time leaves
 * the sums.
 *
 * <p><b>Reported and recurring waits.</b> Time inside a wait reported with {@link #beginWait} is
 * not running time. A gap more than ten times the median recent gap is a wait nobody reported; from
 * the second such gap on they are the source's rhythm and are treated as waits too (beyond the ten
 * gaps' worth that stays running time), while a single one changes nothing; a cycle twice as long
 * as the mean without such a gap ends the rhythm and gives its time back to the rate. Each wait
 * after items closes a cycle (the items served since the previous wait, and the announced wait);
 * the ETA adds the wait still ahead and one mean wait per cycle's worth of items beyond what the
 * current cycle has left, and {@link #throughputPerSecond()} is the rate that implies. A reported
 * budget that varies from cycle to cycle is a limit on work rather than a quota of items, and its
 * cycles are counted in running time at the current rate.
 *
 * <p><b>ETA as of now.</b> {@link #etaSeconds(long, long, Long)} subtracts the silence since the
 * last batch that the recent gaps explain, so the ETA counts down between batches and through a
 * wait. Past the estimate, the items still to come are taken to be as many as the count has passed
 * it by: the run is not over, and the overrun so far is the only evidence of how wrong the estimate
 * was.
 *
 * <p><b>Stall threshold.</b> {@code max(multiplier x p95 of the last 64 inter-batch gaps, floor)};
 * with no gap recorded yet it is the floor. A gap longer than the threshold enters the window
 * capped at the threshold, so a single long stall does not inflate the threshold for the batches
 * after it. Defaults: no decay, multiplier 3, floor 60 s (the origin's fixed threshold).
 *
 * <p>Not thread-safe. Deterministic: it reads no clock and no randomness, and uses {@link
 * StrictMath}, so a replay gives bit-identical results on every JVM.
 */
public final class TimeDecayedRateEstimator implements ProgressEstimator {
  /**
   * The default decay window: the longest a nanosecond count holds (about 292 years), so nothing
   * decays in practice and the rate is the average since the start or the last abrupt change.
   */
  public static final Duration DEFAULT_WINDOW = Duration.ofNanos(Long.MAX_VALUE);

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
  private static final double SHIFT_RATIO = 1.6;

  /**
   * The short window is this fraction of the long one, and at most {@link #MAX_FAST_WINDOW_NANOS}.
   */
  private static final double FAST_FRACTION = 4;

  /** A real change of pace shows within 2.5 minutes, however long the long window is. */
  private static final double MAX_FAST_WINDOW_NANOS = 150e9;

  /** Checkpoints of the running time and items per short window (detectShift). */
  private static final int CHECKS_PER_WINDOW = 5;

  /** The rate before a change is read over this many short windows before the last one. */
  private static final int PRE_WINDOWS = 4;

  /** A gap this many times the median recent gap is a wait the source imposed without saying so. */
  private static final double IMPLICIT_FACTOR = 10;

  /** Unreported waits are recognised once this many gaps show the source's usual rhythm. */
  private static final int IMPLICIT_MIN_GAPS = 8;

  private static final int CHECKPOINTS = CHECKS_PER_WINDOW * (PRE_WINDOWS + 1) + 2;

  /**
   * A change of pace must exceed this many standard deviations of the source's own noise: with
   * pages of 50 to 5,000 items at 1 to 45 s gaps a 150 s window's rate varies by about a third, so
   * the 1.6x ratio alone fires on noise.
   */
  private static final double SHIFT_SIGMAS = 3;

  /**
   * A change of pace this many standard deviations of the noise, on two consecutive checkpoints, is
   * followed at once rather than after a further short window: noise never reaches it (pages of 50
   * to 5,000 items at 1 to 45 s gaps did not on 45 seeds), while waiting the short window left a 5x
   * slow tail unfollowed for five minutes, long enough to decide half the runs' median error
   * (session 23).
   */
  private static final double CLEAR_SHIFT_SIGMAS = 4.5;

  /**
   * Unreported waits stop being the source's rhythm once a cycle runs this many times the mean
   * cycle without one.
   */
  private static final double RHYTHM_END_CYCLES = 2;

  /**
   * A first page counts as a start-up cost only once this many later batches show the source's
   * rhythm (with fewer, one quick page after a slow first one looks like a start-up cost even on a
   * source whose pages simply vary).
   */
  private static final int FIRST_PAGE_LATER_BATCHES = 4;

  private final double windowNanos;
  private final double fastWindowNanos;
  private final double stallMultiplier;
  private final long stallFloorNanos;

  private final long[] gaps = new long[GAP_WINDOW];
  // The items of the batch that ended each gap in gaps, for the source's noise (paceNoise).
  private final long[] gapItems = new long[GAP_WINDOW];
  private final long[] sorted = new long[GAP_WINDOW];
  private int gapCount;
  private int gapNext;
  private long stallThresholdNanos;

  // The first page, until later batches outweigh it (weighFirstPage), and after that while some of
  // its time is still taken out of the sums (firstSettled: only a later gap as long can give it
  // back).
  private boolean firstPending;
  private boolean firstSettled;
  private long firstItems;
  private double firstNanos;
  private double firstLongDecay;
  private double firstRemoved;
  private long laterItems;
  private long laterNanos;
  private long laterLongestGap;
  private int laterBatches;

  // A budget whose cycles vary by more than this (coefficient of variation) is not fixed.
  private static final double VARYING_BUDGET = 0.1;

  // Reported waits: the one under way, the waiting done since the last batch, and the cycle model.
  private boolean waiting;
  private long waitStartNanos;
  private long waitResumeNanos;
  private long waitedInGap;
  private long segmentItems;
  // Running time booked since the last wait, and its mean over the complete cycles: a budget that
  // varies is a limit on work time (timeBudget).
  private double segmentRunNanos;
  private int cycles;
  private double cycleItems;
  private double cycleRunNanos;
  private double cycleWaitNanos;
  // Spread of the complete cycles' items (Welford), to tell a fixed budget from a varying one.
  private double cycleItemsM2;
  // Waits reported with beginWait, and long gaps recognised as unreported waits (bookImplicitWait).
  private int reportedWaits;
  private int implicitWaits;
  private long firstImplicitExcess;
  // Running time the recurring unreported waits took out of the rate (decayed like the sums), given
  // back if the rhythm ends.
  private double implicitExcluded;

  private long lastNanos;
  private long lastDone;
  private boolean paused;
  private long pausedAt;
  private double decayedItems;
  private double decayedNanos;
  // Running time and items booked since the start, and checkpoints of both every tenth of the short
  // window over the last PRE_WINDOWS + 1 short windows (detectShift).
  private long runNanos;
  private long runItems;
  private final long[] checkRun = new long[CHECKPOINTS];
  private final long[] checkItems = new long[CHECKPOINTS];
  private int checkCount;
  private int checkNext;
  private long shiftedChecks;
  // Consecutive checkpoints at which the change was beyond CLEAR_SHIFT_SIGMAS.
  private int clearChecks;
  private long shiftRun;
  private long shiftItems;

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
    this.fastWindowNanos = Math.min(windowNanos / FAST_FRACTION, MAX_FAST_WINDOW_NANOS);
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
    runNanos = 0;
    runItems = 0;
    checkCount = 0;
    checkNext = 0;
    shiftedChecks = 0;
    clearChecks = 0;
    gapCount = 0;
    gapNext = 0;
    stallThresholdNanos = stallFloorNanos;
    firstPending = false;
    waiting = false;
    waitedInGap = 0;
    segmentItems = 0;
    segmentRunNanos = 0;
    cycles = 0;
    cycleItems = 0;
    cycleRunNanos = 0;
    cycleWaitNanos = 0;
    cycleItemsM2 = 0;
    reportedWaits = 0;
    implicitWaits = 0;
    firstImplicitExcess = 0;
    implicitExcluded = 0;
  }

  @Override
  public void record(long nanos, long itemsDone) {
    if (paused) {
      resume(nanos);
    }
    if (waiting) {
      // The source served again: the wait ended with this batch, or at its announced end if the
      // batch came later (the time after it was spent fetching the batch).
      closeWait(Math.min(nanos, waitResumeNanos));
    }
    long items = itemsDone - lastDone;
    long gap = Math.max(0, nanos - lastNanos);
    if (items <= 0 && gap == 0) {
      return;
    }
    // Time the source said it would not serve is not running time: the waits enter the ETA through
    // the cycle model instead (see etaSeconds).
    long running = Math.max(0, gap - waitedInGap);
    long work = running;
    long added = Math.max(0, items);
    double rate = decayedNanos > 0 ? decayedItems / decayedNanos : 0;
    boolean firstPage = false;
    if (rate > 0) {
      if (running > stallThresholdNanos) {
        running = bookStall(running, added, rate);
      } else if (waitedInGap > 0) {
        // A batch that ended a wait early had no measurable time of its own: book it at the
        // healthy rate, within the gap.
        running = Math.max(running, Math.min(gap, (long) Math.ceil(added / rate)));
      }
    } else if (added > 0) {
      // Before the first items there is no healthy rate to judge a wait by: the wait for a slow
      // first page is running time in full, until later batches show how much of it was a
      // start-up cost (weighFirstPage).
      firstPage = true;
    }
    if (!firstPage && waitedInGap == 0 && reportedWaits == 0 && gapCount >= IMPLICIT_MIN_GAPS) {
      running = bookImplicitWait(work, running);
    }
    waitedInGap = 0;
    double decay = StrictMath.exp(-running / windowNanos);
    decayedItems = decayedItems * decay + added;
    decayedNanos = decayedNanos * decay + running;
    if (firstPage) {
      firstPending = true;
      firstItems = added;
      firstNanos = decayedNanos;
      firstLongDecay = 1;
      firstRemoved = 0;
      firstSettled = false;
      laterItems = 0;
      laterNanos = 0;
      laterLongestGap = 0;
      laterBatches = 0;
    } else if (firstPending) {
      weighFirstPage(added, running, decay);
    }
    runNanos += running;
    runItems += added;
    detectShift();
    lastNanos = nanos;
    lastDone = itemsDone;
    segmentItems += added;
    segmentRunNanos += running;
    implicitExcluded *= decay;
    if (implicitWaitsRecur() && cycleItems > 0 && segmentItems > RHYTHM_END_CYCLES * cycleItems) {
      endImplicitRhythm();
    }
    if (work > 0 && !firstPage) {
      // A stall gap enters the window capped at the threshold it broke: one 20-minute stall must
      // not make the next 20 minutes look normal, while a source that really slowed down still
      // raises the threshold step by step (by at most the multiplier per window's worth of such
      // gaps).
      addGap(Math.min(work, stallThresholdNanos), added);
    }
  }

  /**
   * Ends a rhythm of unreported waits that stopped: a cycle twice the mean long without a long gap
   * says the long gaps were not the source's budget (on a bursty source, two long gaps early,
   * judged against a median of a few gaps, look like one). The time they took out of the rate is
   * given back and the cycle model is off until long gaps recur again; without this the ETA kept a
   * wait per "cycle" to the end of the run (137% off on one seed of the unknown-total family).
   */
  private void endImplicitRhythm() {
    decayedNanos += implicitExcluded;
    implicitExcluded = 0;
    implicitWaits = 0;
    firstImplicitExcess = 0;
    cycles = 0;
    cycleItems = 0;
    cycleRunNanos = 0;
    cycleWaitNanos = 0;
    cycleItemsM2 = 0;
  }

  /**
   * Recognises a wait the source imposed without saying so: a gap more than {@value
   * #IMPLICIT_FACTOR} times the median recent gap. Each closes a cycle, as a reported wait does,
   * with the gap's time beyond that multiple as the cycle's wait; once such gaps have recurred (the
   * second one), they are the source's rhythm (a secondary rate limit or an hourly budget sat out
   * silently), so the time beyond the multiple leaves the rate and enters the ETA through the cycle
   * model, the first one's too. A single long gap (a one-off stall) changes nothing. The booked
   * time is continuous in the gap's length: up to the multiple a gap is running time, and the part
   * beyond it is a wait of that many nanoseconds.
   *
   * @return the running time to book for this gap
   */
  private long bookImplicitWait(long work, long running) {
    double limit = implicitLimit();
    if (work <= limit) {
      return running;
    }
    if (segmentItems > 0) {
      closeCycle(work - limit);
    }
    implicitWaits++;
    if (implicitWaits == 1) {
      firstImplicitExcess = Math.max(0, running - (long) limit);
      return running;
    }
    if (implicitWaits == 2) {
      decayedNanos = Math.max(Double.MIN_NORMAL, decayedNanos - firstImplicitExcess);
      implicitExcluded += firstImplicitExcess;
    }
    long booked = Math.min(running, (long) limit);
    implicitExcluded += running - booked;
    return booked;
  }

  /**
   * Books a gap longer than the stall threshold. Up to the threshold a gap is running time; past
   * it, its share shrinks linearly from the whole threshold to the batch's time at the healthy
   * rate, reached at twice the threshold. The booking is thus continuous in the gap's length: a 59
   * s and a 61 s gap count alike (no cliff at the threshold), while a gap of twice the threshold or
   * more is a stall: the batch that ends it is booked as if it had arrived at the last healthy
   * rate, so the stall neither drags the rate down after the source recovers nor changes the ETA.
   */
  private long bookStall(long work, long items, double rate) {
    double expected = Math.ceil(items / rate);
    double tapered = 2.0 * stallThresholdNanos - work;
    return (long) Math.min((double) work, Math.max(expected, tapered));
  }

  /**
   * Treats the first page's wait as a start-up cost once later batches outweigh it. When later
   * batches run faster than the first page did, the first page's time beyond what it would take at
   * their rate is taken out of the sums, in proportion to how many items the later batches have
   * delivered relative to the first page (all of it once they delivered as many). A first page as
   * fast as the rest, or faster, changes nothing, so a big first page after a long wait still
   * counts in full. The time taken out is never more than the first page's wait beyond the longest
   * later gap, then and later: once settled, a later gap as long as the first page's gives that
   * time back.
   */
  private void weighFirstPage(long added, long running, double decay) {
    firstLongDecay *= decay;
    if (firstSettled) {
      giveBackFirstPage(running);
      return;
    }
    laterItems += added;
    laterNanos += running;
    laterLongestGap = Math.max(laterLongestGap, running);
    laterBatches++;
    if (laterItems <= 0 || laterNanos <= 0) {
      return;
    }
    double laterRate = (double) laterItems / laterNanos;
    double excess =
        Math.max(0, Math.min(firstNanos - firstItems / laterRate, firstNanos - laterLongestGap));
    double weight =
        Math.min(
            Math.min(1.0, (double) laterItems / firstItems),
            laterBatches / (double) FIRST_PAGE_LATER_BATCHES);
    double target = excess * weight;
    double delta = target - firstRemoved;
    decayedNanos = Math.max(Double.MIN_NORMAL, decayedNanos - delta * firstLongDecay);
    firstRemoved = target;
    if (weight >= 1.0) {
      firstSettled = true;
      firstPending = firstRemoved > 0;
    }
  }

  /**
   * Gives back the first page's excess time as far as a later gap shows the first page's wait was
   * not unusual for this source. Settling after a few batches judges the first page against a few
   * gaps; on a source whose gaps simply vary (the bursty family: 1 to 45 s) a longer one comes
   * later, and the start-up cost was noise. Without this the rate stayed above the average since
   * the start for the whole run (up to 1.4% over the scored part of a bursty run; session 24).
   */
  private void giveBackFirstPage(long running) {
    if (running <= laterLongestGap) {
      return;
    }
    laterLongestGap = running;
    double target = Math.min(firstRemoved, Math.max(0, firstNanos - laterLongestGap));
    decayedNanos =
        Math.max(Double.MIN_NORMAL, decayedNanos - (target - firstRemoved) * firstLongDecay);
    firstRemoved = target;
    firstPending = target > 0;
  }

  /**
   * Detects an abrupt change of pace: the rate over the last short window against the rate over the
   * {@value #PRE_WINDOWS} short windows before it, both read from checkpoints of the running time
   * and items. A real step (a slowdown, a speed-up, a slow tail) puts the two more than the shift
   * ratio apart within a short window; a drift of the same size over hours moves them apart by a
   * few percent per window, and noise rarely holds that long. Once the change has held for a
   * further short window, or for two consecutive checkpoints when it is beyond {@value
   * #CLEAR_SHIFT_SIGMAS} standard deviations of the noise, the long sums are replaced by the items
   * and time since it was first seen (data from after the step only), so the estimate follows the
   * step instead of averaging it away over the long window.
   */
  private void detectShift() {
    if (checkCount > 0
        && runNanos - checkRun[(checkNext + CHECKPOINTS - 1) % CHECKPOINTS]
            < fastWindowNanos / CHECKS_PER_WINDOW) {
      return;
    }
    checkRun[checkNext] = runNanos;
    checkItems[checkNext] = runItems;
    checkNext = (checkNext + 1) % CHECKPOINTS;
    if (checkCount < CHECKPOINTS) {
      checkCount++;
    }
    int recent = checkpointBefore(runNanos - (long) fastWindowNanos);
    int older = checkpointBefore(runNanos - (long) (fastWindowNanos * (PRE_WINDOWS + 1)));
    if (recent < 0 || older < 0 || recent == older) {
      return;
    }
    double recentNanos = runNanos - checkRun[recent];
    double olderNanos = checkRun[recent] - checkRun[older];
    if (!(recentNanos > 0) || !(olderNanos > 0) || !(decayedNanos > 0)) {
      return;
    }
    double recentRate = (runItems - checkItems[recent]) / recentNanos;
    double olderRate = (checkItems[recent] - checkItems[older]) / olderNanos;
    double longRate = decayedItems / decayedNanos;
    double noise = paceNoise();
    double olderVariance = noise / recentNanos + noise / olderNanos;
    double longVariance = noise / recentNanos;
    if (beyond(recentRate, olderRate)
        && beyond(recentRate, longRate)
        && exceeds(recentRate, olderRate, olderVariance, SHIFT_SIGMAS)
        && exceeds(recentRate, longRate, longVariance, SHIFT_SIGMAS)) {
      boolean clear =
          exceeds(recentRate, olderRate, olderVariance, CLEAR_SHIFT_SIGMAS)
              && exceeds(recentRate, longRate, longVariance, CLEAR_SHIFT_SIGMAS);
      clearChecks = clear ? clearChecks + 1 : 0;
      if (shiftedChecks++ == 0) {
        shiftRun = runNanos;
        shiftItems = runItems;
      } else if (runNanos - shiftRun >= fastWindowNanos || clearChecks >= 2) {
        // The source's pace changed for good: forget the history before the change was seen.
        decayedItems = runItems - shiftItems;
        decayedNanos = runNanos - shiftRun;
        firstPending = false;
        shiftedChecks = 0;
        clearChecks = 0;
      }
    } else {
      shiftedChecks = 0;
      clearChecks = 0;
    }
  }

  /**
   * Returns the variance of the logarithm of the rate measured over one nanosecond of running time
   * (divide by a span to get that span's): a span of {@code t} holds about {@code t / mean gap}
   * batches, and for a source whose page sizes and gaps vary independently the relative variance of
   * the items it delivers in that span is {@code (CV_items^2 + CV_gap^2) / batches}. Read from the
   * last {@value #GAP_WINDOW} gaps and their batches; 0 with fewer than two.
   */
  private double paceNoise() {
    if (gapCount < 2) {
      return 0;
    }
    double items = 0;
    double itemsSquared = 0;
    double nanos = 0;
    double nanosSquared = 0;
    for (int i = 0; i < gapCount; i++) {
      double x = gapItems[i];
      double g = gaps[i];
      items += x;
      itemsSquared += x * x;
      nanos += g;
      nanosSquared += g * g;
    }
    double meanItems = items / gapCount;
    double meanGap = nanos / gapCount;
    if (!(meanItems > 0) || !(meanGap > 0)) {
      return 0;
    }
    double itemsCv2 =
        Math.max(0, itemsSquared / gapCount - meanItems * meanItems) / (meanItems * meanItems);
    double gapCv2 = Math.max(0, nanosSquared / gapCount - meanGap * meanGap) / (meanGap * meanGap);
    return (itemsCv2 + gapCv2) * meanGap;
  }

  /** Whether two rates differ by more than {@code sigmas} standard deviations of noise. */
  private static boolean exceeds(double rate, double reference, double logVariance, double sigmas) {
    return Math.abs(StrictMath.log(rate / reference)) > sigmas * Math.sqrt(logVariance);
  }

  private static boolean beyond(double rate, double reference) {
    return rate > SHIFT_RATIO * reference || rate * SHIFT_RATIO < reference;
  }

  /** Returns the index of the newest checkpoint at or before {@code run}, or -1 if none is kept. */
  private int checkpointBefore(long run) {
    for (int i = 1; i <= checkCount; i++) {
      int index = (checkNext + CHECKPOINTS - i) % CHECKPOINTS;
      if (checkRun[index] <= run) {
        return index;
      }
    }
    return -1;
  }

  private void addGap(long gap, long items) {
    gaps[gapNext] = gap;
    gapItems[gapNext] = items;
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
      if (waiting) {
        closeWait(Math.min(nanos, waitResumeNanos));
      }
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
  public void beginWait(long nanos, long resumeAtNanos) {
    if (paused) {
      return;
    }
    long resume = Math.max(nanos, resumeAtNanos);
    if (waiting) {
      waitResumeNanos = resume;
      return;
    }
    if (segmentItems > 0) {
      // A wait after items closes a cycle: the items the source served between two waits (its
      // budget) and the wait it then imposed, announced up front.
      closeCycle((double) (resume - nanos));
    }
    reportedWaits++;
    waiting = true;
    waitStartNanos = nanos;
    waitResumeNanos = resume;
  }

  /** Closes a cycle: the items served since the previous wait, then a wait of {@code announced}. */
  private void closeCycle(double announced) {
    if (cycles <= 1) {
      // The first cycle is usually partial (the budget was partly spent before the run began):
      // the second replaces it rather than averaging with it.
      cycleItems = segmentItems;
      cycleRunNanos = segmentRunNanos;
      cycleWaitNanos = announced;
    } else {
      // The mean over the complete cycles: a budget is stationary, and each cycle is noisy.
      double weight = 1.0 / cycles;
      double before = cycleItems;
      cycleItems += weight * (segmentItems - cycleItems);
      cycleItemsM2 += (segmentItems - before) * (segmentItems - cycleItems);
      cycleRunNanos += weight * (segmentRunNanos - cycleRunNanos);
      cycleWaitNanos += weight * (announced - cycleWaitNanos);
    }
    cycles++;
    segmentItems = 0;
    segmentRunNanos = 0;
  }

  @Override
  public void endWait(long nanos) {
    if (waiting) {
      closeWait(nanos);
    }
  }

  private void closeWait(long nanos) {
    waitedInGap += Math.max(0, nanos - waitStartNanos);
    waiting = false;
  }

  @Override
  public double itemsPerSecond() {
    return decayedNanos > 0 ? decayedItems * 1e9 / decayedNanos : 0.0;
  }

  /**
   * Returns the throughput including the announced waits: the items of one cycle (between two
   * waits) over the time they take at the current rate plus the average wait. Without any reported
   * wait it is the current rate.
   */
  @Override
  public double throughputPerSecond() {
    double rate = itemsPerSecond();
    if (!cyclesKnown() || !(rate > 0) || !(cycleItems > 0)) {
      return rate;
    }
    double budget = timeBudget() ? cycleRunNanos / 1e9 * rate : cycleItems;
    return budget / (budget / rate + cycleWaitNanos / 1e9);
  }

  /** Whether unreported long gaps have recurred (and no wait was ever reported). */
  private boolean implicitWaitsRecur() {
    return reportedWaits == 0 && implicitWaits >= 2;
  }

  /** The gap beyond which a silence is an unreported wait: a multiple of the median recent gap. */
  private double implicitLimit() {
    return IMPLICIT_FACTOR * (double) Math.max(1, sorted[gapCount / 2]);
  }

  /** Whether the cycle model applies: a wait was reported, or unreported long gaps recurred. */
  private boolean cyclesKnown() {
    return cycles > 0 && (reportedWaits > 0 || implicitWaits >= 2);
  }

  @Override
  public long stallThresholdNanos() {
    if (implicitWaitsRecur()) {
      // A silence as long as the source's usual silent waits is its rhythm, not a stall.
      double usual = implicitLimit() + 2 * cycleWaitNanos;
      return Math.max(stallThresholdNanos, usual >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) usual);
    }
    return stallThresholdNanos;
  }

  /**
   * Returns the ETA as of the last batch (or, while waiting, as of the last batch with the whole
   * announced wait ahead).
   */
  @Override
  public @Nullable Double etaSeconds(long itemsDone, @Nullable Long itemsEstimate) {
    return etaSeconds(lastNanos, itemsDone, itemsEstimate);
  }

  /**
   * Returns the ETA as of {@code nowNanos}: the remaining items at the current rate, plus the
   * announced wait still ahead, plus the waits the remaining items will cost at the budget seen so
   * far (one average wait per cycle's worth of items beyond the current cycle's budget), minus the
   * time since the last batch up to the usual gap between batches: an ETA polled between batches
   * counts down with the clock, through a reported wait too, and holds once the silence is longer
   * than the source's rhythm explains. Past the estimate, the items still to come are taken to be
   * as many as the count has passed it by (the overrun so far; see the comment in the code).
   */
  @Override
  public @Nullable Double etaSeconds(long nowNanos, long itemsDone, @Nullable Long itemsEstimate) {
    if (itemsEstimate == null) {
      return null;
    }
    long remaining = itemsEstimate - itemsDone;
    if (remaining < 0) {
      // Past the estimate the run is not over, so 0 would be wrong, and the estimate says nothing
      // more. The overrun so far is the only evidence: by the Copernican argument (Gott's delta-t),
      // with nothing else known the overrun is as likely to be less than half over as more, so the
      // items still to come are taken to be as many as the count has passed the estimate by. The
      // ETA is 0 where the count meets the estimate and grows from there, without a step.
      remaining = -remaining;
    }
    if (remaining == 0) {
      return 0.0;
    }
    double rate = decayedNanos > 0 ? decayedItems / decayedNanos : 0;
    if (!(rate > 0) || Double.isInfinite(rate)) {
      return null;
    }
    long silence = 0;
    if (!paused && nowNanos > lastNanos) {
      long waitedNow =
          waiting ? Math.max(0, Math.min(nowNanos, waitResumeNanos) - waitStartNanos) : 0;
      silence = Math.max(0, nowNanos - lastNanos - waitedInGap - waitedNow);
    }
    double nanos = remaining / rate;
    // A silence past the unreported-wait limit of a source whose silent waits recur is such a wait
    // under way: the current cycle has ended, and the ETA counts down through the mean wait.
    double implicitLimit = implicitWaitsRecur() ? implicitLimit() : Double.POSITIVE_INFINITY;
    boolean inImplicitWait = silence > implicitLimit;
    if (cyclesKnown() && cycleItems > 0) {
      // A budget of items (an hourly quota of points) is counted in items; a budget that varies,
      // a limit on work time (timeBudget), in running time at the current rate.
      boolean timed = timeBudget();
      double budget = timed ? cycleRunNanos * rate : cycleItems;
      double budgetLeft =
          timed
              ? Math.max(0, cycleRunNanos - segmentRunNanos) * rate
              : Math.max(0, cycleItems - (inImplicitWait ? 0 : segmentItems));
      // Every item beyond the current cycle's budget belongs to a cycle that starts with a wait,
      // the last one too, however few items it holds.
      double beyond = remaining - budgetLeft;
      if (beyond > 0) {
        nanos += wavesAhead(beyond / budget) * cycleWaitNanos;
      }
    }
    if (inImplicitWait) {
      nanos += Math.max(0, cycleWaitNanos - (silence - implicitLimit));
    } else {
      nanos -= silenceCredit(silence);
    }
    if (waiting) {
      nanos += Math.max(0, waitResumeNanos - Math.max(nowNanos, waitStartNanos));
    }
    return Math.max(0, nanos) / 1e9;
  }

  /**
   * Returns how many waits lie ahead for {@code cyclesAhead} cycles' worth of items past the
   * current budget. A fixed budget (an hourly quota) puts a wait at every whole cycle: {@code
   * ceil}. A budget that varies from cycle to cycle (secondary limits after a minute or two of
   * work) makes the count uncertain by one, so its expectation is used instead (one wait now, then
   * one per mean cycle, on average half a cycle early): half a wait where the current budget ends,
   * and no step after it.
   */
  private double wavesAhead(double cyclesAhead) {
    return budgetVaries() ? cyclesAhead + 0.5 : Math.ceil(cyclesAhead);
  }

  /**
   * Whether the complete cycles' item counts vary by more than {@link #VARYING_BUDGET} (coefficient
   * of variation): the budget is not a fixed quota.
   */
  private boolean budgetVaries() {
    int complete = cycles - 1;
    double variance = complete > 1 ? cycleItemsM2 / (complete - 1) : 0;
    double spread = cycleItems > 0 ? Math.sqrt(variance) / cycleItems : 0;
    return spread > VARYING_BUDGET;
  }

  /**
   * Whether the cycles are counted in running time rather than items: a reported budget that varies
   * from cycle to cycle is not a quota of items (an hourly budget of points is fixed to within its
   * pages' cost) but a limit on work, as secondary limits that trip after a minute or two of
   * requests are. The waits ahead are then the running time the remaining items need at the current
   * rate over the mean running time between waits, and the current cycle's age is its running time
   * (session 25: on the retry-after family 2.04% -> 1.99% on seeds 0-14 and 2.92% -> 2.86% on
   * 15-44, better on 30 of 45 seeds). Unreported waits keep the items: part of each silent wait (up
   * to ten median gaps) is booked as running time, which would lengthen the cycles.
   */
  private boolean timeBudget() {
    return reportedWaits > 0 && cycleRunNanos > 0 && budgetVaries();
  }

  /**
   * Returns how much of a silence since the last batch the ETA counts down: the mean of the recent
   * gaps minus the expected time still to wait for the next batch given that none came for {@code
   * silence}, both from the recent gaps. With regular gaps the ETA counts down with the clock until
   * the usual gap has passed and then holds; with irregular gaps a silence is evidence of a long
   * gap, and the ETA counts down less.
   */
  private double silenceCredit(long silence) {
    if (gapCount == 0 || silence <= 0) {
      return 0;
    }
    double sum = 0;
    double longerSum = 0;
    int longer = 0;
    for (int i = 0; i < gapCount; i++) {
      long gap = gaps[i];
      sum += gap;
      if (gap > silence) {
        longerSum += gap - silence;
        longer++;
      }
    }
    double mean = sum / gapCount;
    double residual = longer == 0 ? 0 : longerSum / longer;
    return Math.max(0, mean - residual);
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
