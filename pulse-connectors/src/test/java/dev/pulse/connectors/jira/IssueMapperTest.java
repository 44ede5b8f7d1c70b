package dev.pulse.connectors.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The change-log and time rules that the fake server cannot easily send malformed. */
final class IssueMapperTest {
  private final IssueMapper mapper =
      new IssueMapper(
          new StatusNormalizer(Map.of()),
          Map.of("em pareamento", "indeterminate"),
          new EffortChain(new JiraFields(null, null, List.of())),
          new JiraFields(null, null, List.of()));

  private static List<JsonNode> histories(String json) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    Json.MAPPER.readTree(json).forEach(out::add);
    return out;
  }

  @Test
  void parseTime_jiraIsoZuluAndNaiveAsUtc_garbageIsNull() {
    Instant expected = Instant.parse("2026-04-01T10:00:00Z");
    assertEquals(expected, JiraText.parseTime("2026-04-01T10:00:00.000+0000"));
    assertEquals(expected, JiraText.parseTime("2026-04-01T07:00:00.000-0300"));
    assertEquals(expected, JiraText.parseTime("2026-04-01T10:00:00Z"));
    assertEquals(expected, JiraText.parseTime("2026-04-01T10:00:00+00:00"));
    assertEquals(expected, JiraText.parseTime("2026-04-01T10:00:00"));
    assertNull(JiraText.parseTime("yesterday"));
    assertNull(JiraText.parseTime(" "));
    assertNull(JiraText.parseTime(null));
  }

  @Test
  void transitions_sortedByTime_nullFieldsAndUnreadableTimesSkipped_caseInsensitiveField()
      throws Exception {
    List<StatusTransition> transitions =
        mapper.transitions(
            histories(
                "[{\"created\":\"2026-04-01T12:00:00.000+0000\",\"items\":["
                    + "{\"field\":\"STATUS\",\"fromString\":\"Em Pareamento\",\"toString\":\"Done\"}]},"
                    + "{\"created\":\"2026-04-01T10:00:00.000+0000\",\"items\":["
                    + "{\"field\":null,\"toString\":\"x\"},"
                    + "{\"field\":\"status\",\"fromString\":null,\"toString\":\"Em Pareamento\"}]},"
                    + "{\"created\":\"not a time\",\"items\":[{\"field\":\"status\",\"toString\":\"QA\"}]},"
                    + "{\"items\":[{\"field\":\"status\",\"toString\":\"QA\"}]},"
                    + "{\"created\":\"2026-04-01T11:00:00.000+0000\",\"items\":null},"
                    + "{\"created\":\"2026-04-01T11:30:00.000+0000\",\"items\":["
                    + "{\"field\":\"labels\",\"toString\":\"x\"}]}]"));

    assertEquals(2, transitions.size());
    assertEquals(NormalizedStatus.IN_PROGRESS, transitions.get(0).status());
    assertEquals("Em Pareamento", transitions.get(0).rawStatus());
    assertEquals(Instant.parse("2026-04-01T12:00:00Z"), transitions.get(0).exitedAt());
    assertEquals(NormalizedStatus.DONE, transitions.get(1).status());
    assertNull(transitions.get(1).exitedAt());
  }

  @Test
  void transitions_emptyInput_isEmpty() throws Exception {
    assertEquals(List.of(), mapper.transitions(histories("[]")));
  }

  @Test
  void projectKey_fromTheKeysPrefix_upperCased_elseTheScope() {
    assertEquals("BG", IssueMapper.projectKey("bg-12", "X"));
    assertEquals("X", IssueMapper.projectKey("12", "X"));
  }
}
