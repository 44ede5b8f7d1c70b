package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class SaveScheduleTest {
  private static final long INTERVAL = 10;
  private static final ProgressStatus RUNNING = ProgressStatus.RUNNING;

  private final SaveSchedule schedule = new SaveSchedule(INTERVAL, 0);

  @Test
  void isDue_nothingStoredYet_dueAsAStatusChange() {
    assertFalse(schedule.anyStored());
    assertTrue(schedule.isDue(0, false, RUNNING, 0));
  }

  @Test
  void isDue_progressWithinInterval_waitsForTheInterval() {
    schedule.succeeded(0, RUNNING, 0);

    assertFalse(schedule.isDue(9, false, RUNNING, 5));
    assertTrue(schedule.isDue(10, false, RUNNING, 5));
  }

  @Test
  void isDue_nothingUnsaved_neverDue() {
    schedule.succeeded(0, RUNNING, 5);

    assertFalse(schedule.isDue(1_000, false, RUNNING, 5));
    assertFalse(schedule.isDue(1_000, true, RUNNING, 5));
  }

  @Test
  void isDue_dirtyWithoutNewCount_dueAfterInterval() {
    schedule.succeeded(0, RUNNING, 5);
    schedule.markDirty();

    assertTrue(schedule.isDue(10, false, RUNNING, 5));
  }

  @Test
  void isDue_statusChange_dueAtOnce() {
    schedule.succeeded(0, RUNNING, 5);

    assertTrue(schedule.isDue(1, false, ProgressStatus.PAUSED, 5));
  }

  @Test
  void isDue_afterFailure_statusChangeBacksOffOneInterval() {
    schedule.succeeded(0, RUNNING, 5);
    schedule.failed(1);

    assertFalse(schedule.isDue(2, false, ProgressStatus.DONE, 5));
    assertTrue(schedule.isDue(11, false, ProgressStatus.DONE, 5));
  }

  @Test
  void isDue_forcedDuringBackoff_dueAtOnce() {
    schedule.succeeded(0, RUNNING, 5);
    schedule.failed(1);

    assertTrue(schedule.isDue(2, true, ProgressStatus.DONE, 5));
  }

  @Test
  void assumeStored_sameStatusAndCount_notDue() {
    schedule.assumeStored(RUNNING, 6_000);

    assertTrue(schedule.anyStored());
    assertFalse(schedule.isDue(100, false, RUNNING, 6_000));
  }
}
