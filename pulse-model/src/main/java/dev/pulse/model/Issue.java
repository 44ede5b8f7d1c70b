package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A work item (a Jira issue or similar) in canonical form.
 *
 * @param key the issue key, e.g. {@code BG-42}
 * @param projectKey the project the issue belongs to, e.g. {@code BG}
 * @param type the normalized type
 * @param rawStatus the current status as named by the source
 * @param status the current normalized status
 * @param transitions the status history, oldest first; empty when unknown
 * @param effort the effort on the story-point scale, or null when unestimated
 * @param effortSource where the effort came from
 * @param sprintIds the sprints the issue belongs or belonged to
 * @param createdAt when the issue was created
 * @param startedAt when work first started, or null
 * @param completedAt when the issue was completed, or null when not done
 * @param updatedAt when the source last changed the issue; the usual watermark cursor
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
    Instant updatedAt) {

  /**
   * Validates the issue and copies its lists.
   *
   * @throws IllegalArgumentException if the key is blank or the effort is negative
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
    sprintIds = List.copyOf(sprintIds);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
