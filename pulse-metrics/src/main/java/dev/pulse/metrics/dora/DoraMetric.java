package dev.pulse.metrics.dora;

/** One of the five DORA figures, as named by the DORA 2024 report. */
public enum DoraMetric {
  /** Deployment frequency. */
  DEPLOYMENT_FREQUENCY,
  /** Change lead time (lead time for changes). */
  LEAD_TIME,
  /** Change failure rate. */
  CHANGE_FAILURE_RATE,
  /** Failed deployment recovery time (time to restore, MTTR). */
  RECOVERY_TIME,
  /** Deployment rework rate. */
  REWORK_RATE
}
