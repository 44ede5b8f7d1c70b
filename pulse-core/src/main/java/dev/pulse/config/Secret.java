package dev.pulse.config;

import java.util.Objects;

/**
 * A resolved secret setting: its value is only available through {@link #reveal()}, and {@link
 * #toString()} never shows it. Immutable.
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
