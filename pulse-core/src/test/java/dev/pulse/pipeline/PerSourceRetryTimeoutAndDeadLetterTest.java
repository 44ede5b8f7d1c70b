package dev.pulse.pipeline;

import static dev.pulse.pipeline.Fixtures.SAME_THREAD;
import static dev.pulse.pipeline.Fixtures.connector;
import static dev.pulse.pipeline.Fixtures.deterministicPipeline;
import static dev.pulse.pipeline.Fixtures.failingFetch;
import static dev.pulse.pipeline.Fixtures.hooked;
import static dev.pulse.pipeline.Fixtures.key;
import static dev.pulse.pipeline.Fixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.pipeline.Fixtures.RecordingSink;
import dev.pulse.pipeline.Fixtures.Ticket;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressStatus;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.progress.ScopeProgress;
import dev.pulse.spi.Connector;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.FetchContext;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.ProgressStore;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's remainder: per-source retry policies, rate-limit retries that wait for the source,
 * timeouts on health checks and discovery, connector-side dead letters, the periodic progress poll.
 */
final class PerSourceRetryTimeoutAndDeadLetterTest {
  private final FakeClock clock = new FakeClock();
  private final ManualTimer timer = new ManualTimer(clock);
  private final ManualExecutor executor = new ManualExecutor();
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();

  private Pipeline.Builder pipeline() {
    return deterministicPipeline(clock, timer, executor, watermarks);
  }

  private void drive(Duration step, int steps) {
    executor.runAll();
    for (int i = 0; i < steps; i++) {
      timer.advance(step);
      executor.runAll();
    }
  }

