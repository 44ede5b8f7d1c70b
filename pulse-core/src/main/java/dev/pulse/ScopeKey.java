package dev.pulse;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The identity of one unit of incremental ingestion: {@code <source>:<dimension>:<value>}, for
 * example {@code jira:project:BG}, {@code github:repo:acme/api} or {@code jenkins:repo:api}, plus
 * the global scope {@link #GLOBAL} written {@code *}.
 *
 * <p>The source and dimension are lower-case identifiers ({@code [a-z0-9][a-z0-9_.-]*}); the value
 * is any non-empty text without whitespace and may itself contain {@code /} and {@code :} (only the
 * first two colons separate the parts). Instances are immutable and compare by their three parts;
 * {@link #toString()} renders the canonical form that {@link #parse(String)} reads back.
 */
public final class ScopeKey implements Comparable<ScopeKey>, Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The global scope {@code *}: one row per tenant and entity type that is not tied to a source
   * scope.
   */
  public static final ScopeKey GLOBAL = new ScopeKey("*", "*", "*");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
  private static final int MAX_LENGTH = 512;

  private final String source;
  private final String dimension;
  private final String value;

  private ScopeKey(String source, String dimension, String value) {
    this.source = source;
    this.dimension = dimension;
    this.value = value;
  }

  /**
   * Creates a scope key from its three parts.
   *
   * @param source the source, e.g. {@code jira}
   * @param dimension what the value names, e.g. {@code project}
   * @param value the scope's value, e.g. {@code BG}; may contain {@code /} and {@code :}
   * @return the key
   * @throws InvalidScopeKeyException if a part is malformed
   */
  public static ScopeKey of(String source, String dimension, String value) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(value, "value");
    String rendered = source + ":" + dimension + ":" + value;
    validate(rendered, source, dimension, value);
    return new ScopeKey(source, dimension, value);
  }

  /**
   * Parses the canonical form {@code <source>:<dimension>:<value>} or {@code *}.
   *
   * @param text the key to parse
   * @return the key
   * @throws InvalidScopeKeyException if the text is malformed; the message quotes it
   */
  public static ScopeKey parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.equals("*")) {
      return GLOBAL;
    }
    int first = text.indexOf(':');
    int second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (second < 0) {
      throw new InvalidScopeKeyException(text, "it has fewer than three ':'-separated parts");
    }
    String source = text.substring(0, first);
    String dimension = text.substring(first + 1, second);
    String value = text.substring(second + 1);
    validate(text, source, dimension, value);
    return new ScopeKey(source, dimension, value);
  }

  private static void validate(String input, String source, String dimension, String value) {
    if (input.length() > MAX_LENGTH) {
      throw new InvalidScopeKeyException(
          input.substring(0, 64) + "...", "it is longer than " + MAX_LENGTH + " characters");
    }
    if (!IDENTIFIER.matcher(source).matches()) {
      throw new InvalidScopeKeyException(
          input, "source \"" + source + "\" must match " + IDENTIFIER.pattern());
    }
    if (!IDENTIFIER.matcher(dimension).matches()) {
      throw new InvalidScopeKeyException(
          input, "dimension \"" + dimension + "\" must match " + IDENTIFIER.pattern());
    }
    if (value.isEmpty()) {
      throw new InvalidScopeKeyException(input, "value is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidScopeKeyException(
            input, "value contains whitespace or a control character at index " + i);
      }
    }
  }

  /**
   * Returns the source part, or {@code *} for the global scope.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Returns the dimension part, or {@code *} for the global scope.
   *
   * @return the dimension
   */
  public String dimension() {
    return dimension;
  }

  /**
   * Returns the value part, or {@code *} for the global scope.
   *
   * @return the value
   */
  public String value() {
    return value;
  }

  /**
   * Tells whether this is the global scope {@code *}.
   *
   * @return true only for {@link #GLOBAL}
   */
  public boolean isGlobal() {
    // Only GLOBAL can have "*" as its source: parsed and built keys must match IDENTIFIER.
    return source.equals("*");
  }

  @Override
  public int compareTo(ScopeKey other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ScopeKey that
        && source.equals(that.source)
        && dimension.equals(that.dimension)
        && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, dimension, value);
  }

  /** Returns the canonical form, {@code *} for the global scope. */
  @Override
  public String toString() {
    return isGlobal() ? "*" : source + ":" + dimension + ":" + value;
  }
}
