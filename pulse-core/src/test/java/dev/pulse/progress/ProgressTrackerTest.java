package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeKey;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class ProgressTrackerTest {
  private static final String TENANT = "acme";
  private static final ScopeKey SCOPE = ScopeKey.parse("jira:project:BG");

  private final FakeClock clock = new FakeClock();
  private final RecordingProgressStore store = new RecordingProgressStore();
  private final ProgressTracker tracker =
      ProgressTracker.builder().clock(clock).store(store).build();

  private ScopeProgress start(ItemCount estimate) {
    return tracker.start(TENANT, EntityType.ISSUES, SCOPE, estimate);
  }

  @Test
  void done_afterAShortBurstOfFastTicks_reportsRateAndLastProgress() {
    ScopeProgress progress = start(ItemCount.exact(30));
    for (int i = 0; i < 3; i++) {
      clock.advance(java.time.Duration.ofMillis(20));
      progress.tick(10);
    }

    progress.done();

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(30, snapshot.itemsDone());
    assertTrue(
        snapshot.itemsPerSecond() > 0,
        "rate of a run shorter than the fold interval: " + snapshot.itemsPerSecond());
    assertEquals(FakeClock.DEFAULT_START.plusMillis(60), snapshot.lastProgressAt());
  }

  @Test
  void register_beforeStart_isPendingAndStored() {
    ScopeProgress progress =
        tracker.register(TENANT, EntityType.ISSUES, SCOPE, ItemCount.exact(100));

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.PENDING, snapshot.status());
    assertNull(snapshot.startedAt());
    assertNull(snapshot.etaSeconds());
    assertEquals(ProgressStatus.PENDING, store.lastStatus());
  }

  @Test
  void start_sameScope_returnsSameHandle() {
    ScopeProgress first = start(ItemCount.exact(100));

    assertSame(first, start(ItemCount.exact(100)));
    assertSame(first, tracker.find(TENANT, EntityType.ISSUES, SCOPE).orElseThrow());
  }

  @Test
  void tick_steadyBatches_reportsRateEtaAndPercent() {
    ScopeProgress progress = start(ItemCount.exact(1000));
    for (int i = 0; i < 5; i++) {
      clock.advanceSeconds(10);
      progress.tick(100);
    }

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.RUNNING, snapshot.status());
    assertEquals(500, snapshot.itemsDone());
    assertEquals(50.0, snapshot.progressPct());
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-9);
    assertEquals(50L, snapshot.etaSeconds());
    assertEquals(FakeClock.DEFAULT_START, snapshot.startedAt());
    assertEquals(FakeClock.DEFAULT_START.plusSeconds(50), snapshot.lastProgressAt());
    assertEquals(50, snapshot.elapsedSeconds());
  }

  @Test
  void tick_pastEstimate_etaExtrapolatesOverrunAndPercentCapped() {
    ScopeProgress progress = start(ItemCount.approximate(100));
    clock.advanceSeconds(10);
    progress.tick(150);

    ProgressSnapshot snapshot = progress.snapshot();
    // 50 items past the estimate: as many again are expected, at 15 items/s.
    assertEquals(3L, snapshot.etaSeconds());
    assertTrue(snapshot.overrun());
    assertEquals(100.0, snapshot.progressPct());
    assertEquals(150, snapshot.itemsDone());
  }

  @Test
  void tick_unknownTotal_reportsRateButNoEta() {
    ScopeProgress progress = start(ItemCount.unknown());
    clock.advanceSeconds(10);
    progress.tick(200);

    ProgressSnapshot snapshot = progress.snapshot();
    assertNull(snapshot.etaSeconds());
    assertNull(snapshot.progressPct());
    assertNull(snapshot.itemsEstimate());
    assertEquals(20.0, snapshot.itemsPerSecond(), 1e-9);
    assertEquals(10, snapshot.elapsedSeconds());
  }

  @Test
  void tick_negative_rejected() {
    ScopeProgress progress = start(ItemCount.unknown());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> progress.tick(-1));
    assertTrue(String.valueOf(e.getMessage()).contains("-1"), e.getMessage());
  }

  @Test
  void tick_onPending_startsRun() {
    ScopeProgress progress =
        tracker.register(TENANT, EntityType.ISSUES, SCOPE, ItemCount.exact(10));
    clock.advanceSeconds(1);
    progress.tick(5);
    assertEquals(ProgressStatus.RUNNING, progress.status());
    clock.advanceSeconds(10);
    progress.tick(10);

    assertEquals(15, progress.itemsDone());
    assertEquals(1.0, progress.snapshot().itemsPerSecond(), 1e-9);
  }

  @Test
  void done_thenFail_firstOutcomeWins() {
    ScopeProgress progress = start(ItemCount.exact(10));
    clock.advanceSeconds(1);
    progress.tick(10);

    assertTrue(progress.done());
    assertFalse(progress.fail(new IllegalStateException("outer handler")));
    assertFalse(progress.cancel());
    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.DONE, snapshot.status());
    assertNull(snapshot.lastError());
    assertEquals(0L, snapshot.etaSeconds());
    assertEquals(100.0, snapshot.progressPct());
    assertEquals(FakeClock.DEFAULT_START.plusSeconds(1), snapshot.finishedAt());
    assertEquals(ProgressStatus.DONE, store.lastStatus());
  }

  @Test
  void fail_withSecret_storesSanitizedError() {
    ScopeProgress progress = start(ItemCount.exact(10));

    assertTrue(
        progress.fail(
            new IllegalStateException(
                "GET https://bot:s3cr3t@api.example.com?token=abc123 failed")));
    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.FAILED, snapshot.status());
    String error = snapshot.lastError();
    assertNotNull(error);
    assertTrue(error.startsWith("IllegalStateException: GET https://***@api.example.com"), error);
    assertFalse(error.contains("s3cr3t") || error.contains("abc123"), error);
    assertNull(snapshot.etaSeconds());
  }

  @Test
  void fail_longMessage_truncated() {
    ProgressTracker small = ProgressTracker.builder().clock(clock).maxErrorLength(40).build();
    ScopeProgress progress = small.start(TENANT, EntityType.ISSUES, SCOPE, ItemCount.unknown());

    progress.fail("x".repeat(1000));
    String error = progress.snapshot().lastError();
    assertNotNull(error);
    assertEquals(40, error.length());
  }

  @Test
  void reviseEstimate_afterDone_ignored() {
    ScopeProgress progress = start(ItemCount.exact(10));
    progress.done();

    progress.reviseEstimate(ItemCount.exact(99));
    assertEquals(10L, progress.snapshot().itemsEstimate());
  }

  @Test
  void cancel_running_isCancelled() {
    ScopeProgress progress = start(ItemCount.exact(10));

    assertTrue(progress.cancel());
    assertEquals(ProgressStatus.CANCELLED, progress.status());
    assertNull(progress.snapshot().etaSeconds());
  }

  @Test
  void tick_afterFinish_ignored() {
    ScopeProgress progress = start(ItemCount.exact(10));
    clock.advanceSeconds(1);
    progress.tick(4);
    progress.cancel();
    clock.advanceSeconds(1);
    progress.tick(4);

    assertEquals(4, progress.itemsDone());
    assertEquals(ProgressStatus.CANCELLED, progress.status());
  }

  @Test
  void start_afterFinish_beginsNewRun() {
    ScopeProgress progress = start(ItemCount.exact(10));
    clock.advanceSeconds(1);
    progress.tick(10);
    progress.done();
    clock.advanceSeconds(100);

    start(ItemCount.exact(20));
    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.RUNNING, snapshot.status());
    assertEquals(0, snapshot.itemsDone());
    assertEquals(FakeClock.DEFAULT_START.plusSeconds(101), snapshot.startedAt());
    assertNull(snapshot.finishedAt());
  }

  @Test
  void pause_thenResume_pausedTimeExcludedFromRate() {
    ScopeProgress progress = start(ItemCount.exact(10_000));
    clock.advanceSeconds(10);
    progress.tick(100);

    assertTrue(progress.pause());
    assertEquals(ProgressStatus.PAUSED, progress.status());
    assertEquals(ProgressStatus.PAUSED, store.lastStatus());
    clock.advance(Duration.ofHours(1));
    assertEquals(ProgressStatus.PAUSED, progress.status());
    assertTrue(progress.resume());
    clock.advanceSeconds(10);
    progress.tick(100);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(ProgressStatus.RUNNING, snapshot.status());
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-9);
    assertEquals(980L, snapshot.etaSeconds());
  }

  @Test
  void pause_whenNotRunning_returnsFalse() {
    ScopeProgress progress =
        tracker.register(TENANT, EntityType.ISSUES, SCOPE, ItemCount.unknown());

    assertFalse(progress.pause());
    assertFalse(progress.resume());
  }

  @Test
  void tick_onPaused_resumes() {
    ScopeProgress progress = start(ItemCount.unknown());
    progress.pause();
    clock.advanceSeconds(5);
    progress.tick(1);

    assertEquals(ProgressStatus.RUNNING, progress.status());
  }

  @Test
  void start_onPaused_resumesWithNewEstimate() {
    ScopeProgress progress = start(ItemCount.exact(100));
    progress.pause();

    start(ItemCount.exact(200));
    assertEquals(ProgressStatus.RUNNING, progress.status());
    assertEquals(200L, progress.snapshot().itemsEstimate());
  }

  @Test
  void start_afterRestart_keepsStartTimeAndRateCountsOnlyNewWork() {
    ScopeProgress before = start(ItemCount.exact(10_000));
    clock.advanceSeconds(100);
    before.tick(5_000);
    before.pause();
    clock.advance(Duration.ofHours(2));

    ProgressTracker restarted = ProgressTracker.builder().clock(clock).store(store).build();
    // The estimate counts the items this run reads: a pre-count after the watermark.
    ScopeProgress after = restarted.start(TENANT, EntityType.ISSUES, SCOPE, ItemCount.exact(5_000));
    clock.advanceSeconds(10);
    after.tick(100);

    ProgressSnapshot snapshot = after.snapshot();
    assertEquals(FakeClock.DEFAULT_START, snapshot.startedAt());
    assertEquals(5_100, snapshot.itemsDone());
    assertEquals(10.0, snapshot.itemsPerSecond(), 1e-9);
    assertEquals(10_000L, snapshot.itemsEstimate());
    assertEquals(490L, snapshot.etaSeconds());
  }

  @Test
  void reviseEstimate_midRun_movesEtaByRevisionOverRate() {
    ScopeProgress progress = start(ItemCount.approximate(1_000));
    for (int i = 0; i < 3; i++) {
      clock.advanceSeconds(10);
      progress.tick(100);
    }
    ProgressSnapshot before = progress.snapshot();

    progress.reviseEstimate(ItemCount.exact(1_500));
    ProgressSnapshot after = progress.snapshot();
    long etaBefore = before.etaSeconds() == null ? -1 : before.etaSeconds();
    long etaAfter = after.etaSeconds() == null ? -1 : after.etaSeconds();
    double bound = 500 / before.itemsPerSecond();
    assertTrue(
        Math.abs(etaAfter - etaBefore) <= bound + 1,
        etaBefore + " -> " + etaAfter + " bound " + bound);
    assertEquals(before.itemsPerSecond(), after.itemsPerSecond());
  }

  @Test
  void reviseEstimate_toUnknown_dropsEta() {
    ScopeProgress progress = start(ItemCount.exact(1_000));
    clock.advanceSeconds(10);
    progress.tick(100);

    progress.reviseEstimate(ItemCount.unknown());
    assertNull(progress.snapshot().etaSeconds());
    assertEquals(10.0, progress.snapshot().itemsPerSecond(), 1e-9);
  }

  @Test
  void lifecycle_everyStatus_reachable() {
    java.util.Set<ProgressStatus> seen = java.util.EnumSet.noneOf(ProgressStatus.class);
    ScopeProgress a = tracker.register(TENANT, EntityType.ISSUES, SCOPE, ItemCount.exact(10));
    seen.add(a.status());
    a.tick(1);
    seen.add(a.status());
    clock.advanceSeconds(61);
    seen.add(a.status());
    a.waitUntil(clock.instant().plusSeconds(30), "rate limited");
    seen.add(a.status());
    a.pause();
    seen.add(a.status());
    a.resume();
    a.done();
    seen.add(a.status());
    ScopeProgress b = tracker.start(TENANT, EntityType.SPRINTS, SCOPE, ItemCount.unknown());
    b.fail("boom");
    seen.add(b.status());
    ScopeProgress c = tracker.start(TENANT, EntityType.INCIDENTS, SCOPE, ItemCount.unknown());
    c.cancel();
    seen.add(c.status());

    assertEquals(java.util.EnumSet.allOf(ProgressStatus.class), seen);
  }

  @Test
  void snapshots_manyScopes_orderedByTenantTypeAndScope() {
    tracker.start("b", EntityType.ISSUES, SCOPE, ItemCount.unknown());
    tracker.start(
        "a", EntityType.PULL_REQUESTS, ScopeKey.parse("github:repo:acme/api"), ItemCount.unknown());
    tracker.start("a", EntityType.ISSUES, SCOPE, ItemCount.unknown());

    var all = tracker.snapshots();
    assertEquals(3, all.size());
    assertEquals("a", all.get(0).tenant());
    assertEquals(EntityType.ISSUES, all.get(0).entityType());
    assertEquals(EntityType.PULL_REQUESTS, all.get(1).entityType());
    assertEquals("b", all.get(2).tenant());
  }

  @Test
  void snapshot_afterQuietTime_lastProgressIsLastBatch() {
    ScopeProgress progress = start(ItemCount.exact(100));
    clock.advanceSeconds(10);
    progress.tick(10);
    clock.advanceSeconds(5);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(Instant.parse("2026-01-01T00:00:10Z"), snapshot.lastProgressAt());
  }
}