  @Test
  void retry_perSourcePolicy_overridesThePipelinesForThatSourceOnly() {
    Pipeline pipeline =
        pipeline()
            .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .source(
                PipelineSource.of(
                        failingFetch(
                            connector("alpha", 5, "A"), ErrorCode.SOURCE_UNAVAILABLE, "down", null),
                        new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .retry(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                    .build())
            .source(
                PipelineSource.of(
                        failingFetch(
                            connector("beta", 5, "A"), ErrorCode.SOURCE_UNAVAILABLE, "down", null),
                        new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .build())
            .build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    drive(Duration.ofSeconds(1), 10);

    PipelineReport report = run.join();
    assertEquals(1, report.source("alpha/issues").orElseThrow().scopes().get(0).attempts());
    assertEquals(3, report.source("beta/issues").orElseThrow().scopes().get(0).attempts());
  }

  @Test
  void retry_policyBuilder_rejectsNull() {
    PipelineSource.Builder<Ticket> builder =
        PipelineSource.of(connector("alpha", 1, "A"), new RecordingSink());
    assertThrows(NullPointerException.class, () -> builder.retry(null));
    assertThrows(IllegalArgumentException.class, () -> builder.discoveryTimeout(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> builder.discoveryTimeout(Duration.ofHours(2)));
  }

  @Test
  void rateLimited_retryWaitsForTheResumeTimeAndProgressShowsTheWait() {
    ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();
    AtomicInteger attempts = new AtomicInteger();
    Connector<Ticket> throttled =
        hooked(
            connector("alpha", 5, "A"),
            (n, scope) -> {
              if (n == 1) {
                attempts.incrementAndGet();
                throw new SourceException(
                    ErrorCode.RATE_LIMITED,
                    "alpha",
                    scope,
                    "slow down",
                    Duration.ofMinutes(10),
                    null);
              }
            });
    List<Duration> delays = new CopyOnWriteArrayList<>();
    Pipeline pipeline =
        pipeline()
            .progress(tracker)
            .listener(
                new PipelineListener() {
                  @Override
                  public void retryScheduled(
                      ScopeId key, int next, Duration delay, dev.pulse.status.ErrorEnvelope e) {
                    delays.add(delay);
                  }
                })
            .source(
                PipelineSource.of(throttled, new RecordingSink()).readOptions(SAME_THREAD).build())
            .build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();
    Instant resumeAt = clock.instant().plus(Duration.ofMinutes(10));

    assertEquals(List.of(Duration.ofMinutes(10)), delays, "not the 0.5 s backoff");
    timer.advance(Duration.ofMinutes(5));
    ProgressSnapshot waiting =
        tracker.snapshot("acme", EntityType.ISSUES, scope("alpha", "A")).orElseThrow();
    assertEquals(ProgressStatus.RATE_LIMITED, waiting.status());
    assertEquals(resumeAt, waiting.resumeAt());
    assertFalse(waiting.stalled());

    drive(Duration.ofMinutes(5), 1);
    assertTrue(run.join().succeeded());
    assertEquals(
        ProgressStatus.DONE,
        tracker.snapshot("acme", EntityType.ISSUES, scope("alpha", "A")).orElseThrow().status());
  }

  @Test
  void discoveryTimeout_hungHealthCheck_skipsTheSourceWithTimedOut() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    CountDownLatch inHealth = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InMemoryConnector<Ticket> delegate = connector("alpha", 5, "A");
    Connector<Ticket> hangs =
        new ForwardingConnector<>() {
          @Override
          protected Connector<Ticket> delegate() {
            return delegate;
          }

          @Override
          public Health checkHealth() {
            inHealth.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Health.up();
          }
        };
    try {
      Pipeline pipeline =
          deterministicPipeline(clock, timer, pool, watermarks)
              .source(
                  PipelineSource.of(hangs, new RecordingSink())
                      .readOptions(SAME_THREAD)
                      .discoveryTimeout(Duration.ofSeconds(30))
                      .build())
              .build();
      CompletableFuture<PipelineReport> run = pipeline.runOnce();
      assertTrue(inHealth.await(10, TimeUnit.SECONDS));

      timer.advance(Duration.ofSeconds(30));

      SourceReport source = run.get(10, TimeUnit.SECONDS).sources().get(0);
      assertTrue(source.skipped());
      assertEquals(ErrorCode.TIMED_OUT, source.health().code());
      assertTrue(source.health().detail().contains("took longer than PT30S"), source.toString());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void unmappable_connectorRecord_becomesACountedDeadLetterWhileTheBatchStores() {
    RecordingSink sink = new RecordingSink();
    Connector<Ticket> mapsBadly =
        hooked(
            connector("alpha", 5, "A"),
            (n, scope) -> {
              if (n == 1) {
                FetchContext.current()
                    .unmappable("A-bad", ErrorCode.INVALID_DATA, "no status field");
              }
            });
    Pipeline pipeline =
        pipeline()
            .source(PipelineSource.of(mapsBadly, sink).readOptions(SAME_THREAD).build())
            .build();

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();

    ScopeRun scopeRun = run.join().sources().get(0).scopes().get(0);
    assertEquals(ScopeResult.Outcome.DONE, scopeRun.outcome());
    assertEquals(1, scopeRun.deadLetters());
    assertEquals(5, sink.items.size());
    assertEquals(5, watermarks.get(key("alpha", "A")).itemsStored());
    List<DeadLetter> letters = pipeline.deadLetters();
    assertEquals(1, letters.size());
    assertEquals("A-bad", letters.get(0).naturalKey());
    assertEquals(ErrorCode.INVALID_DATA, letters.get(0).reasonCode());
    assertEquals(1, pipeline.status().sources().get(0).scopes().get(0).deadLetters());
  }

  /** Keeps every snapshot the tracker writes. */
  private static final class RecordingStore implements ProgressStore {
    final List<ProgressSnapshot> saved = new CopyOnWriteArrayList<>();
    private final InMemoryProgressStore delegate = new InMemoryProgressStore();

    @Override
    public void save(ProgressSnapshot snapshot) {
      saved.add(snapshot);
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

  @Test
  void start_continuousMode_pollsProgressSoAStallReachesTheStoreWithoutATick() {
    RecordingStore store = new RecordingStore();
    ProgressTracker tracker = ProgressTracker.builder().clock(clock).store(store).build();
    Pipeline pipeline =
        pipeline()
            .progress(tracker)
            .progressPollInterval(Duration.ofSeconds(5))
            .source(
                PipelineSource.of(connector("alpha", 5, "A"), new RecordingSink())
                    .readOptions(SAME_THREAD)
                    .interval(Duration.ofHours(1))
                    .build())
            .build();
    // A scope read elsewhere that goes quiet: only a poll can store its stall.
    ScopeProgress quiet =
        tracker.start("acme", EntityType.ISSUES, scope("other", "Q"), ItemCount.exact(1_000));
    clock.advanceSeconds(1);
    quiet.tick(10);
    tracker.flush();
    int writesBefore = store.saved.size();

    pipeline.start();
    drive(Duration.ofSeconds(5), 30);

    List<ProgressStatus> quietStatuses =
        store.saved.subList(writesBefore, store.saved.size()).stream()
            .filter(s -> s.scopeKey().equals(scope("other", "Q")))
            .map(ProgressSnapshot::status)
            .toList();
    assertTrue(quietStatuses.contains(ProgressStatus.STALLED), quietStatuses.toString());
    assertNotNull(pipeline.stop(Duration.ofSeconds(1)));
  }
}
