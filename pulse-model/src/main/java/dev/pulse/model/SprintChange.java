package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One change of an issue's sprint membership: the issue joined or left a sprint at an instant, as
 * the source's history records it (Jira's changelog items of the {@code Sprint} field).
 *
 * <p>Sprint figures need these, since an issue's current {@link Issue#sprintIds()} cannot say
 * whether it was committed at the sprint's start, added during it or removed from it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sprintId the sprint's id, as in {@link Sprint#id()}
 * @param action whether the issue joined or left the sprint
 * @param at when the change was made
 */
public record SprintChange(String sprintId, Action action, Instant at) {
  /** The order of an issue's changes: by time, then sprint id, then joined before left. */
  static final Comparator<SprintChange> ORDER =
      Comparator.comparing(SprintChange::at)
          .thenComparing(SprintChange::sprintId)
          .thenComparing(SprintChange::action);

  /** The direction of a membership change. */
  public enum Action {
    /** The issue was put into the sprint. */
    JOINED,
    /** The issue was taken out of the sprint. */
    LEFT
  }

  /**
   * Validates the change.
   *
   * @throws IllegalArgumentException if the sprint id is blank
   */
  public SprintChange {
    Checks.requireText(sprintId, "sprintId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(at, "at");
  }

  /**
   * Returns the change of an issue joining a sprint.
   *
   * @param sprintId the sprint's id, not blank
   * @param at when it joined
   * @return the change
   */
  public static SprintChange joined(String sprintId, Instant at) {
    return new SprintChange(sprintId, Action.JOINED, at);
  }

  /**
   * Returns the change of an issue leaving a sprint.
   *
   * @param sprintId the sprint's id, not blank
   * @param at when it left
   * @return the change
   */
  public static SprintChange left(String sprintId, Instant at) {
    return new SprintChange(sprintId, Action.LEFT, at);
  }
}
