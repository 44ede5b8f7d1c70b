package dev.pulse.engine;

import static dev.pulse.engine.EngineFixtures.SAME_THREAD;
import static dev.pulse.engine.EngineFixtures.SOURCE;
import static dev.pulse.engine.EngineFixtures.T0;
import static dev.pulse.engine.EngineFixtures.key;
import static dev.pulse.engine.EngineFixtures.scope;
import static dev.pulse.engine.EngineFixtures.sneaky;
import static dev.pulse.engine.EngineFixtures.tickets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.Watermark;
import dev.pulse.engine.EngineFixtures.Delegating;
import dev.pulse.engine.EngineFixtures.ForwardingStore;
import dev.pulse.engine.EngineFixtures.RecordingSink;
import dev.pulse.engine.EngineFixtures.Ticket;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.Sink;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 8's engine defects (items 2 to 8): each failed before the fix. Each
 * test's Javadoc names its defect.
 */
final class Issue8DefectsTest {
  private static final ScopeKey BG = scope("BG");
  private static final ScopeKey OPS = scope("OPS");
  private static final ScopeKey WEB = scope("WEB");
  private static final ScopeKey API = scope("API");

  private final FakeClock clock = new FakeClock(T0.plusSeconds(3600));
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
  private final RecordingSink sink = new RecordingSink();

  private static InMemoryConnector<Ticket> connector(int perScope, ScopeKey... scopes) {
    InMemoryConnector.Builder<Ticket> builder = EngineFixtures.connector();
    for (ScopeKey scope : scopes) {
      builder.scope(scope, tickets(1, perScope));
    }
    return builder.build();
  }

  /** A connector whose scopes are read through fetchers made by a function; counts fetches. */
  private static final class Scripted extends Delegating {
    final Map<ScopeKey, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final Function<ScopeKey, PageFetcher<Ticket>> fetchers;

    Scripted(Connector<Ticket> delegate, Function<ScopeKey, PageFetcher<Ticket>> fetchers) {
      super(delegate);
      this.fetchers = fetchers;
    }

    @Override
    public PageFetcher<Ticket> openScope(ScopeKey scope) {
      PageFetcher<Ticket> fetcher = fetchers.apply(scope);
      AtomicInteger count = fetches.computeIfAbsent(scope, s -> new AtomicInteger());
      return request -> {
        count.incrementAndGet();
        return fetcher.fetch(request);
      };
    }

    int fetchesOf(ScopeKey scope) {
      AtomicInteger count = fetches.get(scope);
      return count == null ? 0 : count.get();
    }

    int totalFetches() {
      return fetches.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  private Ingestion.Builder<Ticket> ingestion(Connector<Ticket> connector) {
    return Ingestion.builder(connector, sink, watermarks)
        .tenant("acme")
        .clock(clock)
        .readOptions(SAME_THREAD)
        .preCountExecutor(Runnable::run);
  }

  private static Ticket ticket(long id) {
    return new Ticket(id, T0.plusSeconds(id));
  }

  private static Position at(long id) {
    return ticket(id).position();
  }

  // ---- 2. Backwards batches ----

  /**
   * Defect 2: a non-empty page whose position is not after the position asked for is accepted when
   * the continuation changed. It is INVALID_DATA now: the scope fails and nothing is stored or
   * advanced.
   */
  @Test
  void backwardsPage_withNewContinuation_failsInvalidData_andAdvancesNothing() {
    watermarks.advance(key(BG), at(20), 20, clock.instant());
    Scripted pagedByNumber =
        new Scripted(
            connector(1, BG),
            scope -> request -> Page.more(List.of(ticket(4), ticket(5)), at(5), "page-2"));

    IngestionReport report = ingestion(pagedByNumber).build().run();

    ScopeResult bg = report.scopes().get(0);
    assertEquals(ScopeResult.Outcome.FAILED, bg.outcome());
    assertEquals(ErrorCode.INVALID_DATA, bg.errorCode());
    assertTrue(sink.batches.isEmpty(), "a backwards page is never stored");
    assertEquals(at(20), watermarks.get(key(BG)).position());
  }

  /**
   * Defect 2: an advance the store refuses (it returns the old watermark) was ignored, so batches
   * went on being stored behind a watermark that never moved. It is INVALID_DATA now.
   */
  @Test
  void advanceThatRefusesToMove_failsInvalidData_andStoresNoFurtherBatch() {
    ForwardingStore stuck =
        new ForwardingStore() {
          @Override
          public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
            return get(key);
          }
        };

    IngestionReport report =
        Ingestion.builder(connector(25, BG), sink, stuck)
            .tenant("acme")
            .clock(clock)
            .readOptions(SAME_THREAD)
            .build()
            .run();

    ScopeResult bg = report.scopes().get(0);
    assertEquals(ErrorCode.INVALID_DATA, bg.errorCode());
    assertEquals(1, sink.batches.size(), "the run stops at the first refused advance");
    assertTrue(stuck.get(key(BG)).isNone());
  }

