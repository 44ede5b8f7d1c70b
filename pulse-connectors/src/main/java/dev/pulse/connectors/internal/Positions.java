package dev.pulse.connectors.internal;

import dev.pulse.Position;
import dev.pulse.TieBreaker;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Helpers for the (instant, number) positions the newest-first connectors of this module carry in
 * their page continuations: the position just below one, and a compact text form. Instants keep
 * millisecond precision, which is all Jenkins and GitHub timestamps have. Stateless.
 */
public final class Positions {
  private Positions() {}

  /**
   * Returns the position just below an (instant, number) one: the same instant, the number less
   * one. A watermark there has not passed the record at {@code position}, so the next newest-first
   * walk reads it again.
   *
   * @param position an instant position with a numeric tie-breaker
   * @return the position just below it
   */
  public static Position below(Position position) {
    Instant instant = Objects.requireNonNull(position.instant(), "instant");
    return Position.at(instant, TieBreaker.number(position.tieBreaker().number() - 1));
  }

  /**
   * Encodes an (instant, number) position as {@code <epoch millis>.<number>}, or {@code -} for
   * none; the text holds no {@code :}, so it can be a field of a colon-separated continuation.
   *
   * @param position the position or null
   * @return its text
   */
  public static String encodeInstantNumber(@Nullable Position position) {
    if (position == null) {
      return "-";
    }
    return Objects.requireNonNull(position.instant()).toEpochMilli()
        + "."
        + position.tieBreaker().number();
  }

  /**
   * Decodes what {@link #encodeInstantNumber} wrote.
   *
   * @param text the text
   * @return the position, or null for {@code -}
   * @throws IllegalArgumentException if the text is neither
   */
  public static @Nullable Position decodeInstantNumber(String text) {
    if (text.equals("-")) {
      return null;
    }
    int dot = text.lastIndexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("not a position: " + text);
    }
    return Position.at(
        Instant.ofEpochMilli(Long.parseLong(text.substring(0, dot))),
        TieBreaker.number(Long.parseLong(text.substring(dot + 1))));
  }
}
