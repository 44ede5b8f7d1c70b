package dev.pulse.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class LabelSelectorTest {
  private static final Map<String, String> CORE_PROD = Map.of("team", "core", "env", "prod");
  private static final Map<String, String> CORE_DEV = Map.of("team", "core", "env", "dev");
  private static final Map<String, String> WEB = Map.of("team", "web");

  @Test
  void matches_everyRequirementMustHold() {
    LabelSelector selector = LabelSelector.parse("team=core,env=prod");
    assertTrue(selector.matches(CORE_PROD));
    assertFalse(selector.matches(CORE_DEV), "AND, not OR");
    assertFalse(selector.matches(WEB));
  }

  @Test
  void matches_bareKeyMeansTheLabelExists() {
    LabelSelector selector = LabelSelector.parse("env");
    assertTrue(selector.matches(CORE_DEV));
    assertFalse(selector.matches(WEB));
    assertTrue(LabelSelector.parse("team=core, env").matches(CORE_DEV));
  }

  @Test
  void empty_matchesEverything() {
    assertTrue(LabelSelector.parse(" ").matches(Map.of()));
    assertTrue(LabelSelector.all().matches(WEB));
  }

  @Test
  void filter_keepsMatchingElementsInOrder() {
    List<Map<String, String>> all = List.of(CORE_PROD, WEB, CORE_DEV);
    assertEquals(
        List.of(CORE_PROD, CORE_DEV), LabelSelector.parse("team=core").filter(all, m -> m));
  }

  @Test
  void parse_reportsEveryMalformedRequirementAtOnce() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> LabelSelector.parse("=x,team=a b,ok"));
    assertEquals(ErrorCode.INVALID_CONFIG, e.code());
    assertEquals(2, e.problems().size(), e.problems().toString());
  }

  @Test
  void toString_roundTrips() {
    LabelSelector selector = LabelSelector.parse("team=core,env");
    assertEquals("team=core,env", selector.toString());
    assertEquals(selector, LabelSelector.parse(selector.toString()));
  }
}
