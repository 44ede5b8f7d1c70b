package dev.pulse.metrics.dora;

/** What pairing concluded about one failed deployment. */
public enum IncidentStatus {
  /** The failure anchors an incident that a success restored within the open-incident window. */
  RESOLVED,
  /** The failure anchors an incident with no success within the open-incident window. */
  OPEN,
  /**
   * The failure came after an earlier failure of the same run; it belongs to that anchor's
   * incident.
   */
  SUPERSEDED
}
