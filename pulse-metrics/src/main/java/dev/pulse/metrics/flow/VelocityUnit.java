package dev.pulse.metrics.flow;

/** What a board's velocity counts ({@link BoardVelocity}). */
public enum VelocityUnit {
  /** The summed effort of the completed issues: every completed issue is estimated. */
  POINTS,
  /** The number of completed issues: some completed issue is unestimated, or none is estimated. */
  ISSUES
}
