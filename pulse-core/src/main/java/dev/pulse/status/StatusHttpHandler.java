package dev.pulse.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Serves a {@link StatusHandler} from the JDK's {@code com.sun.net.httpserver.HttpServer}: mount it
 * with {@code server.createContext("/", new StatusHttpHandler(handler))} (or under a prefix, which
 * is stripped before the handler sees the path).
 *
 * <p>Needs the {@code jdk.httpserver} module, which every full JDK has; pulse-core only {@code
 * requires static} it, so users who never load this class need not have it (a module-path
 * application that uses it adds {@code requires jdk.httpserver}). Responses carry {@code
 * Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}; a HEAD gets the headers
 * only. Thread-safe.
 */
public final class StatusHttpHandler implements HttpHandler {
  private final StatusHandler handler;

  /**
   * Adapts a handler.
   *
   * @param handler the handler
   */
  public StatusHttpHandler(StatusHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String context = exchange.getHttpContext().getPath();
      String path = exchange.getRequestURI().getPath();
      if (!context.equals("/") && path.startsWith(context)) {
        path = path.substring(context.length());
      }
      if (path.isEmpty()) {
        path = "/";
      }
      String method = exchange.getRequestMethod();
      StatusHandler.Response response =
          handler.handle(method, path, exchange.getRequestURI().getRawQuery());
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

  @Override
  public String toString() {
    return "StatusHttpHandler[" + handler + "]";
  }
}
