package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class RunCounterTest {
  private static final long T0 = 1_000_000_000L;

  @Test
  void tryTick_notArmed_refusesAndCountsNothing() {
    RunCounter counter = new RunCounter(T0);

    assertFalse(counter.tryTick(5, T0));
    assertEquals(0, counter.count());
  }

  @Test
  void tryTick_armedBeforeFoldDeadline_countsWithoutTheLock() {
    RunCounter counter = new RunCounter(T0);
    counter.rearm(T0, true);

    assertTrue(counter.tryTick(5, T0 + 10_000_000L));
    assertTrue(counter.tryTick(7, T0 + 20_000_000L));

    assertEquals(12, counter.count());
    assertEquals(T0 + 20_000_000L, counter.lastTickNanos());
  }

  @Test
  void tryTick_atFoldDeadline_refusesSoTheCallerFolds() {
    RunCounter counter = new RunCounter(T0);
    counter.rearm(T0, true);

    assertFalse(counter.tryTick(1, T0 + RunCounter.FOLD_INTERVAL_NANOS));
    assertEquals(0, counter.count());
  }

  @Test
  void tryTick_closerThanGranularity_doesNotMoveLastTick() {
    RunCounter counter = new RunCounter(T0);
    counter.rearm(T0, true);

    assertTrue(counter.tryTick(1, T0 + RunCounter.TICK_GRANULARITY_NANOS - 1));

    assertEquals(T0, counter.lastTickNanos());
  }

  @Test
  void rearm_notRunning_closesTheLockFreePath() {
    RunCounter counter = new RunCounter(T0);
    counter.rearm(T0, true);
    counter.rearm(T0, false);

    assertFalse(counter.tryTick(1, T0 + 1));
  }

  @Test
  void advanceLastTick_earlierTime_neverMovesBack() {
    RunCounter counter = new RunCounter(T0);
    counter.advanceLastTick(T0 + 100);
    counter.advanceLastTick(T0 + 50);

    assertEquals(T0 + 100, counter.lastTickNanos());
  }

  @Test
  void freeze_laterTicksOnTheOldCounter_ignored() {
    RunCounter counter = new RunCounter(T0);
    counter.add(10);

    assertEquals(10, counter.freeze());
    counter.add(5);

    assertEquals(10, counter.count());
    assertFalse(counter.tryTick(1, T0 + 1));
  }

  @Test
  void newRun_afterFreeze_startsAtZero() {
    RunCounter counter = new RunCounter(T0);
    counter.add(10);
    counter.freeze();

    counter.newRun();
    counter.add(3);

    assertEquals(3, counter.count());
  }
}
