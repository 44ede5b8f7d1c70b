package dev.pulse.examples.gitlab;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A GitLab merge request as the API returns it (the fields the connector reads).
 *
 * @param project the project's path, e.g. {@code acme/api}
 * @param iid the merge request's number within the project
 * @param createdAt when it was opened
 * @param updatedAt when it last changed
 * @param mergedAt when it was merged, or null
 * @param closedAt when it was closed without merging, or null
 * @param targetBranch the branch it merges into
 */
public record MergeRequest(
    String project,
    long iid,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant mergedAt,
    @Nullable Instant closedAt,
    String targetBranch) {
  /** Checks the parts. */
  public MergeRequest {
    Objects.requireNonNull(project, "project");
    if (iid < 1) {
      throw new IllegalArgumentException("iid must be >= 1 but was " + iid);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(targetBranch, "targetBranch");
  }
}
