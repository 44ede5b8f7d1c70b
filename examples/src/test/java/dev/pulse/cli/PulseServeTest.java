package dev.pulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.config.ConnectorCatalog;
import dev.pulse.config.Environment;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code pulse serve} in-process on a free loopback port against the testkit's fake Jira and
 * an SQLite file, reads its four endpoints, then stops it as Ctrl-C would.
 */
final class PulseServeTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Pattern SERVING = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+/)");
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private FakeJira jira;
  private CliContext context;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    jira = FakeJira.builder().seed(3).project("BG", 120).project("OPS", 40).start();
    context =
        new CliContext(
            Environment.of(Map.of("JIRA_TOKEN", FakeJira.TOKEN), Map.of()),
            ConnectorCatalog.discover(getClass().getClassLoader()),
            new FakeClock(NOW),
            false);
  }

  @AfterEach
  void tearDown() {
    jira.close();
  }

  @Test
  void serve_runsThePipelinesAndServesStatusMetricsAndReportOnOnePort() throws Exception {
    Path config = dir.resolve("pulse.json");
    Files.writeString(
        config,
        PulseCliEndToEndTest.config(jira.baseUri().toString(), "jira"),
        StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread serve =
        new Thread(
            () ->
                exit.complete(
                    PulseCli.run(
                        new String[] {"--config", config.toString(), "serve", "--port", "0"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        context)),
            "pulse-serve-test");
    serve.start();
    try {
      String base =
          await(
              () -> {
                Matcher matcher = SERVING.matcher(out.toString());
                return matcher.find() ? matcher.group(1) : null;
              },
              () -> "serve never listened: " + out + err);
      String status =
          await(
              () -> {
                String body = get(base + "status", 200, "application/json");
                return body.contains("jira:project:BG") ? body : null;
              },
              () -> "the scope never showed on /status");
      assertTrue(status.matches("(?s).*\"pipeline\"\\s*:\\s*\"eng\".*"), status);

      String page = get(base, 200, "text/html");
      assertTrue(page.startsWith("<!DOCTYPE html>"), page);
      String metrics = get(base + "metrics", 200, "text/plain");
      assertTrue(metrics.contains("pulse_"), metrics);
      String report = get(base + "report", 200, "text/html");
      assertTrue(report.startsWith("<!DOCTYPE html>"), report);
      assertTrue(report.contains("\"team\":null"), "every team by default");
      assertTrue(report.contains("<script type=\"application/json\" id=\"pulse-drilldown\">null<"));
      String core = get(base + "report?team=core&window=30d&drilldown=true", 200, "text/html");
      assertTrue(core.contains("\"team\":\"core\""), "the team's report");
      assertTrue(core.contains("<script type=\"application/json\" id=\"pulse-drilldown\">["));
      Matcher window =
          Pattern.compile("\"window\":\\{\"start\":\"([^\"]+)\",\"end\":\"([^\"]+)\"")
              .matcher(core);
      assertTrue(window.find(), "the report's window");
      assertEquals(
          Duration.ofDays(30),
          Duration.between(Instant.parse(window.group(1)), Instant.parse(window.group(2))));
      String badWindow = get(base + "report?window=abc", 400, "application/json");
      assertTrue(badWindow.matches("(?s).*\"code\"\\s*:\\s*\"INVALID_CONFIG\".*"), badWindow);
      String twoBad = get(base + "report?window=0d&colour=red", 400, "application/json");
      assertTrue(twoBad.contains("window must be > 0"), twoBad);
      assertTrue(twoBad.contains("unknown parameter"), twoBad);
      assertTrue(twoBad.contains("colour"), twoBad);
      String nobody = get(base + "report?team=nobody", 400, "application/json");
      assertTrue(nobody.matches("(?s).*\"code\"\\s*:\\s*\"SCOPE_NOT_FOUND\".*"), nobody);
      assertFalse(
          nobody.contains("pulse.json"), "the configuration's path is not shown: " + nobody);
      get(base + "nothing-here", 404, "application/json");
    } finally {
      serve.interrupt();
    }
    assertEquals(130, exit.get(60, TimeUnit.SECONDS), err.toString());
    assertTrue(out.toString().contains("stopping (grace PT30S) ...\nstopped"), out.toString());
  }

  private String get(String uri, int code, String contentType) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(code, response.statusCode(), uri + ": " + response.body());
      assertTrue(
          response.headers().firstValue("Content-Type").orElse("").startsWith(contentType),
          uri + ": " + response.headers());
      return response.body();
    } catch (IOException e) {
      throw new AssertionError(uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(uri + ": interrupted", e);
    }
  }

  /** Polls until the value is non-null or the deadline (real time, not the fake clock) passes. */
  private static <T> T await(Supplier<T> value, Supplier<String> failure) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      T current = value.get();
      if (current != null) {
        return current;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure.get());
      }
      Thread.onSpinWait();
    }
  }
}
