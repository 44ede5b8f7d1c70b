package dev.pulse.pipeline;

import static dev.pulse.pipeline.Fixtures.SAME_THREAD;
import static dev.pulse.pipeline.Fixtures.connector;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SinkException;
import dev.pulse.SourceException;
import dev.pulse.StoreException;
import dev.pulse.Watermark;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryDeadLetterStore;
import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.pipeline.Fixtures.Ticket;
import dev.pulse.progress.ProgressJson;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.WatermarkStore;
import dev.pulse.status.PipelineStatus;
import dev.pulse.status.StatusJson;
import dev.pulse.status.StatusText;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Plants one token everywhere a failure can carry it and looks for it everywhere Pulse shows. */
final class NoSecretsTest {
  private static final String TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

  private static <T> Connector<T> forward(
      Connector<T> delegate, Health health, boolean discover, boolean open) {
    return new ForwardingConnector<>() {
      @Override
      protected Connector<T> delegate() {
        return delegate;
      }

      @Override
      public Health checkHealth() {
        return health;
      }

      @Override
      public List<ScopeKey> discoverScopes() {
        if (!discover) {
          throw new SourceException(
              ErrorCode.SOURCE_UNAVAILABLE,
              delegate.source(),
              null,
              "GET https://api.example/?access_token=" + TOKEN + " failed",
              null,
              null);
        }
        return delegate.discoverScopes();
      }

      @Override
      public PageFetcher<T> openScope(ScopeKey scope) {
        if (!open) {
          throw new IllegalStateException("Bearer " + TOKEN);
        }
        return delegate.openScope(scope);
      }
    };
  }

  /** A source whose page fetch fails with the vendor's raw message, credentials and all. */
  private static <T> Connector<T> failingFetch(Connector<T> delegate) {
    return new ForwardingConnector<>() {
      @Override
      protected Connector<T> delegate() {
        return delegate;
      }

      @Override
      public PageFetcher<T> openScope(ScopeKey scope) {
        return request -> {
          throw new SourceException(
              ErrorCode.SOURCE_UNAVAILABLE,
              delegate.source(),
              scope,
              "HTTP 502 from https://bob:" + TOKEN + "@git.example/api",
              null);
        };
      }
    };
  }