  // ---- 3. Endless pages ----

  /**
   * Defect 3: a source that always answers "more" with no items was fetched without end by one
   * hasNext(). The read now fails with NO_PROGRESS after the configured number of empty pages.
   */
  @Test
  void endlessEmptyPages_failNoProgress_afterTheCap() {
    AtomicInteger page = new AtomicInteger();
    Scripted endless =
        new Scripted(
            connector(1, BG),
            scope ->
                request -> new Page<>(List.of(), null, true, "page-" + page.incrementAndGet()));
    ReadOptions capped =
        ReadOptions.builder().pageSize(10).executor(Runnable::run).maxIdlePages(50).build();

    IngestionReport report = ingestion(endless).readOptions(capped).build().run();

    assertEquals(ErrorCode.NO_PROGRESS, report.scopes().get(0).errorCode());
    assertEquals(51, endless.fetchesOf(BG));
  }

  /**
   * Defect 3: a position that never moves while the continuation alternates delivered one item
   * again and again. The repeated page is rejected at its first repetition.
   */
  @Test
  void nonMovingPositionWithAlternatingContinuation_deliversTheItemOnce() {
    AtomicInteger page = new AtomicInteger();
    Scripted stuck =
        new Scripted(
            connector(1, BG),
            scope ->
                request ->
                    Page.more(
                        List.of(ticket(1)), at(1), page.incrementAndGet() % 2 == 0 ? "a" : "b"));

    IngestionReport report = ingestion(stuck).build().run();

    assertEquals(ErrorCode.INVALID_DATA, report.scopes().get(0).errorCode());
    assertEquals(List.of(1L), sink.ids());
    assertEquals(2, stuck.fetchesOf(BG));
  }

  // ---- 4. Hangs ----

  /** A fetcher for BG that blocks until interrupted, telling the test when it started and ended. */
  private static final class Hanging implements Function<ScopeKey, PageFetcher<Ticket>> {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch never = new CountDownLatch(1);
    private final Connector<Ticket> healthy;

    Hanging(Connector<Ticket> healthy) {
      this.healthy = healthy;
    }

    @Override
    public PageFetcher<Ticket> apply(ScopeKey scope) {
      if (!scope.equals(BG)) {
        return healthy.openScope(scope);
      }
      return request -> {
        started.countDown();
        try {
          never.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw e;
        }
        return Page.last(List.of(), null);
      };
    }
  }

  /**
   * Defect 4: a fetch that never returns blocked its scope and every later one. The fetch timeout
   * fails the wait with TIMED_OUT, interrupts the fetch, and the next scope is read.
   */
  @Test
  void fetchTimeout_failsTheHungScope_interruptsTheFetch_andReadsTheNext() throws Exception {
    InMemoryConnector<Ticket> healthy = connector(5, BG, OPS);
    Hanging hanging = new Hanging(healthy);
    Scripted connector = new Scripted(healthy, hanging);
    // Only the hung fetch runs on a thread of its own; the others run inline, so the tiny timeout
    // can only ever catch the hung one.
    AtomicBoolean first = new AtomicBoolean(true);
    ReadOptions timed =
        ReadOptions.builder()
            .pageSize(10)
            .fetchTimeout(Duration.ofMillis(50))
            .executor(
                task -> {
                  if (first.compareAndSet(true, false)) {
                    new Thread(task, "hung-fetch").start();
                  } else {
                    task.run();
                  }
                })
            .build();

    IngestionReport report =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> ingestion(connector).readOptions(timed).build().run());

