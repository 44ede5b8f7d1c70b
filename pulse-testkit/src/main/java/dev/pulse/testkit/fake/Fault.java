package dev.pulse.testkit.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A failure a fake server answers with instead of its normal response, injected with {@link
 * FakeHttpServer#inject(String, Fault)}.
 *
 * <p>Immutable. Each kind mirrors something the vendors really do: 429 with {@code Retry-After}
 * (and Jira's ISO-8601 {@code X-RateLimit-Reset}), 5xx, a slow answer, a connection reset mid-body,
 * a truncated (malformed) JSON body, 401.
 *
 * @param kind what goes wrong
 * @param status the HTTP status for {@link Kind#STATUS}
 * @param retryAfter the {@code Retry-After} to send, or zero for none
 * @param reset the {@code X-RateLimit-Reset} instant to send, or null for none
 * @param delay how long a {@link Kind#SLOW} answer waits before responding
 */
public record Fault(
    Kind kind,
    int status,
    Duration retryAfter,
    @org.jspecify.annotations.Nullable Instant reset,
    Duration delay) {
  /** What goes wrong. */
  public enum Kind {
    /** An HTTP error status, with optional rate-limit headers. */
    STATUS,
    /** The normal answer, but only after a delay. */
    SLOW,
    /** Headers promise a body; the connection closes part-way. */
    CONNECTION_RESET,
    /** A 200 whose JSON body is cut off. */
    MALFORMED_JSON
  }

  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if a duration is negative
   */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(delay, "delay");
    if (retryAfter.isNegative() || delay.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /**
   * Returns a 429 with {@code Retry-After}.
   *
   * @param retryAfter the wait to announce, whole seconds
   * @return the fault
   */
  public static Fault tooManyRequests(Duration retryAfter) {
    return new Fault(Kind.STATUS, 429, retryAfter, null, Duration.ZERO);
  }

  /**
   * Returns a 429 with only Jira's {@code X-RateLimit-Reset}.
   *
   * @param reset the reset instant to announce
   * @return the fault
   */
  public static Fault tooManyRequestsUntil(Instant reset) {
    return new Fault(Kind.STATUS, 429, Duration.ZERO, reset, Duration.ZERO);
  }

  /**
   * Returns an error status without rate-limit headers, e.g. 500, 502, 503 or 401.
   *
   * @param status the status
   * @return the fault
   */
  public static Fault status(int status) {
    return new Fault(Kind.STATUS, status, Duration.ZERO, null, Duration.ZERO);
  }

  /**
   * Returns a slow answer.
   *
   * @param delay the delay before answering
   * @return the fault
   */
  public static Fault slow(Duration delay) {
    return new Fault(Kind.SLOW, 200, Duration.ZERO, null, delay);
  }

  /**
   * Returns a connection reset part-way through the body.
   *
   * @return the fault
   */
  public static Fault connectionReset() {
    return new Fault(Kind.CONNECTION_RESET, 200, Duration.ZERO, null, Duration.ZERO);
  }

  /**
   * Returns a 200 whose JSON body is cut off.
   *
   * @return the fault
   */
  public static Fault malformedJson() {
    return new Fault(Kind.MALFORMED_JSON, 200, Duration.ZERO, null, Duration.ZERO);
  }
}
