package dev.pulse;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A comparable point in a scope's record stream: a cursor (an instant or an opaque token) plus a
 * {@link TieBreaker}.
 *
 * <p>A connector reads records in (cursor, tie-breaker) order and, resumed from a position, returns
 * only records strictly after it. The tie-breaker (typically the id of the last record at that
 * cursor value) is what keeps records that share one timestamp from being lost or re-read forever.
 * The engine treats positions as opaque except for {@link #compareTo(Position)}, which it uses to
 * keep watermarks from moving backwards and to reject pages that go backwards.
 *
 * <p><b>The order, which the source's sort must match.</b> Instant cursors compare chronologically
 * (to the nanosecond); token cursors compare as opaque strings in {@link String#compareTo} order,
 * so a source's sortable cursor (a fixed-width hex id, an ISO timestamp, a {@linkplain
 * #sequence(long) zero-padded sequence number}) keeps its own order. Equal cursors are ordered by
 * their tie-breakers: none first, then numbers by value, then texts in {@link String} order (see
 * {@link TieBreaker}). The tie-breaker's kind is chosen by the connector ({@link #at(Instant,
 * long)} for a numeric id, {@link #at(Instant, String)} for a text), never guessed from its
 * characters, so a connector must ask its source for the same order: for example Jira's {@code
 * ORDER BY updated ASC, key ASC} sorts {@code BG-9} before {@code BG-10}, which is the order of the
 * issue number as a number, not of the key as text. Positions of different cursor kinds cannot be
 * compared.
 *
 * @param instant the instant cursor, or null for a token position
 * @param token the token cursor, or null for an instant position
 * @param tieBreaker the tie-breaker, {@link TieBreaker#none()} when the cursor alone is unique
 */
public record Position(@Nullable Instant instant, @Nullable String token, TieBreaker tieBreaker)
    implements Comparable<Position> {

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
   * Creates an instant position without a tie-breaker, for sources whose instants are unique.
   *
   * @param instant the cursor value
   * @return the position
   */
  public static Position at(Instant instant) {
    return at(instant, TieBreaker.none());
  }

  /**
   * Creates an instant position with a numeric tie-breaker, for records with numeric ids.
   *
   * @param instant the cursor value, e.g. the last record's updated-at
   * @param id the last record's numeric id at that instant
   * @return the position
   */
  public static Position at(Instant instant, long id) {
    return at(instant, TieBreaker.number(id));
  }

  /**
   * Creates an instant position with a text tie-breaker, compared in {@link String} order.
   *
   * @param instant the cursor value, e.g. the last record's updated-at
   * @param id the last record's id at that instant, compared as text; empty for none
   * @return the position
   */
  public static Position at(Instant instant, String id) {
    return at(instant, TieBreaker.text(id));
  }

  /**
   * Creates an instant position.
   *
   * @param instant the cursor value
   * @param tieBreaker the tie-breaker
   * @return the position
   */
  public static Position at(Instant instant, TieBreaker tieBreaker) {
    return new Position(Objects.requireNonNull(instant, "instant"), null, tieBreaker);
  }

  /**
   * Creates a position from a sequence number, such as a build number or a change-log offset. It is
   * a token position whose token is the number zero-padded to 19 digits, so that sequence positions
   * order numerically.
   *
   * @param sequence the sequence number, {@code >= 0}
   * @return the position
   * @throws IllegalArgumentException if the sequence is negative
   */
  public static Position sequence(long sequence) {
    return sequence(sequence, TieBreaker.none());
  }

  /**
   * Creates a sequence position with a tie-breaker; see {@link #sequence(long)}.
   *
   * @param sequence the sequence number, {@code >= 0}
   * @param tieBreaker the tie-breaker
   * @return the position
   * @throws IllegalArgumentException if the sequence is negative
   */
  public static Position sequence(long sequence, TieBreaker tieBreaker) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0 but was " + sequence);
    }
    return token(String.format(java.util.Locale.ROOT, "%019d", sequence), tieBreaker);
  }

  /**
   * Creates a token position without a tie-breaker, for sources whose order is an opaque string
   * that sorts in {@link String} order. Use {@link #sequence(long)} for numbers.
   *
   * @param token the cursor value
   * @return the position
   */
  public static Position token(String token) {
    return token(token, TieBreaker.none());
  }

  /**
   * Creates a token position.
   *
   * @param token the cursor value
   * @param tieBreaker the tie-breaker
   * @return the position
   */
  public static Position token(String token, TieBreaker tieBreaker) {
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
   * Compares two positions of the same cursor kind: by cursor, then by tie-breaker.
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
    return byCursor != 0 ? byCursor : tieBreaker.compareTo(other.tieBreaker);
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

  @Override
  public String toString() {
    String cursor = instant != null ? instant.toString() : "token:" + token;
    return tieBreaker.isNone() ? cursor : cursor + "#" + tieBreaker;
  }
}
