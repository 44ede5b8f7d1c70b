package dev.pulse.metrics.dora;

/** A rule by which a production deployment counts as unplanned (rework), in the order checked. */
public enum ReworkRule {
  /**
   * A rollback: the deployment's commit SHA was deployed successfully to the same repository and
   * environment before, and differs from the SHA of the previous successful deployment there.
   */
  ROLLBACK,
  /** The deployment deployed a pull request marked as a revert. */
  REVERT,
  /** The deployment deployed a pull request carrying one of {@link DoraOptions#hotfixLabels()}. */
  HOTFIX_LABEL,
  /**
   * The deployment took effect within {@link DoraOptions#reworkAfterFailure()} after a failed
   * deployment of the same repository and environment.
   */
  AFTER_FAILURE
}
