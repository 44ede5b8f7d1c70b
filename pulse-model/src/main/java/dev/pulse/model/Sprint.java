package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A sprint (iteration) of a board.
 *
 * @param id the sprint's id
 * @param boardId the board it belongs to
 * @param name its name
 * @param status the normalized status, or null when the source's status is not recognized
 * @param goal its goal, or null
 * @param startedAt when it started, or null
 * @param endedAt when it ended or is planned to end, or null
 * @param completedAt when it was closed, or null
 */
public record Sprint(
    String id,
    String boardId,
    String name,
    @Nullable SprintStatus status,
    @Nullable String goal,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable Instant completedAt) {

  /**
   * Validates the sprint.
   *
   * @throws IllegalArgumentException if the id or board id is blank
   */
  public Sprint {
    Checks.requireText(id, "id");
    Checks.requireText(boardId, "boardId");
    java.util.Objects.requireNonNull(name, "name");
  }
}
