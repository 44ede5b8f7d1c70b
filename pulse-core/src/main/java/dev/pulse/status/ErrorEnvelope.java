package dev.pulse.status;

import dev.pulse.ErrorCode;
import dev.pulse.internal.Redaction;
import java.util.Objects;

/**
 * The one shape of every failure Pulse shows: a stable {@link ErrorCode} and a short message.
 *
 * <p>The message is sanitized on construction ({@link Redaction#sanitize}: secrets masked, control
 * characters flattened, at most {@link #MAX_MESSAGE_LENGTH} characters), so an envelope is safe to
 * render in status JSON, terminal output, logs or an HTTP body whatever text it was built from.
 * Immutable.
 *
 * @param code the stable code automation may switch on
 * @param message what went wrong, for people; free of secrets
 */
public record ErrorEnvelope(ErrorCode code, String message) {
  /** The longest message an envelope keeps; longer ones end with an ellipsis. */
  public static final int MAX_MESSAGE_LENGTH = 500;

  /** Sanitizes the message. */
  public ErrorEnvelope {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    String safe = Redaction.sanitize(message, MAX_MESSAGE_LENGTH);
    message = safe == null ? "" : safe;
  }

  /**
   * Creates an envelope.
   *
   * @param code the code
   * @param message the message, sanitized here
   * @return the envelope
   */
  public static ErrorEnvelope of(ErrorCode code, String message) {
    return new ErrorEnvelope(code, message);
  }
}
