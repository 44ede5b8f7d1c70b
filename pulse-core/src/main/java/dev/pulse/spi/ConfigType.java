package dev.pulse.spi;

/**
 * The type of a connector configuration value, as declared by a {@link ConfigKey}.
 *
 * <p>Each type accepts its Java value or its text form, so that configuration read from files
 * (where every value is text) and configuration built in code validate alike.
 */
public enum ConfigType {
  /** Any text. Accepts a {@link String}. */
  STRING,
  /** A whole number. Accepts an {@link Integer} or {@link Long}, or decimal text. */
  INTEGER,
  /** A flag. Accepts a {@link Boolean}, or the text {@code true} or {@code false}. */
  BOOLEAN,
  /**
   * A length of time. Accepts a {@link java.time.Duration}, or ISO-8601 text such as {@code PT30S}.
   */
  DURATION,
  /** An absolute URI. Accepts a {@link java.net.URI}, or its text such as {@code https://x.io}. */
  URI,
  /** A list of texts. Accepts a {@link java.util.List} of strings, or comma-separated text. */
  LIST
}
