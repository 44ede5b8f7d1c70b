package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A work item (a Jira issue or similar) in canonical form.
 *
 * <p>Create one with {@link #builder()} and derive a variant with {@link #toBuilder()}: the
 * canonical constructor changes whenever a component is added, the builder does not.
 *
 * <p>Immutable and thread-safe; its collections are unmodifiable copies.
 *
 * @param key the issue key, e.g. {@code BG-42}
 * @param projectKey the project the issue belongs to, e.g. {@code BG}
 * @param type the normalized type
 * @param rawStatus the current status as named by the source
 * @param status the current normalized status
 * @param transitions the status history, oldest first; empty when unknown
 * @param effort the effort on the story-point scale, or null when unestimated
 * @param effortSource where the effort came from: {@link EffortSource#UNESTIMATED} exactly when the
 *     effort is null
 * @param sprintIds the sprints the issue belongs or belonged to
 * @param createdAt when the issue was created
 * @param startedAt when work first started, or null
 * @param completedAt when the issue was completed, or null when not done
 * @param updatedAt when the source last changed the issue; the usual watermark cursor
 * @param labels the issue's labels, sorted, without duplicates
 * @param parentKey the key of the parent issue or epic, e.g. {@code BG-7}, or null when it has none
 * @param sprintChanges when the issue joined and left sprints, ordered by time, then sprint id,
 *     then joined before left; empty when the source keeps no such history. A sprint of {@code
 *     sprintIds} without a change held the issue since its creation
 * @param components the names of the source's components the issue belongs to (Jira's {@code
 *     components} field), sorted, without duplicates
 */
public record Issue(
    String key,
    String projectKey,
    IssueType type,
    String rawStatus,
    NormalizedStatus status,
    List<StatusTransition> transitions,
    @Nullable Double effort,
    EffortSource effortSource,
    List<String> sprintIds,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    Instant updatedAt,
    Set<String> labels,
    @Nullable String parentKey,
    List<SprintChange> sprintChanges,
    Set<String> components) {

  /**
   * Validates the issue and copies its collections.
   *
   * @throws IllegalArgumentException if the key is blank, the effort is negative or disagrees with
   *     its source, a label is blank, or the issue is its own parent
   */
  public Issue {
    Checks.requireText(key, "key");
    Checks.requireText(projectKey, "projectKey");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rawStatus, "rawStatus");
    Objects.requireNonNull(status, "status");
    transitions = List.copyOf(transitions);
    Objects.requireNonNull(effortSource, "effortSource");
    if (effort != null && (effort < 0 || effort.isNaN())) {
      throw new IllegalArgumentException("effort of " + key + " must be >= 0 but was " + effort);
    }
    if ((effort == null) != (effortSource == EffortSource.UNESTIMATED)) {
      throw new IllegalArgumentException(
          "effortSource of "
              + key
              + " must be UNESTIMATED exactly when effort is null but was "
              + effortSource
              + " with effort "
              + effort);
    }
    sprintIds = List.copyOf(sprintIds);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    labels = ModelValues.labels(labels, "labels");
    if (parentKey != null && Checks.requireText(parentKey, "parentKey").equals(key)) {
      throw new IllegalArgumentException("parentKey of " + key + " must not be the issue itself");
    }
    sprintChanges = ModelValues.sprintChanges(sprintChanges);
    components = ModelValues.labels(components, "components");
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
   * Returns a builder holding this issue's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder of {@link Issue}s. Each setter rejects a bad value at once, naming the parameter;
   * {@link #build()} checks the combination and may be called more than once.
   *
   * <p>Required: key, projectKey, type, rawStatus, status, createdAt and updatedAt. Unless set, the
   * collections are empty, the effort is null with source {@link EffortSource#UNESTIMATED}, and the
   * other times and the parent key are null.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String key;
    private @Nullable String projectKey;
    private @Nullable IssueType type;
    private @Nullable String rawStatus;
    private @Nullable NormalizedStatus status;
    private List<StatusTransition> transitions = List.of();
    private @Nullable Double effort;
    private EffortSource effortSource = EffortSource.UNESTIMATED;
    private List<String> sprintIds = List.of();
    private @Nullable Instant createdAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant completedAt;
    private @Nullable Instant updatedAt;
    private Set<String> labels = Set.of();
    private @Nullable String parentKey;
    private List<SprintChange> sprintChanges = List.of();
    private Set<String> components = Set.of();

    private Builder() {}

    private Builder(Issue i) {
      key = i.key;
      projectKey = i.projectKey;
      type = i.type;
      rawStatus = i.rawStatus;
      status = i.status;
      transitions = i.transitions;
      effort = i.effort;
      effortSource = i.effortSource;
      sprintIds = i.sprintIds;
      createdAt = i.createdAt;
      startedAt = i.startedAt;
      completedAt = i.completedAt;
      updatedAt = i.updatedAt;
      labels = i.labels;
      parentKey = i.parentKey;
      sprintChanges = i.sprintChanges;
      components = i.components;
    }

    /**
     * Sets the issue key.
     *
     * @param key the key, e.g. {@code BG-42}, not blank
     * @return this builder
     */
    public Builder key(String key) {
      this.key = Checks.requireText(key, "key");
      return this;
    }

    /**
     * Sets the project the issue belongs to.
     *
     * @param projectKey the project key, e.g. {@code BG}, not blank
     * @return this builder
     */
    public Builder projectKey(String projectKey) {
      this.projectKey = Checks.requireText(projectKey, "projectKey");
      return this;
    }

    /**
     * Sets the normalized type.
     *
     * @param type the type
     * @return this builder
     */
    public Builder type(IssueType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the current status as named by the source.
     *
     * @param rawStatus the source's status name
     * @return this builder
     */
    public Builder rawStatus(String rawStatus) {
      this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus");
      return this;
    }

    /**
     * Sets the current normalized status.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(NormalizedStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets the status history.
     *
     * @param transitions the transitions, oldest first; copied
     * @return this builder
     */
    public Builder transitions(List<StatusTransition> transitions) {
      this.transitions = List.copyOf(Objects.requireNonNull(transitions, "transitions"));
      return this;
    }

    /**
     * Sets the effort and where it came from; {@code effort(null, UNESTIMATED)} clears it.
     *
     * @param effort the effort on the story-point scale, not negative, or null when unestimated
     * @param effortSource where it came from: {@link EffortSource#UNESTIMATED} exactly when {@code
     *     effort} is null
     * @return this builder
     */
    public Builder effort(@Nullable Double effort, EffortSource effortSource) {
      Objects.requireNonNull(effortSource, "effortSource");
      if (effort != null && (effort < 0 || effort.isNaN())) {
        throw new IllegalArgumentException("effort must be >= 0 but was " + effort);
      }
      if ((effort == null) != (effortSource == EffortSource.UNESTIMATED)) {
        throw new IllegalArgumentException(
            "effortSource must be UNESTIMATED exactly when effort is null but was "
                + effortSource
                + " with effort "
                + effort);
      }
      this.effort = effort;
      this.effortSource = effortSource;
      return this;
    }

    /**
     * Sets the sprints the issue belongs or belonged to.
     *
     * @param sprintIds the sprint ids; copied
     * @return this builder
     */
    public Builder sprintIds(List<String> sprintIds) {
      this.sprintIds = List.copyOf(Objects.requireNonNull(sprintIds, "sprintIds"));
      return this;
    }

    /**
     * Sets when the issue was created.
     *
     * @param createdAt the creation time
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /**
     * Sets when work first started.
     *
     * @param startedAt the start time, or null
     * @return this builder
     */
    public Builder startedAt(@Nullable Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /**
     * Sets when the issue was completed.
     *
     * @param completedAt the completion time, or null when not done
     * @return this builder
     */
    public Builder completedAt(@Nullable Instant completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    /**
     * Sets when the source last changed the issue.
     *
     * @param updatedAt the update time
     * @return this builder
     */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
      return this;
    }

    /**
     * Sets the issue's labels.
     *
     * @param labels the labels, none blank; copied, sorted and deduplicated
     * @return this builder
     */
    public Builder labels(Collection<String> labels) {
      this.labels = ModelValues.labels(labels, "labels");
      return this;
    }

    /**
     * Sets the key of the parent issue or epic.
     *
     * @param parentKey the parent's key, not blank, or null when it has none
     * @return this builder
     */
    public Builder parentKey(@Nullable String parentKey) {
      this.parentKey = ModelValues.optionalText(parentKey, "parentKey");
      return this;
    }

    /**
     * Sets when the issue joined and left sprints.
     *
     * @param sprintChanges the changes, any order; copied and ordered by time, then sprint id, then
     *     joined before left
     * @return this builder
     */
    public Builder sprintChanges(List<SprintChange> sprintChanges) {
      this.sprintChanges = ModelValues.sprintChanges(sprintChanges);
      return this;
    }

    /**
     * Sets the names of the source's components the issue belongs to.
     *
     * @param components the component names, none blank; copied, sorted and deduplicated
     * @return this builder
     */
    public Builder components(Collection<String> components) {
      this.components = ModelValues.labels(components, "components");
      return this;
    }

    /**
     * Returns an issue with the values set.
     *
     * @return a new issue
     * @throws IllegalStateException if a required value is not set
     * @throws IllegalArgumentException if the values do not fit together, such as an issue that is
     *     its own parent
     */
    public Issue build() {
      return new Issue(
          Checks.requireSet(key, "key"),
          Checks.requireSet(projectKey, "projectKey"),
          Checks.requireSet(type, "type"),
          Checks.requireSet(rawStatus, "rawStatus"),
          Checks.requireSet(status, "status"),
          transitions,
          effort,
          effortSource,
          sprintIds,
          Checks.requireSet(createdAt, "createdAt"),
          startedAt,
          completedAt,
          Checks.requireSet(updatedAt, "updatedAt"),
          labels,
          parentKey,
          sprintChanges,
          components);
    }
  }
}
