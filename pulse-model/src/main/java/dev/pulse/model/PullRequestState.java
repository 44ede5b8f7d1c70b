package dev.pulse.model;

/** The state of a pull request. */
public enum PullRequestState {
  /** Open for review. */
  OPEN,
  /** Merged into its base branch. */
  MERGED,
  /** Closed without merging. */
  CLOSED
}
