package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sprint (iteration) of a board.
 *
 * <p>Create one with {@link #builder()} and derive a variant with {@link #toBuilder()}: the
 * canonical constructor changes whenever a component is added, the builder does not.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the sprint's id
 * @param boardId the board it belongs to
 * @param name its name
 * @param status the normalized status, or null when the source's status is not recognized
 * @param goal its goal, or null
 * @param startedAt when it started, or null
 * @param endedAt when it ended or is planned to end, or null
 * @param completedAt when it was closed, or null
 * @param updatedAt when the source last changed the sprint, or null when the source does not say
 *     (Jira's sprint API has no update time, so its sprints are re-read rather than read
 *     incrementally)
 */
public record Sprint(
    String id,
    String boardId,
    String name,
    @Nullable SprintStatus status,
    @Nullable String goal,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable Instant completedAt,
    @Nullable Instant updatedAt) {

  /**
   * Validates the sprint.
   *
   * @throws IllegalArgumentException if the id or board id is blank
   */
  public Sprint {
    Checks.requireText(id, "id");
    Checks.requireText(boardId, "boardId");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Returns an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this sprint's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder of {@link Sprint}s. Each setter rejects a bad value at once, naming the parameter;
   * {@link #build()} may be called more than once.
   *
   * <p>Required: id, boardId and name; everything else is null unless set.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String boardId;
    private @Nullable String name;
    private @Nullable SprintStatus status;
    private @Nullable String goal;
    private @Nullable Instant startedAt;
    private @Nullable Instant endedAt;
    private @Nullable Instant completedAt;
    private @Nullable Instant updatedAt;

    private Builder() {}

    private Builder(Sprint s) {
      id = s.id;
      boardId = s.boardId;
      name = s.name;
      status = s.status;
      goal = s.goal;
      startedAt = s.startedAt;
      endedAt = s.endedAt;
      completedAt = s.completedAt;
      updatedAt = s.updatedAt;
    }

    /**
     * Sets the sprint's id.
     *
     * @param id the id, not blank
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Checks.requireText(id, "id");
      return this;
    }

    /**
     * Sets the board the sprint belongs to.
     *
     * @param boardId the board's id, not blank
     * @return this builder
     */
    public Builder boardId(String boardId) {
      this.boardId = Checks.requireText(boardId, "boardId");
      return this;
    }

    /**
     * Sets the sprint's name.
     *
     * @param name the name, possibly blank as some sources allow
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the normalized status.
     *
     * @param status the status, or null when the source's status is not recognized
     * @return this builder
     */
    public Builder status(@Nullable SprintStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the sprint's goal.
     *
     * @param goal the goal, or null
     * @return this builder
     */
    public Builder goal(@Nullable String goal) {
      this.goal = goal;
      return this;
    }

    /**
     * Sets when the sprint started.
     *
     * @param startedAt the start time, or null
     * @return this builder
     */
    public Builder startedAt(@Nullable Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /**
     * Sets when the sprint ended or is planned to end.
     *
     * @param endedAt the end time, or null
     * @return this builder
     */
    public Builder endedAt(@Nullable Instant endedAt) {
      this.endedAt = endedAt;
      return this;
    }

    /**
     * Sets when the sprint was closed.
     *
     * @param completedAt the completion time, or null
     * @return this builder
     */
    public Builder completedAt(@Nullable Instant completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    /**
     * Sets when the source last changed the sprint.
     *
     * @param updatedAt the update time, or null when the source does not say
     * @return this builder
     */
    public Builder updatedAt(@Nullable Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * Returns a sprint with the values set.
     *
     * @return a new sprint
     * @throws IllegalStateException if a required value is not set
     */
    public Sprint build() {
      return new Sprint(
          Checks.requireSet(id, "id"),
          Checks.requireSet(boardId, "boardId"),
          Checks.requireSet(name, "name"),
          status,
          goal,
          startedAt,
          endedAt,
          completedAt,
          updatedAt);
    }
  }
}
