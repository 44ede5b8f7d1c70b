package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 13: a gap's effect on the rate is continuous in its length, with no cliff at the stall
 * threshold, while a genuine stall (twice the threshold or more) still changes nothing.
 */
final class NoStallCliffTest {
  private static final long SECOND = 1_000_000_000L;

  /** The rate after 60 batches of 100 items 1 s apart, then one batch after {@code gapSeconds}. */
  private static double rateAfterGap(double gapSeconds) {
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);
    long done = 0;
    for (int i = 1; i <= 60; i++) {
      done += 100;
      estimator.record(i * SECOND, done);
    }
    estimator.record(60 * SECOND + (long) (gapSeconds * SECOND), done + 100);
    return estimator.itemsPerSecond();
  }

  @Test
  void record_gapsEitherSideOfTheFloor_rateMovesSmoothly() {
    double before = rateAfterGap(59);
    double after = rateAfterGap(61);

    assertTrue(Math.abs(before - after) / before < 0.03, before + " vs " + after);
  }

  @Test
  void record_growingGap_rateNeverJumps() {
    double previous = rateAfterGap(1);
    for (double gap = 1.5; gap <= 200; gap += 0.5) {
      double rate = rateAfterGap(gap);
      assertTrue(Math.abs(rate - previous) / previous < 0.01, "at " + gap + " s");
      previous = rate;
    }
  }

  @Test
  void record_gapOfTwiceTheFloorOrMore_bookedAtTheHealthyRate() {
    assertEquals(100.0, rateAfterGap(120), 1e-6);
    assertEquals(100.0, rateAfterGap(1_200), 1e-6);
  }
}
