package dev.pulse.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A local HTTP server for fake vendor APIs: the JDK's own {@code com.sun.net.httpserver}, bound to
 * the loopback address on a free port, with fault injection and a log of what it was asked.
 *
 * <p>A vendor fake ({@link dev.pulse.testkit.fake.jira.FakeJira}) supplies a {@link Handler}; this
 * class answers each request with the handler's {@link Response}, unless a {@link Fault} injected
 * for a matching path prefix is pending, in which case the oldest such fault is consumed and
 * answered instead. Thread-safe: requests are served on a small pool of daemon threads. {@link
 * #close()} stops the server.
 */
public final class FakeHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Handler handler;
  private final Deque<PendingFault> faults = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();

  /** Answers a request; called on a server thread. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers one request.
     *
     * @param request the request
     * @return the response
     */
    Response handle(Request request);
  }

  /**
   * A request as the server received it.
   *
   * @param method the HTTP method
   * @param path the decoded path
   * @param query the raw query, empty when none
   * @param body the body as UTF-8 text, empty when none
   * @param headers the first value of each header, names lower-cased
   */
  public record Request(
      String method, String path, String query, String body, Map<String, String> headers) {
    /** Copies the headers. */
    public Request {
      headers = Map.copyOf(headers);
    }

    /**
     * Returns a query parameter.
     *
     * @param name the parameter
     * @param fallback returned when absent
     * @return the value
     */
    public String param(String name, String fallback) {
      int start = 0;
      while (start <= query.length()) {
        int end = query.indexOf('&', start);
        String pair = query.substring(start, end < 0 ? query.length() : end);
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals(name)) {
          return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        if (end < 0) {
          break;
        }
        start = end + 1;
      }
      return fallback;
    }

    /**
     * Returns a header's first value.
     *
     * @param name the header, any case
     * @return the value, or null
     */
    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * A response: status, headers and body. Immutable; the body array is not copied, so do not modify
   * it.
   */
  public static final class Response {
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    /**
     * Creates a response.
     *
     * @param status the HTTP status
     * @param headers headers to send; copied
     * @param body the body
     */
    public Response(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = Map.copyOf(headers);
      this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * Returns the status.
     *
     * @return the HTTP status
     */
    public int status() {
      return status;
    }

    /**
     * Returns the headers.
     *
     * @return the headers
     */
    public Map<String, String> headers() {
      return headers;
    }

    /**
     * Returns the body.
     *
     * @return the body bytes
     */
    public byte[] body() {
      return body;
    }

    /**
     * Returns a JSON response.
     *
     * @param status the status
     * @param json the JSON text
     * @return the response
     */
    public static Response json(int status, String json) {
      return new Response(
          status,
          Map.of("Content-Type", "application/json"),
          json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns a JSON response with extra headers.
     *
     * @param json the JSON text
     * @param headers the headers
     * @return a 200 response
     */
    public static Response json(String json, Map<String, String> headers) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put("Content-Type", "application/json");
      return new Response(200, all, json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private record PendingFault(String pathPrefix, Fault fault) {}

  static {
    // The JDK server writes headers and body in separate segments; with Nagle's algorithm and
    // delayed ACKs every exchange would stall ~40 ms. Read once, when the server classes load.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private FakeHttpServer(Handler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a loopback port", e);
    }
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "fake-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param handler answers requests
   * @return the running server
   */
  public static FakeHttpServer start(Handler handler) {
    return new FakeHttpServer(handler);
  }

  /**
   * Returns the base URL, e.g. {@code http://127.0.0.1:53122}.
   *
   * @return the base URL
   */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /**
   * Queues a fault for the next request whose path starts with {@code pathPrefix}; each queued
   * fault answers exactly one request.
   *
   * @param pathPrefix e.g. {@code /rest/api/3/search/jql}, or {@code /} for any request
   * @param fault the fault
   * @return this server
   */
  public FakeHttpServer inject(String pathPrefix, Fault fault) {
    synchronized (faults) {
      faults.add(new PendingFault(pathPrefix, fault));
    }
    return this;
  }

  /**
   * Returns how many injected faults have not been served yet.
   *
   * @return the count
   */
  public int pendingFaults() {
    synchronized (faults) {
      return faults.size();
    }
  }

  /**
   * Returns every request received so far, oldest first.
   *
   * @return a copy of the log
   */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * Returns how many requests had a path starting with the prefix.
   *
   * @param pathPrefix the prefix
   * @return the count
   */
  public long requestCount(String pathPrefix) {
    return requests().stream().filter(r -> r.path().startsWith(pathPrefix)).count();
  }

  private @Nullable Fault takeFault(String path) {
    synchronized (faults) {
      for (Iterator<PendingFault> it = faults.iterator(); it.hasNext(); ) {
        PendingFault pending = it.next();
        if (path.startsWith(pending.pathPrefix())) {
          it.remove();
          return pending.fault();
        }
      }
      return null;
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!values.isEmpty()) {
                  headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
                }
              });
      URI uri = exchange.getRequestURI();
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      Request request =
          new Request(exchange.getRequestMethod(), uri.getPath(), query, body, headers);
      synchronized (requests) {
        requests.add(request);
      }
      Fault fault = takeFault(request.path());
      if (fault != null && fault.kind() == Fault.Kind.STATUS) {
        if (!fault.retryAfter().isZero()) {
          exchange
              .getResponseHeaders()
              .add("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
        }
        if (fault.reset() != null) {
          exchange
              .getResponseHeaders()
              .add("X-RateLimit-Reset", DateTimeFormatter.ISO_INSTANT.format(fault.reset()));
        }
        send(exchange, Response.json(fault.status(), "{\"errorMessages\":[\"injected\"]}"));
        return;
      }
      if (fault != null && fault.kind() == Fault.Kind.SLOW) {
        pause(fault.delay());
      }
      Response response;
      try {
        response = handler.handle(request);
      } catch (RuntimeException e) {
        response =
            Response.json(500, FakeJson.write(Map.of("errorMessages", List.of(String.valueOf(e)))));
      }
      if (fault != null && fault.kind() == Fault.Kind.CONNECTION_RESET) {
        exchange.sendResponseHeaders(200, response.body().length + 1000L);
        OutputStream out = exchange.getResponseBody();
        out.write(response.body(), 0, Math.min(10, response.body().length));
        out.flush();
        // Closing with fewer bytes than promised makes the server drop the connection.
        return;
      }
      if (fault != null && fault.kind() == Fault.Kind.MALFORMED_JSON) {
        byte[] cut =
            java.util.Arrays.copyOf(response.body(), Math.max(1, response.body().length / 2));
        send(exchange, new Response(200, response.headers(), cut));
        return;
      }
      send(exchange, response);
    }
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] body = response.body();
    boolean noBody = response.status() == 304 || response.status() == 204;
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops the server at once and its threads. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
