package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.ScopeKey;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: with a write executor, progress-store writes are coalesced and off ingestion threads.
 */
final class AsyncProgressWritesTest {
  private static final ScopeKey BG = ScopeKey.parse("jira:project:BG");
  private final FakeClock clock = new FakeClock();

  @Test
  void writeExecutor_writesWaitForTheExecutorAndCoalescePerScope() {
    RecordingProgressStore store = new RecordingProgressStore();
    ManualExecutor writer = new ManualExecutor();
    ProgressTracker tracker =
        ProgressTracker.builder().clock(clock).store(store).writeExecutor(writer).build();

    ScopeProgress progress = tracker.start("acme", EntityType.ISSUES, BG, ItemCount.exact(100));
    for (int i = 0; i < 10; i++) {
      clock.advanceSeconds(10);
      progress.tick(10);
    }
    progress.done();

    assertTrue(store.saves.isEmpty(), "no write on the ingestion thread");
    assertEquals(
        ProgressStatus.DONE,
        tracker.snapshot("acme", EntityType.ISSUES, BG).orElseThrow().status());
    assertEquals(1, tracker.pendingWrites());
    writer.runAll();
    assertEquals(1, store.saves.size(), "start, progress and done coalesced into one write");
    assertEquals(ProgressStatus.DONE, store.saves.get(0).status());
    assertEquals(100, store.saves.get(0).itemsDone());
    assertEquals(0, tracker.pendingWrites());
  }

  @Test
  void writeExecutor_failedWriteStaysQueuedAndTheNextPollRetriesIt() {
    RecordingProgressStore store = new RecordingProgressStore();
    ManualExecutor writer = new ManualExecutor();
    ProgressTracker tracker =
        ProgressTracker.builder().clock(clock).store(store).writeExecutor(writer).build();
    ScopeProgress progress = tracker.start("acme", EntityType.ISSUES, BG, ItemCount.exact(10));
    progress.tick(10);
    progress.done();

    store.failing = true;
    writer.runAll();
    assertEquals(1, tracker.storeFailures());
    assertEquals(1, tracker.pendingWrites());
    assertEquals(0, writer.pending(), "a failing store is not retried in a loop");

    store.failing = false;
    tracker.poll();
    writer.runAll();

    assertEquals(0, tracker.pendingWrites());
    assertEquals(ProgressStatus.DONE, store.saves.get(store.saves.size() - 1).status());
  }

  @Test
  void writeExecutor_blockingStore_neverBlocksTicksStartsOrFinishes() throws Exception {
    CountDownLatch inSave = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch doneStored = new CountDownLatch(1);
    RecordingProgressStore store =
        new RecordingProgressStore() {
          @Override
          public void save(ProgressSnapshot snapshot) {
            inSave.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.save(snapshot);
            if (snapshot.scopeKey().equals(BG) && snapshot.status() == ProgressStatus.DONE) {
              doneStored.countDown();
            }
          }
        };
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      ProgressTracker tracker =
          ProgressTracker.builder().clock(clock).store(store).writeExecutor(writer).build();
      ScopeProgress first = tracker.start("acme", EntityType.ISSUES, BG, ItemCount.exact(1_000));
      assertTrue(inSave.await(10, TimeUnit.SECONDS), "the writer is stuck in the store");

      // Everything below would wait for the store if writes ran on this thread.
      for (int i = 0; i < 100; i++) {
        clock.advanceSeconds(6);
        first.tick(10);
      }
      ScopeProgress second =
          tracker.start(
              "acme", EntityType.ISSUES, ScopeKey.parse("jira:project:OPS"), ItemCount.unknown());
      second.done();
      first.done();
      tracker.flush();
      assertFalse(doneStored.await(0, TimeUnit.SECONDS), "the store is still blocked");

      release.countDown();
      assertTrue(doneStored.await(10, TimeUnit.SECONDS));
      writer.shutdown();
      assertTrue(writer.awaitTermination(10, TimeUnit.SECONDS));
      assertEquals(
          ProgressStatus.DONE,
          store.find("acme", EntityType.ISSUES, BG).orElseThrow().status(),
          "the latest snapshot wins");
      assertEquals(1_000, store.find("acme", EntityType.ISSUES, BG).orElseThrow().itemsDone());
    } finally {
      release.countDown();
      writer.shutdownNow();
    }
  }
}
