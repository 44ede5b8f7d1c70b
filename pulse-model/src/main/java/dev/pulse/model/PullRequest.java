package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A pull (merge) request in canonical form: only timestamps and identifiers, never who wrote or
 * reviewed it.
 *
 * <p>Create one with {@link #builder()} and derive a variant with {@link #toBuilder()}: the
 * canonical constructor changes whenever a component is added, the builder does not.
 *
 * <p>Immutable and thread-safe; its collections are unmodifiable copies.
 *
 * @param repository the repository, e.g. {@code acme/api}
 * @param number the pull request's number within its repository
 * @param createdAt when it was opened
 * @param firstCommitAt when its earliest commit was authored, or null when unknown
 * @param firstReviewAt when the first review of any kind (approval included) was submitted, or null
 * @param mergedAt when it was merged, or null
 * @param closedAt when it was closed (merged or not), or null
 * @param state open, merged or closed
 * @param baseBranch the branch it targets
 * @param referencedIssueKeys issue keys mentioned in its title or branch, e.g. {@code BG-42}
 * @param updatedAt when the source last changed it; the usual watermark cursor
 * @param headBranch the branch it merges from, or null when the source does not say
 * @param mergeCommitSha the commit its merge created on the base branch, lower-case hexadecimal, or
 *     null when not merged or unknown; links the pull request to the deployment that shipped it
 * @param draft whether it is currently a draft
 * @param readyForReviewAt when it was last marked ready for review after being a draft, or null if
 *     it was opened ready for review (it was ready at {@code createdAt}), is still a draft, or the
 *     source does not say
 * @param firstApprovalAt when the first approving review was submitted, or null
 * @param additions the lines added, 0 when the source does not say
 * @param deletions the lines deleted, 0 when the source does not say
 * @param labels its labels, sorted, without duplicates
 * @param revert whether it reverts an earlier change
 * @param revertedNumber the number of the pull request in the same repository it reverts, or null
 *     when it is no revert or that pull request is not known
 * @param components the names of the monorepo components it changed, sorted, without duplicates;
 *     empty when the source defines no components for its repository. The connector computes them
 *     from the changed paths and labels; the paths themselves are never kept
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
    Instant updatedAt,
    @Nullable String headBranch,
    @Nullable String mergeCommitSha,
    boolean draft,
    @Nullable Instant readyForReviewAt,
    @Nullable Instant firstApprovalAt,
    int additions,
    int deletions,
    Set<String> labels,
    boolean revert,
    @Nullable Long revertedNumber,
    Set<String> components) {

  /**
   * Validates the pull request, copies its collections and normalizes its merge commit SHA to lower
   * case.
   *
   * @throws IllegalArgumentException if the repository is blank, the number is not positive, a
   *     merged pull request has no merge time, an approval has no review before it, it was ready
   *     for review before it was opened, a line count is negative, or it names a reverted pull
   *     request without being a revert
   */
  public PullRequest {
    Checks.requireText(repository, "repository");
    if (number <= 0) {
      throw new IllegalArgumentException(
          "number of a pull request in " + repository + " must be > 0 but was " + number);
    }
    String id = repository + "#" + number;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(state, "state");
    if (state == PullRequestState.MERGED && mergedAt == null) {
      throw new IllegalArgumentException(id + " is MERGED but has no mergedAt");
    }
    Objects.requireNonNull(baseBranch, "baseBranch");
    referencedIssueKeys = List.copyOf(referencedIssueKeys);
    Objects.requireNonNull(updatedAt, "updatedAt");
    ModelValues.optionalText(headBranch, "headBranch");
    mergeCommitSha = ModelValues.commitSha(mergeCommitSha, "mergeCommitSha");
    if (readyForReviewAt != null && readyForReviewAt.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          id + " readyForReviewAt " + readyForReviewAt + " is before createdAt " + createdAt);
    }
    // an approval is a review, so the first review cannot come after the first approval
    if (firstApprovalAt != null
        && (firstReviewAt == null || firstApprovalAt.isBefore(firstReviewAt))) {
      throw new IllegalArgumentException(
          id
              + " firstApprovalAt "
              + firstApprovalAt
              + " needs a firstReviewAt at or before it but was "
              + firstReviewAt);
    }
    Checks.requireNonNegative(additions, "additions");
    Checks.requireNonNegative(deletions, "deletions");
    labels = ModelValues.labels(labels, "labels");
    if (revertedNumber != null) {
      if (!revert) {
        throw new IllegalArgumentException(
            id + " names revertedNumber " + revertedNumber + " but revert is false");
      }
      Checks.requirePositive(revertedNumber, "revertedNumber");
      if (revertedNumber == number) {
        throw new IllegalArgumentException(id + " must not revert itself");
      }
    }
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
   * Returns a builder holding this pull request's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder of {@link PullRequest}s. Each setter rejects a bad value at once, naming the
   * parameter; {@link #build()} checks the combination and may be called more than once.
   *
   * <p>Required: repository, number, createdAt, state, baseBranch and updatedAt. Unless set, the
   * collections are empty, the line counts 0, the flags false, and everything else null.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String repository;
    private long number;
    private @Nullable Instant createdAt;
    private @Nullable Instant firstCommitAt;
    private @Nullable Instant firstReviewAt;
    private @Nullable Instant mergedAt;
    private @Nullable Instant closedAt;
    private @Nullable PullRequestState state;
    private @Nullable String baseBranch;
    private List<String> referencedIssueKeys = List.of();
    private @Nullable Instant updatedAt;
    private @Nullable String headBranch;
    private @Nullable String mergeCommitSha;
    private boolean draft;
    private @Nullable Instant readyForReviewAt;
    private @Nullable Instant firstApprovalAt;
    private int additions;
    private int deletions;
    private Set<String> labels = Set.of();
    private boolean revert;
    private @Nullable Long revertedNumber;
    private Set<String> components = Set.of();

    private Builder() {}

    private Builder(PullRequest p) {
      repository = p.repository;
      number = p.number;
      createdAt = p.createdAt;
      firstCommitAt = p.firstCommitAt;
      firstReviewAt = p.firstReviewAt;
      mergedAt = p.mergedAt;
      closedAt = p.closedAt;
      state = p.state;
      baseBranch = p.baseBranch;
      referencedIssueKeys = p.referencedIssueKeys;
      updatedAt = p.updatedAt;
      headBranch = p.headBranch;
      mergeCommitSha = p.mergeCommitSha;
      draft = p.draft;
      readyForReviewAt = p.readyForReviewAt;
      firstApprovalAt = p.firstApprovalAt;
      additions = p.additions;
      deletions = p.deletions;
      labels = p.labels;
      revert = p.revert;
      revertedNumber = p.revertedNumber;
      components = p.components;
    }

    /**
     * Sets the repository.
     *
     * @param repository the repository, e.g. {@code acme/api}, not blank
     * @return this builder
     */
    public Builder repository(String repository) {
      this.repository = Checks.requireText(repository, "repository");
      return this;
    }

    /**
     * Sets the pull request's number within its repository.
     *
     * @param number the number, greater than zero
     * @return this builder
     */
    public Builder number(long number) {
      this.number = Checks.requirePositive(number, "number");
      return this;
    }

    /**
     * Sets when the pull request was opened.
     *
     * @param createdAt the creation time
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /**
     * Sets when its earliest commit was authored.
     *
     * @param firstCommitAt the time, or null when unknown
     * @return this builder
     */
    public Builder firstCommitAt(@Nullable Instant firstCommitAt) {
      this.firstCommitAt = firstCommitAt;
      return this;
    }

    /**
     * Sets when the first review of any kind was submitted.
     *
     * @param firstReviewAt the time, or null
     * @return this builder
     */
    public Builder firstReviewAt(@Nullable Instant firstReviewAt) {
      this.firstReviewAt = firstReviewAt;
      return this;
    }

    /**
     * Sets when it was merged.
     *
     * @param mergedAt the merge time, or null
     * @return this builder
     */
    public Builder mergedAt(@Nullable Instant mergedAt) {
      this.mergedAt = mergedAt;
      return this;
    }

    /**
     * Sets when it was closed, merged or not.
     *
     * @param closedAt the close time, or null
     * @return this builder
     */
    public Builder closedAt(@Nullable Instant closedAt) {
      this.closedAt = closedAt;
      return this;
    }

    /**
     * Sets its state.
     *
     * @param state the state
     * @return this builder
     */
    public Builder state(PullRequestState state) {
      this.state = Objects.requireNonNull(state, "state");
      return this;
    }

    /**
     * Sets the branch it targets.
     *
     * @param baseBranch the base branch
     * @return this builder
     */
    public Builder baseBranch(String baseBranch) {
      this.baseBranch = Objects.requireNonNull(baseBranch, "baseBranch");
      return this;
    }

    /**
     * Sets the issue keys mentioned in its title or branch.
     *
     * @param referencedIssueKeys the keys; copied
     * @return this builder
     */
    public Builder referencedIssueKeys(List<String> referencedIssueKeys) {
      this.referencedIssueKeys =
          List.copyOf(Objects.requireNonNull(referencedIssueKeys, "referencedIssueKeys"));
      return this;
    }

    /**
     * Sets when the source last changed it.
     *
     * @param updatedAt the update time
     * @return this builder
     */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
      return this;
    }

    /**
     * Sets the branch it merges from.
     *
     * @param headBranch the head branch, not blank, or null when unknown
     * @return this builder
     */
    public Builder headBranch(@Nullable String headBranch) {
      this.headBranch = ModelValues.optionalText(headBranch, "headBranch");
      return this;
    }

    /**
     * Sets the commit its merge created.
     *
     * @param mergeCommitSha 7 to 64 hexadecimal digits, in any case, or null
     * @return this builder
     */
    public Builder mergeCommitSha(@Nullable String mergeCommitSha) {
      this.mergeCommitSha = ModelValues.commitSha(mergeCommitSha, "mergeCommitSha");
      return this;
    }

    /**
     * Sets whether it is currently a draft.
     *
     * @param draft true for a draft
     * @return this builder
     */
    public Builder draft(boolean draft) {
      this.draft = draft;
      return this;
    }

    /**
     * Sets when it was last marked ready for review after being a draft.
     *
     * @param readyForReviewAt the time, or null
     * @return this builder
     */
    public Builder readyForReviewAt(@Nullable Instant readyForReviewAt) {
      this.readyForReviewAt = readyForReviewAt;
      return this;
    }

    /**
     * Sets when the first approving review was submitted.
     *
     * @param firstApprovalAt the time, or null
     * @return this builder
     */
    public Builder firstApprovalAt(@Nullable Instant firstApprovalAt) {
      this.firstApprovalAt = firstApprovalAt;
      return this;
    }

    /**
     * Sets the lines added and deleted.
     *
     * @param additions the lines added, not negative
     * @param deletions the lines deleted, not negative
     * @return this builder
     */
    public Builder linesChanged(int additions, int deletions) {
      this.additions = Math.toIntExact(Checks.requireNonNegative(additions, "additions"));
      this.deletions = Math.toIntExact(Checks.requireNonNegative(deletions, "deletions"));
      return this;
    }

    /**
     * Sets its labels.
     *
     * @param labels the labels, none blank; copied, sorted and deduplicated
     * @return this builder
     */
    public Builder labels(Collection<String> labels) {
      this.labels = ModelValues.labels(labels, "labels");
      return this;
    }

    /**
     * Marks it as a revert, of a known pull request or not.
     *
     * @param revertedNumber the number of the reverted pull request in the same repository, greater
     *     than zero, or null when not known
     * @return this builder
     */
    public Builder revertOf(@Nullable Long revertedNumber) {
      if (revertedNumber != null) {
        Checks.requirePositive(revertedNumber, "revertedNumber");
      }
      this.revert = true;
      this.revertedNumber = revertedNumber;
      return this;
    }

    /**
     * Sets the names of the monorepo components it changed.
     *
     * @param components the component names, none blank; copied, sorted and deduplicated
     * @return this builder
     */
    public Builder components(Collection<String> components) {
      this.components = ModelValues.labels(components, "components");
      return this;
    }

    /**
     * Marks it as no revert, clearing a reverted pull request's number.
     *
     * @return this builder
     */
    public Builder notRevert() {
      this.revert = false;
      this.revertedNumber = null;
      return this;
    }

    /**
     * Returns a pull request with the values set.
     *
     * @return a new pull request
     * @throws IllegalStateException if a required value is not set
     * @throws IllegalArgumentException if the values do not fit together, such as a merged pull
     *     request without a merge time
     */
    public PullRequest build() {
      if (number == 0) {
        throw new IllegalStateException("number must be set");
      }
      return new PullRequest(
          Checks.requireSet(repository, "repository"),
          number,
          Checks.requireSet(createdAt, "createdAt"),
          firstCommitAt,
          firstReviewAt,
          mergedAt,
          closedAt,
          Checks.requireSet(state, "state"),
          Checks.requireSet(baseBranch, "baseBranch"),
          referencedIssueKeys,
          Checks.requireSet(updatedAt, "updatedAt"),
          headBranch,
          mergeCommitSha,
          draft,
          readyForReviewAt,
          firstApprovalAt,
          additions,
          deletions,
          labels,
          revert,
          revertedNumber,
          components);
    }
  }
}
