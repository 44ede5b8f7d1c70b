package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeKey;
import dev.pulse.StoreException;
import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.spi.ProgressStore;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the review of the progress tracker (restart, folding, persistence, clocks,
 * retries).
 */
final class ScopeProgressReviewTest {
  private static final String TENANT = "acme";
  private static final ScopeKey SCOPE = ScopeKey.parse("jira:project:BG");

  private final FakeClock clock = new FakeClock();
  private final RecordingProgressStore store = new RecordingProgressStore();
  private final ProgressTracker tracker =
      ProgressTracker.builder()
          .clock(clock)
          .store(store)
          .persistInterval(Duration.ofSeconds(5))
          .build();

  private ScopeProgress start(ProgressTracker on, ItemCount estimate) {
    return on.start(TENANT, EntityType.ISSUES, SCOPE, estimate);
  }

  private ProgressSnapshot stored() {
    return store.delegate.find(TENANT, EntityType.ISSUES, SCOPE).orElseThrow();
  }

  @Test
  void register_afterRestartWithUnfinishedStoredRun_keepsStoredRunAndStartResumes() {
    ScopeProgress before = start(tracker, ItemCount.exact(10_000));
    clock.advanceSeconds(100);
    before.tick(6_000);
    tracker.flush();
    clock.advance(Duration.ofMinutes(30));

    ProgressTracker restarted = ProgressTracker.builder().clock(clock).store(store).build();
    restarted.register(TENANT, EntityType.ISSUES, SCOPE, ItemCount.exact(4_000));
    restarted.poll();
    restarted.flush();

    assertEquals(ProgressStatus.RUNNING, stored().status());
    assertEquals(6_000, stored().itemsDone());

    ScopeProgress after = start(restarted, ItemCount.exact(4_000));
    ProgressSnapshot snapshot = after.snapshot();
    assertEquals(6_000, snapshot.itemsDone());
    assertEquals(10_000L, snapshot.itemsEstimate());
    assertEquals(60.0, snapshot.progressPct());
    assertEquals(FakeClock.DEFAULT_START, snapshot.startedAt());
  }

  @Test
  void done_longAfterLastBatch_leavesRateUnchanged() {
    ScopeProgress progress = start(tracker, ItemCount.exact(10_000));
    for (int i = 0; i < 10; i++) {
      clock.advanceSeconds(1);
      progress.tick(100);
    }
    double rate = progress.snapshot().itemsPerSecond();
    clock.advanceSeconds(50);

    progress.done();

    assertEquals(100.0, rate, 1e-9);
    assertEquals(rate, progress.snapshot().itemsPerSecond(), 1e-9);
    assertEquals(rate, stored().itemsPerSecond(), 1e-9);
  }

  @Test
  void done_afterUnfoldedFastTicks_foldsThemAtTheLastBatch() {
    ScopeProgress progress = start(tracker, ItemCount.exact(10_000));
    clock.advanceSeconds(1);
    progress.tick(100);
    clock.advance(Duration.ofMillis(100));
    progress.tick(10);
    clock.advanceSeconds(50);

    progress.done();

    // 110 items over 1.1 s of work, not over the 51.1 s until done().
    assertEquals(100.0, progress.snapshot().itemsPerSecond(), 1e-6);
    assertEquals(110, progress.itemsDone());
  }

  @Test
  void poll_quietScopeWithFastPathTicks_persistsCount() {
    ScopeProgress progress = start(tracker, ItemCount.exact(10_000));
    clock.advanceSeconds(5);
    progress.tick(100);
    int writes = store.saves.size();
    assertEquals(100, stored().itemsDone());
    // Ticks within the fold interval stay on the lock-free path and do not mark the scope dirty.
    clock.advance(Duration.ofMillis(100));
    progress.tick(50);
    clock.advance(Duration.ofMillis(100));
    progress.tick(50);
    clock.advanceSeconds(10);

    tracker.poll();

    assertEquals(writes + 1, store.saves.size());
    assertEquals(200, stored().itemsDone());
  }

  @Test
  void snapshot_wallClockSteppedBack_elapsedMonotonicAndLastProgressNotBeforeStart() {
    ScopeProgress progress = start(tracker, ItemCount.exact(10_000));
    clock.advanceSeconds(100);
    progress.tick(1_000);
    clock.setWallTime(FakeClock.DEFAULT_START.minus(Duration.ofHours(1)));
    clock.advanceSeconds(20);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(120, snapshot.elapsedSeconds());
    Instant lastProgress = snapshot.lastProgressAt();
    assertTrue(
        lastProgress != null && !lastProgress.isBefore(snapshot.startedAt()),
        String.valueOf(lastProgress));

    progress.done();
    ProgressSnapshot done = progress.snapshot();
    assertEquals(120, done.elapsedSeconds());
    Instant finishedAt = done.finishedAt();
    assertTrue(
        finishedAt != null && !finishedAt.isBefore(done.startedAt()), String.valueOf(finishedAt));
  }

