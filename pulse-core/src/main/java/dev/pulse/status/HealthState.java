package dev.pulse.status;

/**
 * The health of a pipeline, a source or a scope, from best to worst. Rules are evaluated worst
 * first (see {@link StatusAssembler}); a source is as bad as its worst scope, a pipeline as its
 * worst source.
 */
public enum HealthState {
  /** Caught up recently, no failure: the data is current. */
  LIVE,
  /** Not caught up yet (a first backfill or a re-backfill after a reset) or retrying a failure. */
  SYNCING,
  /** Behind: not caught up for longer than the threshold, too far behind, or stalled. */
  STALE,
  /** Failing: failed runs in a row reached the threshold, or the source is down. */
  ERROR;

  /**
   * Returns the worse of two states.
   *
   * @param other the other state
   * @return the state later in {@link #values()}
   */
  public HealthState worse(HealthState other) {
    return other.compareTo(this) > 0 ? other : this;
  }
}
