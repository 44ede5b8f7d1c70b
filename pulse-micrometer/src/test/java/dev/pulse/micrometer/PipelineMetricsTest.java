package dev.pulse.micrometer;

import static dev.pulse.micrometer.Fakes.SAME_THREAD;
import static dev.pulse.micrometer.Fakes.connector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeKey;
import dev.pulse.SinkException;
import dev.pulse.SourceException;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.micrometer.Fakes.ManualTimer;
import dev.pulse.micrometer.Fakes.RecordingSink;
import dev.pulse.micrometer.Fakes.Ticket;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.pipeline.RetryPolicy;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.Sink;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class PipelineMetricsTest {
  private final FakeClock clock = new FakeClock(Fakes.T0.plusSeconds(86_400));
  private final ManualTimer timer = new ManualTimer(clock);
  private final ManualExecutor executor = new ManualExecutor();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private PipelineMetrics.Builder metrics() {
    return PipelineMetrics.builder(registry, "eng").tenant("acme").clock(clock);
  }

  private Pipeline.Builder pipeline(PipelineMetrics metrics) {
    return Pipeline.builder("eng")
        .tenant("acme")
        .clock(clock)
        .timer(timer)
        .executor(executor)
        .random(Fakes.fixedRandom(0.5))
        .watermarks(new InMemoryWatermarkStore())
        .progress(ProgressTracker.builder().clock(clock).build())
        .listener(metrics.listener());
  }

  private double counter(String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  private double gauge(String name, String... tags) {
    Gauge gauge = registry.find(name).tags(tags).gauge();
    assertNotNull(gauge, name + " " + String.join(",", tags));
    return gauge.value();
  }

  @Test
  void sourceMeters_countItemsAndBatchesAndTimeFetchesAndWrites() {
    PipelineMetrics metrics = metrics().build();
    InMemoryConnector<Ticket> alpha = connector("alpha", 25, "A");
    RecordingSink sink = new RecordingSink(clock, Duration.ofMillis(40));
    Pipeline pipeline =
        pipeline(metrics)
            .retry(RetryPolicy.none())
            .source(
                metrics
                    .source(Fakes.slow(alpha, clock, Duration.ofMillis(20)), sink)
                    .readOptions(SAME_THREAD)
                    .build())
            .build();

    assertNotNull(pipeline.runOnce());
    executor.runAll();

    String[] tags = {"pipeline", "eng", "tenant", "acme", "source", "alpha"};
    assertEquals(25, sink.items());
    assertEquals(25, counter("pulse.items.ingested", tags));
    assertEquals(sink.batches.size(), counter("pulse.batches", tags));
    Timer fetch = registry.find("pulse.fetch").tags(tags).tag("outcome", "success").timer();
    assertNotNull(fetch);
    assertEquals(alpha.fetchCount(), fetch.count());
    assertEquals(20, fetch.mean(TimeUnit.MILLISECONDS), 1e-9);
    Timer write = registry.find("pulse.write").tags(tags).tag("outcome", "success").timer();
    assertNotNull(write);
    assertEquals(sink.batches.size(), write.count());
    assertEquals(40, write.max(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(1, counter("pulse.runs", "source", "alpha", "outcome", "DONE"));
    Timer run = registry.find("pulse.source.run").tags(tags).timer();
    assertNotNull(run);
    assertEquals(1, run.count());
    assertTrue(run.totalTime(TimeUnit.MILLISECONDS) >= 25 * 20 / 10 + 40, "fetches and writes");
  }

  @Test
  void listener_countsErrorsByCodeRetriesAndDeadLetters() {
    PipelineMetrics metrics = metrics().build();
    Sink<Ticket> failing =
        (key, batch) -> {
          throw new SinkException(key.scope(), "disk full", null);
        };
    Pipeline pipeline =
        pipeline(metrics)
            .retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .source(
                PipelineSource.rejecting(
                        metrics.connector(connector("alpha", 3, "A")),
                        metrics.rejectingSink(
                            (key, batch, rejections) ->
                                rejections.reject(
                                    batch.items().get(0), ErrorCode.INVALID_DATA, "bad row")))
                    .readOptions(SAME_THREAD)
                    .build())
            .source(
                metrics.source(connector("beta", 3, "B"), failing).readOptions(SAME_THREAD).build())
            .build();

    assertNotNull(pipeline.runOnce());
    executor.runAll();
    timer.advance(Duration.ofSeconds(1));
    executor.runAll();

    assertEquals(1, counter("pulse.retries", "source", "beta", "code", "SINK_FAILED"));
    assertEquals(1, counter("pulse.errors", "source", "beta", "code", "SINK_FAILED"));
    assertEquals(1, counter("pulse.runs", "source", "beta", "outcome", "FAILED"));
    assertEquals(2, writes("beta", "failure"), "both attempts timed as failures");
    assertEquals(0, counter("pulse.items.ingested", "source", "beta"));
    assertEquals(1, counter("pulse.dead.letters", "source", "alpha"));
    assertEquals(2, counter("pulse.items.ingested", "source", "alpha"), "3 read, 1 rejected");
    assertEquals(0, counter("pulse.errors", "source", "alpha", "code", "SINK_FAILED"));
  }

  private long writes(String source, String outcome) {
    Timer write = registry.find("pulse.write").tags("source", source, "outcome", outcome).timer();
    return write == null ? 0 : write.count();
  }

  @Test
  void statusGauges_showHealthAgeLagAndTheRateLimitPerSourceAndScope() {
    PipelineMetrics metrics = metrics().statusRefresh(Duration.ofSeconds(1)).build();
    Connector<Ticket> limited = rateLimited(connector("gamma", 3, "G"), Duration.ofMinutes(10));
    Pipeline pipeline =
        pipeline(metrics)
            .retry(RetryPolicy.none())
            .source(
                metrics
                    .source(
                        connector("alpha", 5, "A", "B"), new RecordingSink(clock, Duration.ZERO))
                    .readOptions(SAME_THREAD)
                    .build())
            .source(
                metrics
                    .source(limited, new RecordingSink(clock, Duration.ZERO))
                    .readOptions(SAME_THREAD)
                    .build())
            .build();
    metrics.monitor(pipeline);

    assertNotNull(pipeline.runOnce());
    executor.runAll();

    assertEquals(2, gauge("pulse.source.scopes", "source", "alpha", "health", "LIVE"));
    assertEquals(0, gauge("pulse.source.scopes", "source", "alpha", "health", "ERROR"));
    assertEquals(1, gauge("pulse.source.scopes", "source", "gamma", "health", "ERROR"));
    assertEquals(0, gauge("pulse.scope.watermark.age", "scope", "alpha:project:A"));
    assertEquals(1, counter("pulse.rate.limited", "source", "gamma"));
    long resume = clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond();
    assertEquals(
        (double) resume, gauge("pulse.source.rate.limit.resume.timestamp", "source", "gamma"));
    assertEquals(600, gauge("pulse.source.rate.limit.wait", "source", "gamma"));
    assertEquals(0, gauge("pulse.source.rate.limit.wait", "source", "alpha"));
    assertEquals(1, gauge("pulse.scope.consecutive.failures", "scope", "gamma:project:G"));
    assertEquals(3, gauge("pulse.scope.health", "scope", "gamma:project:G"), "ERROR");

    clock.advance(Duration.ofSeconds(90));

    assertEquals(90, gauge("pulse.scope.watermark.age", "scope", "alpha:project:B"));
    assertEquals(90, gauge("pulse.source.watermark.age.max", "source", "alpha"));
    assertEquals(510, gauge("pulse.source.rate.limit.wait", "source", "gamma"));
    assertEquals(0, gauge("pulse.source.lag.items", "source", "alpha"));
  }

  @Test
  void scopeTagOff_registersNoMeterTaggedWithAScope() {
    PipelineMetrics metrics = metrics().scopeTag(false).build();
    Pipeline pipeline =
        pipeline(metrics)
            .source(
                metrics
                    .source(
                        connector("alpha", 5, "A", "B", "C"),
                        new RecordingSink(clock, Duration.ZERO))
                    .readOptions(SAME_THREAD)
                    .build())
            .build();
    metrics.monitor(pipeline);
    assertNotNull(pipeline.runOnce());
    executor.runAll();

    for (Meter meter : registry.getMeters()) {
      assertNull(meter.getId().getTag("scope"), meter.getId().toString());
    }
    assertEquals(3, gauge("pulse.source.scopes", "source", "alpha", "health", "LIVE"));
    assertEquals(15, counter("pulse.items.ingested", "source", "alpha"));
  }

  @Test
  void refresh_removesTheGaugesOfAScopeThatLeftTheStatus() {
    PipelineMetrics metrics = metrics().build();
    java.util.concurrent.atomic.AtomicReference<dev.pulse.status.PipelineStatus> status =
        new java.util.concurrent.atomic.AtomicReference<>();
    Pipeline two =
        pipeline(metrics)
            .source(
                PipelineSource.of(
                        connector("alpha", 1, "A", "B"), new RecordingSink(clock, Duration.ZERO))
                    .readOptions(SAME_THREAD)
                    .build())
            .build();
    assertNotNull(two.runOnce());
    executor.runAll();
    status.set(two.status());
    metrics.monitor(status::get);
    assertNotNull(registry.find("pulse.scope.lag.items").tag("scope", "alpha:project:B").gauge());

    dev.pulse.status.PipelineStatus full = two.status();
    dev.pulse.status.SourceStatus source = full.sources().get(0);
    status.set(
        new dev.pulse.status.PipelineStatus(
            full.pipeline(),
            full.generatedAt(),
            full.health(),
            full.healthReason(),
            full.labels(),
            full.annotations(),
            java.util.List.of(
                new dev.pulse.status.SourceStatus(
                    source.source(),
                    source.entityType(),
                    source.health(),
                    source.healthReason(),
                    source.connectorHealth(),
                    source.lastRunStartedAt(),
                    source.lastRunFinishedAt(),
                    source.nextRunAt(),
                    source.rateLimitedUntil(),
                    source.error(),
                    source.scopes().subList(0, 1)))));
    metrics.refresh();

    assertNull(registry.find("pulse.scope.lag.items").tag("scope", "alpha:project:B").gauge());
    assertNotNull(registry.find("pulse.scope.lag.items").tag("scope", "alpha:project:A").gauge());
  }

  @Test
  void builder_rejectsBadInputNamingIt() {
    IllegalArgumentException blank =
        assertThrows(IllegalArgumentException.class, () -> PipelineMetrics.builder(registry, " "));
    assertTrue(blank.getMessage().contains("pipeline"), blank.getMessage());
    IllegalArgumentException refresh =
        assertThrows(IllegalArgumentException.class, () -> metrics().statusRefresh(Duration.ZERO));
    assertTrue(refresh.getMessage().contains("statusRefresh"), refresh.getMessage());
    assertThrows(NullPointerException.class, () -> PipelineMetrics.builder(null, "eng"));
  }

  @Test
  void monitor_refusesAnotherPipelineAndASecondStatus() {
    PipelineMetrics metrics = metrics().build();
    Pipeline other =
        Pipeline.builder("ops").tenant("acme").watermarks(new InMemoryWatermarkStore()).build();
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> metrics.monitor(other));
    assertTrue(wrong.getMessage().contains("ops"), wrong.getMessage());

    Pipeline eng = pipeline(metrics).build();
    metrics.monitor(eng);
    assertThrows(IllegalStateException.class, () -> metrics.monitor(eng::status));
  }

  static Connector<Ticket> rateLimited(Connector<Ticket> delegate, Duration retryAfter) {
    return new ForwardingConnector<>() {
      @Override
      protected Connector<Ticket> delegate() {
        return delegate;
      }

      @Override
      public PageFetcher<Ticket> openScope(ScopeKey scope) {
        return request -> {
          throw new SourceException(
              ErrorCode.RATE_LIMITED,
              delegate.source(),
              scope,
              "429 Too Many Requests",
              retryAfter,
              null);
        };
      }
    };
  }
}
