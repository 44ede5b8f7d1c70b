package dev.pulse.metrics.dora;

/**
 * How a merged pull request was linked to the production deployment that shipped it, best evidence
 * first.
 */
public enum Linkage {
  /** The deployment's commit SHA equals the pull request's merge commit SHA. */
  COMMIT_SHA,
  /**
   * The caller's {@link CommitRange} says the deployment contains the merge commit beyond the
   * previous deployment of its environment.
   */
  COMMIT_RANGE,
  /** The deployment deployed the pull request's base branch and started at or after the merge. */
  BRANCH,
  /**
   * The deployment does not say which ref it deployed and started at or after the merge: time
   * alone, the weakest evidence.
   */
  TIME,
  /** No production deployment deployed it (yet). */
  NOT_DEPLOYED,
  /**
   * Merged before the first production deployment seen for its repository: whether an earlier,
   * unseen deployment shipped it is unknown, so it is left out of every figure and counted.
   */
  BEFORE_FIRST_DEPLOYMENT
}
