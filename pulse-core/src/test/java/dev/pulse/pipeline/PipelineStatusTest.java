package dev.pulse.pipeline;

import static dev.pulse.pipeline.Fixtures.SAME_THREAD;
import static dev.pulse.pipeline.Fixtures.connector;
import static dev.pulse.pipeline.Fixtures.failingFetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.pipeline.Fixtures.RecordingSink;
import dev.pulse.pipeline.Fixtures.Ticket;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Sink;
import dev.pulse.status.ErrorEnvelope;
import dev.pulse.status.HealthState;
import dev.pulse.status.LabelSelector;
import dev.pulse.status.PipelineStatus;
import dev.pulse.status.ScopeStatus;
import dev.pulse.status.SourceStatus;
import dev.pulse.status.StatusJson;
import dev.pulse.status.StatusText;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PipelineStatusTest {
  private static final String TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

  private final FakeClock clock = new FakeClock();
  private final ManualTimer timer = new ManualTimer(clock);
  private final ManualExecutor executor = new ManualExecutor();
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();

  private Pipeline pipeline(Sink<Ticket> betaSink) {
    return Pipeline.builder("eng")
        .tenant("acme")
        .label("team", "core")
        .label("env", "prod")
        .annotation("owner", "ops on-call")
        .clock(clock)
        .timer(timer)
        .executor(executor)
        .watermarks(watermarks)
        .progress(ProgressTracker.builder().clock(clock).build())
        .retry(RetryPolicy.none())
        .source(
            PipelineSource.of(connector("alpha", 15, "A"), new RecordingSink())
                .readOptions(SAME_THREAD)
                .build())
        .source(
            PipelineSource.of(connector("beta", 5, "B"), betaSink).readOptions(SAME_THREAD).build())
        .build();
  }

  private static ScopeStatus scope(PipelineStatus status, int source) {
    return status.sources().get(source).scopes().get(0);
  }

  @Test
  void status_showsWhenARateLimitedSourceMayBeAskedAgain() {
    InMemoryConnector<Ticket> delegate = connector("alpha", 3, "A");
    Connector<Ticket> limited =
        failingFetch(
            delegate, ErrorCode.RATE_LIMITED, "429 Too Many Requests", Duration.ofMinutes(10));
    Pipeline pipeline =
        Pipeline.builder("eng")
            .clock(clock)
            .timer(timer)
            .executor(executor)
            .watermarks(watermarks)
            .retry(RetryPolicy.none())
            .source(
                PipelineSource.of(limited, new RecordingSink()).readOptions(SAME_THREAD).build())
            .build();
    Instant resume = clock.instant().plus(Duration.ofMinutes(10));
    assertNull(pipeline.status().sources().get(0).rateLimitedUntil(), "never run");

    assertNotNull(pipeline.runOnce());
    executor.runAll();

    SourceStatus source = pipeline.status().sources().get(0);
    assertEquals(resume, source.rateLimitedUntil());
    ErrorEnvelope error = scope(pipeline.status(), 0).lastError();
    assertEquals(ErrorCode.RATE_LIMITED, error == null ? null : error.code());
    clock.advance(Duration.ofMinutes(10));
    assertNull(pipeline.status().sources().get(0).rateLimitedUntil(), "the limit has passed");
  }

  @Test
  void status_followsThePipelineThroughEveryState() {
    Pipeline pipeline = pipeline(new RecordingSink());
    assertEquals(HealthState.SYNCING, pipeline.status().health(), "never run");

    assertNotNull(pipeline.runOnce());
    executor.runNext();
    PipelineStatus backfilling = pipeline.status();
    assertEquals(HealthState.SYNCING, scope(backfilling, 0).health());
    assertEquals("backfilling, not caught up yet", scope(backfilling, 0).healthReason());

    executor.runAll();
    PipelineStatus live = pipeline.status();
    assertEquals(HealthState.LIVE, live.health(), live.healthReason());
    assertEquals(15, scope(live, 0).itemsStored());
    assertEquals("DONE", scope(live, 0).progressStatus());
    assertEquals(1, scope(live, 0).attempts());
    assertEquals("UP", live.sources().get(0).connectorHealth());

    clock.advance(Duration.ofHours(2));
    assertEquals(HealthState.STALE, pipeline.status().health());
  }

  @Test
  void status_failedScopeIsErrorWithItsEnvelopeAndNoSecret() {
    Sink<Ticket> failing =
        (key, batch) -> {
          throw new dev.pulse.SinkException(
              key.scope(), "rejected by https://user:" + TOKEN + "@db.example/x", null);
        };
    Pipeline pipeline = pipeline(failing);
    assertNotNull(pipeline.runOnce());
    executor.runAll();

    PipelineStatus status = pipeline.status();

    assertEquals(HealthState.ERROR, status.health());
    SourceStatus beta = status.sources().get(1);
    assertEquals(HealthState.ERROR, beta.health());
    ScopeStatus scope = beta.scopes().get(0);
    assertNotNull(scope.lastError());
    assertEquals(ErrorCode.SINK_FAILED, scope.lastError().code());
    assertEquals(1, scope.consecutiveFailures());
    assertEquals(HealthState.LIVE, status.sources().get(0).health(), "alpha is unaffected");
    String json = StatusJson.write(status);
    String text = StatusText.render(status);
    assertFalse(json.contains(TOKEN), json);
    assertFalse(text.contains(TOKEN), text);
    assertTrue(json.contains("\"code\" : \"SINK_FAILED\""), json);
  }

  @Test
  void labels_selectPipelinesWithAnd() {
    Pipeline prod = pipeline(new RecordingSink());
    Pipeline dev =
        Pipeline.builder("dev")
            .label("team", "core")
            .label("env", "dev")
            .watermarks(watermarks)
            .build();

    LabelSelector selector = LabelSelector.parse("team=core,env=prod");

    assertEquals(List.of(prod), selector.filter(List.of(prod, dev), Pipeline::labels));
    assertTrue(dev.matches(LabelSelector.parse("team,env=dev")));
    assertEquals("ops on-call", prod.status().annotations().get("owner"));
    assertNull(prod.status().labels().get("missing"));
  }
}
