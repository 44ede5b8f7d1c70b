package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class RunLifecycleTest {
  private final RunLifecycle lifecycle = new RunLifecycle();

  @Test
  void pending_startBegins_tickBegins() {
    assertEquals(ProgressStatus.PENDING, lifecycle.status());
    assertEquals(RunLifecycle.OnStart.BEGIN, lifecycle.onStart());
    assertEquals(RunLifecycle.OnTick.BEGIN, lifecycle.onTick());
  }

  @Test
  void running_startContinues_tickRecords() {
    lifecycle.run();

    assertEquals(RunLifecycle.OnStart.CONTINUE, lifecycle.onStart());
    assertEquals(RunLifecycle.OnTick.RECORD, lifecycle.onTick());
  }

  @Test
  void paused_startAndTickResume() {
    lifecycle.run();
    assertTrue(lifecycle.pause());

    assertTrue(lifecycle.isPaused());
    assertEquals(RunLifecycle.OnStart.RESUME, lifecycle.onStart());
    assertEquals(RunLifecycle.OnTick.RESUME, lifecycle.onTick());
  }

  @Test
  void pause_notRunning_refused() {
    assertFalse(lifecycle.pause());
    assertEquals(ProgressStatus.PENDING, lifecycle.status());
  }

  @Test
  void finish_twice_firstOutcomeWins() {
    lifecycle.run();

    assertTrue(lifecycle.finish(ProgressStatus.DONE));
    assertFalse(lifecycle.finish(ProgressStatus.FAILED));

    assertEquals(ProgressStatus.DONE, lifecycle.status());
    assertEquals(RunLifecycle.OnStart.NEW_RUN, lifecycle.onStart());
    assertEquals(RunLifecycle.OnTick.IGNORE, lifecycle.onTick());
  }

  @Test
  void finish_notAFinalStatus_rejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lifecycle.finish(ProgressStatus.PAUSED));
    assertTrue(e.getMessage().contains("PAUSED"), e.getMessage());
  }

  @Test
  void reported_runningSilentPastThreshold_isStalled() {
    lifecycle.run();

    assertEquals(ProgressStatus.RUNNING, lifecycle.reported(60, 60, true));
    assertEquals(ProgressStatus.STALLED, lifecycle.reported(61, 60, true));
  }

  @Test
  void reported_pausedSilentPastThreshold_staysPaused() {
    lifecycle.run();
    lifecycle.pause();

    assertEquals(ProgressStatus.PAUSED, lifecycle.reported(1_000, 60, true));
  }

  @Test
  void reported_waitingBeforeResumeTime_rateLimitedHoweverSilent() {
    lifecycle.run();
    assertTrue(lifecycle.waitUntil());

    assertEquals(ProgressStatus.RATE_LIMITED, lifecycle.reported(1_000, 60, false));
    assertEquals(ProgressStatus.RUNNING, lifecycle.reported(60, 60, true));
    assertEquals(ProgressStatus.STALLED, lifecycle.reported(61, 60, true));
  }

  @Test
  void waitUntil_pausedOrPending_refused() {
    assertFalse(lifecycle.waitUntil());
    lifecycle.run();
    lifecycle.pause();

    assertFalse(lifecycle.waitUntil());
    assertFalse(lifecycle.endWait());
  }
}
