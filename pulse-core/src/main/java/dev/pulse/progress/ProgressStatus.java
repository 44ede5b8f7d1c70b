package dev.pulse.progress;

/** The state of one scope's ingestion run. */
public enum ProgressStatus {
  /** Registered but not yet started. */
  PENDING,
  /** Started and receiving batches. */
  RUNNING,
  /** Running, but no batch has arrived for longer than the stall threshold. */
  STALLED,
  /** Stopped on purpose (for example because its source is unhealthy) and expected to resume. */
  PAUSED,
  /** Finished: every item was read and stored. */
  DONE,
  /** Finished with an error. */
  FAILED,
  /** Finished because it was cancelled. */
  CANCELLED;

  /**
   * Tells whether this is a final state.
   *
   * @return true for {@link #DONE}, {@link #FAILED} and {@link #CANCELLED}
   */
  public boolean isFinished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
