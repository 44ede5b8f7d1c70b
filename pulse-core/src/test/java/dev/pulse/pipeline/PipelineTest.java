package dev.pulse.pipeline;

import static dev.pulse.pipeline.Fixtures.SAME_THREAD;
import static dev.pulse.pipeline.Fixtures.connector;
import static dev.pulse.pipeline.Fixtures.deterministicPipeline;
import static dev.pulse.pipeline.Fixtures.failingOpen;
import static dev.pulse.pipeline.Fixtures.key;
import static dev.pulse.pipeline.Fixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.StoreException;
import dev.pulse.Watermark;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.pipeline.Fixtures.RecordingSink;
import dev.pulse.pipeline.Fixtures.Ticket;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.Sink;
import dev.pulse.spi.WatermarkStore;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class PipelineTest {
  private final FakeClock clock = new FakeClock();
  private final ManualTimer timer = new ManualTimer(clock);
  private final ManualExecutor executor = new ManualExecutor();
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
  private final List<Duration> retryDelays = new CopyOnWriteArrayList<>();

  private Pipeline.Builder pipeline() {
    return deterministicPipeline(clock, timer, executor, watermarks)
        .listener(
            new PipelineListener() {
              @Override
              public void retryScheduled(
                  ScopeId key, int nextAttempt, Duration delay, dev.pulse.status.ErrorEnvelope e) {
                retryDelays.add(delay);
              }
            });
  }

  private static <T> PipelineSource.Builder<T> source(Connector<T> connector, Sink<T> sink) {
    return PipelineSource.of(connector, sink).readOptions(SAME_THREAD);
  }

  @Test
  void runOnce_readsEverySourceIntoItsOwnSink() {
    RecordingSink alphaSink = new RecordingSink();
    RecordingSink betaSink = new RecordingSink();
    Pipeline pipeline =
        pipeline()
            .source(source(connector("alpha", 25, "A", "B"), alphaSink).build())
            .source(source(connector("beta", 7, "C"), betaSink).build())
            .build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();

    PipelineReport report = run.join();
    assertTrue(report.succeeded());
    assertEquals(57, report.itemsStored());
    assertEquals(50, alphaSink.items.size());
    assertEquals(7, betaSink.items.size());
    assertTrue(betaSink.ids().stream().allMatch(id -> id.startsWith("C-")));
    assertEquals(25, watermarks.get(key("alpha", "A")).itemsStored());
    assertEquals(7, watermarks.get(key("beta", "C")).itemsStored());
    assertEquals(List.of("alpha/issues", "beta/issues"), pipeline.sourceIds());
  }

  @Test
  void runOnce_secondRunReadsOnlyNewItems() {
    RecordingSink sink = new RecordingSink();
    InMemoryConnector<Ticket> connector = connector("alpha", 5, "A");
    Pipeline pipeline = pipeline().source(source(connector, sink).build()).build();
    assertNotNull(pipeline.runOnce());
    executor.runAll();
    connector.append(
        scope("alpha", "A"), List.of(new Ticket("A-99", Fixtures.T0.plusSeconds(86_400))));

    CompletableFuture<PipelineReport> second = pipeline.runOnce();
    executor.runAll();

    assertEquals(1, second.join().itemsStored());
    assertEquals(6, sink.items.size());
  }

  @Test
  void limits_perSourceAndGlobal_areNeverExceeded() {
    RecordingSink alphaSink = new RecordingSink();
    RecordingSink betaSink = new RecordingSink();
    Pipeline pipeline =
        pipeline()
            .globalConcurrency(3)
            .source(
                source(connector("alpha", 3, "A1", "A2", "A3", "A4", "A5"), alphaSink)
                    .concurrency(2)
                    .build())
            .source(
                source(connector("beta", 3, "B1", "B2", "B3", "B4", "B5"), betaSink)
                    .concurrency(2)
                    .build())
            .build();
    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    assertEquals(2, executor.pending(), "one opening task per source");
    executor.runNext();
    assertEquals(3, executor.pending(), "alpha's open task queued two scopes: its own limit");
    executor.runNext();
    assertEquals(3, executor.pending(), "beta got the one global slot left");

    int maxPending = 0;
    while (executor.runNext()) {
      maxPending = Math.max(maxPending, executor.pending());
    }

    assertTrue(maxPending <= 3, "never more than the global limit queued: " + maxPending);
    assertTrue(run.join().succeeded());
    assertEquals(15, alphaSink.items.size());
    assertEquals(15, betaSink.items.size());
  }

  @Test
  void limits_roundRobinBetweenSources() {
    List<String> order = new CopyOnWriteArrayList<>();
    Sink<Ticket> sink = (key, batch) -> order.add(key.scope().value());
    Pipeline pipeline =
        pipeline()
            .globalConcurrency(1)
            .source(source(connector("alpha", 1, "A1", "A2", "A3"), sink).concurrency(1).build())
            .source(source(connector("beta", 1, "B1", "B2", "B3"), sink).concurrency(1).build())
            .build();
    assertNotNull(pipeline.runOnce());

    executor.runAll();

    // A source with many scopes never starves another: they take turns for the one slot.
    assertEquals(List.of("A1", "B1", "A2", "B2", "A3", "B3"), order);
  }

  @Test
  void health_downSourceIsSkippedAndReportedWhileOthersRun() {
    RecordingSink sink = new RecordingSink();
    InMemoryConnector<Ticket> down = connector("alpha", 5, "A");
    Connector<Ticket> unhealthy =
        new ForwardingConnector<>() {
          @Override
          protected Connector<Ticket> delegate() {
            return down;
          }

          @Override
          public Health checkHealth() {
            return Health.down(ErrorCode.SOURCE_UNAVAILABLE, "503 from upstream");
          }
        };
    Pipeline pipeline =
        pipeline()
            .source(source(unhealthy, new RecordingSink()).build())
            .source(source(connector("beta", 4, "C"), sink).build())
            .build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();

    PipelineReport report = run.join();
    SourceReport alpha = report.source("alpha/issues").orElseThrow();
    assertTrue(alpha.skipped());
    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, alpha.error().code());
    assertTrue(alpha.error().message().contains("503 from upstream"));
    assertEquals(0, down.openCount());
    assertEquals(4, sink.items.size());
    assertFalse(report.succeeded());
  }

  @Test
  void health_discoveryFailureIsReportedWithItsCode() {
    InMemoryConnector<Ticket> delegate = connector("alpha", 1, "A");
    Connector<Ticket> failing =
        new ForwardingConnector<>() {
          @Override
          protected Connector<Ticket> delegate() {
            return delegate;
          }

          @Override
          public List<ScopeKey> discoverScopes() {
            throw new SourceException(
                ErrorCode.AUTH_FAILED, "alpha", null, "401 for token=abc123secret", null, null);
          }
        };
    Pipeline pipeline = pipeline().source(source(failing, new RecordingSink()).build()).build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();

    SourceReport alpha = run.join().sources().get(0);
    assertEquals(ErrorCode.AUTH_FAILED, alpha.error().code());
    assertFalse(alpha.error().message().contains("abc123secret"), alpha.error().message());
  }

  /** A connector whose openScope fails a number of times before it works. */
  private static Connector<Ticket> flaky(InMemoryConnector<Ticket> delegate, int failures) {
    AtomicInteger left = new AtomicInteger(failures);
    return new ForwardingConnector<>() {
      @Override
      protected Connector<Ticket> delegate() {
        return delegate;
      }

      @Override
      public PageFetcher<Ticket> openScope(ScopeKey scope) {
        if (left.getAndDecrement() > 0) {
          throw new SourceException(
              ErrorCode.SOURCE_UNAVAILABLE, "alpha", scope, "connection reset", null, null);
        }
        return delegate.openScope(scope);
      }
    };
  }

  @Test
  void retry_backsOffExponentiallyWithFullJitterThenSucceeds() {
    RecordingSink sink = new RecordingSink();
    Pipeline pipeline =
        pipeline()
            .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1)))
            .source(source(flaky(connector("alpha", 5, "A"), 2), sink).build())
            .build();
    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();
    assertFalse(run.isDone(), "the first retry waits on the timer");
    assertEquals(List.of(Duration.ofMillis(500)), retryDelays, "0.5 x 1 s");

    timer.advance(Duration.ofMillis(499));
    assertEquals(0, executor.pending(), "not before its backoff");
    timer.advance(Duration.ofMillis(1));
    executor.runAll();
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), retryDelays, "0.5 x 2 s");
    timer.advance(Duration.ofSeconds(1));
    executor.runAll();

    ScopeRun scope = run.join().sources().get(0).scopes().get(0);
    assertEquals(ScopeResult.Outcome.DONE, scope.outcome());
    assertEquals(3, scope.attempts());
    assertEquals(5, sink.items.size());
  }

  @Test
  void retry_stopsAtTheLimitAndEndsFailedWithItsCode() {
    Pipeline pipeline =
        pipeline()
            .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .source(source(flaky(connector("alpha", 5, "A"), 100), new RecordingSink()).build())
            .build();
    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    for (int i = 0; i < 5; i++) {
      executor.runAll();
      timer.advance(Duration.ofSeconds(1));
    }

    ScopeRun scope = run.join().sources().get(0).scopes().get(0);
    assertEquals(ScopeResult.Outcome.FAILED, scope.outcome());
    assertEquals(3, scope.attempts());
    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, scope.error().code());
    assertTrue(scope.error().message().contains("connection reset"), scope.error().message());
    assertEquals(2, retryDelays.size(), "two retries after the first attempt");
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), retryDelays, "capped");
  }

  @Test
  void retry_notForCodesThatRetryingCannotFix() {
    InMemoryConnector<Ticket> delegate = connector("alpha", 1, "A");
    Connector<Ticket> badCredentials = failingOpen(delegate, ErrorCode.AUTH_FAILED, "401");
    Pipeline pipeline =
        pipeline().source(source(badCredentials, new RecordingSink()).build()).build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();

    ScopeRun scope = run.join().sources().get(0).scopes().get(0);
    assertEquals(ErrorCode.AUTH_FAILED, scope.error().code());
    assertEquals(1, scope.attempts());
    assertTrue(retryDelays.isEmpty());
  }

  @Test
  void failedBatch_watermarkStaysAfterTheLastStoredBatch() {
    AtomicInteger writes = new AtomicInteger();
    RecordingSink stored = new RecordingSink();
    Sink<Ticket> failsSecondBatch =
        (key, batch) -> {
          if (writes.incrementAndGet() == 2) {
            throw new IllegalStateException("disk full");
          }
          stored.write(key, batch);
        };
    Pipeline pipeline =
        pipeline()
            .retry(RetryPolicy.none())
            .source(source(connector("alpha", 25, "A"), failsSecondBatch).build())
            .build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();

    ScopeRun scope = run.join().sources().get(0).scopes().get(0);
    assertEquals(ScopeResult.Outcome.FAILED, scope.outcome());
    assertEquals(ErrorCode.SINK_FAILED, scope.error().code());
    Watermark watermark = watermarks.get(key("alpha", "A"));
    assertEquals(10, watermark.itemsStored(), "only the first batch of 10");
    assertEquals(stored.batches.get(0).position(), watermark.position());
  }

  @Test
  void crashBetweenWriteAndAdvance_rereadsAtMostThatBatchAndLosesNothing() {
    AtomicInteger advances = new AtomicInteger();
    WatermarkStore crashingOnce =
        new DelegatingStore(watermarks) {
          @Override
          public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
            if (advances.incrementAndGet() == 2) {
              throw new StoreException("connection lost while advancing", null);
            }
            return super.advance(key, position, itemsAdded, at);
          }
        };
    RecordingSink sink = new RecordingSink();
    Pipeline pipeline =
        pipeline()
            .watermarks(crashingOnce)
            .retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .source(source(connector("alpha", 25, "A"), sink).build())
            .build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();
    timer.advance(Duration.ofSeconds(1));
    executor.runAll();

    ScopeRun scope = run.join().sources().get(0).scopes().get(0);
    assertEquals(ScopeResult.Outcome.DONE, scope.outcome());
    assertEquals(2, scope.attempts());
    assertEquals(25, sink.ids().stream().distinct().count(), "nothing lost");
    assertEquals(35, sink.items.size(), "the second batch (10 items) was written twice, no more");
    assertEquals(25, watermarks.get(key("alpha", "A")).itemsStored());
  }

  @Test
  void isolation_aHangingSourceDoesNotDelayAnother() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch hanging = new CountDownLatch(1);
    CountDownLatch betaDone = new CountDownLatch(1);
    InMemoryConnector<Ticket> slow = connector("alpha", 3, "A");
    Connector<Ticket> hangs =
        new ForwardingConnector<>() {
          @Override
          protected Connector<Ticket> delegate() {
            return slow;
          }

          @Override
          public PageFetcher<Ticket> openScope(ScopeKey scope) {
            PageFetcher<Ticket> real = slow.openScope(scope);
            return request -> {
              hanging.countDown();
              release.await();
              return real.fetch(request);
            };
          }
        };
    RecordingSink betaSink = new RecordingSink();
    try {
      Pipeline pipeline =
          Pipeline.builder("eng")
              .tenant("acme")
              .clock(clock)
              .timer(timer)
              .executor(pool)
              .watermarks(watermarks)
              .globalConcurrency(4)
              .listener(
                  new PipelineListener() {
                    @Override
                    public void sourceFinished(SourceReport report) {
                      if (report.source().equals("beta/issues")) {
                        betaDone.countDown();
                      }
                    }
                  })
              .source(source(hangs, new RecordingSink()).build())
              .source(source(connector("beta", 30, "B1", "B2", "B3"), betaSink).build())
              .build();

      CompletableFuture<PipelineReport> run = pipeline.runOnce();
      assertTrue(hanging.await(10, TimeUnit.SECONDS));

      // Latches, not sleeps: beta finishes while alpha is still blocked in its fetch.
      assertTrue(betaDone.await(10, TimeUnit.SECONDS), "beta was delayed by alpha");
      assertEquals(90, betaSink.items.size());
      assertFalse(run.isDone());
      release.countDown();
      assertTrue(run.get(10, TimeUnit.SECONDS).succeeded());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void virtualThreads_whenTheJdkHasThem() throws Exception {
    Pipeline.Builder builder =
        Pipeline.builder("eng").tenant("acme").watermarks(watermarks).clock(clock).timer(timer);
    if (Runtime.version().feature() < 21) {
      assertThrows(UnsupportedOperationException.class, builder::virtualThreads);
      return;
    }
    RecordingSink sink = new RecordingSink();
    Pipeline pipeline =
        builder
            .virtualThreads()
            .source(source(connector("alpha", 30, "A", "B"), sink).build())
            .build();
    assertTrue(pipeline.runOnce().get(30, TimeUnit.SECONDS).succeeded());
    assertEquals(60, sink.items.size());
  }

  @Test
  void runOnce_twiceAtOnceIsRejected() {
    Pipeline pipeline =
        pipeline().source(source(connector("alpha", 1, "A"), new RecordingSink()).build()).build();
    assertNotNull(pipeline.runOnce());

    assertThrows(IllegalStateException.class, pipeline::runOnce);
    executor.runAll();
    assertNotNull(pipeline.runOnce());
  }

  @Test
  void builder_rejectsBadValuesNamingThem() {
    IllegalArgumentException name =
        assertThrows(IllegalArgumentException.class, () -> Pipeline.builder("Bad Name"));
    assertTrue(name.getMessage().contains("Bad Name"));
    IllegalArgumentException global =
        assertThrows(
            IllegalArgumentException.class, () -> Pipeline.builder("p").globalConcurrency(0));
    assertTrue(global.getMessage().contains("globalConcurrency"));
    assertThrows(IllegalStateException.class, () -> Pipeline.builder("p").build());
    InMemoryConnector<Ticket> connector = connector("alpha", 1, "A");
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Pipeline.builder("p")
                    .source(PipelineSource.of(connector, new RecordingSink()).build())
                    .source(PipelineSource.of(connector, new RecordingSink()).build()));
    assertTrue(twice.getMessage().contains("alpha/issues"));
    IllegalArgumentException concurrency =
        assertThrows(
            IllegalArgumentException.class,
            () -> PipelineSource.of(connector, new RecordingSink()).concurrency(0));
    assertTrue(concurrency.getMessage().contains("concurrency"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PipelineSource.of(connector, new RecordingSink()).interval(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PipelineSource.of(connector, new RecordingSink())
                .scopes(List.of(ScopeKey.of("beta", "project", "X"))));
    assertThrows(IllegalArgumentException.class, () -> Pipeline.builder("p").label("bad key", "v"));
  }

  @Test
  void report_keepsScopesInDiscoveryOrder() {
    Pipeline pipeline =
        pipeline()
            .source(source(connector("alpha", 1, "C", "A", "B"), new RecordingSink()).build())
            .build();
    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();

    List<String> scopes = new ArrayList<>();
    for (ScopeRun scope : run.join().sources().get(0).scopes()) {
      scopes.add(scope.key().scope().value());
      assertNull(scope.error());
    }
    // InMemoryConnector discovers in key order.
    assertEquals(List.of("A", "B", "C"), scopes);
  }

  /** A store that forwards every call. */
  static class DelegatingStore implements WatermarkStore {
    private final WatermarkStore delegate;

    DelegatingStore(WatermarkStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Watermark get(ScopeId key) {
      return delegate.get(key);
    }

    @Override
    public Map<ScopeKey, Watermark> getAll(
        String tenant, dev.pulse.EntityType entityType, Collection<ScopeKey> scopes) {
      return delegate.getAll(tenant, entityType, scopes);
    }

    @Override
    public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
      return delegate.advance(key, position, itemsAdded, at);
    }

    @Override
    public boolean reset(ScopeId key) {
      return delegate.reset(key);
    }

    @Override
    public List<Watermark> list(String tenant, dev.pulse.EntityType entityType, String prefix) {
      return delegate.list(tenant, entityType, prefix);
    }
  }
}
