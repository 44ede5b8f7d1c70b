package dev.pulse.metrics.dora;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The lead time of one merged pull request and its phases; a phase is null when an end is unknown.
 * Whenever {@code total} is known, the four phases are known and add up to it exactly.
 *
 * @param repository the repository
 * @param number the pull request's number
 * @param deployedAt the effective time of the first successful production deployment of the
 *     repository that contains the merge (see {@link LeadTimeForChanges}), or null when none or
 *     when the pull request was merged before the first deployment seen
 * @param coding first commit to ready for review ({@code readyForReviewAt}, else {@code createdAt})
 * @param pickup ready for review to first review (the merge when no review came before it)
 * @param review first review to merge
 * @param deploy merge to {@code deployedAt}
 * @param total {@code deployedAt - firstCommitAt}: the DORA lead time for changes
 * @param linkage how {@code deployedAt} was found, or why there is none
 */
public record PullRequestLeadTime(
    String repository,
    long number,
    @Nullable Instant deployedAt,
    @Nullable Duration coding,
    @Nullable Duration pickup,
    @Nullable Duration review,
    @Nullable Duration deploy,
    @Nullable Duration total,
    Linkage linkage) {

  /**
   * Validates the record.
   *
   * @throws IllegalArgumentException if {@code deployedAt} and {@code linkage} disagree on whether
   *     the pull request was deployed, or the known total is not the sum of the phases
   */
  public PullRequestLeadTime {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(linkage, "linkage");
    boolean linked = linkage != Linkage.NOT_DEPLOYED && linkage != Linkage.BEFORE_FIRST_DEPLOYMENT;
    if (linked != (deployedAt != null)) {
      throw new IllegalArgumentException(
          "deployedAt " + deployedAt + " does not fit linkage " + linkage);
    }
    if (total != null
        && (coding == null
            || pickup == null
            || review == null
            || deploy == null
            || !coding.plus(pickup).plus(review).plus(deploy).equals(total))) {
      throw new IllegalArgumentException(
          "phases "
              + coding
              + " + "
              + pickup
              + " + "
              + review
              + " + "
              + deploy
              + " do not add up to total "
              + total);
    }
  }
}
