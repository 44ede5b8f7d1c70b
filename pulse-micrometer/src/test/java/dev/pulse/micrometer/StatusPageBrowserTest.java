package dev.pulse.micrometer;

import static dev.pulse.micrometer.Fakes.connector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SinkException;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.micrometer.Fakes.RecordingSink;
import dev.pulse.micrometer.Fakes.Ticket;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineListener;
import dev.pulse.pipeline.PipelineReport;
import dev.pulse.pipeline.RetryPolicy;
import dev.pulse.pipeline.ScopeRun;
import dev.pulse.pipeline.SourceReport;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.Sink;
import dev.pulse.status.ErrorEnvelope;
import dev.pulse.status.StatusHandler;
import dev.pulse.status.StatusHttpHandler;
import dev.pulse.testing.FakeClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The status page in headless Chromium against a running pipeline of in-memory fake sources: one
 * fine, one stalled (its second page never comes; the fake clock moves past the stall threshold),
 * one rate limited, one whose sink fails. Runs only in the {@code browser} profile.
 */
@Tag("browser")
final class StatusPageBrowserTest {
  private static final Path SHOTS = Path.of("target", "browser");

  private final FakeClock clock = new FakeClock(Fakes.T0.plusSeconds(86_400));
  private final CountDownLatch blocked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(3);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();
  private Pipeline pipeline;
  private HttpServer server;
  private Chromium browser;
  private Instant resumeAt;
  private CompletableFuture<PipelineReport> run;

