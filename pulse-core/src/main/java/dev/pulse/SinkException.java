package dev.pulse;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a sink fails to store a batch. The batch's watermark was not advanced, so the batch
 * will be read again on the next run.
 */
public final class SinkException extends PulseException {
  private static final long serialVersionUID = 1L;

  private final ScopeKey scope;

  /**
   * Creates a sink failure.
   *
   * @param scope the scope whose batch was being stored
   * @param message what went wrong, without bind values or credentials
   * @param cause the underlying failure, if any
   */
  public SinkException(ScopeKey scope, String message, @Nullable Throwable cause) {
    super("sink failed for " + scope + ": " + message, cause);
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /**
   * Returns the scope whose batch could not be stored.
   *
   * @return the scope key
   */
  public ScopeKey scope() {
    return scope;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.SINK_FAILED;
  }
}
