package dev.pulse.config;

import dev.pulse.internal.Secrets;
import java.util.Objects;

/**
 * A secret setting, such as an API token: its value is only available through {@link #reveal()},
 * and {@link #toString()} never shows it.
 *
 * <p>Creating a secret makes its value known to Pulse: from then on every message that leaves Pulse
 * (logs, reports, status, progress, dead letters) masks any occurrence of it, even where no format
 * reveals it as a credential (a bare Jenkins token). Values shorter than six characters are too
 * common to mask. This is also the way for code that embeds Pulse to declare a credential it holds.
 * Immutable and thread-safe.
 */
public final class Secret {
  private final String value;

  /**
   * Wraps a value.
   *
   * @param value the secret
   */
  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
    // Registered for the life of the JVM: the credential may appear in a message at any later time.
    Secrets.register(value);
  }

  /**
   * Returns the value, for the connector that needs it.
   *
   * @return the secret
   */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }
}
