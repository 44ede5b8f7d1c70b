package dev.pulse.progress;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The unfinished run of one scope found in the {@link dev.pulse.spi.ProgressStore} after a restart:
 * the store is read once per handle, and the run found is held until a start resumes it. While it
 * is held, the scope's pending snapshot must not be written over it.
 *
 * <p>Not thread-safe: used under the owning {@link ScopeProgress}'s lock.
 */
final class StoredRun {
  private boolean consulted;
  private @Nullable ProgressSnapshot waiting;

  /**
   * Reads the store on the first call only.
   *
   * @param read reads the scope's stored snapshot; a failed read is reported as empty
   * @return the resumable run found by this call, or null (also on every later call)
   */
  @Nullable ProgressSnapshot consult(Supplier<Optional<ProgressSnapshot>> read) {
    if (consulted) {
      return null;
    }
    consulted = true;
    ProgressSnapshot stored = read.get().orElse(null);
    if (stored == null || !isResumable(stored)) {
      return null;
    }
    waiting = stored;
    return stored;
  }

  /**
   * Tells whether a stored snapshot is a run a start can resume: one that began and did not finish.
   */
  static boolean isResumable(ProgressSnapshot stored) {
    return !stored.status().isFinished()
        && stored.status() != ProgressStatus.PENDING
        && stored.startedAt() != null;
  }

  /** Tells whether a run found in the store waits to be resumed. */
  boolean isWaiting() {
    return waiting != null;
  }

  /** Returns the waiting run, if any, and forgets it: it is resumed now. */
  @Nullable ProgressSnapshot take() {
    ProgressSnapshot run = waiting;
    waiting = null;
    return run;
  }
}
