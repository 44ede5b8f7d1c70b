package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeKey;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ProgressPersistenceTest {
  private static final ScopeKey SCOPE = ScopeKey.parse("github:repo:acme/api");
  private static final ScopeKey OTHER = ScopeKey.parse("github:repo:acme/web");

  private final FakeClock clock = new FakeClock();
  private final RecordingProgressStore store = new RecordingProgressStore();
  private final ProgressTracker tracker =
      ProgressTracker.builder()
          .clock(clock)
          .store(store)
          .persistInterval(Duration.ofSeconds(10))
          .build();

  private ScopeProgress start(ScopeKey scope) {
    return tracker.start("acme", EntityType.PULL_REQUESTS, scope, ItemCount.exact(1_000));
  }

  @Test
  void tick_manyWithinInterval_coalescedIntoOneWrite() {
    ScopeProgress progress = start(SCOPE);
    int afterStart = store.saves.size();
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofMillis(500));
      progress.tick(1);
    }

    assertEquals(1, afterStart);
    assertEquals(2, store.saves.size());
    assertEquals(20, progress.itemsDone());
  }

  @Test
  void tick_everyInterval_oneWriteEach() {
    ScopeProgress progress = start(SCOPE);
    for (int i = 0; i < 5; i++) {
      clock.advanceSeconds(10);
      progress.tick(1);
    }

    assertEquals(6, store.saves.size());
  }

  @Test
  void statusChange_withinInterval_writtenAtOnce() {
    ScopeProgress progress = start(SCOPE);
    clock.advanceSeconds(1);
    progress.tick(1);
    progress.pause();
    progress.resume();
    progress.done();

    var statuses = store.saves.stream().map(ProgressSnapshot::status).toList();
    assertEquals(
        java.util.List.of(
            ProgressStatus.RUNNING,
            ProgressStatus.PAUSED,
            ProgressStatus.RUNNING,
            ProgressStatus.DONE),
        statuses);
  }

  @Test
  void failingStore_neverFailsIngestionAndCountsFailures() {
    store.failing = true;
    ScopeProgress progress = assertDoesNotThrow(() -> start(SCOPE));
    for (int i = 0; i < 5; i++) {
      clock.advanceSeconds(10);
      assertDoesNotThrow(() -> progress.tick(10));
    }
    assertDoesNotThrow(() -> progress.done());

    assertEquals(50, progress.itemsDone());
    assertEquals(ProgressStatus.DONE, progress.status());
    assertTrue(tracker.storeFailures() >= 7, "failures: " + tracker.storeFailures());
  }

  @Test
  void failedFinalWrite_retriedOnAnotherScopesTick() {
    ScopeProgress progress = start(SCOPE);
    ScopeProgress other = start(OTHER);
    store.failing = true;
    progress.done();
    assertEquals(
        ProgressStatus.RUNNING,
        store.delegate.find("acme", EntityType.PULL_REQUESTS, SCOPE).orElseThrow().status());
    assertEquals(1, tracker.pendingRetries());

    store.failing = false;
    clock.advanceSeconds(10);
    other.tick(1);

    assertEquals(
        ProgressStatus.DONE,
        store.delegate.find("acme", EntityType.PULL_REQUESTS, SCOPE).orElseThrow().status());
    assertEquals(0, tracker.pendingRetries());
  }

  @Test
  void failedFinalWrite_retriedOnPoll() {
    ScopeProgress progress = start(SCOPE);
    store.failing = true;
    progress.fail("boom");
    store.failing = false;
    clock.advanceSeconds(10);

    tracker.poll();
    assertEquals(ProgressStatus.FAILED, store.lastStatus());
  }

  @Test
  void flush_ignoresInterval() {
    ScopeProgress progress = start(SCOPE);
    clock.advanceSeconds(1);
    progress.tick(1);
    clock.advanceSeconds(1);
    progress.tick(1);
    int before = store.saves.size();

    tracker.flush();
    assertEquals(before + 1, store.saves.size());
    assertEquals(2, store.saves.get(store.saves.size() - 1).itemsDone());
  }

  @Test
  void failingStoreRead_onStart_startsFreshRun() {
    store.failing = true;
    ScopeProgress progress = start(SCOPE);

    assertEquals(ProgressStatus.RUNNING, progress.status());
    assertTrue(tracker.storeFailures() >= 1);
  }
}
