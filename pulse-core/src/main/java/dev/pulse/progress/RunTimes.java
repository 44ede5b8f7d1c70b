package dev.pulse.progress;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The time arithmetic of one scope's run: when it started (kept across a restore), how long it has
 * run, how long it has been silent, and the timestamps a snapshot shows.
 *
 * <p>Durations come from monotonic time, plus the time carried over from a run restored after a
 * restart; wall time only anchors timestamps, so a wall clock stepped back never puts the last
 * progress or the finish before the start and never shrinks the elapsed time. Not thread-safe: used
 * under the owning {@link ScopeProgress}'s lock.
 */
final class RunTimes {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private long startedAtMillis;
  // The monotonic twin of startedAtMillis.
  private long startedNanos;
  private long carriedElapsedNanos;
  // The last start or resume: silence before the first batch is measured from here.
  private long runStartNanos;
  private long finishedNanos;
  private long finishedAtMillis;
  private @Nullable Instant restoredLastProgressAt;
  // A reported wait: silence counts only from its resume time.
  private long quietUntilNanos;
  private @Nullable Instant resumeAt;

  RunTimes(long nowNanos) {
    this.startedNanos = nowNanos;
    this.runStartNanos = nowNanos;
    this.quietUntilNanos = nowNanos;
  }

  /** Starts a new run now. */
  void begin(long nowNanos, long wallMillis) {
    startedAtMillis = wallMillis;
    carriedElapsedNanos = 0;
    restoredLastProgressAt = null;
    startedNanos = nowNanos;
    runStartNanos = nowNanos;
    waitEnded(nowNanos);
  }

  /**
   * Continues a run restored from the store: its first start time, the elapsed time since then and
   * its last progress time carry over.
   */
  void restore(long nowNanos, long wallMillis, ProgressSnapshot stored) {
    Instant storedStart = Objects.requireNonNull(stored.startedAt(), "startedAt");
    startedAtMillis = storedStart.toEpochMilli();
    carriedElapsedNanos = Math.max(0, wallMillis - startedAtMillis) * NANOS_PER_MILLI;
    Instant storedProgress = stored.lastProgressAt();
    restoredLastProgressAt = storedProgress == null ? storedStart : storedProgress;
    startedNanos = nowNanos;
    runStartNanos = nowNanos;
    waitEnded(nowNanos);
  }

  /** Notes a resume after a pause: silence is measured from here until the next batch. */
  void resumed(long nowNanos) {
    runStartNanos = nowNanos;
    waitEnded(nowNanos);
  }

  /**
   * Notes a reported wait until {@code resumeNanos} (shown as {@code resumeAt}): silence counts
   * from then.
   */
  void waitUntil(long resumeNanos, Instant resumeAt) {
    quietUntilNanos = resumeNanos;
    this.resumeAt = resumeAt;
  }

  /** Ends a reported wait now: silence counts from here. */
  void waitEnded(long nowNanos) {
    quietUntilNanos = nowNanos;
    resumeAt = null;
  }

  /** Tells whether the resume time of the last reported wait has passed. */
  boolean waitOver(long nowNanos) {
    return nowNanos - quietUntilNanos >= 0;
  }

  /** Returns the resume time of the reported wait, or null. */
  @Nullable Instant resumeAt() {
    return resumeAt;
  }

  void finished(long nowNanos, long wallMillis) {
    finishedNanos = nowNanos;
    finishedAtMillis = wallMillis;
  }

  /**
   * Returns the running time since the last batch, or since the last start or resume if no batch
   * arrived since; a reported wait is not silence, so it counts from the wait's resume time at the
   * earliest.
   */
  long silentNanos(long nowNanos, boolean anyBatch, long lastTickNanos) {
    long since = anyBatch ? Math.max(lastTickNanos, runStartNanos) : runStartNanos;
    return Math.max(0, nowNanos - Math.max(since, quietUntilNanos));
  }

  Instant startedAt() {
    return Instant.ofEpochMilli(startedAtMillis);
  }

  /** Returns whole seconds from the start to the finish, or to now while not finished. */
  long elapsedSeconds(long nowNanos, boolean finished) {
    long endNanos = finished ? finishedNanos : nowNanos;
    return (carriedElapsedNanos + Math.max(0, endNanos - startedNanos)) / NANOS_PER_SECOND;
  }

  /**
   * Returns when the last batch was stored: the restored time until this run has progressed, then
   * the last tick's monotonic time anchored on the wall clock, never before the start.
   */
  @Nullable Instant lastProgressAt(
      long nowNanos, long wallMillis, boolean finished, boolean progressed, long lastTickNanos) {
    if (!progressed) {
      return restoredLastProgressAt;
    }
    long endNanos = finished ? finishedNanos : nowNanos;
    long endMillis = finished ? finishedAtMillis : wallMillis;
    long agoMillis = Math.max(0, endNanos - lastTickNanos) / NANOS_PER_MILLI;
    return Instant.ofEpochMilli(Math.max(startedAtMillis, endMillis - agoMillis));
  }

  /** Returns when the run finished, never before the start. */
  Instant finishedAt() {
    return Instant.ofEpochMilli(Math.max(startedAtMillis, finishedAtMillis));
  }
}
