package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.StoreException;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.testing.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProgressListenerTest {
  private static final ScopeKey BG = ScopeKey.of("memory", "project", "BG");
  private static final ScopeKey OPS = ScopeKey.of("memory", "project", "OPS");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  record Ticket(String id, Instant updatedAt) {}

  private final FakeClock clock = new FakeClock();
  private final ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();

  private static List<Ticket> tickets(int count) {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      tickets.add(new Ticket(Integer.toString(i), T0.plusSeconds(i)));
    }
    return tickets;
  }

  private Ingestion.Builder<Ticket> ingestion(dev.pulse.spi.Sink<Ticket> sink) {
    InMemoryConnector<Ticket> connector =
        InMemoryConnector.<Ticket>builder(
                "memory",
                EntityType.ISSUES,
                t -> Position.at(t.updatedAt(), Long.parseLong(t.id())))
            .scope(BG, tickets(25))
            .scope(OPS, tickets(7))
            .build();
    return Ingestion.builder(connector, sink, new InMemoryWatermarkStore())
        .tenant("acme")
        .clock(clock)
        .listener(tracker.listener())
        .readOptions(ReadOptions.builder().pageSize(10).executor(Runnable::run).build());
  }

  @Test
  void listener_tracksEveryScopeToDoneWithItsPreCount() {
    ingestion((key, batch) -> clock.advanceSeconds(2)).build().run();

    ProgressSnapshot bg = tracker.snapshot("acme", EntityType.ISSUES, BG).orElseThrow();
    assertEquals(ProgressStatus.DONE, bg.status());
    assertEquals(25, bg.itemsDone());
    assertEquals(25L, bg.itemsEstimate());
    assertEquals(100.0, bg.progressPct());
    assertEquals(
        ProgressStatus.DONE,
        tracker.snapshot("acme", EntityType.ISSUES, OPS).orElseThrow().status());
  }

  @Test
  void listener_failedScope_isFailedWithItsErrorCode_andOthersAreDone() {
    ingestion(
            (key, batch) -> {
              if (key.scope().equals(BG) && batch.sequence() == 1) {
                throw new java.io.IOException("password=hunter2");
              }
            })
        .build()
        .run();

    ProgressSnapshot bg = tracker.snapshot("acme", EntityType.ISSUES, BG).orElseThrow();
    assertEquals(ProgressStatus.FAILED, bg.status());
    assertEquals(10, bg.itemsDone());
    String error = String.valueOf(bg.lastError());
    assertTrue(error.startsWith("SINK_FAILED"), error);
    assertTrue(!error.contains("hunter2"), error);
    assertEquals(
        ProgressStatus.DONE,
        tracker.snapshot("acme", EntityType.ISSUES, OPS).orElseThrow().status());
  }

  @Test
  void scopeStarted_restoredRun_estimateIsRemainingAfterWatermark() {
    RecordingProgressStore progressStore = new RecordingProgressStore();
    ProgressTracker before = ProgressTracker.builder().clock(clock).store(progressStore).build();
    List<Ticket> tickets = tickets(10_000);
    ScopeProgress interrupted =
        before.start("acme", EntityType.ISSUES, BG, ItemCount.exact(10_000));
    clock.advanceSeconds(600);
    interrupted.tick(6_000);
    before.flush();
    InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
    Ticket last = tickets.get(5_999);
    watermarks.advance(
        ScopeId.of("acme", EntityType.ISSUES, BG),
        Position.at(last.updatedAt(), Long.parseLong(last.id())),
        6_000,
        clock.instant());
    clock.advanceSeconds(60);

    // A restart: a new tracker on the same store, and an engine that pre-counts the 4,000 items
    // left.
    ProgressTracker restarted = ProgressTracker.builder().clock(clock).store(progressStore).build();
    InMemoryConnector<Ticket> connector =
        InMemoryConnector.<Ticket>builder(
                "memory",
                EntityType.ISSUES,
                t -> Position.at(t.updatedAt(), Long.parseLong(t.id())))
            .scope(BG, tickets)
            .build();
    List<ProgressSnapshot> atFirstBatch = new ArrayList<>();
    Ingestion.builder(
            connector,
            (key, batch) -> {
              if (atFirstBatch.isEmpty()) {
                atFirstBatch.add(restarted.snapshot("acme", EntityType.ISSUES, BG).orElseThrow());
              }
              clock.advanceSeconds(1);
            },
            watermarks)
        .tenant("acme")
        .clock(clock)
        .listener(restarted.listener())
        .readOptions(ReadOptions.builder().pageSize(1_000).executor(Runnable::run).build())
        .build()
        .run();

    ProgressSnapshot resumed = atFirstBatch.get(0);
    assertEquals(6_000, resumed.itemsDone());
    assertEquals(10_000L, resumed.itemsEstimate());
    assertEquals(60.0, resumed.progressPct());
    assertFalse(resumed.overrun());
    assertNotEquals(0L, resumed.etaSeconds());
    ProgressSnapshot done = restarted.snapshot("acme", EntityType.ISSUES, BG).orElseThrow();
    assertEquals(ProgressStatus.DONE, done.status());
    assertEquals(10_000, done.itemsDone());
    assertFalse(done.overrun());
    assertEquals(FakeClock.DEFAULT_START, done.startedAt());
  }

  @Test
  void scopeFinished_finalWriteFailsOnce_retriedByTheListener() {
    RecordingProgressStore progressStore =
        new RecordingProgressStore() {
          private boolean failedOnce;

          @Override
          public void save(ProgressSnapshot snapshot) {
            if (!failedOnce
                && snapshot.scopeKey().equals(OPS)
                && snapshot.status() == ProgressStatus.DONE) {
              failedOnce = true;
              throw new StoreException("database unavailable", null);
            }
            super.save(snapshot);
          }
        };
    ProgressTracker stored = ProgressTracker.builder().clock(clock).store(progressStore).build();
    InMemoryConnector<Ticket> connector =
        InMemoryConnector.<Ticket>builder(
                "memory",
                EntityType.ISSUES,
                t -> Position.at(t.updatedAt(), Long.parseLong(t.id())))
            .scope(BG, tickets(25))
            .scope(OPS, tickets(7))
            .build();

    Ingestion.builder(
            connector, (key, batch) -> clock.advanceSeconds(2), new InMemoryWatermarkStore())
        .tenant("acme")
        .clock(clock)
        .listener(stored.listener())
        .readOptions(ReadOptions.builder().pageSize(10).executor(Runnable::run).build())
        .build()
        .run();

    assertTrue(stored.storeFailures() >= 1);
    for (ScopeKey scope : List.of(BG, OPS)) {
      ProgressSnapshot inStore =
          progressStore.delegate.find("acme", EntityType.ISSUES, scope).orElseThrow();
      assertEquals(ProgressStatus.DONE, inStore.status(), scope.toString());
    }
    assertEquals(
        7, progressStore.delegate.find("acme", EntityType.ISSUES, OPS).orElseThrow().itemsDone());
    assertEquals(0, stored.pendingRetries());
  }
}
