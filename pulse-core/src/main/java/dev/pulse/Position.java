package dev.pulse;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A comparable point in a scope's record stream: a cursor (an instant or an opaque token) plus a
 * tie-breaker.
 *
 * <p>A connector reads records in (cursor, tie-breaker) order and, resumed from a position, returns
 * only records strictly after it. The tie-breaker (typically the id of the last record at that
 * cursor value) is what keeps records that share one timestamp from being lost or re-read forever.
 * The engine treats positions as opaque except for {@link #compareTo(Position)}, which it uses to
 * keep watermarks from moving backwards.
 *
 * <p>Ordering: instant cursors compare chronologically; token cursors compare as opaque strings, in
 * {@link String#compareTo} order, so a source's sortable cursor (a fixed-width hex id, an ISO
 * timestamp, a {@linkplain #sequence(long, String) zero-padded sequence number}) keeps its own
 * order. Tie-breakers compare <em>numeric-aware</em>, because they are usually record ids: the
 * empty string first, then strings of ASCII digits by numeric value (so {@code "9" < "10"}; equal
 * values with different leading zeros fall back to {@link String} order), then every other string
 * in {@link String} order. Grouping the all-digit strings before the others keeps the order a total
 * order consistent with {@link #equals(Object)} (mixing numeric and textual comparison pairwise
 * would make {@code "1x" < "9" < "10" < "1x"}). Positions of different cursor kinds cannot be
 * compared.
 *
 * @param instant the instant cursor, or null for a token position
 * @param token the token cursor, or null for an instant position
 * @param tieBreaker the tie-breaker, empty when the cursor alone is unique
 */
public record Position(@Nullable Instant instant, @Nullable String token, String tieBreaker)
    implements Comparable<Position> {

  private static final Comparator<String> NUMERIC_AWARE = Position::compareNumericAware;

  /**
   * Validates that exactly one cursor is present.
   *
   * @throws IllegalArgumentException if both or neither of {@code instant} and {@code token} are
   *     set
   */
  public Position {
    Objects.requireNonNull(tieBreaker, "tieBreaker");
    if ((instant == null) == (token == null)) {
      throw new IllegalArgumentException(
          "a position needs exactly one of instant and token, but had "
              + (instant == null ? "neither" : "both"));
    }
  }

  /**
   * Creates an instant position.
   *
   * @param instant the cursor value, e.g. the last record's updated-at
   * @param tieBreaker the last record's id at that instant, or empty
   * @return the position
   */
  public static Position at(Instant instant, String tieBreaker) {
    return new Position(Objects.requireNonNull(instant, "instant"), null, tieBreaker);
  }

  /**
   * Creates a position from a sequence number, such as a build number or a change-log offset. It is
   * a token position whose token is the number zero-padded to 19 digits, so that sequence positions
   * order numerically.
   *
   * @param sequence the sequence number, {@code >= 0}
   * @param tieBreaker a tie-breaker, or empty
   * @return the position
   * @throws IllegalArgumentException if the sequence is negative
   */
  public static Position sequence(long sequence, String tieBreaker) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0 but was " + sequence);
    }
    return token(String.format(java.util.Locale.ROOT, "%019d", sequence), tieBreaker);
  }

  /**
   * Creates a token position, for sources whose order is an opaque string that sorts in {@link
   * String} order. Use {@link #sequence(long, String)} for numbers.
   *
   * @param token the cursor value
   * @param tieBreaker a tie-breaker, or empty
   * @return the position
   */
  public static Position token(String token, String tieBreaker) {
    return new Position(null, Objects.requireNonNull(token, "token"), tieBreaker);
  }

  /**
   * Tells whether this position's cursor is an instant.
   *
   * @return true for an instant position, false for a token position
   */
  public boolean isInstant() {
    return instant != null;
  }

  /**
   * Compares two positions of the same cursor kind.
   *
   * @throws IllegalArgumentException if one is an instant position and the other a token position
   */
  @Override
  public int compareTo(Position other) {
    int byCursor;
    Instant thisInstant = instant;
    Instant otherInstant = other.instant;
    String thisToken = token;
    String otherToken = other.token;
    if (thisInstant != null && otherInstant != null) {
      byCursor = thisInstant.compareTo(otherInstant);
    } else if (thisToken != null && otherToken != null) {
      byCursor = thisToken.compareTo(otherToken);
    } else {
      throw new IllegalArgumentException(
          "cannot compare an instant position with a token position: " + this + " vs " + other);
    }
    return byCursor != 0 ? byCursor : NUMERIC_AWARE.compare(tieBreaker, other.tieBreaker);
  }

  /**
   * Tells whether this position is strictly after another.
   *
   * @param other the position to compare with
   * @return true when {@code this > other}
   */
  public boolean isAfter(Position other) {
    return compareTo(other) > 0;
  }

  static int compareNumericAware(String a, String b) {
    int byClass = Integer.compare(textClass(a), textClass(b));
    if (byClass != 0) {
      return byClass;
    }
    if (isDigits(a)) {
      String x = stripLeadingZeros(a);
      String y = stripLeadingZeros(b);
      int byLength = Integer.compare(x.length(), y.length());
      int byValue = byLength != 0 ? byLength : x.compareTo(y);
      if (byValue != 0) {
        return byValue;
      }
    }
    return a.compareTo(b);
  }

  // 0: empty, 1: ASCII digits only, 2: anything else.
  private static int textClass(String s) {
    return s.isEmpty() ? 0 : isDigits(s) ? 1 : 2;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  @Override
  public String toString() {
    String cursor = instant != null ? instant.toString() : "token:" + token;
    return tieBreaker.isEmpty() ? cursor : cursor + "#" + tieBreaker;
  }
}
