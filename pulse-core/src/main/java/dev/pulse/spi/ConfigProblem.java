package dev.pulse.spi;

import dev.pulse.ErrorCode;
import java.util.Objects;

/**
 * One problem found by validating a connector's configuration: where, which code, and what is
 * wrong.
 *
 * <p>Immutable. The message never quotes the value of a {@linkplain ConfigKey#secret() secret} key.
 *
 * @param key the key or path of the offending setting, e.g. {@code token} or {@code projects[2]};
 *     empty when the problem concerns the configuration as a whole
 * @param code the stable code, usually {@link ErrorCode#INVALID_CONFIG}
 * @param message what is wrong and what is expected, without secrets
 */
public record ConfigProblem(String key, ErrorCode code, String message) {
  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if the message is blank
   */
  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
  }

  /**
   * Returns an {@link ErrorCode#INVALID_CONFIG} problem.
   *
   * @param key the offending key or path
   * @param message what is wrong, without secrets
   * @return the problem
   */
  public static ConfigProblem invalid(String key, String message) {
    return new ConfigProblem(key, ErrorCode.INVALID_CONFIG, message);
  }

  /** Returns {@code key: message}, or the message alone when no key is named. */
  @Override
  public String toString() {
    return key.isEmpty() ? message : key + ": " + message;
  }
}
