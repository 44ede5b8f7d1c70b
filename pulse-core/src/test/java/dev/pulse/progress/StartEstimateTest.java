package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.testing.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the one meaning of the estimate given to {@link ProgressTracker#start}: the items the run
 * reads from its start; the total is the items done before the run plus it.
 */
final class StartEstimateTest {
  private static final String TENANT = "acme";
  private static final ScopeKey SCOPE = ScopeKey.parse("jira:project:BG");

  private final FakeClock clock = new FakeClock();
  private final RecordingProgressStore store = new RecordingProgressStore();
  private final ProgressTracker tracker =
      ProgressTracker.builder().clock(clock).store(store).build();

  private ScopeProgress start(ProgressTracker on, ItemCount estimate) {
    return on.start(TENANT, EntityType.ISSUES, SCOPE, estimate);
  }

  /**
   * Leaves a run interrupted at {@code done} items in the store and returns a restarted tracker.
   */
  private ProgressTracker interruptedAt(long done) {
    ScopeProgress before = start(tracker, ItemCount.exact(10_000));
    clock.advanceSeconds(100);
    before.tick(done);
    tracker.flush();
    clock.advanceSeconds(60);
    return ProgressTracker.builder().clock(clock).store(store).build();
  }

  @Test
  void start_newRun_estimateIsTheTotal() {
    ScopeProgress progress = start(tracker, ItemCount.exact(1_000));
    clock.advanceSeconds(10);
    progress.tick(250);

    ProgressSnapshot snapshot = progress.snapshot();
    assertEquals(1_000L, snapshot.itemsEstimate());
    assertEquals(25.0, snapshot.progressPct());
  }

  @Test
  void start_resumedRun_totalIsRestoredCountPlusEstimate() {
    ScopeProgress progress = start(interruptedAt(6_000), ItemCount.exact(4_000));
    assertEquals(10_000L, progress.snapshot().itemsEstimate());
    assertEquals(60.0, progress.snapshot().progressPct());

    clock.advanceSeconds(10);
    progress.tick(1_000);

    assertEquals(7_000, progress.itemsDone());
    assertEquals(70.0, progress.snapshot().progressPct());
  }

  @Test
  void reviseEstimate_resumedRun_sameMeaningAsStart() {
    ScopeProgress progress = start(interruptedAt(6_000), ItemCount.exact(4_000));

    progress.reviseEstimate(ItemCount.approximate(5_000));

    assertEquals(11_000L, progress.snapshot().itemsEstimate());
  }

  @Test
  void reviseEstimate_newRun_sameMeaningAsStart() {
    ScopeProgress progress = start(tracker, ItemCount.exact(1_000));

    progress.reviseEstimate(ItemCount.approximate(1_500));

    assertEquals(1_500L, progress.snapshot().itemsEstimate());
  }

  @Test
  void start_runningResumedRun_replacesTheRunsEstimate() {
    ProgressTracker restarted = interruptedAt(6_000);
    start(restarted, ItemCount.exact(4_000));

    ScopeProgress again = start(restarted, ItemCount.exact(3_000));

    assertEquals(9_000L, again.snapshot().itemsEstimate());
  }

  @Test
  void start_afterFinishedRun_newRunCountsFromZero() {
    ScopeProgress progress = start(tracker, ItemCount.exact(1_000));
    progress.tick(1_000);
    progress.done();

    start(tracker, ItemCount.exact(200));
    progress.tick(50);

    assertEquals(50, progress.itemsDone());
    assertEquals(200L, progress.snapshot().itemsEstimate());
    assertEquals(25.0, progress.snapshot().progressPct());
  }

  record Ticket(String id, Instant updatedAt) {}

  @Test
  void listener_newRunFromAMidScopeWatermark_totalIsThePreCount() {
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      tickets.add(new Ticket(Integer.toString(i), t0.plusSeconds(i)));
    }
    InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
    Ticket last = tickets.get(59);
    watermarks.advance(
        ScopeId.of(TENANT, EntityType.ISSUES, SCOPE),
        Position.at(last.updatedAt(), last.id()),
        60,
        clock.instant());
    InMemoryConnector<Ticket> connector =
        InMemoryConnector.<Ticket>builder(
                "jira", EntityType.ISSUES, t -> Position.at(t.updatedAt(), t.id()))
            .scope(SCOPE, tickets)
            .build();
    List<ProgressSnapshot> atFirstBatch = new ArrayList<>();

    Ingestion.builder(
            connector,
            (key, batch) -> {
              if (atFirstBatch.isEmpty()) {
                atFirstBatch.add(tracker.snapshot(TENANT, EntityType.ISSUES, SCOPE).orElseThrow());
              }
              clock.advanceSeconds(1);
            },
            watermarks)
        .tenant(TENANT)
        .clock(clock)
        .listener(tracker.listener())
        .readOptions(ReadOptions.builder().pageSize(10).executor(Runnable::run).build())
        .build()
        .run();

    // No run in the progress store: the run reads the 40 items after the watermark, and that is
    // its total.
    assertEquals(40L, atFirstBatch.get(0).itemsEstimate());
    assertEquals(0.0, atFirstBatch.get(0).progressPct());
    ProgressSnapshot done = tracker.snapshot(TENANT, EntityType.ISSUES, SCOPE).orElseThrow();
    assertEquals(ProgressStatus.DONE, done.status());
    assertEquals(40, done.itemsDone());
    assertEquals(40L, done.itemsEstimate());
  }
}
