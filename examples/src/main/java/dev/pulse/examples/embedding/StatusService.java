package dev.pulse.examples.embedding;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineReport;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Sink;
import dev.pulse.status.StatusJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A service that embeds a Pulse pipeline: the pipeline starts and stops with the service, and its
 * status is served as JSON on {@code GET /status} by the JDK's {@link HttpServer} (503 while the
 * pipeline is in ERROR, so a load balancer or probe can act on it).
 *
 * <p>Lifecycle: {@link #start()} binds the port and starts continuous ingestion; {@link
 * #stop(Duration)} stops ingestion within the grace period (every watermark stays after a stored
 * batch) and then the server. Thread-safe as its parts are; start and stop it once.
 *
 * <pre>{@code
 * StatusService service = new StatusService(connector, sink, 8080);
 * service.start();                        // GET http://localhost:8080/status
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> service.stop(Duration.ofSeconds(30))));
 * }</pre>
 */
public final class StatusService {
  private final Pipeline pipeline;
  private final HttpServer server;

  /**
   * Creates the service; nothing runs until {@link #start()}.
   *
   * @param connector the source
   * @param sink where its records go
   * @param port the port, 0 for any free one
   * @param <T> the record type
   * @throws IOException if the port cannot be bound
   */
  public <T> StatusService(Connector<T> connector, Sink<T> sink, int port) throws IOException {
    Objects.requireNonNull(connector, "connector");
    this.pipeline =
        Pipeline.builder("embedded")
            .tenant("acme")
            .label("team", "platform")
            .watermarks(new InMemoryWatermarkStore())
            .progress(ProgressTracker.builder().build())
            .source(PipelineSource.of(connector, sink).interval(Duration.ofMinutes(5)).build())
            .build();
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/status", this::status);
  }

  /** Starts serving and ingesting. */
  public void start() {
    server.start();
    pipeline.start();
  }

  /**
   * Runs every source once, for a service that ingests on demand instead of continuously.
   *
   * @return the run's report
   */
  public PipelineReport ingestOnce() {
    return pipeline.runOnce().join();
  }

  /**
   * Stops ingesting, then serving.
   *
   * @param grace how long in-flight batches may finish
   * @return true if every in-flight batch finished within the grace period
   */
  public boolean stop(Duration grace) {
    boolean clean = pipeline.stop(grace).join();
    server.stop(0);
    return clean;
  }

  /**
   * Returns where the status is served.
   *
   * @return the URI of {@code /status}
   */
  public URI statusUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/status");
  }

  private void status(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      var status = pipeline.status();
      byte[] body = StatusJson.write(status).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status.health().name().equals("ERROR") ? 503 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