  /** A watermark store that fails to advance one source's scopes, quoting a connection URL. */
  private static WatermarkStore failingAdvanceFor(String source, WatermarkStore delegate) {
    return new WatermarkStore() {
      @Override
      public Watermark get(ScopeId key) {
        return delegate.get(key);
      }

      @Override
      public Map<ScopeKey, Watermark> getAll(
          String tenant, EntityType entityType, Collection<ScopeKey> scopes) {
        return delegate.getAll(tenant, entityType, scopes);
      }

      @Override
      public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
        if (key.scope().source().equals(source)) {
          throw new StoreException(
              "update failed on jdbc:postgresql://pulse:" + TOKEN + "@db/pulse", null);
        }
        return delegate.advance(key, position, itemsAdded, at);
      }

      @Override
      public boolean reset(ScopeId key) {
        return delegate.reset(key);
      }

      @Override
      public List<Watermark> list(String tenant, EntityType entityType, String scopePrefix) {
        return delegate.list(tenant, entityType, scopePrefix);
      }
    };
  }

  @Test
  void aPlantedTokenIsNowhere() {
    FakeClock clock = new FakeClock();
    ManualExecutor executor = new ManualExecutor();
    InMemoryDeadLetterStore letters = new InMemoryDeadLetterStore();
    InMemoryConnector<Ticket> down = connector("down", 3, "A");
    InMemoryConnector<Ticket> undiscoverable = connector("nodisc", 3, "A");
    InMemoryConnector<Ticket> unopenable = connector("noopen", 3, "A");
    InMemoryConnector<Ticket> sinkFails = connector("sinkfails", 3, "A");
    InMemoryConnector<Ticket> rejects = connector("rejects", 3, "A");
    InMemoryConnector<Ticket> fetchFails = connector("fetchfails", 3, "A");
    InMemoryConnector<Ticket> storeFails = connector("storefails", 3, "A");
    InMemoryProgressStore progressStore = new InMemoryProgressStore();
    ProgressTracker progress = ProgressTracker.builder().clock(clock).store(progressStore).build();
    Pipeline pipeline =
        Pipeline.builder("eng")
            .tenant("acme")
            .annotation("note", "rotate token=" + TOKEN + " soon")
            .clock(clock)
            .timer(new ManualTimer(clock))
            .executor(executor)
            .watermarks(failingAdvanceFor("storefails", new InMemoryWatermarkStore()))
            .progress(progress)
            .deadLetters(letters)
            .retry(RetryPolicy.none())
            .source(
                PipelineSource.of(
                        forward(
                            down,
                            Health.down(
                                ErrorCode.AUTH_FAILED, "401 for Authorization: token " + TOKEN),
                            true,
                            true),
                        (key, batch) -> {})
                    .readOptions(SAME_THREAD)
                    .build())
            .source(
                PipelineSource.of(forward(undiscoverable, Health.up(), false, true), (k, b) -> {})
                    .readOptions(SAME_THREAD)
                    .build())
            .source(
                PipelineSource.of(forward(unopenable, Health.up(), true, false), (k, b) -> {})
                    .readOptions(SAME_THREAD)
                    .build())
            .source(
                PipelineSource.<Ticket>of(
                        sinkFails,
                        (key, batch) -> {
                          throw new SinkException(
                              key.scope(),
                              "insert into jdbc:postgresql://u:" + TOKEN + "@db",
                              null);
                        })
                    .readOptions(SAME_THREAD)
                    .build())
            .source(
                PipelineSource.<Ticket>rejecting(
                        rejects,
                        (key, batch, rejections) ->
                            rejections.reject(
                                batch.items().get(0),
                                ErrorCode.INVALID_DATA,
                                "api_key=" + TOKEN + " in payload"))
                    .readOptions(SAME_THREAD)
                    .naturalKey(Ticket::id)
                    .build())
            .source(
                PipelineSource.of(failingFetch(fetchFails), (k, b) -> {})
                    .readOptions(SAME_THREAD)
                    .build())
            .source(PipelineSource.of(storeFails, (k, b) -> {}).readOptions(SAME_THREAD).build())
            .build();

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PipelineReport report;
    PipelineStatus status;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      CompletableFuture<PipelineReport> run = pipeline.runOnce();
      executor.runAll();
      report = run.join();
      status = pipeline.status();
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);

    assertTrue(logs.contains("unhealthy, skipping"), "the log capture works:\n" + logs);
    assertFalse(report.succeeded());
    assertClean("logs", logs);
    assertClean("report", report.toString());
    assertClean("status JSON", StatusJson.write(status));
    assertClean("status text", StatusText.render(status));
    assertClean("status", status.toString());
    assertClean("dead letters", letters.list("acme").toString());
    assertClean("pipeline", pipeline.toString());
    progress.flush();
    assertTrue(
        progress.snapshots().stream().anyMatch(snapshot -> snapshot.lastError() != null),
        "progress recorded the failures: " + progress.snapshots());
    assertClean("progress JSON", ProgressJson.toJson(progress.snapshots()));
    assertClean("progress store", progressStore.list("acme").toString());
    assertTrue(
        report.toString().contains("STORE_FAILED")
            && report.toString().contains("SOURCE_UNAVAILABLE"),
        "the fetch and store failures were reached:\n" + report);
    assertTrue(letters.list("acme").size() == 1, "the rejection was kept");
  }

  private static void assertClean(String where, String text) {
    assertFalse(text.contains(TOKEN), "the token leaked into the " + where + ":\n" + text);
    assertFalse(text.contains(TOKEN.substring(4, 20)), "part of the token leaked: " + where);
  }
}
