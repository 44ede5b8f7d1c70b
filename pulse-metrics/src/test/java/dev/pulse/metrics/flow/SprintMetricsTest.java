package dev.pulse.metrics.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.EffortSource;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintChange;
import dev.pulse.model.SprintStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Sprint figures from sprint membership changes, hand-computed. Board 7 runs sprint 11 (Dec 22 to
 * Jan 5), sprint 12 (Jan 5 09:00 to Jan 19 09:00) and sprint 13 (Jan 19 10:00 to Feb 2 09:00);
 * sprint 14 is planned.
 */
final class SprintMetricsTest {
  private static final Instant S11 = Instant.parse("2025-12-22T09:00:00Z");
  private static final Instant E11 = Instant.parse("2026-01-05T08:00:00Z");
  private static final Instant S12 = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant E12 = Instant.parse("2026-01-19T09:00:00Z");
  private static final Instant S13 = Instant.parse("2026-01-19T10:00:00Z");
  private static final Instant E13 = Instant.parse("2026-02-02T09:00:00Z");
  private static final FlowWindow JANUARY_AND_FEBRUARY =
      new FlowWindow(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));

  private static final List<Sprint> SPRINTS =
      List.of(
          sprint("11", S11, E11),
          sprint("12", S12, E12),
          sprint("13", S13, E13),
          Sprint.builder().id("14").boardId("7").name("Sprint 14").build());

  private static Sprint sprint(String id, Instant start, Instant completed) {
    return Sprint.builder()
        .id(id)
        .boardId("7")
        .name("Sprint " + id)
        .status(SprintStatus.CLOSED)
        .startedAt(start)
        .endedAt(completed.minusSeconds(3600))
        .completedAt(completed)
        .build();
  }

  private static Instant jan(int day) {
    return Instant.parse(String.format("2026-01-%02dT12:00:00Z", day));
  }

  /** An issue created on Jan 1, done at {@code done} (or open), with the sprint changes given. */
  private static Issue issue(
      String key, @Nullable Instant done, @Nullable Double effort, SprintChange... changes) {
    List<String> ids = new ArrayList<>();
    for (SprintChange c : changes) {
      if (!ids.contains(c.sprintId())) {
        ids.add(c.sprintId());
      }
    }
    return Issue.builder()
        .key(key)
        .projectKey("BG")
        .type(IssueType.STORY)
        .rawStatus(done == null ? "To Do" : "Done")
        .status(done == null ? NormalizedStatus.TODO : NormalizedStatus.DONE)
        .effort(effort, effort == null ? EffortSource.UNESTIMATED : EffortSource.STORY_POINTS)
        .createdAt(Instant.parse("2025-12-20T00:00:00Z"))
        .startedAt(done)
        .completedAt(done)
        .updatedAt(done == null ? jan(20) : done)
        .sprintIds(ids)
        .sprintChanges(List.of(changes))
        .build();
  }

  private static SprintChange joined(String sprint, Instant at) {
    return SprintChange.joined(sprint, at);
  }

  private static SprintChange left(String sprint, Instant at) {
    return SprintChange.left(sprint, at);
  }

  /** The issues of the class comment's scenario; see each line. */
  private static List<Issue> scenario(@Nullable Double effortOfC) {
    return List.of(
        // planned into 12, done on Jan 10: committed, completed
        issue("BG-1", jan(10), 3.0, joined("12", jan(2))),
        // planned into 12, carried over to 13 when 12 closed (Jira: "12" -> "12, 13"), done in 13
        issue("BG-2", jan(25), 5.0, joined("12", jan(3)), joined("13", E12)),
        // added on Jan 8, mid-sprint: scope creep; done on Jan 12
        issue("BG-3", jan(12), effortOfC, joined("12", jan(8))),
        // planned, then removed on Jan 9
        issue("BG-4", null, 1.0, joined("12", jan(2)), left("12", jan(9))),
        // planned, never done, sent back to the backlog at the end: not carried over
        issue("BG-5", null, 2.0, joined("12", jan(2))),
        // planned, done on Jan 20, after 12 ended, in no later sprint: neither completed nor
        // carried
        issue("BG-6", jan(20), 2.0, joined("12", jan(2))),
        // carried from 11 into 12 when 11 closed, unfinished at 12's end; 11 stays in its field
        issue(
            "BG-8",
            null,
            1.0,
            joined("11", Instant.parse("2025-12-21T00:00:00Z")),
            joined("12", E11)),
        // in sprint 11 only
        issue("BG-9", Instant.parse("2026-01-02T00:00:00Z"), 1.0, joined("11", S11)));
  }

  @Test
  void outcomes_handComputedSprint_committedAddedRemovedCompletedCarried() {
    List<Issue> issues = new ArrayList<>(scenario(2.0));
    // created on Jan 15 straight into sprint 12 (Jira records no change): added
    issues.add(
        Issue.builder()
            .key("BG-7")
            .projectKey("BG")
            .type(IssueType.BUG)
            .rawStatus("To Do")
            .status(NormalizedStatus.TODO)
            .createdAt(jan(15))
            .updatedAt(jan(15))
            .sprintIds(List.of("12"))
            .build());

    List<SprintOutcome> outcomes = SprintMetrics.outcomes(SPRINTS, issues, JANUARY_AND_FEBRUARY);

    assertEquals(
        List.of("11", "12", "13"), outcomes.stream().map(SprintOutcome::sprintId).toList());
    SprintOutcome twelve = outcomes.get(1);
    assertEquals(List.of("BG-1", "BG-2", "BG-4", "BG-5", "BG-6", "BG-8"), twelve.committed());
    assertEquals(List.of("BG-3", "BG-7"), twelve.added());
    assertEquals(List.of("BG-4"), twelve.removed());
    assertEquals(List.of("BG-1", "BG-3"), twelve.completed());
    assertEquals(List.of("BG-2"), twelve.carried());
    // final scope 6 + 2 - 1 = 7; completion 2/7; scope creep 2/6; carry-over 1/6
    assertEquals(SprintFigures.of(6, 2, 1, 2, 1), twelve.figures());
    assertEquals(7, twelve.figures().finalScope());
    assertEquals(2.0 / 7, twelve.figures().completionRate());
    assertEquals(2.0 / 6, twelve.figures().scopeCreep());
    assertEquals(1.0 / 6, twelve.figures().carryOverRate());
    assertEquals(5.0, twelve.completedEffort());
    assertEquals(S12, twelve.start());
    assertEquals(E12, twelve.end());

    // BG-2 in two consecutive sprints: carried out of 12, committed to and completed in 13
    SprintOutcome thirteen = outcomes.get(2);
    assertEquals(List.of("BG-2"), thirteen.committed());
    assertEquals(List.of("BG-2"), thirteen.completed());
    assertEquals(SprintFigures.of(1, 0, 0, 1, 0), thirteen.figures());

    // sprint 11: BG-8 committed, carried into 12 (a later sprint); BG-9 completed on Jan 2
    SprintOutcome eleven = outcomes.get(0);
    assertEquals(List.of("BG-8", "BG-9"), eleven.committed());
    assertEquals(List.of("BG-9"), eleven.completed());
    assertEquals(List.of("BG-8"), eleven.carried());
  }

  @Test
  void outcomes_onlySprintsFinishedInTheWindow_laterSprintsStillTellCarryOver() {
    FlowWindow january12 = new FlowWindow(jan(10), jan(25));

    List<SprintOutcome> outcomes = SprintMetrics.outcomes(SPRINTS, scenario(2.0), january12);

    assertEquals(List.of("12"), outcomes.stream().map(SprintOutcome::sprintId).toList());
    assertEquals(List.of("BG-2"), outcomes.get(0).carried(), "sprint 13 is outside the window");
  }

  @Test
  void outcomes_boundaries_joinedAtStartIsCommitted_doneAtEndIsCompleted_joinedAtEndIsOutside() {
    List<Issue> issues =
        List.of(
            issue("BG-1", E12, 1.0, joined("12", S12)),
            issue("BG-2", null, 1.0, joined("12", E12)),
            issue("BG-3", E12.plusSeconds(1), 1.0, joined("12", S12)),
            // completed while out of the sprint, then put back: not completed in it
            issue(
                "BG-4", jan(7), 1.0, joined("12", S12), left("12", jan(6)), joined("12", jan(8))));

    SprintOutcome twelve =
        SprintMetrics.outcomes(SPRINTS, issues, JANUARY_AND_FEBRUARY).stream()
            .filter(o -> o.sprintId().equals("12"))
            .findFirst()
            .orElseThrow();

    assertEquals(List.of("BG-1", "BG-3", "BG-4"), twelve.committed());
    assertEquals(List.of(), twelve.added(), "BG-2 joined when the sprint ended");
    assertEquals(List.of(), twelve.removed(), "BG-4 was put back before the end");
    assertEquals(List.of("BG-1"), twelve.completed());
    assertEquals(List.of(), twelve.carried(), "BG-3 is in no later sprint");
  }

  @Test
  void velocities_pointsWhenEveryCompletedIssueIsEstimated_elseIssues() {
    Map<String, BoardVelocity> points =
        SprintMetrics.velocities(
            SprintMetrics.outcomes(SPRINTS, scenario(2.0), JANUARY_AND_FEBRUARY));
    BoardVelocity board = points.get("7");
    assertEquals(List.of("11", "12", "13"), board.sprintIds());
    // 11: BG-9 (1); 12: BG-1 + BG-3 (3 + 2); 13: BG-2 (5)
    assertEquals(List.of(1.0, 5.0, 5.0), board.velocities());
    assertEquals(VelocityUnit.POINTS, board.unit());
    // slope 2 per sprint against 5% of the mean 11/3
    assertEquals(VelocityTrend.IMPROVING, board.trend());

    BoardVelocity issues =
        SprintMetrics.velocities(
                SprintMetrics.outcomes(SPRINTS, scenario(null), JANUARY_AND_FEBRUARY))
            .get("7");
    // BG-3 is unestimated: completed issues are counted, 1, 2, 1 (slope 0: stable)
    assertEquals(VelocityUnit.ISSUES, issues.unit());
    assertEquals(List.of(1.0, 2.0, 1.0), issues.velocities());
    assertEquals(VelocityTrend.STABLE, issues.trend());
  }

  @Test
  void end_completionElseTheEndOfAClosedSprint_nullWhenUnfinished() {
    assertEquals(E12, SprintMetrics.end(SPRINTS.get(1)));
    Sprint closedWithoutCompletion = SPRINTS.get(1).toBuilder().completedAt(null).build();
    assertEquals(E12.minusSeconds(3600), SprintMetrics.end(closedWithoutCompletion));
    assertNull(
        SprintMetrics.end(closedWithoutCompletion.toBuilder().status(SprintStatus.ACTIVE).build()));
    assertNull(SprintMetrics.end(SPRINTS.get(3)), "not started");
  }

  @Test
  void outcomes_sprintGivenTwice_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SprintMetrics.outcomes(
                List.of(SPRINTS.get(0), SPRINTS.get(0)), List.of(), JANUARY_AND_FEBRUARY));
  }
}
