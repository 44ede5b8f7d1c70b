package dev.pulse.engine;

import static dev.pulse.engine.EngineFixtures.SAME_THREAD;
import static dev.pulse.engine.EngineFixtures.T0;
import static dev.pulse.engine.EngineFixtures.key;
import static dev.pulse.engine.EngineFixtures.scope;
import static dev.pulse.engine.EngineFixtures.tickets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.InvalidConfigException;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.engine.EngineFixtures.RecordingSink;
import dev.pulse.engine.EngineFixtures.Ticket;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.ReadOrder;
import dev.pulse.spi.TransactionalSink;
import dev.pulse.spi.WatermarkStore;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The engine's read modes (newest first, hold-back) and its use of a {@link TransactionalSink}. */
final class ReadModesTest {
  private static final ScopeKey JOBS = scope("JOBS");

  private final FakeClock clock = new FakeClock(T0.plus(Duration.ofDays(1)));
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();

  private Ingestion.Builder<Ticket> ingestion(
      InMemoryConnector<Ticket> connector, RecordingSink sink) {
    return Ingestion.builder(connector, sink, watermarks)
        .tenant("acme")
        .clock(clock)
        .readOptions(SAME_THREAD)
        .preCountExecutor(Runnable::run);
  }

  private static List<Long> ids(int from, int to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** A sink that fails on its n-th write (1-based) and records the others. */
  private static final class FailingSink extends RecordingSink {
    final AtomicInteger writes = new AtomicInteger();
    volatile int failOn = -1;

    @Override
    public void write(ScopeId key, Batch<Ticket> batch) throws Exception {
      if (writes.incrementAndGet() == failOn) {
        throw new java.io.IOException("disk full");
      }
      super.write(key, batch);
    }
  }

  @Test
  void newestFirst_storesEachBatch_andAdvancesOnlyAtTheEndOfTheWalk() {
    InMemoryConnector<Ticket> builds =
        EngineFixtures.connector()
            .readOrder(ReadOrder.NEWEST_FIRST)
            .scope(JOBS, tickets(1, 25))
            .build();
    RecordingSink sink = new RecordingSink();
    List<Watermark> seenDuringWalk = new ArrayList<>();
    IngestionListener listener =
        new IngestionListener() {
          @Override
          public void batchStored(Batch<?> batch, Watermark watermark) {
            seenDuringWalk.add(watermark);
          }
        };

    IngestionReport report = ingestion(builds, sink).listener(listener).build().run();

    assertEquals(3, sink.batches.size(), "each page is stored as it arrives");
    assertEquals(
        ids(16, 25), sink.batches.get(0).items().stream().map(Ticket::id).sorted().toList());
    assertTrue(seenDuringWalk.stream().allMatch(Watermark::isNone), "no advance mid-walk");
    Watermark after = watermarks.get(key(JOBS));
    assertEquals(new Ticket(25, T0.plusSeconds(25)).position(), after.position());
    assertEquals(25, after.itemsStored());
    assertEquals(25, report.itemsStored());
  }

  @Test
  void newestFirst_sinkFailureMidWalk_thenRerun_losesNoRecord() {
    InMemoryConnector<Ticket> builds =
        EngineFixtures.connector()
            .readOrder(ReadOrder.NEWEST_FIRST)
            .scope(JOBS, tickets(1, 25))
            .build();
    FailingSink sink = new FailingSink();
    sink.failOn = 2;

    IngestionReport failed = ingestion(builds, sink).build().run();

    assertEquals(ErrorCode.SINK_FAILED, failed.scopes().get(0).errorCode());
    assertTrue(watermarks.get(key(JOBS)).isNone(), "a failed walk leaves the watermark");

    IngestionReport rerun = ingestion(builds, sink).build().run();
    builds.append(JOBS, tickets(26, 5));
    IngestionReport third = ingestion(builds, sink).build().run();

    assertTrue(rerun.unfinished().isEmpty());
    assertTrue(third.unfinished().isEmpty());
    assertEquals(ids(1, 30), List.copyOf(new TreeSet<>(sink.ids())), "no record lost");
    assertEquals(5, third.itemsStored(), "the third run reads only what was appended");
    List<Long> all = sink.ids();
    assertEquals(ids(26, 30), all.subList(all.size() - 5, all.size()).stream().sorted().toList());
    assertEquals(
        new Ticket(30, T0.plusSeconds(30)).position(), watermarks.get(key(JOBS)).position());
  }

  @Test
  void holdBack_instantWatermarkStopsAtRunStartMinusHoldBack() {
    Instant start = clock.instant();
    List<Ticket> recent = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      // One ticket a minute, the last one a minute before the run starts.
      recent.add(new Ticket(i, start.minus(Duration.ofMinutes(31 - i))));
    }
    InMemoryConnector<Ticket> search =
        EngineFixtures.connector().holdBack(Duration.ofMinutes(10)).scope(JOBS, recent).build();
    RecordingSink sink = new RecordingSink();

    IngestionReport first = ingestion(search, sink).build().run();

    assertEquals(30, first.itemsStored(), "everything is stored");
    Position cap = Position.at(start.minus(Duration.ofMinutes(10)));
    assertEquals(cap, watermarks.get(key(JOBS)).position());

    IngestionReport again = ingestion(search, sink).build().run();
    assertEquals(10, again.itemsStored(), "the held-back range is read again");
    assertEquals(cap, watermarks.get(key(JOBS)).position());

    clock.advance(Duration.ofHours(1));
    ingestion(search, sink).build().run();
    assertEquals(recent.get(29).position(), watermarks.get(key(JOBS)).position());
  }

  /** A transactional sink over the engine's store, counting which path the engine took. */
  private static final class TxSink extends RecordingSink implements TransactionalSink<Ticket> {
    final WatermarkStore store;
    final AtomicInteger plainWrites = new AtomicInteger();
    final AtomicInteger transactions = new AtomicInteger();

    TxSink(WatermarkStore store) {
      this.store = store;
    }

    @Override
    public void write(ScopeId key, Batch<Ticket> batch) throws Exception {
      plainWrites.incrementAndGet();
      super.write(key, batch);
    }

    @Override
    public Watermark writeAndAdvance(
        ScopeId key, Batch<Ticket> batch, Position position, long itemsAdded, Instant at)
        throws Exception {
      transactions.incrementAndGet();
      batches.add(batch);
      return store.advance(key, position, itemsAdded, at);
    }

    @Override
    public WatermarkStore watermarkStore() {
      return store;
    }
  }

  @Test
  void transactionalSink_storesAndAdvancesInOneCall() {
    InMemoryConnector<Ticket> connector =
        EngineFixtures.connector().scope(JOBS, tickets(1, 25)).build();
    TxSink sink = new TxSink(watermarks);

    IngestionReport report = ingestion(connector, sink).build().run();

    assertTrue(report.unfinished().isEmpty());
    assertEquals(3, sink.transactions.get());
    assertEquals(0, sink.plainWrites.get());
    assertEquals(25, watermarks.get(key(JOBS)).itemsStored());
  }

  @Test
  void transactionalSink_overAnotherStore_isRefusedAtBuild() {
    InMemoryConnector<Ticket> connector =
        EngineFixtures.connector().scope(JOBS, tickets(1, 5)).build();
    TxSink sink = new TxSink(new InMemoryWatermarkStore());

    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ingestion(connector, sink).build());

    assertEquals(ErrorCode.INVALID_CONFIG, e.code());
    assertTrue(e.getMessage().contains("watermarkStore()"), e.getMessage());
  }
}