  @BeforeEach
  void start() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PipelineMetrics metrics =
        PipelineMetrics.builder(registry, "eng").tenant("acme").clock(clock).build();
    Sink<Ticket> failing =
        (key, batch) -> {
          throw new SinkException(key.scope(), "disk full on /var/lib/pulse", null);
        };
    ReadOptions reads =
        ReadOptions.builder()
            .pageSize(10)
            .prefetch(0)
            .executor(Runnable::run)
            .fetchTimeout(Duration.ofHours(2))
            .build();
    pipeline =
        Pipeline.builder("eng")
            .tenant("acme")
            .label("team", "core")
            .label("env", "prod")
            .annotation("owner", "someone on call")
            .clock(clock)
            .executor(threads)
            .watermarks(new InMemoryWatermarkStore())
            .progress(tracker)
            .retry(RetryPolicy.none())
            .listener(new Counting(metrics.listener()))
            .source(
                metrics
                    .source(
                        connector("alpha", 30, "A", "B"), new RecordingSink(clock, Duration.ZERO))
                    .readOptions(reads)
                    .build())
            .source(
                metrics
                    .source(
                        stuck(connector("stuck", 25, "S")), new RecordingSink(clock, Duration.ZERO))
                    .readOptions(reads)
                    .build())
            .source(
                metrics
                    .source(
                        PipelineMetricsTest.rateLimited(
                            connector("limited", 3, "L"), Duration.ofHours(1)),
                        new RecordingSink(clock, Duration.ZERO))
                    .readOptions(reads)
                    .build())
            .source(metrics.source(connector("broken", 5, "X"), failing).readOptions(reads).build())
            .build();
    metrics.monitor(pipeline);
    resumeAt = clock.instant().plus(Duration.ofHours(1));
    run = pipeline.runOnce();
    assertTrue(blocked.await(60, TimeUnit.SECONDS), "the stuck scope stored a batch and waits");
    assertTrue(finished.await(60, TimeUnit.SECONDS), "the other sources finished");
    // Past the stall threshold (three times the expected gap, at least a minute).
    clock.advance(Duration.ofMinutes(10));
    tracker.poll();

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StatusHandler handler =
        StatusHandler.builder()
            .pipeline(pipeline::status)
            .clock(clock)
            .metrics("text/plain; version=0.0.4; charset=utf-8", registry::scrape)
            .build();
    server.createContext("/", new StatusHttpHandler(handler));
    server.setExecutor(threads);
    server.start();
    browser = Chromium.launch();
    browser.viewport(1500, 520);
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.stop(0);
    }
    if (pipeline != null) {
      pipeline.stop(Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
      run.get(30, TimeUnit.SECONDS);
    }
    threads.shutdownNow();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Waits, in the page, until its table shows {@code count} rows after the latest change. */
  private JsonNode rows(int count) throws Exception {
    return browser.evaluate(
        "new Promise(resolve => { const check = () => {"
            + " const rows = [...document.querySelectorAll('#rows tr')];"
            + " if (rows.length === "
            + count
            + ") { resolve(rows.map(r => ({scope: r.dataset.scope, health: r.dataset.health,"
            + " stalled: r.classList.contains('stalled'), text: r.innerText,"
            + " progress: r.querySelector('.bar').dataset.progress,"
            + " resume: (r.querySelector('[data-resume]') || {dataset: {}}).dataset.resume || null})));"
            + " } else { setTimeout(check, 50); } }; check(); })");
  }

  private JsonNode row(JsonNode rows, String scope) {
    for (JsonNode row : rows) {
      if (row.path("scope").asText().equals(scope)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + scope + " in " + rows);
  }

  private void choose(String select, String value) throws Exception {
    browser.evaluate(
        "(() => { const s = document.getElementById('"
            + select
            + "'); s.value = '"
            + value
            + "'; s.dispatchEvent(new Event('change')); return s.value; })()");
  }

  @Test
  void page_showsEveryScopeWithStalledRateLimitedAndFailedRowsAndFilters() throws Exception {
    browser.navigate(url());

    JsonNode all = rows(5);
    JsonNode stuck = row(all, "stuck:project:S");
    assertTrue(stuck.path("stalled").asBoolean(), stuck.toString());
    assertEquals("STALE", stuck.path("health").asText());
    assertEquals("indeterminate", stuck.path("progress").asText(), "the source gave no count");
    assertTrue(stuck.path("text").asText().contains("STALLED"), stuck.toString());
    JsonNode limited = row(all, "limited:project:L");
    assertEquals(resumeAt.toString(), Instant.parse(limited.path("resume").asText()).toString());
    assertTrue(limited.path("text").asText().contains("RATE_LIMITED"), limited.toString());
    JsonNode broken = row(all, "broken:project:X");
    assertEquals("ERROR", broken.path("health").asText());
    assertEquals("0", broken.path("progress").asText(), "nothing stored");
    assertTrue(
        broken
            .path("text")
            .asText()
            .contains("SINK_FAILED: sink failed for broken:project:X: disk full"),
        broken.toString());
    JsonNode alpha = row(all, "alpha:project:A");
    assertEquals("LIVE", alpha.path("health").asText());
    assertEquals("100", alpha.path("progress").asText());
    assertTrue(!alpha.path("stalled").asBoolean(), alpha.toString());
    JsonNode counts =
        browser.evaluate(
            "Object.fromEntries(['ALL','LIVE','SYNCING','STALE','ERROR','STALLED','LIMITED']"
                + ".map(k => [k, +document.getElementById('count-' + k).textContent]))");
    assertEquals(5, counts.path("ALL").asInt());
    assertEquals(2, counts.path("LIVE").asInt());
    assertEquals(1, counts.path("STALE").asInt());
    assertEquals(2, counts.path("ERROR").asInt(), "the failed and the rate-limited scope");
    assertEquals(1, counts.path("STALLED").asInt());
    assertEquals(1, counts.path("LIMITED").asInt());
    String page = browser.evaluate("document.body.innerText").asText();
    assertTrue(!page.contains("someone on call"), "annotations may name people; not shown");
    browser.screenshot(SHOTS.resolve("status-page.png"));

    choose("f-health", "ERROR");
    assertEquals(
        List.of("limited:project:L", "broken:project:X"),
        scopes(rows(2)).stream().sorted(java.util.Comparator.reverseOrder()).toList());
    choose("f-health", "");
    choose("f-source", "alpha");
    assertEquals(List.of("alpha:project:A", "alpha:project:B"), scopes(rows(2)));
    choose("f-source", "");
    browser.evaluate(
        "(() => { const i = document.getElementById('f-labels'); i.value = 'team=other';"
            + " i.dispatchEvent(new Event('change')); return true; })()");
    rows(0);
    browser.evaluate(
        "(() => { const i = document.getElementById('f-labels'); i.value = 'team=core,env';"
            + " i.dispatchEvent(new Event('change')); return true; })()");
    rows(5);
    choose("f-health", "STALE");
    assertEquals(List.of("stuck:project:S"), scopes(rows(1)));
    browser.screenshot(SHOTS.resolve("status-page-stale.png"));
  }

  private static List<String> scopes(JsonNode rows) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    rows.forEach(r -> out.add(r.path("scope").asText()));
    return out;
  }

  /** A connector whose scopes return their first page, then wait until the test ends. */
  private Connector<Ticket> stuck(Connector<Ticket> delegate) {
    return new ForwardingConnector<>() {
      @Override
      protected Connector<Ticket> delegate() {
        return delegate;
      }

      @Override
      public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
        return ItemCount.unknown();
      }

      @Override
      public PageFetcher<Ticket> openScope(ScopeKey scope) {
        PageFetcher<Ticket> fetcher = delegate.openScope(scope);
        AtomicInteger pages = new AtomicInteger();
        return request -> {
          if (pages.incrementAndGet() > 1) {
            blocked.countDown();
            release.await();
          }
          return fetcher.fetch(request);
        };
      }
    };
  }

  /** Forwards to the metrics listener and counts finished sources. */
  private final class Counting implements PipelineListener {
    private final PipelineListener delegate;

    Counting(PipelineListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void retryScheduled(ScopeId key, int nextAttempt, Duration delay, ErrorEnvelope error) {
      delegate.retryScheduled(key, nextAttempt, delay, error);
    }

    @Override
    public void scopeFinished(ScopeRun run) {
      delegate.scopeFinished(run);
    }

    @Override
    public void sourceFinished(SourceReport report) {
      delegate.sourceFinished(report);
      finished.countDown();
    }
  }
}
