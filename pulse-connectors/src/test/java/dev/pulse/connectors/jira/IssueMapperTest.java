package dev.pulse.connectors.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.SprintChange;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  void sprintChanges_joinedIsToMinusFrom_leftIsFromMinusTo_unreadableTimesSkipped()
      throws Exception {
    List<SprintChange> changes =
        IssueMapper.sprintChanges(
            histories(
                "[{\"created\":\"2026-04-01T10:00:00.000+0000\",\"items\":["
                    + "{\"field\":\"Sprint\",\"fieldtype\":\"custom\",\"from\":\"12, 13\","
                    + "\"fromString\":\"BG Sprint 12, BG Sprint 13\",\"to\":\"13,14\","
                    + "\"toString\":\"BG Sprint 13, BG Sprint 14\"}]},"
                    + "{\"created\":\"2026-04-01T09:00:00.000+0000\",\"items\":["
                    + "{\"field\":\"Sprint\",\"from\":null,\"to\":\"12, 13, \"}]},"
                    + "{\"created\":\"not a time\",\"items\":[{\"field\":\"Sprint\",\"to\":\"99\"}]},"
                    + "{\"created\":\"2026-04-01T11:00:00.000+0000\",\"items\":["
                    + "{\"field\":\"status\",\"from\":\"1\",\"to\":\"2\"}]}]"));

    Instant nine = Instant.parse("2026-04-01T09:00:00Z");
    Instant ten = Instant.parse("2026-04-01T10:00:00Z");
    assertEquals(4, changes.size(), changes::toString);
    assertEquals(
        Set.of(
            SprintChange.joined("12", nine),
            SprintChange.joined("13", nine),
            SprintChange.joined("14", ten),
            SprintChange.left("12", ten)),
        Set.copyOf(changes));
  }

  @Test
  void projectKey_fromTheKeysPrefix_upperCased_elseTheScope() {
    assertEquals("BG", IssueMapper.projectKey("bg-12", "X"));
    assertEquals("X", IssueMapper.projectKey("12", "X"));
  }
}
