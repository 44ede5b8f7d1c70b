package dev.pulse.testkit;

import dev.pulse.ErrorCode;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure the {@link ConnectorContract} asks a connector's fake vendor to answer its next request
 * with, through {@link ConnectorContract#injectFailure}, and the {@link ErrorCode} the connector
 * must report for it.
 *
 * @param status the HTTP status the vendor answers: 401, 429 or a 5xx
 * @param retryAfter for 429, the delay the vendor asks for ({@code Retry-After}); null otherwise
 */
public record SourceFailure(int status, @Nullable Duration retryAfter) {
  /**
   * Validates the failure.
   *
   * @throws IllegalArgumentException if the status is not 401, 429 or 5xx, or a retry-after is set
   *     on anything but a positive 429
   */
  public SourceFailure {
    if (status != 401 && status != 429 && (status < 500 || status > 599)) {
      throw new IllegalArgumentException("status must be 401, 429 or 5xx but was " + status);
    }
    if ((retryAfter != null) != (status == 429)) {
      throw new IllegalArgumentException("a retry-after goes with status 429 and only with it");
    }
    if (retryAfter != null && (retryAfter.isNegative() || retryAfter.isZero())) {
      throw new IllegalArgumentException("retryAfter must be > 0 but was " + retryAfter);
    }
  }

  /**
   * Returns a 401: the source rejects the credentials.
   *
   * @return the failure
   */
  public static SourceFailure unauthorized() {
    return new SourceFailure(401, null);
  }

  /**
   * Returns a 429 with a retry-after.
   *
   * @param retryAfter the delay the vendor asks for
   * @return the failure
   */
  public static SourceFailure rateLimited(Duration retryAfter) {
    return new SourceFailure(429, Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  /**
   * Returns a 503: the source is down.
   *
   * @return the failure
   */
  public static SourceFailure serverError() {
    return new SourceFailure(503, null);
  }

  /**
   * Returns the code a connector must report for this failure: {@link ErrorCode#AUTH_FAILED} for
   * 401, {@link ErrorCode#RATE_LIMITED} for 429, {@link ErrorCode#SOURCE_UNAVAILABLE} for 5xx.
   *
   * @return the code
   */
  public ErrorCode expectedCode() {
    return switch (status) {
      case 401 -> ErrorCode.AUTH_FAILED;
      case 429 -> ErrorCode.RATE_LIMITED;
      default -> ErrorCode.SOURCE_UNAVAILABLE;
    };
  }
}
