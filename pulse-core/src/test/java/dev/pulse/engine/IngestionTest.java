package dev.pulse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.Watermark;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.Sink;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class IngestionTest {
  private static final String SOURCE = "memory";
  private static final ScopeKey BG = ScopeKey.of(SOURCE, "project", "BG");
  private static final ScopeKey OPS = ScopeKey.of(SOURCE, "project", "OPS");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final ReadOptions SAME_THREAD =
      ReadOptions.builder().pageSize(10).prefetch(1).executor(Runnable::run).build();

  record Ticket(String id, Instant updatedAt) {}

  private final FakeClock clock = new FakeClock();
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
  private final RecordingSink sink = new RecordingSink();

  private static List<Ticket> tickets(int from, int count) {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      // Three tickets per minute, so batches end in the middle of a shared timestamp.
      tickets.add(new Ticket(Integer.toString(i), T0.plusSeconds(60L * (i / 3))));
    }
    return tickets;
  }

  private static InMemoryConnector<Ticket> connector(int perScope) {
    return InMemoryConnector.<Ticket>builder(
            SOURCE, EntityType.ISSUES, t -> Position.at(t.updatedAt(), Long.parseLong(t.id())))
        .scope(BG, tickets(1, perScope))
        .scope(OPS, tickets(1, perScope))
        .build();
  }

  private Ingestion.Builder<Ticket> ingestion(Connector<Ticket> connector) {
    return Ingestion.builder(connector, sink, watermarks)
        .tenant("acme")
        .clock(clock)
        .readOptions(SAME_THREAD);
  }

  private static ScopeId key(ScopeKey scope) {
    return ScopeId.of("acme", EntityType.ISSUES, scope);
  }

  @Test
  void run_storesEveryBatchBeforeAdvancingItsWatermark() {
    List<String> order = new CopyOnWriteArrayList<>();
    IngestionListener listener =
        new IngestionListener() {
          @Override
          public void batchStored(Batch<?> batch, Watermark watermark) {
            assertTrue(
                sink.batches.contains(batch),
                "the batch is in the sink before the listener hears of it");
            assertEquals(batch.position(), watermark.position());
            order.add(batch.scope().value() + "#" + batch.sequence());
          }
        };

    IngestionReport report = ingestion(connector(25)).listener(listener).build().run();

    assertEquals(List.of("BG#0", "BG#1", "BG#2", "OPS#0", "OPS#1", "OPS#2"), order);
    assertEquals(50, report.itemsStored());
    assertTrue(report.unfinished().isEmpty());
    Watermark bg = watermarks.get(key(BG));
    assertEquals(25, bg.itemsStored());
    assertEquals(Position.at(T0.plusSeconds(60L * 8), 25), bg.position());
    assertEquals(clock.instant(), bg.updatedAt());
  }

  @Test
  void run_again_readsOnlyNewItems() {
    InMemoryConnector<Ticket> connector = connector(25);
    Ingestion<Ticket> ingestion = ingestion(connector).build();
    ingestion.run();

    assertEquals(0, ingestion.run().itemsStored(), "nothing new, nothing read");

    connector.append(BG, tickets(26, 4));
    IngestionReport third = ingestion.run();
    assertEquals(4, third.itemsStored());
    assertEquals(List.of("26", "27", "28", "29"), sink.idsAfter(50 + 0));
    assertEquals(29, watermarks.get(key(BG)).itemsStored());
  }

  @Test
  void run_sinkFailure_keepsWatermarkAtLastStoredBatch_andResumesWithoutLossOrDuplicate() {
    InMemoryConnector<Ticket> connector = connector(25);
    sink.failOnWrite = 2;

    IngestionReport failedRun = ingestion(connector).build().run();

    ScopeResult bg = failedRun.scopes().get(0);
    assertEquals(ScopeResult.Outcome.FAILED, bg.outcome());
    assertEquals(ErrorCode.SINK_FAILED, bg.errorCode());
    assertFalse(
        String.valueOf(bg.error()).contains("disk full"),
        "a foreign exception's message may hold secrets, so only its type is reported: "
            + bg.error());
    assertTrue(String.valueOf(bg.error()).contains("IOException"), bg.error());
    assertEquals(10, bg.itemsStored());
    assertEquals(10, watermarks.get(key(BG)).itemsStored());
    assertEquals(
        ScopeResult.Outcome.DONE, failedRun.scopes().get(1).outcome(), "the other scope goes on");

    sink.failOnWrite = -1;
    IngestionReport retry = ingestion(connector).build().run();

    assertEquals(15, retry.scopes().get(0).itemsStored());
    List<String> bgIds = sink.idsOf(BG);
    List<String> expected = tickets(1, 25).stream().map(Ticket::id).toList();
    assertEquals(expected, bgIds, "every item exactly once, in order");
  }

  @Test
  void run_unhealthySource_isSkippedAndReported() {
    List<Health> skipped = new ArrayList<>();
    Connector<Ticket> down =
        new DelegatingConnector(connector(5)) {
          @Override
          public Health checkHealth() {
            return Health.down(ErrorCode.SOURCE_UNAVAILABLE, "connection refused");
          }
        };
    IngestionListener listener =
        new IngestionListener() {
          @Override
          public void sourceSkipped(String source, EntityType entityType, Health health) {
            skipped.add(health);
          }
        };

    IngestionReport report = ingestion(down).listener(listener).build().run();

    assertTrue(report.sourceSkipped());
    assertTrue(report.scopes().isEmpty());
    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, skipped.get(0).code());
    assertTrue(sink.batches.isEmpty());
  }

  @Test
  void run_fetchFailure_failsOnlyThatScopeWithTheSourceCode() {
    Connector<Ticket> flaky =
        new DelegatingConnector(connector(5)) {
          @Override
          public PageFetcher<Ticket> openScope(ScopeKey scope) {
            if (scope.equals(BG)) {
              return request -> {
                throw new SourceException(
                    ErrorCode.INVALID_DATA, SOURCE, scope, "unparseable JSON", null);
              };
            }
            return super.openScope(scope);
          }
        };

    IngestionReport report = ingestion(flaky).build().run();

    assertEquals(ErrorCode.INVALID_DATA, report.scopes().get(0).errorCode());
    assertTrue(watermarks.get(key(BG)).isNone());
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(1).outcome());
  }

  @Test
  void run_failingListener_doesNotBreakIngestion() {
    IngestionListener throwing =
        new IngestionListener() {
          @Override
          public void batchStored(Batch<?> batch, Watermark watermark) {
            throw new IllegalStateException("listener bug");
          }
        };

    IngestionReport report = ingestion(connector(25)).listener(throwing).build().run();

    assertEquals(50, report.itemsStored());
    assertTrue(report.unfinished().isEmpty());
  }

  @Test
  void cancel_midScope_keepsStoredBatchesAndCancelsTheRest() {
    List<Ingestion<Ticket>> holder = new ArrayList<>();
    IngestionListener cancelAfterFirst =
        new IngestionListener() {
          @Override
          public void batchStored(Batch<?> batch, Watermark watermark) {
            holder.get(0).cancel();
          }
        };
    Ingestion<Ticket> ingestion = ingestion(connector(25)).listener(cancelAfterFirst).build();
    holder.add(ingestion);

    IngestionReport report = ingestion.run();

    assertEquals(ScopeResult.Outcome.CANCELLED, report.scopes().get(0).outcome());
    assertEquals(10, report.scopes().get(0).itemsStored());
    assertEquals(10, watermarks.get(key(BG)).itemsStored());
    assertEquals(ScopeResult.Outcome.CANCELLED, report.scopes().get(1).outcome());
    assertTrue(watermarks.get(key(OPS)).isNone());
  }

  @Test
  void run_whileRunning_isRejected() {
    List<Ingestion<Ticket>> holder = new ArrayList<>();
    List<RuntimeException> rejected = new ArrayList<>();
    IngestionListener reenter =
        new IngestionListener() {
          @Override
          public void scopeStarted(Watermark from, ItemCount estimate) {
            try {
              holder.get(0).run();
            } catch (IllegalStateException e) {
              rejected.add(e);
            }
          }
        };
    Ingestion<Ticket> ingestion = ingestion(connector(5)).listener(reenter).build();
    holder.add(ingestion);

    IngestionReport report = ingestion.run();

    assertEquals(2, rejected.size());
    assertTrue(
        rejected.get(0).getMessage().contains("already running"), rejected.get(0).getMessage());
    assertEquals(10, report.itemsStored());
    assertEquals(
        0, ingestion.run().itemsStored(), "the engine can run again once the first run ended");
  }

  @Test
  void run_reportsThePreCountToTheListener() {
    List<ItemCount> estimates = new ArrayList<>();
    IngestionListener listener =
        new IngestionListener() {
          @Override
          public void scopeStarted(Watermark from, ItemCount estimate) {
            estimates.add(estimate);
          }
        };

    ingestion(connector(25)).listener(listener).build().run();

    assertEquals(List.of(ItemCount.exact(25), ItemCount.exact(25)), estimates);
  }

  @Test
  void run_preCountOverBudget_continuesWithUnknownEstimate() {
    CountDownLatch never = new CountDownLatch(1);
    List<ItemCount> estimates = Collections.synchronizedList(new ArrayList<>());
    Connector<Ticket> slowCount =
        new DelegatingConnector(connector(5)) {
          @Override
          public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return ItemCount.exact(5);
          }
        };
    IngestionListener listener =
        new IngestionListener() {
          @Override
          public void scopeStarted(Watermark from, ItemCount estimate) {
            estimates.add(estimate);
          }
        };
    try {
      // Even with a same-thread fetch executor, the engine's budget, not the connector, bounds the
      // wait.
      IngestionReport report =
          ingestion(slowCount)
              .listener(listener)
              .preCountBudget(Duration.ofMillis(20))
              .build()
              .run();
      assertEquals(10, report.itemsStored());
      assertEquals(List.of(ItemCount.unknown(), ItemCount.unknown()), estimates);
    } finally {
      never.countDown();
    }
  }

  @Test
  void builder_rejectsForeignScopesAndBadBudgets() {
    Ingestion.Builder<Ticket> builder = ingestion(connector(1));
    IllegalArgumentException foreign =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.scopes(List.of(ScopeKey.parse("jira:project:BG"))));
    assertTrue(foreign.getMessage().contains("jira:project:BG"), foreign.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.preCountBudget(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.tenant(""));
  }

  @Test
  void scopes_fixedList_readsOnlyThose() {
    IngestionReport report = ingestion(connector(5)).scopes(List.of(OPS)).build().run();

    assertEquals(1, report.scopes().size());
    assertEquals(OPS, report.scopes().get(0).key().scope());
    assertNull(report.scopes().get(0).errorCode());
    assertFalse(watermarks.get(key(OPS)).isNone());
  }

  /** A sink that records batches and can be told to fail on its n-th write (1-based). */
  private static final class RecordingSink implements Sink<Ticket> {
    final List<Batch<Ticket>> batches = new CopyOnWriteArrayList<>();
    final AtomicInteger writes = new AtomicInteger();
    volatile int failOnWrite = -1;

    @Override
    public void write(ScopeId key, Batch<Ticket> batch) throws Exception {
      if (writes.incrementAndGet() == failOnWrite) {
        throw new java.io.IOException("disk full");
      }
      batches.add(batch);
    }

    List<String> idsOf(ScopeKey scope) {
      return batches.stream()
          .filter(b -> b.scope().equals(scope))
          .flatMap(b -> b.items().stream())
          .map(Ticket::id)
          .toList();
    }

    List<String> idsAfter(int skip) {
      return batches.stream().flatMap(b -> b.items().stream()).skip(skip).map(Ticket::id).toList();
    }
  }

  /** Forwards everything to another connector; tests override the one method they change. */
  private static class DelegatingConnector extends ForwardingConnector<Ticket> {
    private final Connector<Ticket> delegate;

    DelegatingConnector(Connector<Ticket> delegate) {
      this.delegate = delegate;
    }

    @Override
    protected Connector<Ticket> delegate() {
      return delegate;
    }
  }
}
