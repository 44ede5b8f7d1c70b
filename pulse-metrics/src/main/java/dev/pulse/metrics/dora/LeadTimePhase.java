package dev.pulse.metrics.dora;

/** A phase of a pull request's lead time for changes, in the order they happen. */
public enum LeadTimePhase {
  /** First commit to ready for review. */
  CODING,
  /** Ready for review to first review. */
  PICKUP,
  /** First review to merge. */
  REVIEW,
  /** Merge to production. */
  DEPLOY
}
