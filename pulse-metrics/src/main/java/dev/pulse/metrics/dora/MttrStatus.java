package dev.pulse.metrics.dora;

/** Whether time to restore had enough recoveries to report statistics. */
public enum MttrStatus {
  /** At least the minimum sample of recoveries remained after the flaky filter. */
  SUFFICIENT,
  /** Fewer recoveries than the minimum sample: no median, P90 or level, only counts. */
  INSUFFICIENT_DATA
}