  @Test
  void snapshot_wallClockSteppedForward_elapsedFollowsMonotonicTime() {
    ScopeProgress progress = start(tracker, ItemCount.exact(10_000));
    clock.advanceSeconds(30);
    progress.tick(10);
    clock.setWallTime(FakeClock.DEFAULT_START.plus(Duration.ofHours(5)));

    assertEquals(30, progress.snapshot().elapsedSeconds());
  }

  @Test
  void start_restoredRun_carriesElapsedAndCountsOnMonotonically() {
    ScopeProgress before = start(tracker, ItemCount.exact(10_000));
    clock.advanceSeconds(100);
    before.tick(1_000);
    tracker.flush();
    clock.advanceSeconds(20);

    ProgressTracker restarted = ProgressTracker.builder().clock(clock).store(store).build();
    ScopeProgress after = start(restarted, ItemCount.exact(9_000));
    clock.setWallTime(FakeClock.DEFAULT_START);
    clock.advanceSeconds(10);

    assertEquals(130, after.snapshot().elapsedSeconds());
  }

  @Test
  void tick_lastProgressNeverMovesBack() {
    ScopeProgress progress = start(tracker, ItemCount.exact(10_000));
    clock.advanceSeconds(1);
    progress.tick(1);
    Instant first = progress.snapshot().lastProgressAt();
    clock.advance(Duration.ofMillis(10));
    progress.tick(1);
    Instant second = progress.snapshot().lastProgressAt();

    assertTrue(
        first != null && second != null && !second.isBefore(first), first + " then " + second);
    assertEquals(FakeClock.DEFAULT_START.plusMillis(1_010), second);
  }

  @Test
  void tick_slowPathWaitingForLock_readsClockInsideLock() throws Exception {
    ScopeProgress progress = start(tracker, ItemCount.unknown());
    clock.advanceSeconds(1);
    Thread ticker = new Thread(() -> progress.tick(1));
    synchronized (progress) {
      // Past the fold deadline the tick takes the slow path and waits for the lock this thread
      // holds.
      ticker.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (ticker.getState() != Thread.State.BLOCKED && System.nanoTime() - deadline < 0) {
        Thread.onSpinWait();
      }
      assertEquals(Thread.State.BLOCKED, ticker.getState());
      clock.advanceSeconds(10);
      progress.tick(1);
    }
    ticker.join(Duration.ofSeconds(30).toMillis());

    assertFalse(ticker.isAlive());
    assertEquals(2, progress.itemsDone());
    assertEquals(FakeClock.DEFAULT_START.plusSeconds(11), progress.snapshot().lastProgressAt());
  }

  @Test
  void retryFailedWrites_manyFailedScopes_atMostOneRetryPerTick() {
    CountingStore counting = new CountingStore();
    ProgressTracker tracked =
        ProgressTracker.builder()
            .clock(clock)
            .store(counting)
            .persistInterval(Duration.ofSeconds(5))
            .build();
    ScopeProgress ticking =
        tracked.start(
            TENANT, EntityType.ISSUES, ScopeKey.parse("jira:project:T"), ItemCount.unknown());
    counting.failing = true;
    for (int i = 0; i < 5; i++) {
      tracked
          .start(
              TENANT, EntityType.ISSUES, ScopeKey.parse("jira:project:F" + i), ItemCount.unknown())
          .done();
    }
    assertEquals(5, tracked.pendingRetries());
    clock.advanceSeconds(10);
    int before = counting.attempts.get();

    ticking.tick(1);

    // The tick's own (due) write plus at most one retry of another scope.
    assertTrue(
        counting.attempts.get() - before <= 2, "attempts: " + (counting.attempts.get() - before));

    counting.failing = false;
    tracked.flush();
    assertEquals(0, tracked.pendingRetries());
  }

  /** A store that counts every save attempt and can be told to fail. */
  private static final class CountingStore implements ProgressStore {
    final InMemoryProgressStore delegate = new InMemoryProgressStore();
    final AtomicInteger attempts = new AtomicInteger();
    volatile boolean failing;

    @Override
    public void save(ProgressSnapshot snapshot) {
      attempts.incrementAndGet();
      if (failing) {
        throw new StoreException("database unavailable", null);
      }
      delegate.save(snapshot);
    }

    @Override
    public Optional<ProgressSnapshot> find(String tenant, EntityType entityType, ScopeKey scope) {
      return delegate.find(tenant, entityType, scope);
    }

    @Override
    public List<ProgressSnapshot> list(String tenant) {
      return delegate.list(tenant);
    }
  }
}
