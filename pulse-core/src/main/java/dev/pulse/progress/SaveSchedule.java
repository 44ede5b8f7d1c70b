package dev.pulse.progress;

import org.jspecify.annotations.Nullable;

/**
 * Decides when one scope's snapshot is written to the {@link dev.pulse.spi.ProgressStore}: at once
 * on a status change, otherwise at most once per interval while there is unsaved progress, and
 * after a failed write not again before the interval has passed (the backoff).
 *
 * <p>Pure bookkeeping over the times it is given; not thread-safe (used under the owning {@link
 * ScopeProgress}'s lock).
 */
final class SaveSchedule {
  private final long intervalNanos;
  private @Nullable ProgressStatus savedStatus;
  private long savedCount;
  private boolean dirty;
  private long nextSaveNanos;
  private boolean backoff;
  private long retryAtNanos;

  SaveSchedule(long intervalNanos, long nowNanos) {
    this.intervalNanos = intervalNanos;
    this.nextSaveNanos = nowNanos;
  }

  /** Notes a change that the count alone does not show (an estimate, a lifecycle step). */
  void markDirty() {
    dirty = true;
  }

  /** Notes that the store already holds a snapshot with this status and count. */
  void assumeStored(ProgressStatus status, long count) {
    savedStatus = status;
    savedCount = count;
  }

  /** Tells whether anything was ever stored or found stored for the scope. */
  boolean anyStored() {
    return savedStatus != null;
  }

  /**
   * Tells whether a write is due now.
   *
   * @param force write any unsaved change now, ignoring the interval and the backoff
   * @param status the status a snapshot would report now
   * @param count the count a snapshot would report now
   */
  boolean isDue(long nowNanos, boolean force, ProgressStatus status, long count) {
    boolean changed = status != savedStatus;
    // Lock-free ticks do not mark the scope dirty: a count that moved is progress to persist too.
    boolean unsaved = dirty || count != savedCount;
    if (force) {
      return changed || unsaved;
    }
    if (changed) {
      return !backoff || nowNanos - retryAtNanos >= 0;
    }
    return unsaved && nowNanos - nextSaveNanos >= 0;
  }

  /** Records a successful write of a snapshot with this status and count. */
  void succeeded(long nowNanos, ProgressStatus status, long count) {
    savedStatus = status;
    savedCount = count;
    dirty = false;
    backoff = false;
    nextSaveNanos = nowNanos + intervalNanos;
  }

  /** Records a failed write: the change stays unsaved and is retried after one interval. */
  void failed(long nowNanos) {
    dirty = true;
    backoff = true;
    retryAtNanos = nowNanos + intervalNanos;
    nextSaveNanos = nowNanos + intervalNanos;
  }
}
