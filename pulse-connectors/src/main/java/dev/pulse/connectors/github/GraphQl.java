package dev.pulse.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.ErrorCode;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.connectors.internal.JsonHttp;
import dev.pulse.connectors.internal.RateLimitSignal;
import dev.pulse.internal.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends GraphQL operations to {@code POST {api}/graphql} through the credential's {@link JsonHttp},
 * keeping the point budget and mapping errors inside a 200 body to codes.
 *
 * <p>Before each query it waits out an exhausted {@link GraphQlBudget} (or fails with {@link
 * ErrorCode#RATE_LIMITED} and the resume time when that wait is longer than allowed); after each
 * answer it records {@code rateLimit}. A 200 whose {@code errors} name {@code RATE_LIMITED} blocks
 * the credential until {@code resetAt} (else {@code x-ratelimit-reset}, else a minute) and retries,
 * as a 403 would; {@code FORBIDDEN} and {@code INSUFFICIENT_SCOPES} are {@link
 * ErrorCode#AUTH_FAILED} naming the credential; {@code NOT_FOUND} returns the data with its null
 * field, so the caller can say which scope is missing; any other error is {@link
 * ErrorCode#INVALID_DATA} quoting the sanitized messages. Thread-safe.
 */
final class GraphQl {
  private static final Logger LOG = LoggerFactory.getLogger(GraphQl.class);
  private static final Duration NO_RESET_WAIT = Duration.ofMinutes(1);
  private static final int SNIPPET = 300;

  private final JsonHttp http;
  private final String path;
  private final GraphQlBudget budget;
  private final PulseClock clock;
  private final Duration maxRateLimitWait;
  private final int maxRetries;

  GraphQl(
      JsonHttp http,
      String path,
      GraphQlBudget budget,
      PulseClock clock,
      Duration maxRateLimitWait,
      int maxRetries) {
    this.http = http;
    this.path = path;
    this.budget = budget;
    this.clock = clock;
    this.maxRateLimitWait = maxRateLimitWait;
    this.maxRetries = maxRetries;
  }

  GraphQlBudget budget() {
    return budget;
  }

  /** An answer: its {@code data} object and the response it came in, for error messages. */
  record Answer(JsonNode data, HttpResult result) {}

  Answer query(String operation, String document, ObjectNode variables, @Nullable ScopeKey scope) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("query", document);
    body.put("operationName", operation);
    body.set("variables", variables);
    String text = body.toString();
    int limited = 0;
    while (true) {
      Duration wait = budget.waitBefore(clock.instant());
      if (wait != null) {
        holdBack(wait, "the GraphQL point budget is spent", scope);
      }
      HttpResult result = http.post(path, text, scope);
      JsonNode root = result.json();
      JsonNode data = Json.child(root, "data");
      budget.observe(Json.child(data, "rateLimit"));
      JsonNode errors = Json.child(root, "errors");
      if (errors != null && errors.isArray() && errors.size() > 0) {
        List<String> types = new ArrayList<>();
        for (JsonNode error : errors) {
          types.add(String.valueOf(Json.text(error, "type")).toUpperCase(Locale.ROOT));
        }
        if (types.contains("RATE_LIMITED")) {
          Duration until = resetWait(data, result);
          if (limited++ >= maxRetries) {
            throw rateLimited(until, "answered RATE_LIMITED " + limited + " times in a row", scope);
          }
          holdBack(until, "GraphQL answered RATE_LIMITED", scope);
          continue;
        }
        if (types.contains("FORBIDDEN") || types.contains("INSUFFICIENT_SCOPES")) {
          throw new SourceException(
              ErrorCode.AUTH_FAILED,
              GitHubConnector.SOURCE,
              scope,
              "POST "
                  + path
                  + " ("
                  + operation
                  + ") refused credential '"
                  + http.credentialName()
                  + "': "
                  + messages(errors),
              null);
        }
        boolean onlyNotFound = types.stream().allMatch("NOT_FOUND"::equals);
        if (!onlyNotFound || data == null) {
          throw result.invalidData(operation + " answered GraphQL errors " + messages(errors));
        }
      }
      if (data == null) {
        throw result.invalidData(operation + " answered neither data nor errors");
      }
      return new Answer(data, result);
    }
  }

  private Duration resetWait(@Nullable JsonNode data, HttpResult result) {
    Instant now = clock.instant();
    Instant reset = GitHubText.parseTime(Json.text(Json.child(data, "rateLimit"), "resetAt"));
    if (reset != null) {
      return reset.isAfter(now) ? Duration.between(now, reset) : Duration.ZERO;
    }
    return RateLimitSignal.resetTime(result.headers(), "x-ratelimit-reset", now)
        .orElse(NO_RESET_WAIT);
  }

  /** Blocks the credential for the wait, or fails the scope when the wait is too long. */
  private void holdBack(Duration wait, String why, @Nullable ScopeKey scope) {
    Instant resumeAt = http.rateLimiter().blockFor(wait);
    if (wait.compareTo(maxRateLimitWait) > 0) {
      throw rateLimited(wait, why + "; resume at " + resumeAt, scope);
    }
    LOG.info("github: {}; credential '{}' resumes at {}", why, http.credentialName(), resumeAt);
  }

  private SourceException rateLimited(Duration wait, String why, @Nullable ScopeKey scope) {
    return new SourceException(
        ErrorCode.RATE_LIMITED,
        GitHubConnector.SOURCE,
        scope,
        "POST " + path + " is rate limited for credential '" + http.credentialName() + "': " + why,
        wait,
        null);
  }

  private static String messages(JsonNode errors) {
    List<String> out = new ArrayList<>();
    for (JsonNode error : errors) {
      String type = Json.text(error, "type");
      String message = Json.text(error, "message");
      out.add((type == null ? "" : type + ": ") + (message == null ? "" : message));
    }
    return String.valueOf(Redaction.sanitize(String.join("; ", out), SNIPPET));
  }
}
