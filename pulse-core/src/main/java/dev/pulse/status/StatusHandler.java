package dev.pulse.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.ErrorCode;
import dev.pulse.InvalidConfigException;
import dev.pulse.PulseClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A framework-agnostic HTTP handler of pipeline status: it maps a request's method, path and query
 * to a {@link Response} (status code, content type, body), so any server can serve it; {@link
 * StatusHttpHandler} adapts it to the JDK's {@code com.sun.net.httpserver}.
 *
 * <p>Paths:
 *
 * <ul>
 *   <li>{@code /} and {@code /status.html}: the status page, one static HTML file that polls {@code
 *       status} (relative, so the handler may be mounted under any prefix);
 *   <li>{@code /status}: {@code {"generatedAt": ..., "pipelines": [...]}}, each pipeline rendered
 *       by {@link StatusJson}, filtered by the query parameters below;
 *   <li>{@code /metrics}: the metrics text given to {@link Builder#metrics}, when given.
 * </ul>
 *
 * <p>Query parameters of {@code /status}, combined with AND; a parameter's comma-separated values
 * with OR: {@code selector} (a {@link LabelSelector} on pipeline labels, e.g. {@code
 * team=core,env}), {@code health} ({@link HealthState} names; keeps the scopes in those states and
 * the sources that are in them or keep a scope), {@code source} (source name, e.g. {@code jira}, or
 * id, {@code jira/issues}) and {@code entityType}. A malformed or unknown parameter is a 400 with
 * an {@link ErrorEnvelope} body {@code {"code": "INVALID_CONFIG", "message": ...}}; an unknown path
 * a 404, another method than GET or HEAD a 405, a status supplier that throws a 500 ({@code
 * INTERNAL}, its message not shown). Responses carry no cookie and nothing that identifies a
 * person; the page shows no annotations, which are free text.
 *
 * <p>Immutable and thread-safe; the status supplier is called once per {@code /status} request.
 */
public final class StatusHandler {
  /** The content type of JSON responses. */
  public static final String JSON = "application/json; charset=utf-8";

  /** The content type of the status page. */
  public static final String HTML = "text/html; charset=utf-8";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> PARAMETERS =
      Set.of("selector", "health", "source", "entityType");

  private final Supplier<List<PipelineStatus>> pipelines;
  private final PulseClock clock;
  private final @Nullable Supplier<String> metrics;
  private final String metricsContentType;
  private final String page;

  private StatusHandler(Builder builder) {
    this.pipelines = Objects.requireNonNull(builder.pipelines, "pipelines");
    this.clock = builder.clock;
    this.metrics = builder.metrics;
    this.metricsContentType = builder.metricsContentType;
    this.page = loadPage();
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the status page: one HTML file with inline CSS and JavaScript, no external resource.
   *
   * @return the page
   */
  public static String page() {
    return loadPage();
  }

  /**
   * Answers one request.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param path the path relative to where the handler is mounted, e.g. {@code /status}
   * @param query the raw query string without {@code ?}, or null
   * @return the response; never throws for bad input
   */
  public Response handle(String method, String path, @Nullable String query) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    boolean get = method.equals("GET") || method.equals("HEAD");
    switch (path) {
      case "/", "/status.html" -> {
        return get ? new Response(200, HTML, page) : notAllowed(method);
      }
      case "/status" -> {
        return get ? status(query) : notAllowed(method);
      }
      case "/metrics" -> {
        Supplier<String> text = metrics;
        if (text == null) {
          return notFound(path);
        }
        return get ? scrape(text) : notAllowed(method);
      }
      default -> {
        return notFound(path);
      }
    }
  }

  private Response status(@Nullable String query) {
    Filter filter;
    try {
      filter = Filter.parse(query);
    } catch (InvalidConfigException e) {
      return error(400, ErrorCode.INVALID_CONFIG, String.join("; ", e.problems()));
    }
    List<PipelineStatus> all;
    try {
      all = List.copyOf(pipelines.get());
    } catch (RuntimeException e) {
      // A foreign message may hold anything; the type is enough to look for it in the logs.
      return error(500, ErrorCode.INTERNAL, "status unavailable: " + e.getClass().getSimpleName());
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("generatedAt", clock.instant().toString());
    ArrayNode out = root.putArray("pipelines");
    for (PipelineStatus status : all) {
      PipelineStatus kept = filter.apply(status);
      if (kept != null) {
        out.add(tree(StatusJson.write(kept)));
      }
    }
    return new Response(200, JSON, write(root));
  }

  private Response scrape(Supplier<String> text) {
    try {
      return new Response(200, metricsContentType, text.get());
    } catch (RuntimeException e) {
      return error(500, ErrorCode.INTERNAL, "metrics unavailable: " + e.getClass().getSimpleName());
    }
  }

  private static Response notFound(String path) {
    return error(
        404,
        ErrorCode.INVALID_CONFIG,
        "no such path \"" + path + "\"; the paths are /, /status.html, /status and /metrics");
  }

  private static Response notAllowed(String method) {
    return error(405, ErrorCode.INVALID_CONFIG, "method " + method + " is not allowed; use GET");
  }

  /**
   * Renders an error envelope as a response.
   *
   * @param status the HTTP status code
   * @param code the error code
   * @param message the message, sanitized by the envelope
   * @return the response
   */
  public static Response error(int status, ErrorCode code, String message) {
    ErrorEnvelope envelope = ErrorEnvelope.of(code, message);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("code", envelope.code().name());
    node.put("message", envelope.message());
    return new Response(status, JSON, write(node));
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("StatusJson wrote JSON that does not parse", e);
    }
  }

  private static String write(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be rendered", e);
    }
  }

  private static String loadPage() {
    try (InputStream in = StatusHandler.class.getResourceAsStream("status.html")) {
      if (in == null) {
        throw new IllegalStateException("status.html is missing from pulse-core's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("status.html could not be read", e);
    }
  }

  @Override
  public String toString() {
    return "StatusHandler[metrics=" + (metrics != null) + "]";
  }

  /**
   * One response: an HTTP status code, a content type and a UTF-8 body.
   *
   * @param status the HTTP status code
   * @param contentType the {@code Content-Type} header value
   * @param body the body
   */
  public record Response(int status, String contentType, String body) {
    /** Checks the parts. */
    public Response {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be in [100, 599] but was " + status);
      }
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /** The filters of a {@code /status} request. */
  private record Filter(
      LabelSelector selector,
      Set<HealthState> health,
      Set<String> sources,
      Set<String> entityTypes) {

    static Filter parse(@Nullable String query) {
      List<String> problems = new ArrayList<>();
      Map<String, String> values = QueryParameters.parse(query, PARAMETERS, problems);
      LabelSelector selector = LabelSelector.all();
      try {
        selector = LabelSelector.parse(values.getOrDefault("selector", ""));
      } catch (InvalidConfigException e) {
        problems.addAll(e.problems());
      }
      Set<HealthState> health = EnumSet.noneOf(HealthState.class);
      for (String name : list(values.get("health"))) {
        try {
          health.add(HealthState.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          problems.add(
              "health \""
                  + name
                  + "\" must be one of "
                  + List.of(HealthState.values()).toString().replace(" ", ""));
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidConfigException(problems);
      }
      return new Filter(
          selector,
          health,
          Set.copyOf(list(values.get("source"))),
          Set.copyOf(list(values.get("entityType"))));
    }

    private static List<String> list(@Nullable String value) {
      List<String> out = new ArrayList<>();
      if (value != null) {
        for (String part : value.split(",", -1)) {
          if (!part.isBlank()) {
            out.add(part.strip());
          }
        }
      }
      return out;
    }

    /** Returns the status with only the matching sources and scopes, or null if none is left. */
    @Nullable PipelineStatus apply(PipelineStatus status) {
      if (!selector.matches(status.labels())) {
        return null;
      }
      boolean narrowed = !health.isEmpty() || !sources.isEmpty() || !entityTypes.isEmpty();
      List<SourceStatus> kept = new ArrayList<>();
      for (SourceStatus source : status.sources()) {
        String name = source.source().substring(0, Math.max(0, source.source().lastIndexOf('/')));
        if (!sources.isEmpty() && !sources.contains(source.source()) && !sources.contains(name)) {
          continue;
        }
        if (!entityTypes.isEmpty() && !entityTypes.contains(source.entityType())) {
          continue;
        }
        if (health.isEmpty()) {
          kept.add(source);
          continue;
        }
        List<ScopeStatus> scopes =
            source.scopes().stream().filter(s -> health.contains(s.health())).toList();
        if (!scopes.isEmpty() || health.contains(source.health())) {
          kept.add(withScopes(source, scopes));
        }
      }
      if (narrowed && kept.isEmpty()) {
        return null;
      }
      return new PipelineStatus(
          status.pipeline(),
          status.generatedAt(),
          status.health(),
          status.healthReason(),
          status.labels(),
          status.annotations(),
          kept);
    }

    private static SourceStatus withScopes(SourceStatus source, List<ScopeStatus> scopes) {
      return new SourceStatus(
          source.source(),
          source.entityType(),
          source.health(),
          source.healthReason(),
          source.connectorHealth(),
          source.lastRunStartedAt(),
          source.lastRunFinishedAt(),
          source.nextRunAt(),
          source.rateLimitedUntil(),
          source.error(),
          scopes);
    }
  }

  /** A builder of {@link StatusHandler}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Supplier<List<PipelineStatus>> pipelines;
    private PulseClock clock = PulseClock.system();
    private @Nullable Supplier<String> metrics;
    private String metricsContentType = "text/plain; version=0.0.4; charset=utf-8";

    private Builder() {}

    /**
     * Sets where the statuses come from; required.
     *
     * @param pipelines gives the current status of every pipeline served, e.g. {@code () ->
     *     pipelines.stream().map(Pipeline::status).toList()}
     * @return this builder
     */
    public Builder pipelines(Supplier<List<PipelineStatus>> pipelines) {
      this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
      return this;
    }

    /**
     * Serves one pipeline's status.
     *
     * @param status gives the pipeline's current status, e.g. {@code pipeline::status}
     * @return this builder
     */
    public Builder pipeline(Supplier<PipelineStatus> status) {
      Objects.requireNonNull(status, "status");
      return pipelines(() -> List.of(status.get()));
    }

    /**
     * Serves {@code /metrics}, e.g. a Prometheus registry's {@code scrape()}.
     *
     * @param contentType the content type of the text
     * @param text gives the text, once per request
     * @return this builder
     */
    public Builder metrics(String contentType, Supplier<String> text) {
      this.metricsContentType = Objects.requireNonNull(contentType, "contentType");
      if (contentType.isBlank()) {
        throw new IllegalArgumentException("contentType must not be blank");
      }
      this.metrics = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Sets the clock of {@code generatedAt}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the handler.
     *
     * @return the handler
     * @throws IllegalStateException if no status supplier was set
     */
    public StatusHandler build() {
      if (pipelines == null) {
        throw new IllegalStateException("pipelines must be set");
      }
      return new StatusHandler(this);
    }
  }
}
