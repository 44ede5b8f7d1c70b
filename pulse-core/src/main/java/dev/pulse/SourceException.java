package dev.pulse;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a source (Jira, GitHub, Jenkins or a plugged-in one) fails: unreachable, rejecting
 * credentials, rate limiting, or answering with data that cannot be interpreted.
 *
 * <p>The {@link #code()} is one of {@link ErrorCode#SOURCE_UNAVAILABLE}, {@link
 * ErrorCode#AUTH_FAILED}, {@link ErrorCode#RATE_LIMITED}, {@link ErrorCode#INVALID_DATA}, {@link
 * ErrorCode#TIMED_OUT}, {@link ErrorCode#NO_PROGRESS} or {@link ErrorCode#CANCELLED}. A {@code
 * RATE_LIMITED} failure should carry the source's {@link #retryAfter()}: the engine then holds the
 * source's remaining scopes until that much time has passed instead of asking it again. A scope the
 * source does not know is reported with {@link ScopeNotFoundException} instead.
 */
public final class SourceException extends PulseException {
  private static final long serialVersionUID = 1L;
  private static final Set<ErrorCode> SOURCE_CODES =
      EnumSet.of(
          ErrorCode.SOURCE_UNAVAILABLE,
          ErrorCode.AUTH_FAILED,
          ErrorCode.RATE_LIMITED,
          ErrorCode.INVALID_DATA,
          ErrorCode.TIMED_OUT,
          ErrorCode.NO_PROGRESS,
          ErrorCode.CANCELLED);

  private final ErrorCode code;
  private final String source;
  private final @Nullable ScopeKey scope;
  private final @Nullable Duration retryAfter;

  /**
   * Creates a source failure.
   *
   * @param code the classification; must be a source code (see the class documentation)
   * @param source the source name, e.g. {@code jira}
   * @param scope the scope being read, if any
   * @param message what went wrong, without credentials
   * @param retryAfter how long the source asked the caller to wait, if it said
   * @param cause the underlying failure, if any
   */
  public SourceException(
      ErrorCode code,
      String source,
      @Nullable ScopeKey scope,
      String message,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(source + (scope == null ? "" : " " + scope) + ": " + message, cause);
    if (!SOURCE_CODES.contains(Objects.requireNonNull(code, "code"))) {
      throw new IllegalArgumentException(
          "code must be one of " + SOURCE_CODES + " but was " + code);
    }
    this.code = code;
    this.source = Objects.requireNonNull(source, "source");
    this.scope = scope;
    this.retryAfter = retryAfter;
  }

  /**
   * Creates a source failure with no retry hint.
   *
   * @param code the classification
   * @param source the source name
   * @param scope the scope being read, if any
   * @param message what went wrong, without credentials
   * @param cause the underlying failure, if any
   */
  public SourceException(
      ErrorCode code,
      String source,
      @Nullable ScopeKey scope,
      String message,
      @Nullable Throwable cause) {
    this(code, source, scope, message, null, cause);
  }

  @Override
  public ErrorCode code() {
    return code;
  }

  /**
   * Returns the source that failed.
   *
   * @return the source name
   */
  public String source() {
    return source;
  }

  /**
   * Returns the scope being read when the source failed.
   *
   * @return the scope, or null when the failure was not scope-specific
   */
  public @Nullable ScopeKey scope() {
    return scope;
  }

  /**
   * Returns how long the source asked the caller to wait before retrying.
   *
   * @return the delay, or null when the source gave none
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
