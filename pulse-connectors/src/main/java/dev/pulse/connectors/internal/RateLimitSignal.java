package dev.pulse.connectors.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a vendor's "slow down" signal from a response: whether it is rate limited and, if the
 * vendor said, for how long.
 *
 * <p>{@link #standard()} covers Jira and most APIs: 429, and 503 with {@code Retry-After}. A vendor
 * with other signals (GitHub answers 403 for secondary limits and sends {@code x-ratelimit-*}
 * headers) supplies its own, typically delegating to {@link #retryAfter} and {@link #resetTime}.
 * Missing headers mean "unknown", never "zero remaining". Implementations must be stateless.
 */
@FunctionalInterface
public interface RateLimitSignal {
  /** Returned when the response is rate limited but names no wait: back off instead. */
  Duration NO_HINT = Duration.ZERO;

  /**
   * Tells whether a response is rate limited.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param now the current wall time, to turn reset times into waits
   * @return null when not rate limited; {@link #NO_HINT} when rate limited without a hint; else how
   *     long the vendor asked to wait
   */
  @Nullable Duration waitFor(int status, HttpHeaders headers, Instant now);

  /**
   * Tells whether a response is rate limited, also seeing its body and how many rate-limited
   * answers came just before it, for vendors that name the limit only in the body (GitHub's
   * secondary limits without {@code retry-after}) or ask for growing waits. {@link JsonHttp} calls
   * this method; the default ignores the two extra arguments and asks {@link #waitFor(int,
   * HttpHeaders, Instant)}.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the response body; do not modify it
   * @param now the current wall time
   * @param inARow how many answers to this request were rate limited before this one
   * @return as {@link #waitFor(int, HttpHeaders, Instant)}
   */
  default @Nullable Duration waitFor(
      int status, HttpHeaders headers, byte[] body, Instant now, int inARow) {
    return waitFor(status, headers, now);
  }

  /**
   * Returns the signal of Jira Cloud and most APIs: 429 (waiting {@code Retry-After}, else until
   * {@code X-RateLimit-Reset}, else backing off) and 503 with {@code Retry-After}.
   *
   * @return the standard signal
   */
  static RateLimitSignal standard() {
    return (status, headers, now) -> {
      Optional<Duration> retryAfter = retryAfter(headers, now);
      if (status == 429) {
        return retryAfter.or(() -> resetTime(headers, "X-RateLimit-Reset", now)).orElse(NO_HINT);
      }
      if (status == 503 && retryAfter.isPresent()) {
        return retryAfter.get();
      }
      return null;
    };
  }

  /**
   * Reads {@code Retry-After} as delta-seconds or an HTTP date.
   *
   * @param headers the response headers
   * @param now the current wall time
   * @return the wait (never negative), or empty when the header is absent or unreadable
   */
  static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(nonNegative(Duration.between(now, at)));
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /**
   * Reads a reset header given as an ISO-8601 instant (Jira) or epoch seconds (GitHub).
   *
   * @param headers the response headers
   * @param name the header name
   * @param now the current wall time
   * @return the wait until the reset (never negative), or empty when absent or unreadable
   */
  static Optional<Duration> resetTime(HttpHeaders headers, String name, Instant now) {
    Optional<String> value = headers.firstValue(name).map(String::strip);
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    try {
      long epochSeconds = Long.parseLong(text);
      // GitHub Enterprise may send 0 ("0001-01-01"): unknown, not "reset long ago".
      return epochSeconds <= 0
          ? Optional.empty()
          : Optional.of(nonNegative(Duration.between(now, Instant.ofEpochSecond(epochSeconds))));
    } catch (NumberFormatException notEpoch) {
      try {
        Instant at = DateTimeFormatter.ISO_DATE_TIME.parse(text, Instant::from);
        return Optional.of(nonNegative(Duration.between(now, at)));
      } catch (DateTimeParseException notIso) {
        return Optional.empty();
      }
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
