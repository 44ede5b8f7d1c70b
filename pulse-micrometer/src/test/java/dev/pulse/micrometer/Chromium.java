package dev.pulse.micrometer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol with the JDK's WebSocket client: no
 * Selenium, no driver binary. One browser, one page (a flat session on the browser's socket).
 *
 * <p>Launched as {@code chromium --headless=new --no-sandbox --remote-debugging-port=0
 * --user-data-dir=<tmp>}; the DevTools URL is read from its stderr. {@link #close()} ends the
 * process and deletes the profile.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final long TIMEOUT_SECONDS = 60;

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final String session;

  private Chromium(Process process, Path profile, String devtools) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(devtools), new Listener())
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String target =
        call(null, "Target.createTarget", params().put("url", "about:blank"))
            .path("targetId")
            .asText();
    this.session =
        call(null, "Target.attachToTarget", params().put("targetId", target).put("flatten", true))
            .path("sessionId")
            .asText();
    send("Page.enable", params());
    send("Runtime.enable", params());
  }

  /** Starts the browser named by {@code -Dpulse.chromium} (default {@code chromium}). */
  static Chromium launch() throws Exception {
    String binary = System.getProperty("pulse.chromium", "chromium");
    Path profile = Files.createTempDirectory("pulse-chromium");
    Process process =
        new ProcessBuilder(
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                // Keeps draining stderr after the URL, so the browser never blocks on a full pipe.
                while ((line = err.readLine()) != null) {
                  Matcher matcher = DEVTOOLS.matcher(line);
                  if (matcher.find()) {
                    url.complete(matcher.group(1));
                  }
                }
                url.completeExceptionally(new IllegalStateException(binary + " exited early"));
              } catch (IOException e) {
                url.completeExceptionally(e);
              }
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      return new Chromium(process, profile, url.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  static ObjectNode params() {
    return MAPPER.createObjectNode();
  }

  /** Sends a command to the page and returns its result. */
  JsonNode send(String method, ObjectNode params) throws Exception {
    return call(session, method, params);
  }

  private JsonNode call(String sessionId, String method, ObjectNode params) throws Exception {
    long id = ids.incrementAndGet();
    ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket
        .sendText(MAPPER.writeValueAsString(message), true)
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    JsonNode answer = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException(method + " failed: " + answer.get("error"));
    }
    return answer.path("result");
  }

  /** Navigates and waits for the load event. */
  void navigate(String url) throws Exception {
    send("Page.navigate", params().put("url", url));
    evaluate(
        "new Promise(r => document.readyState === 'complete' ? r(true)"
            + " : addEventListener('load', () => r(true)))");
  }

  /**
   * Evaluates JavaScript in the page, awaiting a promise, and returns its value as JSON.
   *
   * @throws IllegalStateException if the script threw
   */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result =
        send(
            "Runtime.evaluate",
            params()
                .put("expression", expression)
                .put("awaitPromise", true)
                .put("returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(expression + " threw " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Sets the viewport, so screenshots have one size. */
  void viewport(int width, int height) throws Exception {
    send(
        "Emulation.setDeviceMetricsOverride",
        params()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  /** Saves a PNG of the page. */
  void screenshot(Path file) throws Exception {
    JsonNode shot = send("Page.captureScreenshot", params().put("format", "png"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  @Override
  public void close() throws IOException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // The browser may already be gone; the process is ended below either way.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // A profile file still held by an exiting helper process; it is a temp directory.
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode message = MAPPER.readTree(text);
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asLong());
            if (reply != null) {
              reply.complete(message);
            }
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      pending.values().forEach(f -> f.completeExceptionally(error));
    }
  }

  static List<String> strings(JsonNode array) {
    return MAPPER.convertValue(
        array, MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
  }
}
