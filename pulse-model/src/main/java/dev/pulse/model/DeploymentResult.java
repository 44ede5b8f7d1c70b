package dev.pulse.model;

/** The outcome of a deployment. */
public enum DeploymentResult {
  /** The deployment succeeded. */
  SUCCESS,
  /**
   * The deployment failed; in production it counts towards change failure rate and opens an
   * incident.
   */
  FAILURE,
  /** The deployment was aborted or not run; it neither fails nor restores. */
  ABORTED,
  /** Still running, or the source reported no result. */
  UNKNOWN
}
