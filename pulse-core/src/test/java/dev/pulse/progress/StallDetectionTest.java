package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeKey;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class StallDetectionTest {
  private final FakeClock clock = new FakeClock();
  private final RecordingProgressStore store = new RecordingProgressStore();
  private final ProgressTracker tracker =
      ProgressTracker.builder().clock(clock).store(store).build();
  private final ScopeProgress progress =
      tracker.start(
          "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"), ItemCount.exact(10_000));

  private void batches(int count, long gapSeconds, long items) {
    for (int i = 0; i < count; i++) {
      clock.advanceSeconds(gapSeconds);
      progress.tick(items);
    }
  }

  @Test
  void snapshot_quietPastFloor_stalledWithEtaAtLastHealthyRate() {
    batches(10, 5, 50);
    Long healthyEta = progress.snapshot().etaSeconds();
    clock.advanceSeconds(61);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.STALLED, snapshot.status());
    assertTrue(snapshot.stalled());
    assertEquals(61, snapshot.stalledForSeconds());
    // As of now, the ETA counted down through the source's usual 5 s gap, then held.
    assertEquals(healthyEta - 5, snapshot.etaSeconds());
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-9);
  }

  @Test
  void snapshot_quietUnderFloor_running() {
    batches(10, 5, 50);
    clock.advanceSeconds(60);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.RUNNING, snapshot.status());
    assertFalse(snapshot.stalled());
    assertEquals(0, snapshot.stalledForSeconds());
  }

  @Test
  void snapshot_slowSource_thresholdAdaptsToItsGaps() {
    batches(20, 100, 50);
    clock.advanceSeconds(299);
    assertEquals(ProgressStatus.RUNNING, progress.status());

    clock.advanceSeconds(2);
    assertEquals(ProgressStatus.STALLED, progress.status());
  }

  @Test
  void snapshot_noBatchYet_stallsAfterMultiplierTimesFloor() {
    // A first page may cost a start-up: 100 s without one is not yet a stall (issue 13).
    clock.advanceSeconds(100);
    assertEquals(ProgressStatus.RUNNING, progress.status());

    clock.advanceSeconds(81);
    assertEquals(ProgressStatus.STALLED, progress.status());
  }

  @Test
  void tick_afterStall_runningAgainAndRateUnharmed() {
    batches(10, 5, 50);
    clock.advance(Duration.ofMinutes(20));
    progress.tick(50);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.RUNNING, snapshot.status());
    assertEquals(0, snapshot.stalledForSeconds());
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-6);
  }

  @Test
  void pause_longerThanFloor_notStalled() {
    batches(3, 5, 50);
    progress.pause();
    clock.advance(Duration.ofHours(1));
    assertEquals(ProgressStatus.PAUSED, progress.status());

    progress.resume();
    clock.advanceSeconds(30);
    assertEquals(ProgressStatus.RUNNING, progress.status());
  }

  @Test
  void poll_stallAndRecovery_eachStoredOnce() {
    batches(3, 5, 50);
    clock.advanceSeconds(61);
    tracker.poll();
    tracker.poll();
    assertEquals(ProgressStatus.STALLED, store.lastStatus());
    long stalledWrites =
        store.saves.stream().filter(s -> s.status() == ProgressStatus.STALLED).count();

    progress.tick(50);
    assertEquals(1, stalledWrites);
    assertEquals(ProgressStatus.RUNNING, store.lastStatus());
  }

  @Test
  void stallFloor_configured_used() {
    ProgressTracker strict =
        ProgressTracker.builder().clock(clock).stallFloor(Duration.ofSeconds(10)).build();
    ScopeProgress scope =
        strict.start(
            "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:X"), ItemCount.unknown());
    scope.tick(1);
    clock.advanceSeconds(11);

    assertEquals(ProgressStatus.STALLED, scope.status());
  }
}
