package dev.pulse.metrics.flow;

/** Which span of an issue's life a {@link FlowTimes} measures. */
public enum FlowTimeKind {
  /**
   * From the first entry into an active status (in progress or in review) to the final completion.
   */
  CYCLE_TIME,
  /** From the creation to its final completion. */
  LEAD_TIME
}
