package dev.pulse.metrics.flow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The figures of one finished sprint computed from the issues' sprint membership changes ({@link
 * SprintMetrics#outcomes}), with the issue keys behind each count for drill-down.
 *
 * <p>Rules in {@code docs/metrics.md}, "Sprint figures": committed = in the sprint at its start;
 * added = joined after the start and before the end; removed = in it at some point of {@code
 * [start, end)} but not at the end; completed = completed inside the sprint while in it and still
 * in it at the end; carried = in it at the end, not completed by then, and in a later sprint.
 *
 * @param sprintId the sprint's id
 * @param boardId the board it belongs to
 * @param name the sprint's name
 * @param start when it started
 * @param end when it finished: its completion time, else its end time
 * @param figures completion rate, scope creep and carry-over rate from the counts
 * @param completedEffort the summed effort of the completed issues (an unestimated one adds 0)
 * @param completedUnestimated how many completed issues have no effort
 * @param committed keys of the issues in the sprint at its start, sorted
 * @param added keys of the issues added after the start, sorted
 * @param removed keys of the issues removed before the end, sorted
 * @param completed keys of the issues completed in the sprint, sorted
 * @param carried keys of the issues carried over to a later sprint, sorted
 */
public record SprintOutcome(
    String sprintId,
    String boardId,
    String name,
    Instant start,
    Instant end,
    SprintFigures figures,
    double completedEffort,
    int completedUnestimated,
    List<String> committed,
    List<String> added,
    List<String> removed,
    List<String> completed,
    List<String> carried) {

  /**
   * Validates the outcome and copies its lists.
   *
   * @throws IllegalArgumentException if a list's size disagrees with its count in the figures
   */
  public SprintOutcome {
    Objects.requireNonNull(sprintId, "sprintId");
    Objects.requireNonNull(boardId, "boardId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(figures, "figures");
    committed = List.copyOf(committed);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    completed = List.copyOf(completed);
    carried = List.copyOf(carried);
    if (committed.size() != figures.committed()
        || added.size() != figures.added()
        || removed.size() != figures.removed()
        || completed.size() != figures.completed()
        || carried.size() != figures.carried()) {
      throw new IllegalArgumentException(
          "the issue keys of sprint " + sprintId + " must match the counts of its figures");
    }
    if (completedUnestimated < 0 || completedUnestimated > completed.size()) {
      throw new IllegalArgumentException(
          "completedUnestimated of sprint "
              + sprintId
              + " must be in [0, completed] but was "
              + completedUnestimated);
    }
  }
}
