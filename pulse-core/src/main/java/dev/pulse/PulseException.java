package dev.pulse;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Pulse throws for an operational failure.
 *
 * <p>Each subclass carries its context as typed accessors and exposes one stable {@link ErrorCode}.
 * Programming errors (a null argument, an invalid builder value) are reported with the JDK's {@link
 * NullPointerException}, {@link IllegalArgumentException} and {@link IllegalStateException}
 * instead. Messages never contain credentials.
 */
public abstract class PulseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and an optional cause.
   *
   * @param message what went wrong and where, without secrets
   * @param cause the underlying failure, if any
   */
  protected PulseException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Returns the stable code that classifies this failure.
   *
   * @return the code, never null
   */
  public abstract ErrorCode code();
}
