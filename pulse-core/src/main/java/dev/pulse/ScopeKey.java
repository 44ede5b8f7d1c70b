package dev.pulse;

import dev.pulse.internal.Names;
import dev.pulse.internal.Sanitizer;
import java.io.InvalidObjectException;
import java.io.Serial;
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
 *
 * <p>Look-alike input is made equal or rejected, so that two rows that look the same share one
 * watermark: every part is normalized to NFC with fullwidth forms folded ({@code ＢＧ} is {@code
 * BG}), and a value with an invisible (format), control, surrogate, private-use, unassigned or
 * space character ({@code BG\u200B}, {@code BG\u00A0}) or with letters of mixed Latin, Cyrillic or
 * Greek script ({@code ВG} with a Cyrillic {@code В}) is rejected. A value wholly in Cyrillic or
 * Greek is accepted. The length (at most 512 characters) is checked before anything else, and error
 * messages quote the input escaped and cut to 64 characters. Deserialization re-validates.
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
  private static final int QUOTED = 64;

  private final String source;
  private final String dimension;
  private final String value;

  private ScopeKey(String source, String dimension, String value) {
    this.source = source;
    this.dimension = dimension;
    this.value = value;
  }

  /**
   * Creates a scope key from its three parts, each normalized as described in the class comment.
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
    long length = (long) source.length() + dimension.length() + value.length() + 2;
    if (length > MAX_LENGTH) {
      // Only the head is rendered: a 5 MB part must not become a 5 MB message.
      StringBuilder head = new StringBuilder(QUOTED + 1);
      for (String part : new String[] {source, ":", dimension, ":", value}) {
        head.append(part, 0, Math.min(part.length(), QUOTED + 1 - head.length()));
      }
      throw tooLong(head.toString());
    }
    String s = Names.normalize(source);
    String d = Names.normalize(dimension);
    String v = Names.normalize(value);
    validate(s + ":" + d + ":" + v, s, d, v);
    return new ScopeKey(s, d, v);
  }

  /**
   * Parses the canonical form {@code <source>:<dimension>:<value>} or {@code *}, after normalizing
   * it as described in the class comment.
   *
   * @param text the key to parse
   * @return the key
   * @throws InvalidScopeKeyException if the text is malformed; the message quotes it, escaped and
   *     cut to its first 64 characters
   */
  public static ScopeKey parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw tooLong(text);
    }
    String normalized = Names.normalize(text);
    if (normalized.equals("*")) {
      return GLOBAL;
    }
    int first = normalized.indexOf(':');
    int second = first < 0 ? -1 : normalized.indexOf(':', first + 1);
    if (second < 0) {
      throw invalid(text, "it has fewer than three ':'-separated parts");
    }
    String source = normalized.substring(0, first);
    String dimension = normalized.substring(first + 1, second);
    String value = normalized.substring(second + 1);
    validate(normalized, source, dimension, value);
    return new ScopeKey(source, dimension, value);
  }

  private static InvalidScopeKeyException tooLong(String input) {
    return invalid(input, "it is longer than " + MAX_LENGTH + " characters");
  }

  private static InvalidScopeKeyException invalid(String input, String reason) {
    return new InvalidScopeKeyException(Sanitizer.quote(input, QUOTED), reason);
  }

  private static void validate(String input, String source, String dimension, String value) {
    if (input.length() > MAX_LENGTH) {
      throw tooLong(input);
    }
    if (!IDENTIFIER.matcher(source).matches()) {
      throw invalid(
          input,
          "source \"" + Sanitizer.quote(source, QUOTED) + "\" must match " + IDENTIFIER.pattern());
    }
    if (!IDENTIFIER.matcher(dimension).matches()) {
      throw invalid(
          input,
          "dimension \""
              + Sanitizer.quote(dimension, QUOTED)
              + "\" must match "
              + IDENTIFIER.pattern());
    }
    if (value.isEmpty()) {
      throw invalid(input, "value is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        throw invalid(input, "value contains whitespace at index " + i);
      }
    }
    String problem = Names.firstProblem(value, false);
    if (problem != null) {
      throw invalid(input, "value contains " + problem);
    }
  }

  /**
   * Re-validates a deserialized key: a crafted stream cannot build a key that {@link #of} would
   * reject, and the global scope stays the one {@link #GLOBAL} instance.
   *
   * @return the validated key
   * @throws InvalidObjectException if the parts are malformed
   */
  @Serial
  private Object readResolve() throws InvalidObjectException {
    if (source == null || dimension == null || value == null) {
      throw new InvalidObjectException("scope key with a missing part");
    }
    if (source.equals("*") && dimension.equals("*") && value.equals("*")) {
      return GLOBAL;
    }
    try {
      ScopeKey key = of(source, dimension, value);
      if (!key.equals(this)) {
        throw new InvalidObjectException("scope key is not in normalized form");
      }
      return key;
    } catch (InvalidScopeKeyException e) {
      InvalidObjectException invalid = new InvalidObjectException(e.getMessage());
      invalid.initCause(e);
      throw invalid;
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
