package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PositionTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> SAMPLES =
      List.of(
          "",
          "0",
          "00",
          "007",
          "7",
          "9",
          "10",
          "010",
          "99",
          "100",
          "1x",
          "9a",
          "A",
          "a",
          "abc",
          "ab",
          "-1",
          "1.5",
          "9999999999999999999999",
          "10000000000000000000000",
          "x10");

  @Test
  void compareTo_tokens_compareAsOpaqueStrings() {
    assertTrue(
        Position.token("1000", "").compareTo(Position.token("0fff", "")) > 0,
        "fixed-width hex cursors keep their own order");
    assertTrue(Position.token("9", "").isAfter(Position.token("10", "")), "tokens are not numbers");
    assertTrue(
        Position.token("b", "10").isAfter(Position.token("b", "2")),
        "tie-breakers stay numeric-aware");
  }

  @Test
  void sequence_ordersNumerically() {
    assertTrue(Position.sequence(10, "").isAfter(Position.sequence(9, "")));
    assertTrue(Position.sequence(Long.MAX_VALUE, "").isAfter(Position.sequence(0, "")));
    assertEquals("0000000000000000042", Position.sequence(42, "").token());
    assertThrows(IllegalArgumentException.class, () -> Position.sequence(-1, ""));
  }

  @Test
  void compareTo_numericTieBreakers_compareAsNumbers() {
    assertTrue(Position.at(T, "10").isAfter(Position.at(T, "9")));
    assertTrue(Position.at(T, "100").isAfter(Position.at(T, "99")));
    assertTrue(
        Position.at(T, "10000000000000000000000").isAfter(Position.at(T, "9999999999999999999999")),
        "digit strings beyond long range still compare as numbers");
  }

  @Test
  void compareTo_emptyTieBreaker_sortsFirst() {
    for (String other : SAMPLES) {
      if (!other.isEmpty()) {
        assertTrue(
            Position.at(T, other).isAfter(Position.at(T, "")), "\"" + other + "\" after \"\"");
      }
    }
  }

  @Test
  void compareTo_instantDecidesBeforeTieBreaker() {
    assertTrue(Position.at(T.plusNanos(1), "").isAfter(Position.at(T, "999")));
  }

  @Test
  void compareTo_isTotalOrderConsistentWithEquals() {
    List<String> problems = new ArrayList<>();
    for (String a : SAMPLES) {
      for (String b : SAMPLES) {
        int ab = Integer.signum(Position.at(T, a).compareTo(Position.at(T, b)));
        int ba = Integer.signum(Position.at(T, b).compareTo(Position.at(T, a)));
        if (ab != -ba) {
          problems.add("not antisymmetric: " + a + " vs " + b);
        }
        if ((ab == 0) != a.equals(b)) {
          problems.add("compareTo and equals disagree: " + a + " vs " + b);
        }
        for (String c : SAMPLES) {
          int bc = Position.at(T, b).compareTo(Position.at(T, c));
          int ac = Position.at(T, a).compareTo(Position.at(T, c));
          if (ab < 0 && bc < 0 && ac >= 0) {
            problems.add(
                "not transitive: " + a + " < " + b + " < " + c + " but not " + a + " < " + c);
          }
        }
      }
    }
    assertEquals(List.of(), problems.size() > 10 ? problems.subList(0, 10) : problems);
  }

  @Test
  void compareTo_digitsBeforeOtherText() {
    List<Position> positions = new ArrayList<>();
    for (String tieBreaker : List.of("1x", "10", "", "9")) {
      positions.add(Position.at(T, tieBreaker));
    }
    positions.sort(null);

    assertEquals(
        List.of(
            Position.at(T, ""), Position.at(T, "9"), Position.at(T, "10"), Position.at(T, "1x")),
        positions);
  }

  @Test
  void compareTo_mixedCursorKinds_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Position.at(T, "1").compareTo(Position.token("1", "")));
  }

  @Test
  void constructor_bothOrNeitherCursor_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new Position(T, "1", ""));
    assertThrows(IllegalArgumentException.class, () -> new Position(null, null, ""));
  }
}
