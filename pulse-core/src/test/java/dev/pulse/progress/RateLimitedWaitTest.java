package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeKey;
import dev.pulse.testing.FakeClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a wait the source announces is a wait, not a stall, and the ETA keeps counting down.
 */
final class RateLimitedWaitTest {
  private final FakeClock clock = new FakeClock();
  private final ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();
  private final ScopeProgress progress =
      tracker.start(
          "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"), ItemCount.exact(10_000));

  /** Ten batches of 100 items 10 s apart: 10 items/s. */
  private void batches() {
    for (int i = 0; i < 10; i++) {
      clock.advanceSeconds(10);
      progress.tick(100);
    }
  }

  @Test
  void waitUntil_longWait_rateLimitedWithResumeTimeNeverStalled() {
    batches();
    Instant resumeAt = clock.instant().plusSeconds(1_800);

    assertTrue(progress.waitUntil(resumeAt, "rate limited"));
    for (int minute = 1; minute < 30; minute++) {
      clock.advanceSeconds(60);
      ProgressSnapshot snapshot = progress.snapshot();
      assertEquals(ProgressStatus.RATE_LIMITED, snapshot.status(), "minute " + minute);
      assertFalse(snapshot.stalled());
      assertEquals(resumeAt, snapshot.resumeAt());
      assertEquals("rate limited", snapshot.waitReason());
    }
    assertTrue(ProgressJson.toJson(progress.snapshot()).contains("\"status\":\"rate_limited\""));
  }

  @Test
  void waitUntil_duringWait_etaCountsDownWithTheClock() {
    batches();
    progress.waitUntil(clock.instant().plusSeconds(600), "rate limited");
    Long atStart = progress.snapshot().etaSeconds();
    clock.advanceSeconds(120);
    Long later = progress.snapshot().etaSeconds();

    assertNotNull(atStart);
    assertNotNull(later);
    // 9,000 items at 10/s, the 600 s wait still ahead, and, the source's budget being 1,000 items
    // so far, a wait before each further 1,000 items beyond the next cycle's (8 more).
    assertEquals(900 + 600 + 8 * 600, atStart, 1);
    assertEquals(atStart - 120, later, 1);
  }

  @Test
  void waitUntil_secondWait_etaIncludesTheWaitsStillAhead() {
    batches();
    progress.waitUntil(clock.instant().plusSeconds(600), "rate limited");
    clock.advanceSeconds(600);
    batches();
    progress.waitUntil(clock.instant().plusSeconds(600), "rate limited");

    ProgressSnapshot snapshot = progress.snapshot();
    // 8,000 items left: 800 s at 10/s, this wait, and one more wait per 1,000 items beyond the next
    // cycle's budget (7 more).
    assertEquals(800 + 600 + 7 * 600, snapshot.etaSeconds(), 1);
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-9);
    assertEquals(1_000.0 / (100 + 600), snapshot.throughputPerSecond(), 1e-9);
  }

  @Test
  void waitUntil_resumeTimePassedWithoutBatch_runningThenStalledFromThere() {
    batches();
    progress.waitUntil(clock.instant().plusSeconds(300), "rate limited");
    clock.advanceSeconds(330);
    assertEquals(ProgressStatus.RUNNING, progress.status());
    assertNull(progress.snapshot().resumeAt());

    clock.advanceSeconds(31);
    assertEquals(ProgressStatus.STALLED, progress.status());
    assertEquals(61, progress.snapshot().stalledForSeconds());
  }

  @Test
  void tick_duringWait_endsIt() {
    batches();
    progress.waitUntil(clock.instant().plusSeconds(300), "rate limited");
    clock.advanceSeconds(100);

    progress.tick(100);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.RUNNING, snapshot.status());
    assertNull(snapshot.resumeAt());
    assertNull(snapshot.waitReason());
    // The wait is not running time: the rate is still 10 items/s.
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-9);
  }

  @Test
  void endWait_early_runningAndSilenceCountsFromThere() {
    batches();
    progress.waitUntil(clock.instant().plusSeconds(300), "rate limited");
    clock.advanceSeconds(100);

    assertTrue(progress.endWait());
    assertFalse(progress.endWait());
    clock.advanceSeconds(60);
    assertEquals(ProgressStatus.RUNNING, progress.status());
    clock.advanceSeconds(1);
    assertEquals(ProgressStatus.STALLED, progress.status());
  }

  @Test
  void waitUntil_notRunning_ignored() {
    ScopeProgress pending =
        tracker.register(
            "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:P"), ItemCount.unknown());
    assertFalse(pending.waitUntil(clock.instant().plusSeconds(60), "rate limited"));
    progress.pause();
    assertFalse(progress.waitUntil(clock.instant().plusSeconds(60), "rate limited"));
    progress.done();
    assertFalse(progress.waitUntil(clock.instant().plusSeconds(60), "rate limited"));
    assertEquals(ProgressStatus.DONE, progress.status());
  }

  @Test
  void waitUntil_reasonWithSecret_masked() {
    batches();
    progress.waitUntil(clock.instant().plusSeconds(60), "429 for token=ghp_abcdefabcdefabcdef1234");

    String reason = progress.snapshot().waitReason();
    assertNotNull(reason);
    assertFalse(reason.contains("ghp_abcdefabcdefabcdef1234"), reason);
  }

  @Test
  void pause_duringWait_pausedAndWaitCleared() {
    batches();
    progress.waitUntil(clock.instant().plusSeconds(300), "rate limited");

    assertTrue(progress.pause());
    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.PAUSED, snapshot.status());
    assertNull(snapshot.resumeAt());
  }

  @Test
  void snapshot_rateLimited_roundTripsThroughJson() {
    batches();
    progress.waitUntil(clock.instant().plusSeconds(300), "rate limited");
    ProgressSnapshot snapshot = progress.snapshot();

    assertEquals(snapshot, ProgressJson.fromJson(ProgressJson.toJson(snapshot)));
  }
}
