package dev.pulse.config;

import java.util.Objects;

/**
 * One setting a connector type accepts, as its description declares it.
 *
 * @param name the key in the source's {@code settings}
 * @param kind the value's kind
 * @param required whether the setting must be present
 * @param description what it is, for people
 */
public record SettingSpec(String name, Kind kind, boolean required, String description) {
  /** The kinds of setting values. */
  public enum Kind {
    /** Any text. */
    STRING,
    /** A whole number (JSON number, or text that parses as one after {@code ${ENV}}). */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** An ISO-8601 duration such as {@code PT5M}. */
    DURATION,
    /**
     * Text that must not be shown: a token or password, usually a {@code ${ENV}} or file reference.
     */
    SECRET
  }

  /** Checks the parts. */
  public SettingSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
  }

  /**
   * A required setting.
   *
   * @param name the key
   * @param kind the kind
   * @return the spec
   */
  public static SettingSpec required(String name, Kind kind) {
    return new SettingSpec(name, kind, true, "");
  }

  /**
   * An optional setting.
   *
   * @param name the key
   * @param kind the kind
   * @return the spec
   */
  public static SettingSpec optional(String name, Kind kind) {
    return new SettingSpec(name, kind, false, "");
  }
}
