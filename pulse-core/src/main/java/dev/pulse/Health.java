package dev.pulse;

import dev.pulse.internal.Sanitizer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of a connector's health check: up, degraded or down, with a short detail and, when not
 * up, the code of the failure.
 *
 * @param status up, degraded or down
 * @param detail a short human-readable explanation; sanitized on construction (secrets masked, line
 *     breaks flattened, control and format characters escaped, at most 500 characters), so it may
 *     be logged and shown as is; empty when up
 * @param code the failure's code when not up, otherwise null
 */
public record Health(Status status, String detail, @Nullable ErrorCode code) {
  private static final int MAX_DETAIL_LENGTH = 500;
  private static final Health UP = new Health(Status.UP, "", null);

  /** A connector's health. */
  public enum Status {
    /** The source answers normally. */
    UP,
    /** The source answers, but slowly or partially; ingestion proceeds. */
    DEGRADED,
    /** The source cannot be used; its ingestion cycle is skipped and other sources continue. */
    DOWN
  }

  /**
   * Validates the parts and sanitizes the detail.
   *
   * @throws IllegalArgumentException if a code is given for {@code UP} or missing for {@code DOWN}
   */
  public Health {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    // A connector author may pass a foreign message (an HTTP error with a token in its URL); the
    // detail is logged and shown, so it is made safe once, here.
    detail = Objects.requireNonNull(Sanitizer.sanitize(detail, MAX_DETAIL_LENGTH));
    if (status == Status.UP && code != null) {
      throw new IllegalArgumentException(
          "an UP health must not carry an error code but had " + code);
    }
    if (status == Status.DOWN && code == null) {
      throw new IllegalArgumentException("a DOWN health needs an error code");
    }
  }

  /**
   * Returns the healthy result.
   *
   * @return the shared UP result
   */
  public static Health up() {
    return UP;
  }

  /**
   * Returns a degraded result.
   *
   * @param detail why, without secrets
   * @return the result
   */
  public static Health degraded(String detail) {
    return new Health(Status.DEGRADED, detail, null);
  }

  /**
   * Returns a down result.
   *
   * @param code the failure's code
   * @param detail why, without secrets
   * @return the result
   */
  public static Health down(ErrorCode code, String detail) {
    return new Health(Status.DOWN, detail, code);
  }

  /**
   * Tells whether ingestion may proceed.
   *
   * @return true unless {@link Status#DOWN}
   */
  public boolean isUsable() {
    return status != Status.DOWN;
  }
}
