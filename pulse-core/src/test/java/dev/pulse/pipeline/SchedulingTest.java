package dev.pulse.pipeline;

import static dev.pulse.pipeline.Fixtures.SAME_THREAD;
import static dev.pulse.pipeline.Fixtures.connector;
import static dev.pulse.pipeline.Fixtures.deterministicPipeline;
import static dev.pulse.pipeline.Fixtures.failingOpen;
import static dev.pulse.pipeline.Fixtures.key;
import static dev.pulse.pipeline.Fixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeKey;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.pipeline.Fixtures.RecordingSink;
import dev.pulse.pipeline.Fixtures.Ticket;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.status.HealthState;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class SchedulingTest {
  private final FakeClock clock = new FakeClock();
  private final ManualTimer timer = new ManualTimer(clock);
  private final ManualExecutor executor = new ManualExecutor();
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final List<ScopeRun> scopeRuns = new CopyOnWriteArrayList<>();

  private Pipeline.Builder pipeline() {
    return deterministicPipeline(clock, timer, executor, watermarks)
        .listener(
            new PipelineListener() {
              @Override
              public void sourceFinished(SourceReport report) {
                runs.computeIfAbsent(report.source(), s -> new AtomicInteger()).incrementAndGet();
              }

              @Override
              public void scopeFinished(ScopeRun run) {
                scopeRuns.add(run);
              }
            });
  }

  private int runsOf(String source) {
    AtomicInteger count = runs.get(source);
    return count == null ? 0 : count.get();
  }

  /** Advances time a second at a time, running what each second made due, as a real pool would. */
  private void tick(Duration duration) {
    executor.runAll();
    for (long s = 0; s < duration.toSeconds(); s++) {
      timer.advance(Duration.ofSeconds(1));
      executor.runAll();
    }
    timer.advance(Duration.ZERO);
    executor.runAll();
  }

  @Test
  void continuous_eachSourceOnItsOwnIntervalPlusJitter() {
    Pipeline pipeline =
        pipeline()
            .source(
                PipelineSource.of(connector("alpha", 3, "A"), new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .interval(Duration.ofMinutes(5))
                    .jitter(Duration.ofMinutes(1))
                    .build())
            .source(
                PipelineSource.of(connector("beta", 3, "B"), new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .interval(Duration.ofMinutes(1))
                    .build())
            .build();

    pipeline.start();
    tick(Duration.ZERO);
    assertEquals(1, runsOf("alpha/issues"));
    assertEquals(1, runsOf("beta/issues"));
    // 5 min + 0.5 x 1 min of jitter.
    assertEquals(
        clock.instant().plus(Duration.ofSeconds(330)),
        pipeline.status().sources().get(0).nextRunAt());

    tick(Duration.ofMinutes(5));
    assertEquals(1, runsOf("alpha/issues"), "alpha waits for its jitter");
    assertEquals(6, runsOf("beta/issues"), "beta runs every minute, undelayed by alpha");
    tick(Duration.ofSeconds(30));
    assertEquals(2, runsOf("alpha/issues"));
    assertThrows(IllegalStateException.class, pipeline::runOnce);
    assertThrows(IllegalStateException.class, pipeline::start);
  }

  @Test
  void stop_whenIdleEndsAtOnceAndNoRunFollows() {
    Pipeline pipeline =
        pipeline()
            .source(
                PipelineSource.of(connector("alpha", 3, "A"), new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .interval(Duration.ofMinutes(1))
                    .build())
            .build();
    pipeline.start();
    tick(Duration.ZERO);

    CompletableFuture<Boolean> stopped = pipeline.stop(Duration.ofSeconds(30));

    assertTrue(stopped.join());
    tick(Duration.ofHours(1));
    assertEquals(1, runsOf("alpha/issues"));
    assertNull(pipeline.status().sources().get(0).nextRunAt());
    assertThrows(IllegalStateException.class, pipeline::runOnce);
  }

  @Test
  void stop_queuedScopesEndCancelledAndWatermarksStayConsistent() {
    RecordingSink sink = new RecordingSink();
    Pipeline pipeline =
        pipeline()
            .source(
                PipelineSource.of(connector("alpha", 25, "A", "B", "C"), sink)
                    .readOptions(SAME_THREAD)
                    .concurrency(1)
                    .build())
            .build();
    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runNext();
    executor.runNext();
    assertEquals(25, sink.items.size(), "scope A is stored, B is queued");

    CompletableFuture<Boolean> stopped = pipeline.stop(Duration.ofSeconds(30));
    assertFalse(stopped.isDone(), "the source's run is still in flight");
    executor.runAll();

    assertTrue(stopped.join(), "finished within the grace period");
    List<ScopeRun> scopes = run.join().sources().get(0).scopes();
    assertEquals(ScopeResult.Outcome.DONE, scopes.get(0).outcome());
    assertEquals(ScopeResult.Outcome.CANCELLED, scopes.get(1).outcome());
    assertEquals(ScopeResult.Outcome.CANCELLED, scopes.get(2).outcome());
    assertEquals(0, scopes.get(1).attempts());
    assertTrue(watermarks.get(key("alpha", "B")).isNone());
    assertEquals(25, sink.items.size());
  }

  @Test
  void stop_endsPendingRetriesWithTheirLastFailure() {
    InMemoryConnector<Ticket> delegate = connector("alpha", 3, "A");
    Connector<Ticket> failing = failingOpen(delegate, ErrorCode.SOURCE_UNAVAILABLE, "reset");
    Pipeline pipeline =
        pipeline()
            .source(
                PipelineSource.of(failing, new RecordingSink()).readOptions(SAME_THREAD).build())
            .build();
    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();
    assertEquals(1, timer.pending(), "a retry waits");

    assertTrue(pipeline.stop(Duration.ofSeconds(30)).join());

    ScopeRun scope = run.join().sources().get(0).scopes().get(0);
    assertEquals(ScopeResult.Outcome.FAILED, scope.outcome());
    assertEquals(1, scope.attempts());
    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, scope.error().code());
    assertEquals(0, timer.pending(), "the retry was cancelled");
  }

  @Test
  void stop_abandonsAHungScopeAtTheEndOfTheGracePeriod() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    CountDownLatch inFetch = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    RecordingSink sink = new RecordingSink();
    InMemoryConnector<Ticket> delegate = connector("alpha", 25, "A");
    AtomicInteger fetches = new AtomicInteger();
    Connector<Ticket> hangsOnSecondPage =
        new ForwardingConnector<>() {
          @Override
          protected Connector<Ticket> delegate() {
            return delegate;
          }

          @Override
          public PageFetcher<Ticket> openScope(ScopeKey scope) {
            PageFetcher<Ticket> real = delegate.openScope(scope);
            return request -> {
              if (fetches.incrementAndGet() == 2) {
                inFetch.countDown();
                // A truly hung source ignores the interrupt the engine sends on cancel().
                boolean interrupted = false;
                while (true) {
                  try {
                    release.await();
                    break;
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
              }
              return real.fetch(request);
            };
          }
        };
    try {
      Pipeline pipeline =
          pipeline()
              .executor(pool)
              .listener(
                  new PipelineListener() {
                    @Override
                    public void sourceFinished(SourceReport report) {
                      finished.countDown();
                    }
                  })
              .source(PipelineSource.of(hangsOnSecondPage, sink).readOptions(SAME_THREAD).build())
              .build();
      CompletableFuture<PipelineReport> run = pipeline.runOnce();
      assertTrue(inFetch.await(10, TimeUnit.SECONDS));

      CompletableFuture<Boolean> stopped = pipeline.stop(Duration.ofSeconds(30));
      timer.advance(Duration.ofSeconds(29));
      assertFalse(stopped.isDone());
      timer.advance(Duration.ofSeconds(1));

      assertFalse(stopped.get(10, TimeUnit.SECONDS), "abandoned, not finished");
      release.countDown();
      assertTrue(finished.await(10, TimeUnit.SECONDS));
      ScopeRun scope = run.get(10, TimeUnit.SECONDS).sources().get(0).scopes().get(0);
      assertEquals(ScopeResult.Outcome.CANCELLED, scope.outcome());
      assertEquals(
          sink.items.size(),
          watermarks.get(key("alpha", "A")).itemsStored(),
          "the watermark covers exactly the stored batches");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void resetScope_reBackfillsThatScopeAlone() {
    RecordingSink sink = new RecordingSink();
    Pipeline pipeline =
        pipeline()
            .source(
                PipelineSource.of(connector("alpha", 5, "A", "B"), sink)
                    .readOptions(SAME_THREAD)
                    .build())
            .build();
    assertTrue(pipeline.runOnce() != null);
    executor.runAll();

    assertTrue(pipeline.resetScope(EntityType.ISSUES, scope("alpha", "A")));

    assertTrue(watermarks.get(key("alpha", "A")).isNone());
    assertEquals(5, watermarks.get(key("alpha", "B")).itemsStored());
    assertEquals(HealthState.SYNCING, pipeline.status().sources().get(0).scopes().get(0).health());
    CompletableFuture<PipelineReport> again = pipeline.runOnce();
    executor.runAll();
    assertEquals(5, again.join().itemsStored(), "only A is read again");
    assertEquals(15, sink.items.size());
  }

  @Test
  void resetSource_resetsEveryScopeOfThatSource() {
    Pipeline pipeline =
        pipeline()
            .source(
                PipelineSource.of(connector("alpha", 5, "A", "B"), new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .build())
            .source(
                PipelineSource.of(connector("beta", 5, "C"), new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .build())
            .build();
    assertTrue(pipeline.runOnce() != null);
    executor.runAll();

    assertEquals(2, pipeline.resetSource("alpha/issues"));

    assertTrue(watermarks.get(key("alpha", "B")).isNone());
    assertEquals(5, watermarks.get(key("beta", "C")).itemsStored());
    assertThrows(IllegalArgumentException.class, () -> pipeline.resetSource("gamma/issues"));
  }

  @Test
  void reset_whileTheSourceRunsIsRefused() {
    Pipeline pipeline =
        pipeline()
            .source(
                PipelineSource.of(connector("alpha", 5, "A"), new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .build())
            .build();
    assertTrue(pipeline.runOnce() != null);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> pipeline.resetScope(EntityType.ISSUES, scope("alpha", "A")));
    assertTrue(e.getMessage().contains("alpha/issues"), e.getMessage());
    executor.runAll();
    assertTrue(pipeline.resetScope(EntityType.ISSUES, scope("alpha", "A")));
  }
}
