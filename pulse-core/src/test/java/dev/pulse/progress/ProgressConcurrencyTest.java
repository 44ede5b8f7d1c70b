package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeKey;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

final class ProgressConcurrencyTest {
  private static final int THREADS = 8;
  private static final int TICKS = 50_000;

  private final FakeClock clock = new FakeClock();
  private final ProgressTracker tracker =
      ProgressTracker.builder().clock(clock).persistInterval(Duration.ofMillis(100)).build();

  @Test
  void tick_eightThreadsOneScope_loseNoCount() throws Exception {
    ScopeProgress progress =
        tracker.start(
            "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"), ItemCount.unknown());

    runConcurrently(index -> progress);

    assertEquals((long) THREADS * TICKS * 3, progress.itemsDone());
    assertEquals((long) THREADS * TICKS * 3, progress.snapshot().itemsDone());
  }

  @Test
  void tick_eightThreadsManyScopes_eachCountExact() throws Exception {
    List<ScopeProgress> scopes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      scopes.add(
          tracker.start(
              "acme",
              EntityType.ISSUES,
              ScopeKey.parse("jira:project:P" + i),
              ItemCount.exact(1_000_000)));
    }

    runConcurrently(index -> scopes.get(index % scopes.size()));

    for (ScopeProgress scope : scopes) {
      assertEquals(2L * TICKS * 3, scope.itemsDone());
    }
  }

  @Test
  void done_whileEightThreadsTick_countFrozenAndEqualToStore() throws Exception {
    RecordingProgressStore store = new RecordingProgressStore();
    ProgressTracker stored = ProgressTracker.builder().clock(clock).store(store).build();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < 40; round++) {
        ScopeKey scope = ScopeKey.parse("jira:project:R" + round);
        ScopeProgress progress =
            stored.start("acme", EntityType.ISSUES, scope, ItemCount.unknown());
        CountDownLatch ticking = new CountDownLatch(THREADS);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          futures.add(
              pool.submit(
                  () -> {
                    ticking.countDown();
                    // Keep ticking well past done(), so ticks race with the finish on the lock-free
                    // path.
                    for (int i = 0; i < 2_000 || !stop.get(); i++) {
                      progress.tick(1);
                    }
                    return null;
                  }));
        }
        ticking.await();
        progress.done();
        long atDone = progress.itemsDone();
        stop.set(true);
        for (Future<?> future : futures) {
          future.get(60, TimeUnit.SECONDS);
        }

        ProgressSnapshot inStore =
            store.delegate.find("acme", EntityType.ISSUES, scope).orElseThrow();
        assertEquals(ProgressStatus.DONE, inStore.status());
        assertEquals(
            atDone, progress.itemsDone(), "round " + round + ": count changed after done()");
        assertEquals(
            inStore.itemsDone(),
            progress.itemsDone(),
            "round " + round + ": memory and store disagree");
        assertEquals(inStore.itemsDone(), progress.snapshot().itemsDone());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void runConcurrently(java.util.function.IntFunction<ScopeProgress> target)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        ScopeProgress progress = target.apply(t);
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < TICKS; i++) {
                    progress.tick(3);
                  }
                  return null;
                }));
      }
      // Time moves while the workers tick, so slow-path folds and writes race with fast-path ticks.
      futures.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < 2_000; i++) {
                  clock.advance(Duration.ofMillis(50));
                  tracker.snapshots();
                }
                return null;
              }));
      go.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
