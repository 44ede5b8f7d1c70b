package dev.pulse.metrics.dora;

/** How an incident was linked to the deployment that caused it. */
public enum IncidentAttribution {
  /** The incident names the deployment ({@code causedByDeployment}). */
  NAMED,
  /**
   * The incident names none; the latest successful production deployment of its service within
   * {@link DoraOptions#incidentAttributionWindow()} before it was opened is taken as its cause.
   */
  ATTRIBUTION_WINDOW,
  /** No deployment is known or found. */
  NONE
}
