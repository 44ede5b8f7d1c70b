package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pull (merge) request in canonical form: only timestamps and identifiers, never who wrote or
 * reviewed it.
 *
 * @param repository the repository, e.g. {@code acme/api}
 * @param number the pull request's number within its repository
 * @param createdAt when it was opened
 * @param firstCommitAt when its earliest commit was authored, or null when unknown
 * @param firstReviewAt when the first review was submitted, or null
 * @param mergedAt when it was merged, or null
 * @param closedAt when it was closed (merged or not), or null
 * @param state open, merged or closed
 * @param baseBranch the branch it targets
 * @param referencedIssueKeys issue keys mentioned in its title or branch, e.g. {@code BG-42}
 * @param updatedAt when the source last changed it; the usual watermark cursor
 */
public record PullRequest(
    String repository,
    long number,
    Instant createdAt,
    @Nullable Instant firstCommitAt,
    @Nullable Instant firstReviewAt,
    @Nullable Instant mergedAt,
    @Nullable Instant closedAt,
    PullRequestState state,
    String baseBranch,
    List<String> referencedIssueKeys,
    Instant updatedAt) {

  /**
   * Validates the pull request and copies its list.
   *
   * @throws IllegalArgumentException if the repository is blank, the number is not positive, or a
   *     merged pull request has no merge time
   */
  public PullRequest {
    Checks.requireText(repository, "repository");
    if (number <= 0) {
      throw new IllegalArgumentException(
          "number of a pull request in " + repository + " must be > 0 but was " + number);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(state, "state");
    if (state == PullRequestState.MERGED && mergedAt == null) {
      throw new IllegalArgumentException(
          repository + "#" + number + " is MERGED but has no mergedAt");
    }
    Objects.requireNonNull(baseBranch, "baseBranch");
    referencedIssueKeys = List.copyOf(referencedIssueKeys);
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
