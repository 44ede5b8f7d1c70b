package dev.pulse.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pulse.ErrorCode;
import dev.pulse.metrics.dora.Window;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.status.LabelSelector;
import dev.pulse.status.StatusHandler;
import dev.pulse.status.StatusHttpHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pulse serve}: runs the pipelines continuously and serves their status and metrics. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Run the pipelines continuously and serve status, metrics and the report on one port.",
    description = {
      "Migrates the store, starts every configured pipeline as ingest --watch does, and serves on"
          + " one HTTP port: / (the status page), /status (JSON; filters in docs/operations.md),"
          + " /metrics (Prometheus text) and /report (the HTML metrics report, computed from the"
          + " store on each request: /report?team=core&window=30d&drilldown=true; the last 90 days"
          + " of every team by default).",
      "Binds to the loopback address unless --bind says otherwise. Ctrl-C stops the pipelines"
          + " (in-flight batches get --grace to finish) and then the server; exits 130."
    })
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  @SuppressWarnings("NullAway.Init") // set by picocli
  PulseCommand root;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "The port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 8080;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "The address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every one).")
  String bind = "127.0.0.1";

  @Mixin LabelOption labels = new LabelOption();

  @Mixin GraceOption graceOption = new GraceOption();

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw new CliFailure(
          ErrorCode.INVALID_CONFIG, "port must be between 0 and 65535 but was " + port);
    }
    CliContext context = root.context();
    LoadedConfig config = root.load();
    config.requireValid();
    Stores stores = new Stores(config.store(), context.clock());
    stores.database().migrate();
    ProgressTracker tracker =
        ProgressTracker.builder()
            .clock(context.clock())
            .store(stores.progress())
            .persistInterval(Duration.ofSeconds(2))
            .build();
    LabelSelector selector = labels.selector();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrintWriter out = root.spec.commandLine().getOut();
    try (Pipelines pipelines =
        Pipelines.build(config, stores, tracker, context.clock(), selector, null, registry)) {
      StatusHandler status =
          StatusHandler.builder()
              .pipelines(() -> pipelines.all().stream().map(b -> b.pipeline().status()).toList())
              .metrics("text/plain; version=0.0.4; charset=utf-8", registry::scrape)
              .clock(context.clock())
              .build();
      HttpServer server = server(status, config, context);
      CountDownLatch stopped = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      // The JVM halts when its hooks return, so the hook waits for the graceful stop below.
      Thread hook =
          new Thread(
              () -> {
                stopped.countDown();
                try {
                  done.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "pulse-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        for (Pipelines.Built built : pipelines.all()) {
          built.pipeline().start();
        }
        server.start();
        out.printf(
            "serving %d pipeline(s) on http://%s:%d/ (/status, /metrics, /report);"
                + " press Ctrl-C to stop%n",
            pipelines.all().size(), bind, server.getAddress().getPort());
        out.flush();
        // Ctrl-C runs the hook; an in-process caller interrupts this thread instead.
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        out.println("stopping (grace " + graceOption.grace + ") ...");
        out.flush();
        for (Pipelines.Built built : pipelines.all()) {
          Pipeline pipeline = built.pipeline();
          pipeline.stop(graceOption.grace).join();
        }
        server.stop(0);
        registry.close();
        tracker.flush();
        out.println("stopped");
        out.flush();
        done.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is already shutting down: the hook is what brought us here.
        }
      }
      return ExitCodes.CANCELLED;
    } finally {
      tracker.flush();
    }
  }

  private HttpServer server(StatusHandler status, LoadedConfig config, CliContext context) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    } catch (IOException e) {
      throw new CliFailure(
          ErrorCode.INVALID_CONFIG,
          "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
    }
    server.createContext("/", new StatusHttpHandler(status));
    server.createContext("/report", exchange -> report(exchange, config, context));
    return server;
  }

  private static void report(HttpExchange exchange, LoadedConfig config, CliContext context)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      StatusHandler.Response response;
      if (!exchange.getRequestURI().getPath().equals("/report")) {
        response = StatusHandler.error(404, ErrorCode.SCOPE_NOT_FOUND, "no such path");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        response = StatusHandler.error(405, ErrorCode.INVALID_CONFIG, "only GET and HEAD");
      } else {
        response = reportPage(config, context, exchange.getRequestURI().getRawQuery());
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      boolean head = method.equals("HEAD");
      exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /**
   * Computes the page for a query ({@link ReportRequest}): a bad parameter or an unknown team is
   * the client's mistake (400 with its code), anything else the server's (500, no detail).
   */
  static StatusHandler.Response reportPage(
      LoadedConfig config, CliContext context, @Nullable String query) {
    ReportRequest request;
    try {
      request = ReportRequest.parse(query);
    } catch (CliFailure e) {
      return StatusHandler.error(400, e.code(), String.valueOf(e.getMessage()));
    }
    try {
      Instant end = context.clock().instant();
      MetricsReport report =
          MetricsCommand.report(
              config,
              context,
              request.team(),
              new Window(end.minus(request.window()), end),
              request.drillDown());
      return new StatusHandler.Response(200, StatusHandler.HTML, report.html());
    } catch (CliFailure e) {
      if (e.code() == ErrorCode.SCOPE_NOT_FOUND) {
        // not the CLI's message: that one names the configuration file's path
        return StatusHandler.error(
            400,
            ErrorCode.SCOPE_NOT_FOUND,
            "no pipeline is labelled team=" + request.team() + " and no teams entry names it");
      }
      return StatusHandler.error(500, ErrorCode.INTERNAL, "the report could not be computed");
    } catch (RuntimeException e) {
      // The store may be briefly unavailable; the message could name its URL, so it is not shown.
      return StatusHandler.error(500, ErrorCode.INTERNAL, "the report could not be computed");
    }
  }
}
