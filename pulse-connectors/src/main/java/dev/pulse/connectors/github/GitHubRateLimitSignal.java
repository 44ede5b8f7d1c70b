package dev.pulse.connectors.github;

import dev.pulse.connectors.internal.RateLimitSignal;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's "slow down" signal, after GitHub's documentation on primary and secondary rate limits.
 *
 * <p>Only 403 and 429 can be rate limits. In order:
 *
 * <ol>
 *   <li>{@code retry-after} present: wait that long (a secondary limit);
 *   <li>{@code x-ratelimit-remaining: 0}: wait until {@code x-ratelimit-reset} (epoch seconds; the
 *       primary limit);
 *   <li>a 429, or a 403 whose body says "rate limit" (a secondary limit without a hint): wait at
 *       least a minute, doubling with every rate-limited answer in a row (1, 2, 4 ... 64 minutes);
 *   <li>any other 403 is no rate limit (a missing permission: {@code AUTH_FAILED}).
 * </ol>
 *
 * <p>Missing headers mean unknown, never "0 remaining": GitHub Enterprise Server omits them when
 * rate limiting is off, and a limit of 0 or a reset of 0 (which it may send instead) is read as
 * absent. Stateless and thread-safe.
 */
final class GitHubRateLimitSignal implements RateLimitSignal {
  static final Duration SECONDARY_MINIMUM = Duration.ofMinutes(1);
  private static final int MAX_DOUBLINGS = 6;

  @Override
  public @Nullable Duration waitFor(int status, HttpHeaders headers, Instant now) {
    return waitFor(status, headers, new byte[0], now, 0);
  }

  @Override
  public @Nullable Duration waitFor(
      int status, HttpHeaders headers, byte[] body, Instant now, int inARow) {
    if (status != 403 && status != 429) {
      return null;
    }
    Optional<Duration> retryAfter = RateLimitSignal.retryAfter(headers, now);
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    OptionalLong remaining = number(headers, "x-ratelimit-remaining");
    OptionalLong limit = number(headers, "x-ratelimit-limit");
    boolean limitKnown = limit.isEmpty() || limit.getAsLong() > 0;
    if (limitKnown && remaining.isPresent() && remaining.getAsLong() == 0) {
      Optional<Duration> reset = RateLimitSignal.resetTime(headers, "x-ratelimit-reset", now);
      return reset.orElseGet(() -> secondary(inARow));
    }
    if (status == 429 || mentionsRateLimit(body)) {
      return secondary(inARow);
    }
    return null;
  }

  /** At least a minute, doubled for each rate-limited answer in a row before this one. */
  static Duration secondary(int inARow) {
    return SECONDARY_MINIMUM.multipliedBy(1L << Math.min(Math.max(0, inARow), MAX_DOUBLINGS));
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name).map(String::strip);
    if (value.isEmpty() || value.get().isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static boolean mentionsRateLimit(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    String text =
        new String(body, 0, Math.min(body.length, 2048), StandardCharsets.UTF_8)
            .toLowerCase(Locale.ROOT);
    return text.contains("rate limit");
  }

  @Override
  public String toString() {
    return "GitHubRateLimitSignal";
  }
}
