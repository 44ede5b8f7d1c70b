package dev.pulse.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.connectors.internal.Json;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The GraphQL point budget of one credential, as the last answer's {@code rateLimit { cost
 * remaining resetAt }} reported it.
 *
 * <p>Before each query the connector asks {@link #waitBefore(Instant)}: when the points left would
 * not cover the last query's cost plus the configured reserve, the answer is the time until the
 * budget resets, and the query waits (or the scope fails with {@code RATE_LIMITED} and that resume
 * time). Unknown until the first answer, and unknown again when an answer carries no {@code
 * rateLimit} (GitHub Enterprise Server with rate limiting off): unknown never blocks. Thread-safe.
 */
final class GraphQlBudget {
  private final int reserve;
  private long remaining = -1;
  private long lastCost = 1;
  private @Nullable Instant resetAt;

  GraphQlBudget(int reserve) {
    this.reserve = reserve;
  }

  /** Records an answer's {@code rateLimit} object; a missing or partial one means unknown. */
  synchronized void observe(@Nullable JsonNode rateLimit) {
    JsonNode left = Json.child(rateLimit, "remaining");
    Instant reset = GitHubText.parseTime(Json.text(rateLimit, "resetAt"));
    if (left == null || !left.canConvertToLong() || reset == null) {
      remaining = -1;
      resetAt = null;
      return;
    }
    remaining = left.asLong();
    resetAt = reset;
    JsonNode cost = Json.child(rateLimit, "cost");
    if (cost != null && cost.canConvertToLong() && cost.asLong() > 0) {
      lastCost = cost.asLong();
    }
  }

  /**
   * Returns how long to wait before the next query, or null to go ahead.
   *
   * @param now the current wall time
   * @return the wait until the budget resets, or null
   */
  synchronized @Nullable Duration waitBefore(Instant now) {
    Instant reset = resetAt;
    if (remaining < 0 || reset == null || remaining >= lastCost + reserve) {
      return null;
    }
    if (!reset.isAfter(now)) {
      // The window has passed: the budget is full again, but unknown until the next answer.
      remaining = -1;
      resetAt = null;
      return null;
    }
    return Duration.between(now, reset);
  }

  /** Returns the points left, or -1 when unknown. */
  synchronized long remaining() {
    return remaining;
  }

  @Override
  public synchronized String toString() {
    return "GraphQlBudget[remaining=" + remaining + ", resetAt=" + resetAt + "]";
  }
}
