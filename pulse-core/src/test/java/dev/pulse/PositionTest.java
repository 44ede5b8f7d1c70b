package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class PositionTest {
  private static final Instant T = Instant.parse("2026-04-01T10:00:00Z");

  @Test
  void compareTo_sameInstant_ordersByTieBreakerNumerically() {
    assertTrue(Position.at(T, "10").isAfter(Position.at(T, "9")));
    assertTrue(Position.at(T, "007").compareTo(Position.at(T, "7")) == 0);
  }

  @Test
  void compareTo_nonNumericTieBreakers_orderAsStrings() {
    assertTrue(Position.at(T, "BG-10").compareTo(Position.at(T, "BG-9")) < 0);
  }

  @Test
  void compareTo_emptyTieBreaker_sortsFirst() {
    assertTrue(Position.at(T, "0").isAfter(Position.at(T, "")));
  }

  @Test
  void compareTo_laterInstant_winsOverTieBreaker() {
    assertTrue(Position.at(T.plusNanos(1), "1").isAfter(Position.at(T, "999")));
  }

  @Test
  void compareTo_tokens_areNumericAware() {
    assertTrue(Position.token("100", "").isAfter(Position.token("99", "")));
  }

  @Test
  void compareTo_mixedKinds_rejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Position.at(T, "").compareTo(Position.token("1", "")));
    assertTrue(e.getMessage().contains("instant position with a token position"), e.getMessage());
  }

  @Test
  void constructor_bothOrNeitherCursor_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new Position(T, "x", ""));
    assertThrows(IllegalArgumentException.class, () -> new Position(null, null, ""));
  }

  @Test
  void toString_showsCursorAndTieBreaker() {
    assertEquals("2026-04-01T10:00:00Z#42", Position.at(T, "42").toString());
    assertEquals("token:abc", Position.token("abc", "").toString());
    assertFalse(Position.at(T, "").isAfter(Position.at(T, "")));
  }
}
