package dev.pulse;

import org.jspecify.annotations.Nullable;

/** Thrown when a watermark or progress store fails to read or write. */
public final class StoreException extends PulseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a store failure.
   *
   * @param message what went wrong, without bind values or credentials
   * @param cause the underlying failure, if any
   */
  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.STORE_FAILED;
  }
}
