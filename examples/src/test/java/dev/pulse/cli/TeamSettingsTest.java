package dev.pulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.ErrorCode;
import dev.pulse.config.ConfigProblem;
import dev.pulse.metrics.report.TeamMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TeamSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void componentsRepositoriesAndProjectsBecomeTheMappingsOwnership_withTheirPeriods()
      throws Exception {
    List<ConfigProblem> problems = new ArrayList<>();
    TeamSettings teams =
        TeamSettings.parse(
            json(
                """
                {"payments": {"components": ["acme/mono:payments",
                                             {"name": "acme/mono:ledger", "from": "2026-03-01T00:00:00Z"}],
                              "projects": ["PAY"], "projectComponents": ["OPS:billing"]},
                 "platform": {"repositories": [{"name": "acme/mono", "until": "2026-03-01T00:00:00Z"}]}}
                """),
            problems);
    assertEquals(List.of(), problems);
    assertEquals(Set.of("payments", "platform"), teams.teams());

    TeamMapping.Builder builder = TeamMapping.builder();
    teams.addTo(builder);
    TeamMapping mapping = builder.build();
    Instant before = MARCH.minusSeconds(1);
    assertEquals(Set.of("payments"), mapping.teamsOfComponent("acme/mono", "payments", before));
    assertEquals(Set.of(), mapping.teamsOfComponent("acme/mono", "ledger", before));
    assertEquals(Set.of("payments"), mapping.teamsOfComponent("acme/mono", "ledger", MARCH));
    assertEquals(Set.of("payments"), mapping.teamsOfProject("PAY", MARCH));
    assertEquals(Set.of("payments"), mapping.teamsOfProjectComponent("OPS", "billing", MARCH));
    assertEquals(Set.of(), mapping.teamsOfProject("OPS", MARCH));
    assertEquals(Set.of("platform"), mapping.teamsOfRepository("acme/mono", before));
    assertEquals(Set.of(), mapping.teamsOfRepository("acme/mono", MARCH));
  }

  @Test
  void noSectionIsNone() {
    List<ConfigProblem> problems = new ArrayList<>();
    assertSame(TeamSettings.NONE, TeamSettings.parse(null, problems));
    assertEquals(List.of(), problems);
  }

  @Test
  void everyProblemIsReportedAtItsPath_andNothingOfABadSectionIsUsed() throws Exception {
    List<ConfigProblem> problems = new ArrayList<>();
    TeamSettings teams =
        TeamSettings.parse(
            json(
                """
                {"a": {"repositories": "acme/api",
                       "projects": [7, {"name": "X", "until": "2026-01-01T00:00:00Z",
                                        "from": "2026-02-01T00:00:00Z"}, " "],
                       "components": ["acme/mono", "acme/mono:"],
                       "projectComponents": ["OPS"],
                       "labels": []},
                 "b": ["acme/web"],
                 "c": {"repositories": [{"name": "acme/x", "since": "2026-01-01T00:00:00Z"}]}}
                """),
            problems);
    assertSame(TeamSettings.NONE, teams);
    assertEquals(
        List.of(
            "$.teams.a.repositories must be an array",
            "$.teams.a.projects[0] must be a name or an object such as {\"name\": ..., \"from\": ...}",
            "$.teams.a.projects[1].until must be after from",
            "$.teams.a.projects[2] must not be blank",
            "$.teams.a.components[0] must be owner/repo:component, e.g. acme/mono:payments",
            "$.teams.a.components[1] must be owner/repo:component, e.g. acme/mono:payments",
            "$.teams.a.projectComponents[0] must be PROJECT:component, e.g. OPS:billing",
            "$.teams.a.labels is not a known key; known keys are [components, projectComponents,"
                + " projects, repositories]",
            "$.teams.b must be an object with repositories, components, projects or"
                + " projectComponents",
            "$.teams.c.repositories[0].since is not a known key; known keys are [from, name, until]"),
        problems.stream().map(p -> p.path() + " " + p.message()).toList());
    problems.forEach(p -> assertEquals(ErrorCode.INVALID_CONFIG, p.code()));
  }

  @Test
  void aSectionThatIsNotAnObjectIsRejected() throws Exception {
    List<ConfigProblem> problems = new ArrayList<>();
    assertSame(TeamSettings.NONE, TeamSettings.parse(json("[\"payments\"]"), problems));
    assertEquals(
        List.of("$.teams must be an object of team names"),
        problems.stream().map(p -> p.path() + " " + p.message()).toList());
  }
}
