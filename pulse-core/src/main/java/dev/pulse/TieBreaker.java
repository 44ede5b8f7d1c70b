package dev.pulse;

import java.util.Objects;

/**
 * The part of a {@link Position} that orders records sharing one cursor value: nothing, a number or
 * a text, each typed by the connector that makes it and never guessed from its characters.
 *
 * <p>Order: {@link #none()} first, then numbers by value, then texts in {@link String#compareTo}
 * order (UTF-16 code units). A connector must give every record of a scope the same kind of
 * tie-breaker and must ask its source to sort in exactly this order: a source sorting issue keys as
 * {@code BG-9 < BG-10} (numerically) needs the numeric part as a {@link #number(long) number},
 * because as text {@code "BG-10" < "BG-9"}.
 *
 * @param kind what the tie-breaker holds
 * @param number the number, 0 unless {@code kind} is {@link Kind#NUMBER}
 * @param text the text, empty unless {@code kind} is {@link Kind#TEXT}
 */
public record TieBreaker(Kind kind, long number, String text) implements Comparable<TieBreaker> {
  private static final TieBreaker NONE = new TieBreaker(Kind.NONE, 0, "");

  /** What a tie-breaker holds, in the order kinds compare. */
  public enum Kind {
    /** No tie-breaker: the cursor alone is unique. */
    NONE,
    /** A number, such as a numeric record id. */
    NUMBER,
    /** A text, compared as a {@link String}. */
    TEXT
  }

  /**
   * Validates that only the part named by {@code kind} is set.
   *
   * @throws IllegalArgumentException if a part other than the one {@code kind} names is set, or a
   *     text tie-breaker is empty
   */
  public TieBreaker {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    boolean valid =
        switch (kind) {
          case NONE -> number == 0 && text.isEmpty();
          case NUMBER -> text.isEmpty();
          case TEXT -> number == 0 && !text.isEmpty();
        };
    if (!valid) {
      throw new IllegalArgumentException(
          "a " + kind + " tie-breaker must set only its own part (a TEXT one a non-empty text)");
    }
  }

  /**
   * Returns the absent tie-breaker, which sorts before every other.
   *
   * @return the absent tie-breaker
   */
  public static TieBreaker none() {
    return NONE;
  }

  /**
   * Returns a numeric tie-breaker, for numeric record ids; negative numbers sort before positive
   * ones.
   *
   * @param number the number
   * @return the tie-breaker
   */
  public static TieBreaker number(long number) {
    return new TieBreaker(Kind.NUMBER, number, "");
  }

  /**
   * Returns a text tie-breaker, or {@link #none()} for the empty string.
   *
   * @param text the text, compared as a {@link String}
   * @return the tie-breaker
   */
  public static TieBreaker text(String text) {
    Objects.requireNonNull(text, "text");
    return text.isEmpty() ? NONE : new TieBreaker(Kind.TEXT, 0, text);
  }

  /**
   * Tells whether this is the absent tie-breaker.
   *
   * @return true for {@link #none()}
   */
  public boolean isNone() {
    return kind == Kind.NONE;
  }

  @Override
  public int compareTo(TieBreaker other) {
    int byKind = kind.compareTo(other.kind);
    if (byKind != 0) {
      return byKind;
    }
    return switch (kind) {
      case NONE -> 0;
      case NUMBER -> Long.compare(number, other.number);
      case TEXT -> text.compareTo(other.text);
    };
  }

  /** Returns the number in decimal, the text in double quotes, or the empty string for none. */
  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "";
      case NUMBER -> Long.toString(number);
      case TEXT -> '"' + text + '"';
    };
  }
}
