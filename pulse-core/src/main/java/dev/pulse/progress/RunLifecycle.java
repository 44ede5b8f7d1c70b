package dev.pulse.progress;

/**
 * The lifecycle of one scope's runs: which {@link ProgressStatus} it is in and what a start or a
 * tick means in each. It only decides; {@link ScopeProgress} carries the decisions out.
 *
 * <p>Not thread-safe: used under the owning {@link ScopeProgress}'s lock.
 */
final class RunLifecycle {
  /** What {@link ProgressTracker#start} does to the scope. */
  enum OnStart {
    /** A pending scope begins its run. */
    BEGIN,
    /** A paused run resumes. */
    RESUME,
    /** A running run keeps running; only the estimate changes. */
    CONTINUE,
    /** A finished scope begins a new run with a fresh counter. */
    NEW_RUN
  }

  /** What a tick does to the scope. */
  enum OnTick {
    /** A pending scope begins its run with this tick. */
    BEGIN,
    /** A paused run resumes with this tick. */
    RESUME,
    /** A running run records the tick. */
    RECORD,
    /** A finished run ignores the tick: its outcome and count stand. */
    IGNORE
  }

  private ProgressStatus status = ProgressStatus.PENDING;

  ProgressStatus status() {
    return status;
  }

  OnStart onStart() {
    return switch (status) {
      case PENDING -> OnStart.BEGIN;
      case PAUSED -> OnStart.RESUME;
      case RUNNING, STALLED, RATE_LIMITED -> OnStart.CONTINUE;
      case DONE, FAILED, CANCELLED -> OnStart.NEW_RUN;
    };
  }

  OnTick onTick() {
    return switch (status) {
      case PENDING -> OnTick.BEGIN;
      case PAUSED -> OnTick.RESUME;
      case RUNNING, STALLED, RATE_LIMITED -> OnTick.RECORD;
      case DONE, FAILED, CANCELLED -> OnTick.IGNORE;
    };
  }

  /** Enters {@link ProgressStatus#RUNNING} from pending, paused or (for a new run) finished. */
  void run() {
    status = ProgressStatus.RUNNING;
  }

  /**
   * Enters {@link ProgressStatus#RATE_LIMITED} from running (or renews the wait).
   *
   * @return false if the run was neither running nor waiting
   */
  boolean waitUntil() {
    if (status != ProgressStatus.RUNNING && status != ProgressStatus.RATE_LIMITED) {
      return false;
    }
    status = ProgressStatus.RATE_LIMITED;
    return true;
  }

  /**
   * Ends a wait: back to {@link ProgressStatus#RUNNING}.
   *
   * @return false if the run was not waiting
   */
  boolean endWait() {
    if (status != ProgressStatus.RATE_LIMITED) {
      return false;
    }
    status = ProgressStatus.RUNNING;
    return true;
  }

  boolean isWaiting() {
    return status == ProgressStatus.RATE_LIMITED;
  }

  /**
   * Pauses a running (or waiting) run.
   *
   * @return false if the run was not running
   */
  boolean pause() {
    if (status != ProgressStatus.RUNNING && status != ProgressStatus.RATE_LIMITED) {
      return false;
    }
    status = ProgressStatus.PAUSED;
    return true;
  }

  boolean isPaused() {
    return status == ProgressStatus.PAUSED;
  }

  /**
   * Finishes the run with {@code outcome} unless it already finished: the first outcome wins.
   *
   * @return false if the run had already finished
   */
  boolean finish(ProgressStatus outcome) {
    if (!outcome.isFinished()) {
      throw new IllegalArgumentException("outcome must be a final status but was " + outcome);
    }
    if (status.isFinished()) {
      return false;
    }
    status = outcome;
    return true;
  }

  /**
   * Returns the status a snapshot reports: {@link ProgressStatus#RATE_LIMITED} while a reported
   * wait has not reached its resume time; {@link ProgressStatus#STALLED} for a running run (or one
   * whose wait is over) silent for longer than the threshold; the stored status otherwise, with a
   * wait that is over shown as running.
   */
  ProgressStatus reported(long silentNanos, long stallThresholdNanos, boolean waitOver) {
    if (status == ProgressStatus.RATE_LIMITED && !waitOver) {
      return ProgressStatus.RATE_LIMITED;
    }
    boolean live = status == ProgressStatus.RUNNING || status == ProgressStatus.RATE_LIMITED;
    if (live && silentNanos > stallThresholdNanos) {
      return ProgressStatus.STALLED;
    }
    return live ? ProgressStatus.RUNNING : status;
  }
}
