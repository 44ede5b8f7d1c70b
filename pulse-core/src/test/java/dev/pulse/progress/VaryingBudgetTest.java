package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 13: the waits still ahead. A fixed budget puts a wait at every whole cycle (a step of a
 * whole wait); a budget that varies from cycle to cycle makes the count uncertain by one, and the
 * ETA uses its expectation: half a wait at the end of the current budget, then one wait per mean
 * cycle with no further step.
 */
final class VaryingBudgetTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long WAIT = 60 * SECOND;

  /** Cycles of the given item counts at 100 items/s, each closed by a 60 s reported wait. */
  private static TimeDecayedRateEstimator afterCycles(long... cycleItems) {
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);
    long now = 0;
    long done = 0;
    for (long items : cycleItems) {
      for (long served = 0; served < items; served += 100) {
        now += SECOND;
        done += 100;
        estimator.record(now, done);
      }
      estimator.beginWait(now, now + WAIT);
      now += WAIT;
      estimator.endWait(now);
    }
    now += SECOND;
    estimator.record(now, done + 100);
    return estimator;
  }

  private static double jumpAcrossCycleEnd(TimeDecayedRateEstimator estimator, long cycleEnd) {
    Double below = estimator.etaSeconds(0, 0, cycleEnd - 100);
    Double above = estimator.etaSeconds(0, 0, cycleEnd + 100);
    assertNotNull(below);
    assertNotNull(above);
    return above - below;
  }

  // The current cycle has served 100 items of its 6,000 (mean) budget.
  private static final long BUDGET_LEFT = 5_900;

  @Test
  void fixedBudget_aWholeWaitAtTheEndOfTheBudgetAndAtEveryCycle() {
    TimeDecayedRateEstimator fixed = afterCycles(5_000, 6_000, 6_000, 6_000, 6_000);

    // 200 more items cost 2 s, plus one whole 60 s wait once they cross a budget.
    assertEquals(62, jumpAcrossCycleEnd(fixed, BUDGET_LEFT), 1.0);
    assertEquals(62, jumpAcrossCycleEnd(fixed, BUDGET_LEFT + 6_000), 1.0);
  }

  @Test
  void varyingBudget_halfAWaitAtTheEndOfTheBudgetThenNoStep() {
    TimeDecayedRateEstimator varying = afterCycles(5_000, 4_000, 8_000, 5_000, 7_000, 6_000);

    assertEquals(33, jumpAcrossCycleEnd(varying, BUDGET_LEFT), 1.5);
    double later = jumpAcrossCycleEnd(varying, BUDGET_LEFT + 6_000);
    assertTrue(later < 10, "200 more items cost seconds and a share of a wait: " + later);
  }

  @Test
  void varyingBudget_theCurrentCycleIsCountedInRunningTime() {
    // Every cycle is 60 s of work at a pace of 80 to 120 items/s, so the items vary (4,800 to
    // 7,200, mean 6,240 over the complete cycles) while the work time does not: a limit on work.
    TimeDecayedRateEstimator estimator = new TimeDecayedRateEstimator();
    estimator.start(0, 0);
    long now = 0;
    long done = 0;
    for (long items : new long[] {4_800, 6_000, 7_200, 6_000, 4_800, 7_200}) {
      for (int second = 0; second < 60; second++) {
        now += SECOND;
        done += items / 60;
        estimator.record(now, done);
      }
      estimator.beginWait(now, now + WAIT);
      now += WAIT;
      estimator.endWait(now);
    }
    // Half of the current cycle's 60 s of work is done, at 100 items/s: 3,000 items (30 s) are
    // left before the next wait, not the 3,240 the mean cycle's items would leave.
    for (int second = 0; second < 30; second++) {
      now += SECOND;
      done += 100;
      estimator.record(now, done);
    }

    assertEquals(33, jumpAcrossCycleEnd(estimator, 3_000), 1.5);
    double itemsBudgetEnd = jumpAcrossCycleEnd(estimator, 3_240);
    assertTrue(
        itemsBudgetEnd < 10, "no step where the items would end the cycle: " + itemsBudgetEnd);
  }
}
