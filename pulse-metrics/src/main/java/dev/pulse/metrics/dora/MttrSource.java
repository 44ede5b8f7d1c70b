package dev.pulse.metrics.dora;

/** Where the recoveries of time to restore came from. */
public enum MttrSource {
  /** Production failures paired with the next success of the same repository and environment. */
  DEPLOYMENT_PAIRING,
  /** Incidents with created and resolved times. */
  INCIDENTS
}