    assertEquals(ErrorCode.TIMED_OUT, report.scopes().get(0).errorCode());
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(1).outcome());
    assertEquals(5, sink.idsOf(OPS).size());
    assertTrue(hanging.interrupted.await(10, TimeUnit.SECONDS), "the hung fetch was interrupted");
  }

  /**
   * Defect 4: interrupting the thread running run() left a timing-dependent mix of FAILED and read
   * scopes. It means cancel() now: every unfinished scope ends CANCELLED, and the thread's
   * interrupt flag is set again when run() returns.
   */
  @Test
  void interruptingTheRunThread_cancelsEveryScope() throws Exception {
    InMemoryConnector<Ticket> healthy = connector(5, BG, OPS, WEB);
    Hanging hanging = new Hanging(healthy);
    Scripted connector = new Scripted(healthy, hanging);
    Ingestion<Ticket> ingestion =
        ingestion(connector).readOptions(ReadOptions.builder().pageSize(10).build()).build();
    AtomicReference<@Nullable IngestionReport> report = new AtomicReference<>();
    AtomicBoolean flagAfterRun = new AtomicBoolean();
    Thread runner =
        new Thread(
            () -> {
              report.set(ingestion.run());
              flagAfterRun.set(Thread.currentThread().isInterrupted());
            });

    runner.start();
    assertTrue(hanging.started.await(10, TimeUnit.SECONDS));
    runner.interrupt();
    runner.join(10_000);

    IngestionReport result = report.get();
    assertFalse(runner.isAlive());
    assertTrue(result != null);
    for (ScopeResult scope : result.scopes()) {
      assertEquals(ScopeResult.Outcome.CANCELLED, scope.outcome(), scope.toString());
    }
    assertTrue(flagAfterRun.get(), "the interrupt is handed back to the caller");
    assertTrue(hanging.interrupted.await(10, TimeUnit.SECONDS), "the hung fetch was interrupted");
    assertTrue(sink.batches.isEmpty());
  }

  /**
   * Defect 4: cancel() left a fetch blocked on the source holding its thread. It interrupts the
   * fetch now, and every scope ends CANCELLED.
   */
  @Test
  void cancel_interruptsAHungFetch() throws Exception {
    InMemoryConnector<Ticket> healthy = connector(5, BG, OPS);
    Hanging hanging = new Hanging(healthy);
    Scripted connector = new Scripted(healthy, hanging);
    Ingestion<Ticket> ingestion =
        ingestion(connector).readOptions(ReadOptions.builder().pageSize(10).build()).build();
    AtomicReference<@Nullable IngestionReport> report = new AtomicReference<>();
    Thread runner = new Thread(() -> report.set(ingestion.run()));

    runner.start();
    assertTrue(hanging.started.await(10, TimeUnit.SECONDS));
    ingestion.cancel();
    runner.join(10_000);

    assertTrue(hanging.interrupted.await(10, TimeUnit.SECONDS), "the hung fetch was interrupted");
    IngestionReport result = report.get();
    assertTrue(result != null);
    assertEquals(
        List.of(ScopeResult.Outcome.CANCELLED, ScopeResult.Outcome.CANCELLED),
        result.scopes().stream().map(ScopeResult::outcome).toList());
  }

  /**
   * Defect 4: an interrupt that arrives while a batch is stored (here raised by the sink, on the
   * run's own thread) cancels the run deterministically: no later scope is read.
   */
  @Test
  void interruptDuringAWrite_cancelsTheRestOfTheRun() {
    Sink<Ticket> interrupting =
        (key, batch) -> {
          sink.write(key, batch);
          Thread.currentThread().interrupt();
        };
    IngestionReport report;
    try {
      report =
          Ingestion.builder(connector(25, BG, OPS), interrupting, watermarks)
              .tenant("acme")
              .clock(clock)
              .readOptions(SAME_THREAD)
              .build()
              .run();
    } finally {
      assertTrue(Thread.interrupted(), "run() hands the interrupt back");
    }

    assertEquals(ScopeResult.Outcome.CANCELLED, report.scopes().get(0).outcome());
    assertEquals(10, report.scopes().get(0).itemsStored());
    assertEquals(ScopeResult.Outcome.CANCELLED, report.scopes().get(1).outcome());
    assertTrue(sink.idsOf(OPS).isEmpty());
  }

  /**
   * Defect 4: there was no per-scope time budget. A scope past its budget (on the engine's clock)
   * now fails with TIMED_OUT after its last stored batch, and the next scope gets its own budget.
   */
  @Test
  void scopeBudget_stopsAScopeThatRunsLong_keepingWhatItStored() {
    Sink<Ticket> slow =
        (key, batch) -> {
          sink.write(key, batch);
          clock.advance(Duration.ofSeconds(10));
        };
    ReadOptions budgeted =
        ReadOptions.builder()
            .pageSize(10)
            .executor(Runnable::run)
            .scopeBudget(Duration.ofSeconds(25))
            .build();

    IngestionReport report =
        Ingestion.builder(connector(50, BG, OPS), slow, watermarks)
            .tenant("acme")
            .clock(clock)
            .readOptions(budgeted)
            .build()
            .run();

    for (ScopeResult scope : report.scopes()) {
      assertEquals(ErrorCode.TIMED_OUT, scope.errorCode());
      assertEquals(30, scope.itemsStored());
      assertEquals(at(30), scope.watermark().position());
    }
  }

  // ---- 5. Escaping throwables ----

  /** Defect 5: a sink throwing NoClassDefFoundError aborted the whole run. */
  @Test
  void sinkThrowingNoClassDefFoundError_failsOnlyItsScope() {
    Sink<Ticket> broken =
        (key, batch) -> {
          if (key.scope().equals(BG)) {
            throw new NoClassDefFoundError("com/acme/Driver");
          }
          sink.write(key, batch);
        };

    IngestionReport report =
        Ingestion.builder(connector(5, BG, OPS), broken, watermarks)
            .tenant("acme")
            .clock(clock)
            .readOptions(SAME_THREAD)
            .build()
            .run();

    assertEquals(ErrorCode.SINK_FAILED, report.scopes().get(0).errorCode());
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(1).outcome());
    assertTrue(watermarks.get(key(BG)).isNone());
  }

  /** Defect 5: a listener throwing AssertionError aborted the whole run. */
  @Test
  void listenerThrowingAssertionError_isIgnored() {
    IngestionListener broken =
        new IngestionListener() {
          @Override
          public void scopeStarted(Watermark from, ItemCount estimate) {
            throw new AssertionError("listener bug");
          }

          @Override
          public void batchStored(Batch<?> batch, Watermark watermark) {
            throw new AssertionError("listener bug");
          }

          @Override
          public void scopeFinished(ScopeResult result) {
            throw new AssertionError("listener bug");
          }
        };

    IngestionReport report = ingestion(connector(25, BG, OPS)).listener(broken).build().run();

    assertTrue(report.unfinished().isEmpty());
    assertEquals(50, report.itemsStored());
  }

  /**
   * Defect 5: a store throwing an undeclared checked SQLException aborted the run. It fails its
   * scope with STORE_FAILED, without the exception's message (which may hold secrets).
   */
  @Test
  void storeThrowingSneakySqlException_failsItsScopeWithStoreFailed() {
    ForwardingStore broken =
        new ForwardingStore() {
          @Override
          public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
            if (key.scope().equals(BG)) {
              throw sneaky(new SQLException("password=hunter2"));
            }
            return super.advance(key, position, itemsAdded, at);
          }
        };

    IngestionReport report =
        Ingestion.builder(connector(5, BG, OPS), sink, broken)
            .tenant("acme")
            .clock(clock)
            .readOptions(SAME_THREAD)
            .build()
            .run();

    ScopeResult bg = report.scopes().get(0);
    assertEquals(ErrorCode.STORE_FAILED, bg.errorCode());
    assertFalse(String.valueOf(bg.error()).contains("hunter2"), bg.error());
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(1).outcome());
  }

  /**
   * Defect 5: a connector throwing an undeclared checked IOException (from openScope, from its
   * fetcher's close, from discovery or the health check) aborted the run.
   */
  @Test
  void connectorThrowingSneakyIoException_failsItsScopeOrSkipsTheSource() {
    Connector<Ticket> openFails =
        new Delegating(connector(5, BG, OPS)) {
          @Override
          public PageFetcher<Ticket> openScope(ScopeKey scope) {
            if (scope.equals(BG)) {
              throw sneaky(new IOException("connection reset"));
            }
            PageFetcher<Ticket> fetcher = super.openScope(scope);
            return new PageFetcher<>() {
              @Override
              public Page<Ticket> fetch(PageRequest request) throws Exception {
                return fetcher.fetch(request);
              }

              @Override
              public void close() {
                throw sneaky(new IOException("close failed"));
              }
            };
          }
        };
    Connector<Ticket> discoveryFails =
        new Delegating(connector(5, BG)) {
          @Override
          public List<ScopeKey> discoverScopes() {
            throw sneaky(new IOException("discovery"));
          }
        };
    Connector<Ticket> healthFails =
        new Delegating(connector(5, BG)) {
          @Override
          public Health checkHealth() {
            throw new NoClassDefFoundError("io/netty/Channel");
          }
        };

    IngestionReport opened = ingestion(openFails).build().run();
    IngestionReport discovered = ingestion(discoveryFails).build().run();
    IngestionReport checked = ingestion(healthFails).build().run();

    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, opened.scopes().get(0).errorCode());
    assertEquals(
        ScopeResult.Outcome.DONE,
        opened.scopes().get(1).outcome(),
        "a fetcher failing to close does not fail a stored scope");
    assertTrue(discovered.sourceSkipped());
    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, discovered.health().code());
    assertTrue(checked.sourceSkipped());
    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, checked.health().code());
  }

  /** Defect 5: only a VirtualMachineError may leave run(): the JVM itself is failing. */
  @Test
  void virtualMachineError_propagates() {
    Sink<Ticket> outOfMemory =
        (key, batch) -> {
          throw new OutOfMemoryError("test");
        };

    assertThrows(
        OutOfMemoryError.class,
        () ->
            Ingestion.builder(connector(5, BG), outOfMemory, watermarks)
                .tenant("acme")
                .clock(clock)
                .readOptions(SAME_THREAD)
                .build()
                .run());
  }

  // ---- 6. A refusing source ----

  /** Defect 6: after AUTH_FAILED the engine still asked the source once per scope. */
  @Test
  void authFailed_skipsTheSourcesRemainingScopes_withoutAskingIt() {
    Scripted refusing =
        new Scripted(
            connector(5, BG, OPS, WEB, API),
            scope ->
                request -> {
                  throw new SourceException(
                      ErrorCode.AUTH_FAILED, SOURCE, scope, "401 Unauthorized", null);
                });

    IngestionReport report = ingestion(refusing).build().run();

    assertEquals(1, refusing.totalFetches(), "the source is asked once");
    assertEquals(4, report.scopes().size());
    for (ScopeResult scope : report.scopes()) {
      assertEquals(ScopeResult.Outcome.FAILED, scope.outcome());
      assertEquals(ErrorCode.AUTH_FAILED, scope.errorCode());
    }
    assertTrue(String.valueOf(report.scopes().get(3).error()).contains("skipped"));
  }

  /**
   * Defect 6: after RATE_LIMITED with a retry-after of 47 minutes the engine asked again at once.
   * The remaining scopes now wait (through the pauser, on the engine's clock) until the resume
   * time, and are read after it.
   */
  @Test
  void rateLimited_remainingScopesWaitForTheResumeTime() {
    InMemoryConnector<Ticket> healthy = connector(5, BG, OPS, WEB);
    List<Instant> askedAt = new CopyOnWriteArrayList<>();
    AtomicBoolean limited = new AtomicBoolean();
    Scripted limiting =
        new Scripted(
            healthy,
            scope -> {
              PageFetcher<Ticket> fetcher = healthy.openScope(scope);
              return request -> {
                askedAt.add(clock.instant());
                if (limited.compareAndSet(false, true)) {
                  throw new SourceException(
                      ErrorCode.RATE_LIMITED,
                      SOURCE,
                      scope,
                      "429 Too Many Requests",
                      Duration.ofMinutes(47),
                      null);
                }
                return fetcher.fetch(request);
              };
            });
    List<Duration> pauses = new ArrayList<>();
    Instant start = clock.instant();

    IngestionReport report =
        ingestion(limiting)
            .pauser(
                d -> {
                  pauses.add(d);
                  clock.advance(d);
                })
            .build()
            .run();

    assertEquals(ErrorCode.RATE_LIMITED, report.scopes().get(0).errorCode());
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(1).outcome());
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(2).outcome());
    assertEquals(List.of(Duration.ofMinutes(47)), pauses);
    assertEquals(start.plus(Duration.ofMinutes(47)), report.scopes().get(0).resumeAt());
    assertNull(report.scopes().get(1).resumeAt(), "read after the wait, not rate limited");
    assertEquals(1, limiting.fetchesOf(BG));
    for (Instant at : askedAt.subList(1, askedAt.size())) {
      assertFalse(at.isBefore(start.plus(Duration.ofMinutes(47))), "asked again only at " + at);
    }
  }

  /**
   * Defect 6: a resume time past the run's budget is not waited for: the remaining scopes are
   * reported RATE_LIMITED with that time, and the source is not asked again.
   */
  @Test
  void rateLimited_pastTheRunBudget_reportsTheRemainingScopesWithTheResumeTime() {
    Scripted limiting =
        new Scripted(
            connector(5, BG, OPS, WEB),
            scope ->
                request -> {
                  throw new SourceException(
                      ErrorCode.RATE_LIMITED,
                      SOURCE,
                      scope,
                      "429 Too Many Requests",
                      Duration.ofMinutes(47),
                      null);
                });
    List<Duration> pauses = new ArrayList<>();
    Instant resume = clock.instant().plus(Duration.ofMinutes(47));

    IngestionReport report =
        ingestion(limiting).runBudget(Duration.ofMinutes(30)).pauser(pauses::add).build().run();

    assertEquals(1, limiting.totalFetches());
    assertTrue(pauses.isEmpty());
    for (ScopeResult scope : report.scopes()) {
      assertEquals(ErrorCode.RATE_LIMITED, scope.errorCode());
      assertEquals(resume, scope.resumeAt());
    }
    assertTrue(
        String.valueOf(report.scopes().get(2).error()).contains(resume.toString()),
        report.scopes().get(2).error());
  }

  // ---- 7. Pre-counts ----

  /**
   * Defect 7: the pre-count budget was paid scope after scope before reading (1,000 scopes x 5 s).
   * Counts run beside the reads now, at most {@code preCountConcurrency} at once, and a run waits
   * for counts at most one budget in all: 1,000 scopes whose counts never return are read without
   * waiting for each (with the 200 ms budget here the old engine needed 200 s).
   */
  @Test
  void preCounts_runBesideReads_bounded_andNeverAddUp() {
    InMemoryConnector.Builder<Ticket> builder = EngineFixtures.connector();
    List<ScopeKey> scopes = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      ScopeKey scope = scope("P" + i);
      scopes.add(scope);
      builder.scope(scope, tickets(1, 1));
    }
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    Connector<Ticket> slowCounts =
        new Delegating(builder.build()) {
          @Override
          public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              inFlight.decrementAndGet();
            }
            return ItemCount.exact(1);
          }
        };
    try {
      IngestionReport report =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () ->
                  Ingestion.builder(slowCounts, sink, watermarks)
                      .tenant("acme")
                      .clock(clock)
                      .readOptions(SAME_THREAD)
                      .preCountBudget(Duration.ofMillis(200))
                      .preCountConcurrency(4)
                      .build()
                      .run());

      assertEquals(1_000, report.scopes().size());
      assertTrue(report.unfinished().isEmpty());
      assertEquals(1_000, report.itemsStored());
      assertTrue(maxInFlight.get() <= 4, "at most 4 counts at once, saw " + maxInFlight.get());
    } finally {
      never.countDown();
    }
  }

  /** Defect 7: a count that arrives after its scope started is reported through scopeEstimated. */
  @Test
  void preCount_arrivingLate_isReportedThroughScopeEstimated() {
    ManualExecutor counts = new ManualExecutor();
    List<ItemCount> started = new ArrayList<>();
    List<ItemCount> estimated = new ArrayList<>();
    IngestionListener listener =
        new IngestionListener() {
          @Override
          public void scopeStarted(Watermark from, ItemCount estimate) {
            started.add(estimate);
          }

          @Override
          public void scopeEstimated(ScopeId key, ItemCount estimate) {
            estimated.add(estimate);
          }
        };
    Sink<Ticket> countsArriveDuringTheFirstWrite =
        (key, batch) -> {
          sink.write(key, batch);
          counts.runAll();
        };

    Ingestion.builder(connector(25, BG), countsArriveDuringTheFirstWrite, watermarks)
        .tenant("acme")
        .clock(clock)
        .readOptions(SAME_THREAD)
        .listener(listener)
        .preCountBudget(Duration.ofMillis(20))
        .preCountExecutor(counts)
        .build()
        .run();

    assertEquals(List.of(ItemCount.unknown()), started);
    assertEquals(List.of(ItemCount.exact(25)), estimated);
  }

  // ---- 8. Executor failures and skipped ranges ----

  /**
   * Defect 8: an executor throwing something other than RejectedExecutionException left the
   * iterator "fetching" forever. The read fails with SOURCE_UNAVAILABLE and stays answerable.
   */
  @Test
  void executorThrowingIllegalState_failsTheRead_insteadOfHangingIt() {
    ReadOptions broken =
        ReadOptions.builder()
            .executor(
                task -> {
                  throw new IllegalStateException("pool shut down");
                })
            .build();
    PageFetcher<Ticket> fetcher = request -> Page.last(List.of(ticket(1)), at(1));

    try (BatchIterator<Ticket> iterator = BatchIterator.open(fetcher, BG, null, broken)) {
      SourceException first = assertThrows(SourceException.class, iterator::hasNext);
      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, first.code());
      assertTrue(
          iterator.nextAsync().toCompletableFuture().isDone(),
          "a later call is answered at once instead of waiting for a fetch that never ran");
    }
  }

  /**
   * Defect 8: an empty last page carrying a position never became the watermark, so a range the
   * connector skipped was scanned again every run.
   */
  @Test
  void emptyLastPageWithAPosition_becomesTheWatermark() {
    List<@Nullable Position> asked = new CopyOnWriteArrayList<>();
    Scripted skipping =
        new Scripted(
            connector(1, BG),
            scope ->
                request -> {
                  asked.add(request.after());
                  if (request.after() == null) {
                    return Page.more(List.of(ticket(1), ticket(2)), at(2));
                  }
                  return Page.last(List.of(), at(9));
                });

    Ingestion<Ticket> ingestion = ingestion(skipping).build();
    IngestionReport first = ingestion.run();
    ingestion.run();

    assertEquals(at(9), first.scopes().get(0).watermark().position());
    assertEquals(at(9), watermarks.get(key(BG)).position());
    assertEquals(2, watermarks.get(key(BG)).itemsStored());
    assertEquals(at(9), asked.get(2), "the next run resumes after the skipped range");
    assertNull(first.scopes().get(0).errorCode());
  }
}
