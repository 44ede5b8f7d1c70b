package dev.pulse.metrics.flow;

import java.util.List;
import java.util.Objects;

/**
 * The velocity of one board over its finished sprints, oldest first, and its trend ({@link
 * SprintFigures#velocityTrend}, over the last {@link SprintFigures#TREND_SPRINTS}).
 *
 * @param boardId the board
 * @param sprintIds its sprints, by start time
 * @param velocities each sprint's velocity, in {@code unit}
 * @param unit points when every completed issue of these sprints is estimated (and one is), else
 *     issues, so that unestimated work is counted rather than summed as zero
 * @param trend the direction of the velocities
 */
public record BoardVelocity(
    String boardId,
    List<String> sprintIds,
    List<Double> velocities,
    VelocityUnit unit,
    VelocityTrend trend) {

  /**
   * Validates and copies the velocity.
   *
   * @throws IllegalArgumentException if there are not as many velocities as sprints
   */
  public BoardVelocity {
    Objects.requireNonNull(boardId, "boardId");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(trend, "trend");
    sprintIds = List.copyOf(sprintIds);
    velocities = List.copyOf(velocities);
    if (sprintIds.size() != velocities.size()) {
      throw new IllegalArgumentException("board " + boardId + " must have one velocity per sprint");
    }
  }
}
