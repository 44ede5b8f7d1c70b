package dev.pulse.metrics.flow;

/**
 * The direction of a team's velocity over its last sprints ({@link SprintFigures#velocityTrend}).
 */
public enum VelocityTrend {
  /** The least-squares slope is above 5% of the mean velocity. */
  IMPROVING,
  /** The slope is within 5% of the mean either way, or the mean is zero. */
  STABLE,
  /** The slope is below -5% of the mean velocity. */
  DECLINING,
  /** Fewer than two sprints. */
  INSUFFICIENT_DATA
}
