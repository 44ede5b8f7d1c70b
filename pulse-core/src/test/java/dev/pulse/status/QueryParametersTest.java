package dev.pulse.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class QueryParametersTest {
  private static final Set<String> ACCEPTED = Set.of("team", "window");

  @Test
  void parse_decodesInOrder_skipsEmptyPairs_keepsAMalformedEscape() {
    List<String> problems = new ArrayList<>();
    Map<String, String> values =
        QueryParameters.parse("window=90d&&team=core%20api%2", ACCEPTED, problems);

    assertEquals(List.of("window", "team"), List.copyOf(values.keySet()));
    assertEquals("90d", values.get("window"));
    assertEquals("core%20api%2", values.get("team"), "a malformed escape is kept as written");
    assertEquals(List.of(), problems);
    assertEquals("", QueryParameters.parse("team", ACCEPTED, problems).get("team"));
    assertEquals(Map.of(), QueryParameters.parse(null, ACCEPTED, problems));
    assertEquals(Map.of(), QueryParameters.parse("", ACCEPTED, problems));
  }

  @Test
  void parse_namesEveryUnknownAndRepeatedParameter_keepsTheFirstValue() {
    List<String> problems = new ArrayList<>();
    Map<String, String> values =
        QueryParameters.parse("team=a&colour=red&team=b&x%3Dy=1", ACCEPTED, problems);

    assertEquals(Map.of("team", "a"), values);
    assertEquals(3, problems.size(), problems::toString);
    assertTrue(
        problems.get(0).contains("\"colour\"") && problems.get(0).contains("[team, window]"));
    assertTrue(problems.get(1).contains("team is given twice"), problems.get(1));
    assertTrue(problems.get(2).contains("\"x=y\""), problems.get(2));
    assertThrows(UnsupportedOperationException.class, () -> values.put("window", "1d"));
  }
}
