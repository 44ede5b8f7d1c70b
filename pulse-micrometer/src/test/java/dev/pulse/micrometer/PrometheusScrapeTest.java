package dev.pulse.micrometer;

import static dev.pulse.micrometer.Fakes.SAME_THREAD;
import static dev.pulse.micrometer.Fakes.connector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.SinkException;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.micrometer.Fakes.ManualTimer;
import dev.pulse.micrometer.Fakes.RecordingSink;
import dev.pulse.micrometer.Fakes.Ticket;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineReport;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.pipeline.RetryPolicy;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Sink;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class PrometheusScrapeTest {
  private static final Pattern SAMPLE = Pattern.compile("^(pulse_[a-z_]+)[{ ]", Pattern.MULTILINE);

  /**
   * Runs a pipeline of three sources (one fine, one whose sink fails, one rate limited) measured on
   * a Prometheus registry, and returns the scrape.
   */
  static String scrapeAfterARun(boolean scopeTag) {
    FakeClock clock = new FakeClock(Fakes.T0.plusSeconds(86_400));
    ManualExecutor executor = new ManualExecutor();
    ManualTimer timer = new ManualTimer(clock);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PipelineMetrics metrics =
        PipelineMetrics.builder(registry, "eng")
            .tenant("acme")
            .clock(clock)
            .scopeTag(scopeTag)
            .build();
    Sink<Ticket> failing =
        (key, batch) -> {
          throw new SinkException(key.scope(), "disk full", null);
        };
    Pipeline pipeline =
        Pipeline.builder("eng")
            .tenant("acme")
            .clock(clock)
            .timer(timer)
            .random(Fakes.fixedRandom(0.5))
            .executor(executor)
            .watermarks(new InMemoryWatermarkStore())
            .progress(ProgressTracker.builder().clock(clock).build())
            .retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .listener(metrics.listener())
            .source(
                metrics
                    .source(
                        Fakes.slow(connector("alpha", 5, "A", "B"), clock, Duration.ofMillis(20)),
                        new RecordingSink(clock, Duration.ofMillis(40)))
                    .readOptions(SAME_THREAD)
                    .build())
            .source(
                metrics.source(connector("beta", 3, "B"), failing).readOptions(SAME_THREAD).build())
            .source(
                metrics
                    .source(
                        PipelineMetricsTest.rateLimited(
                            connector("gamma", 3, "G"), Duration.ofMinutes(10)),
                        new RecordingSink(clock, Duration.ZERO))
                    .readOptions(SAME_THREAD)
                    // A retry of a rate-limited scope waits for its resume time (ten minutes
                    // here); the scrape is about the refusal itself, so gamma is not retried.
                    .retry(RetryPolicy.none())
                    .build())
            .source(
                PipelineSource.rejecting(
                        metrics.connector(connector("delta", 2, "D")),
                        metrics.rejectingSink(
                            (key, batch, rejections) ->
                                rejections.reject(
                                    batch.items().get(0), ErrorCode.INVALID_DATA, "bad row")))
                    .readOptions(SAME_THREAD)
                    .build())
            .build();
    metrics.monitor(pipeline);
    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();
    timer.advance(Duration.ofSeconds(1));
    executor.runAll();
    if (!run.isDone()) {
      throw new AssertionError("the run and its retries have not finished");
    }
    clock.advance(Duration.ofSeconds(29));
    return registry.scrape();
  }

  /** Returns the names of the samples of a scrape: {@code pulse_fetch_seconds_bucket}, ... */
  static Set<String> sampleNames(String scrape) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = SAMPLE.matcher(scrape);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  @Test
  void scrape_hasPrometheusNamesUnitsAndBoundedTags() {
    String scrape = scrapeAfterARun(true);

    String alpha = "entity_type=\"issues\",pipeline=\"eng\",source=\"alpha\",tenant=\"acme\"";
    assertLine(scrape, "pulse_items_ingested_total{" + alpha + "} 10.0");
    assertLine(scrape, "pulse_batches_total{" + alpha + "} 2.0");
    assertLine(scrape, "# TYPE pulse_fetch_seconds histogram");
    assertLine(
        scrape, "pulse_fetch_seconds_bucket{" + withOutcome(alpha, "success") + ",le=\"0.025\"} 2");
    assertLine(
        scrape, "pulse_fetch_seconds_bucket{" + withOutcome(alpha, "success") + ",le=\"0.01\"} 0");
    assertLine(scrape, "pulse_write_seconds_count{" + withOutcome(alpha, "success") + "} 2");
    assertLine(
        scrape,
        "pulse_source_scopes{" + alpha.replace(",pipeline", ",health=\"LIVE\",pipeline") + "} 2.0");
    assertLine(
        scrape,
        "pulse_errors_total{code=\"SINK_FAILED\",entity_type=\"issues\",pipeline=\"eng\",source=\"beta\",tenant=\"acme\"} 1.0");
    assertLine(
        scrape,
        "pulse_scope_watermark_age_seconds{entity_type=\"issues\",pipeline=\"eng\",scope=\"alpha:project:A\",source=\"alpha\",tenant=\"acme\"} 30.0");
    String waitLine =
        "pulse_source_rate_limit_wait_seconds{entity_type=\"issues\",pipeline=\"eng\",source=\"gamma\",tenant=\"acme\"} ";
    double wait =
        Double.parseDouble(
            scrape
                .lines()
                .filter(l -> l.startsWith(waitLine))
                .findFirst()
                .orElseThrow()
                .substring(waitLine.length()));
    assertTrue(
        wait > 560 && wait <= 600,
        "ten minutes from the last refusal, less the 30 s since: " + wait);
    assertLine(scrape, "pulse_retries_total{code=\"SINK_FAILED\"");
    assertLine(
        scrape,
        "pulse_dead_letters_total{entity_type=\"issues\",pipeline=\"eng\",source=\"delta\",tenant=\"acme\"} 1.0");
    assertTrue(scrape.contains("pulse_source_rate_limit_resume_timestamp_seconds{"), scrape);
    assertTrue(scrape.contains("# HELP pulse_scope_lag_items "), "meters carry descriptions");
  }

  @Test
  void scrape_withoutTheScopeTag_hasNoScopeLabel() {
    String scrape = scrapeAfterARun(false);

    assertFalse(scrape.contains("scope=\""), scrape);
    assertTrue(sampleNames(scrape).contains("pulse_source_watermark_age_max_seconds"), scrape);
    assertFalse(sampleNames(scrape).contains("pulse_scope_lag_items"), scrape);
  }

  @Test
  void scrape_labelsTakeOnlyBoundedValues() {
    String scrape = scrapeAfterARun(true);
    Set<String> keys = new TreeSet<>();
    Matcher labels = Pattern.compile("[{,]([a-z_]+)=\"").matcher(scrape);
    while (labels.find()) {
      keys.add(labels.group(1));
    }
    assertEquals(
        new TreeSet<>(
            Set.of(
                "code",
                "entity_type",
                "health",
                "le",
                "outcome",
                "pipeline",
                "scope",
                "source",
                "tenant")),
        keys);
  }

  private static String withOutcome(String tags, String outcome) {
    return tags.replace(",pipeline", ",outcome=\"" + outcome + "\",pipeline");
  }

  private static void assertLine(String scrape, String prefix) {
    assertTrue(
        scrape.lines().anyMatch(line -> line.startsWith(prefix)),
        () -> "no line starts with " + prefix + " in\n" + scrape);
  }
}
