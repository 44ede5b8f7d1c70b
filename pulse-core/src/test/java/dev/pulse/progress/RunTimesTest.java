package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class RunTimesTest {
  private static final long SECOND = 1_000_000_000L;
  private static final Instant WALL = Instant.parse("2026-03-01T00:00:00Z");
  private static final long WALL_MILLIS = WALL.toEpochMilli();

  private final RunTimes times = new RunTimes(0);

  @Test
  void elapsedSeconds_followsMonotonicTimeNotTheWallClock() {
    times.begin(5 * SECOND, WALL_MILLIS);

    assertEquals(WALL, times.startedAt());
    assertEquals(30, times.elapsedSeconds(35 * SECOND, false));
  }

  @Test
  void elapsedSeconds_finished_frozenAtTheFinish() {
    times.begin(0, WALL_MILLIS);
    times.finished(20 * SECOND, WALL_MILLIS + 20_000);

    assertEquals(20, times.elapsedSeconds(500 * SECOND, true));
    assertEquals(WALL.plusSeconds(20), times.finishedAt());
  }

  @Test
  void restore_carriesStartTimeElapsedAndLastProgress() {
    ProgressSnapshot stored = StoredRunTest.stored(ProgressStatus.RUNNING, WALL, 6_000);

    times.restore(100 * SECOND, WALL_MILLIS + 600_000, stored);

    assertEquals(WALL, times.startedAt());
    assertEquals(610, times.elapsedSeconds(110 * SECOND, false));
    // No lastProgressAt stored: the start time stands in for it until this run progresses.
    assertEquals(WALL, times.lastProgressAt(110 * SECOND, WALL_MILLIS, false, false, 0));
  }

  @Test
  void lastProgressAt_wallClockSteppedBack_notBeforeStart() {
    times.begin(0, WALL_MILLIS);

    Instant last = times.lastProgressAt(20 * SECOND, WALL_MILLIS - 3_600_000, false, true, SECOND);

    assertEquals(WALL, last);
  }

  @Test
  void lastProgressAt_anchoredOnTheWallClockNow() {
    times.begin(0, WALL_MILLIS);

    assertEquals(
        WALL.plusSeconds(10),
        times.lastProgressAt(30 * SECOND, WALL_MILLIS + 30_000, false, true, 10 * SECOND));
    assertNull(times.lastProgressAt(30 * SECOND, WALL_MILLIS + 30_000, false, false, 0));
  }

  @Test
  void silentNanos_noBatchYet_sinceTheLastStartOrResume() {
    times.begin(0, WALL_MILLIS);
    times.resumed(40 * SECOND);

    assertEquals(10 * SECOND, times.silentNanos(50 * SECOND, false, 5 * SECOND));
    assertEquals(10 * SECOND, times.silentNanos(50 * SECOND, true, 5 * SECOND));
    assertEquals(5 * SECOND, times.silentNanos(50 * SECOND, true, 45 * SECOND));
  }
}
