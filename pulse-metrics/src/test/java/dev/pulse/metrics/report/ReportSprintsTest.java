package dev.pulse.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.BoardVelocity;
import dev.pulse.metrics.flow.SprintFigures;
import dev.pulse.metrics.flow.SprintOutcome;
import dev.pulse.metrics.flow.VelocityTrend;
import dev.pulse.metrics.flow.VelocityUnit;
import dev.pulse.model.EffortSource;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintChange;
import dev.pulse.model.SprintStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The sprint section of the report, hand-computed: sprint 12 (Jan 5 09:00 to Jan 19 09:00) and
 * sprint 13 (Jan 19 10:00 to Feb 2 09:00) of board 7; team {@code core} owns project BG, team
 * {@code payments} its component Payments.
 */
final class ReportSprintsTest {
  private static final Instant S12 = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant E12 = Instant.parse("2026-01-19T09:00:00Z");
  private static final Instant S13 = Instant.parse("2026-01-19T10:00:00Z");
  private static final Instant E13 = Instant.parse("2026-02-02T09:00:00Z");
  private static final Window WINDOW =
      new Window(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
  private static final TeamMapping TEAMS =
      TeamMapping.builder()
          .project("core", "BG")
          .projectComponent("payments", "BG", "Payments")
          .build();

  private static Sprint sprint(String id, Instant start, Instant end) {
    return Sprint.builder()
        .id(id)
        .boardId("7")
        .name("Sprint " + id)
        .status(SprintStatus.CLOSED)
        .startedAt(start)
        .endedAt(end)
        .completedAt(end)
        .build();
  }

  private static Instant jan(int day) {
    return Instant.parse(String.format("2026-01-%02dT12:00:00Z", day));
  }

  private static Issue issue(
      String key,
      @Nullable Instant done,
      double effort,
      List<String> components,
      SprintChange... changes) {
    return Issue.builder()
        .key(key)
        .projectKey("BG")
        .type(IssueType.STORY)
        .rawStatus(done == null ? "To Do" : "Done")
        .status(done == null ? NormalizedStatus.TODO : NormalizedStatus.DONE)
        .effort(effort, EffortSource.STORY_POINTS)
        .createdAt(Instant.parse("2025-12-20T00:00:00Z"))
        .startedAt(done)
        .completedAt(done)
        .updatedAt(jan(28))
        .sprintIds(List.of(changes).stream().map(SprintChange::sprintId).distinct().toList())
        .sprintChanges(List.of(changes))
        .components(components)
        .build();
  }

  private static ReportSources sources() {
    List<Issue> issues =
        List.of(
            // committed to 12, done on Jan 10
            issue("BG-1", jan(10), 3, List.of("Payments"), SprintChange.joined("12", jan(2))),
            // committed to 12, carried over to 13 when 12 closed, done in 13
            issue(
                "BG-2",
                jan(25),
                5,
                List.of(),
                SprintChange.joined("12", jan(2)),
                SprintChange.joined("13", E12)),
            // added to 12 on Jan 8, never done, back to the backlog
            issue("BG-3", null, 2, List.of("Payments"), SprintChange.joined("12", jan(8))));
    return new ReportSources(List.of(), List.of(), issues, List.of())
        .withSprints(List.of(sprint("12", S12, E12), sprint("13", S13, E13)));
  }

  @Test
  void organisation_everySprintFinishedInTheWindow_withTheVelocityOfItsBoard() {
    Report report =
        MetricsReport.compute(
            sources(), ReportOptions.builder("acme", WINDOW).teams(TEAMS).build());

    SprintSection section = report.sprints();
    assertEquals(2, section.sprintsRead());
    assertEquals(3, section.issuesInSprints());
    SprintOutcome twelve = section.sprints().get(0);
    assertEquals(List.of("BG-1", "BG-2"), twelve.committed());
    assertEquals(List.of("BG-3"), twelve.added());
    assertEquals(List.of("BG-1"), twelve.completed());
    assertEquals(List.of("BG-2"), twelve.carried());
    // final scope 3: completion 1/3, scope creep 1/2, carry-over 1/2
    assertEquals(SprintFigures.of(2, 1, 0, 1, 1), twelve.figures());
    SprintOutcome thirteen = section.sprints().get(1);
    assertEquals(SprintFigures.of(1, 0, 0, 1, 0), thirteen.figures());
    assertEquals(
        Map.of(
            "7",
            new BoardVelocity(
                "7",
                List.of("12", "13"),
                List.of(3.0, 5.0),
                VelocityUnit.POINTS,
                VelocityTrend.IMPROVING)),
        section.velocityByBoard());
  }

  @Test
  void team_ownsTheIssuesOfItsProjectComponent_otherSprintsLeftOut() {
    Report payments =
        MetricsReport.compute(
            sources(), ReportOptions.builder("acme", WINDOW).teams(TEAMS).team("payments").build());

    List<SprintOutcome> sprints = payments.sprints().sprints();
    assertEquals(1, sprints.size(), "no Payments issue was in sprint 13");
    assertEquals(List.of("BG-1"), sprints.get(0).committed());
    assertEquals(List.of("BG-3"), sprints.get(0).added());
    assertEquals(1.0, sprints.get(0).figures().scopeCreep());
    assertEquals(2, payments.flow().issues(), "the flow figures take the same issues");

    Report organisation =
        MetricsReport.compute(
            sources(), ReportOptions.builder("acme", WINDOW).teams(TEAMS).build());
    assertEquals(2, organisation.flowByTeam().get("payments").issues());
    assertEquals(3, organisation.flowByTeam().get("core").issues());
  }

  @Test
  void teamMapping_issueBelongsToItsProjectsAndComponentsOwners_atItsCreation() {
    TeamMapping mapping =
        TeamMapping.builder()
            .project("core", "BG")
            .projectComponent("payments", "BG", "Payments", null, jan(10))
            .projectComponent("billing", "BG", "Payments", jan(10), null)
            .projectComponent("core", "BG", "Payments")
            .build();
    Issue issue = issue("BG-9", null, 1, List.of("Payments", "Search"));

    assertEquals(List.of("billing", "core", "payments"), List.copyOf(mapping.teams()));
    assertEquals(Set.of("core", "payments"), mapping.teamsOfIssue(issue, jan(9)));
    assertEquals(Set.of("billing", "core"), mapping.teamsOfIssue(issue, jan(10)));
    assertEquals(
        Set.of("core"),
        mapping.teamsOfIssue(issue.toBuilder().components(List.of()).build(), jan(9)));
    assertEquals(Set.of(), mapping.teamsOfProjectComponent("WEB", "Payments", jan(9)));
    assertTrue(mapping.ownsIssue("billing", issue, jan(11)));
  }

  @Test
  void json_hasTheSprintSection() {
    Report report =
        MetricsReport.compute(
            sources(), ReportOptions.builder("acme", WINDOW).teams(TEAMS).build());

    Map<String, Object> json =
        MiniJson.obj(MiniJson.obj(MiniJson.parse(ReportJson.write(report))).get("sprints"));
    assertEquals(2L, json.get("read"));
    Map<String, Object> twelve = MiniJson.obj(MiniJson.arr(json.get("sprints")).get(0));
    assertEquals("12", twelve.get("sprintId"));
    assertEquals(S12.toString(), twelve.get("start"));
    assertEquals(2L, twelve.get("committed"));
    assertEquals(1L, twelve.get("added"));
    assertEquals(1L, twelve.get("carried"));
    assertEquals(3L, twelve.get("finalScope"));
    assertEquals(0.5, twelve.get("scopeCreep"));
    Map<String, Object> board = MiniJson.obj(MiniJson.obj(json.get("velocityByBoard")).get("7"));
    assertEquals("POINTS", board.get("unit"));
    assertEquals(List.of(3.0, 5.0), board.get("velocities"));
  }

  @Test
  void sourcesWithoutSprints_giveAnEmptySection() {
    Report report =
        MetricsReport.compute(ReportSources.empty(), ReportOptions.builder("acme", WINDOW).build());

    assertEquals(SprintSection.none(), report.sprints());
  }
}
