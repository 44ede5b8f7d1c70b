package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PositionTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<TieBreaker> SAMPLES =
      List.of(
          TieBreaker.none(),
          TieBreaker.number(Long.MIN_VALUE),
          TieBreaker.number(-1),
          TieBreaker.number(0),
          TieBreaker.number(7),
          TieBreaker.number(9),
          TieBreaker.number(10),
          TieBreaker.number(99),
          TieBreaker.number(100),
          TieBreaker.number(Long.MAX_VALUE),
          TieBreaker.text("0"),
          TieBreaker.text("007"),
          TieBreaker.text("10"),
          TieBreaker.text("9"),
          TieBreaker.text("BG-100"),
          TieBreaker.text("BG-99"),
          TieBreaker.text("a"),
          TieBreaker.text("ab"),
          TieBreaker.text("\uD83D\uDE00"));

  @Test
  void compareTo_tokens_compareAsOpaqueStrings() {
    assertTrue(
        Position.token("1000").compareTo(Position.token("0fff")) > 0,
        "fixed-width hex cursors keep their own order");
    assertTrue(Position.token("9").isAfter(Position.token("10")), "tokens are not numbers");
    assertTrue(
        Position.token("b", TieBreaker.number(10))
            .isAfter(Position.token("b", TieBreaker.number(2))),
        "numeric tie-breakers compare as numbers under token cursors too");
  }

  @Test
  void sequence_ordersNumerically() {
    assertTrue(Position.sequence(10).isAfter(Position.sequence(9)));
    assertTrue(Position.sequence(Long.MAX_VALUE).isAfter(Position.sequence(0)));
    assertEquals("0000000000000000042", Position.sequence(42).token());
    assertThrows(IllegalArgumentException.class, () -> Position.sequence(-1));
  }

  @Test
  void compareTo_numericIds_compareAsNumbers() {
    assertTrue(Position.at(T, 10).isAfter(Position.at(T, 9)));
    assertTrue(Position.at(T, 100).isAfter(Position.at(T, 99)));
    assertTrue(Position.at(T, 0).isAfter(Position.at(T, -1)));
  }

  @Test
  void compareTo_textIds_compareAsText_neverGuessedFromDigits() {
    assertTrue(Position.at(T, "9").isAfter(Position.at(T, "10")), "text is text, even when digits");
    assertTrue(Position.at(T, "BG-99").isAfter(Position.at(T, "BG-100")));
    assertEquals(TieBreaker.Kind.TEXT, Position.at(T, "42").tieBreaker().kind());
  }

  /**
   * Issue 8, defect 1: a connector that sorts as Jira does (issue number ascending) must use the
   * number as its tie-breaker, and then BG-100 is after BG-99 on one instant.
   */
  @Test
  void compareTo_jiraKeysByIssueNumber_BG100AfterBG99() {
    List<Position> jiraOrder = new ArrayList<>();
    for (int n = 95; n <= 110; n++) {
      jiraOrder.add(Position.at(T, n));
    }
    for (int i = 1; i < jiraOrder.size(); i++) {
      assertTrue(jiraOrder.get(i).isAfter(jiraOrder.get(i - 1)), "BG-" + (95 + i) + " after");
    }
  }

  @Test
  void compareTo_noTieBreaker_sortsFirst() {
    for (TieBreaker other : SAMPLES) {
      if (!other.isNone()) {
        assertTrue(Position.at(T, other).isAfter(Position.at(T)), other + " after none");
      }
    }
    assertEquals(Position.at(T), Position.at(T, ""), "an empty text is no tie-breaker");
  }

  @Test
  void compareTo_numbersBeforeTexts() {
    assertTrue(Position.at(T, "0").isAfter(Position.at(T, Long.MAX_VALUE)));
  }

  @Test
  void compareTo_instantDecidesBeforeTieBreaker() {
    assertTrue(Position.at(T.plusNanos(1)).isAfter(Position.at(T, "999")));
  }

  @Test
  void compareTo_isTotalOrderConsistentWithEquals() {
    List<String> problems = new ArrayList<>();
    for (TieBreaker a : SAMPLES) {
      for (TieBreaker b : SAMPLES) {
        int ab = Integer.signum(Position.at(T, a).compareTo(Position.at(T, b)));
        int ba = Integer.signum(Position.at(T, b).compareTo(Position.at(T, a)));
        if (ab != -ba) {
          problems.add("not antisymmetric: " + a + " vs " + b);
        }
        if ((ab == 0) != a.equals(b)) {
          problems.add("compareTo and equals disagree: " + a + " vs " + b);
        }
        for (TieBreaker c : SAMPLES) {
          int bc = Position.at(T, b).compareTo(Position.at(T, c));
          int ac = Position.at(T, a).compareTo(Position.at(T, c));
          if (ab < 0 && bc < 0 && ac >= 0) {
            problems.add("not transitive: " + a + " < " + b + " < " + c);
          }
        }
      }
    }
    assertEquals(List.of(), problems.size() > 10 ? problems.subList(0, 10) : problems);
  }

  @Test
  void compareTo_mixedCursorKinds_rejected() {
    assertThrows(
        IllegalArgumentException.class, () -> Position.at(T, "1").compareTo(Position.token("1")));
  }

  @Test
  void constructor_bothOrNeitherCursor_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new Position(T, "1", TieBreaker.none()));
    assertThrows(IllegalArgumentException.class, () -> new Position(null, null, TieBreaker.none()));
  }

  @Test
  void tieBreaker_partsOtherThanItsKind_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new TieBreaker(TieBreaker.Kind.NONE, 1, ""));
    assertThrows(
        IllegalArgumentException.class, () -> new TieBreaker(TieBreaker.Kind.NUMBER, 1, "x"));
    assertThrows(IllegalArgumentException.class, () -> new TieBreaker(TieBreaker.Kind.TEXT, 0, ""));
    assertThrows(
        IllegalArgumentException.class, () -> new TieBreaker(TieBreaker.Kind.TEXT, 3, "x"));
  }

  @Test
  void toString_showsKind() {
    assertEquals("2026-01-01T00:00:00Z#42", Position.at(T, 42).toString());
    assertEquals("2026-01-01T00:00:00Z#\"42\"", Position.at(T, "42").toString());
    assertEquals("token:0000000000000000007", Position.sequence(7).toString());
    assertFalse(Position.at(T, 1).equals(Position.at(T, "1")), "a number is not its digits");
  }
}
