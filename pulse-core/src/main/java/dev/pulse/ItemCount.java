package dev.pulse;

/**
 * A pre-flight count of the items a scope holds: exact, approximate, or unknown when the source
 * could not count within its time budget.
 *
 * @param kind whether the count is exact, approximate or unknown
 * @param value the count; 0 when unknown
 */
public record ItemCount(Kind kind, long value) {
  private static final ItemCount UNKNOWN = new ItemCount(Kind.UNKNOWN, 0);

  /** How much to trust a count. */
  public enum Kind {
    /** The source counted every item. */
    EXACT,
    /** The source estimated; progress may overrun or finish early. */
    APPROXIMATE,
    /** No count is available; progress reports rate and elapsed time but no ETA. */
    UNKNOWN
  }

  /**
   * Validates the count.
   *
   * @throws IllegalArgumentException if the value is negative, or non-zero for an unknown count
   */
  public ItemCount {
    if (value < 0) {
      throw new IllegalArgumentException("count must be >= 0 but was " + value);
    }
    if (kind == Kind.UNKNOWN && value != 0) {
      throw new IllegalArgumentException("an unknown count must have value 0 but had " + value);
    }
  }

  /**
   * Returns an exact count.
   *
   * @param value the number of items
   * @return the count
   */
  public static ItemCount exact(long value) {
    return new ItemCount(Kind.EXACT, value);
  }

  /**
   * Returns an approximate count.
   *
   * @param value the estimated number of items
   * @return the count
   */
  public static ItemCount approximate(long value) {
    return new ItemCount(Kind.APPROXIMATE, value);
  }

  /**
   * Returns the unknown count.
   *
   * @return the shared unknown count
   */
  public static ItemCount unknown() {
    return UNKNOWN;
  }

  /**
   * Tells whether a number is available.
   *
   * @return false only for {@link Kind#UNKNOWN}
   */
  public boolean isKnown() {
    return kind != Kind.UNKNOWN;
  }
}
