package dev.pulse.progress;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.internal.Redaction;
import dev.pulse.spi.ProgressStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The progress of one (tenant, entity type, scope): a handle that ingestion code keeps for the
 * duration of a run and calls {@link #tick(long)} on after every stored batch.
 *
 * <p>Obtain it from {@link ProgressTracker#start} or {@link ProgressTracker#register}; the tracker
 * returns the same handle for the same scope for as long as it lives. All methods are thread-safe.
 * {@link #tick(long)} is the hot path: lock-free and allocation-free, one clock read and one
 * striped counter update, except about four times a second per scope (and on status changes) when
 * it folds the count into the rate, persists a coalesced snapshot if one is due, and handles
 * lifecycle transitions under the scope's lock.
 *
 * <p>Finishing is idempotent: the first of {@link #done()}, {@link #fail(Throwable)} and {@link
 * #cancel()} wins and later calls return false, so an outer error handler cannot turn a finished
 * run into a failed one. Ticks on a finished run are ignored; a tick on a pending or paused run
 * starts or resumes it. Finishing freezes the count: a tick racing with the finish is either part
 * of the final count or ignored, never added afterwards, and never counted in a later run, so the
 * count in memory and the count written to the store agree.
 *
 * <p>The estimate of a run counts the items the run reads from its start (see {@link
 * ProgressTracker#start}); {@link #reviseEstimate} replaces it with the same meaning.
 *
 * <p>A slow {@link ProgressStore} slows the ticks that carry a write (and ticks of the same scope
 * that wait for its lock meanwhile); it never fails them.
 */
public final class ScopeProgress {
  private static final double NANOS_PER_SECOND = 1e9;
  // A resume time further ahead than this is taken as this far ahead (it is a wait either way).
  private static final Duration MAX_WAIT = Duration.ofDays(365);

  private final ProgressTracker tracker;
  private final ScopeId id;
  private final PulseClock clock;
  private final RunCounter counter;

  // Guarded by this.
  private final RunLifecycle lifecycle = new RunLifecycle();
  private final RunTimes times;
  private final SaveSchedule saves;
  private final StoredRun storedRun = new StoredRun();
  private final ProgressEstimator estimator;
  private RunEstimate estimate;
  private boolean anyBatch;
  // The count the estimator has seen last; finish() folds only what came after it.
  private long foldedCount;
  private @Nullable String lastError;
  private @Nullable String waitReason;

  ScopeProgress(ProgressTracker tracker, ScopeId id, ItemCount estimate) {
    this.tracker = tracker;
    this.id = id;
    this.clock = tracker.clock();
    this.estimate = new RunEstimate(0, estimate);
    this.estimator = tracker.newEstimator();
    long now = clock.monotonicNanos();
    this.counter = new RunCounter(now);
    this.times = new RunTimes(now);
    this.saves = new SaveSchedule(tracker.persistIntervalNanos(), now);
  }

  /**
   * Records that a batch of items was stored.
   *
   * @param items how many items the batch stored; 0 is allowed and only counts as a sign of life
   * @throws IllegalArgumentException if {@code items} is negative
   */
  public void tick(long items) {
    if (items < 0) {
      throw new IllegalArgumentException("items must be >= 0 but was " + items);
    }
    if (!counter.tryTick(items, clock.monotonicNanos())) {
      slowTick(items);
    }
  }

  private void slowTick(long items) {
    synchronized (this) {
      // Read under the lock, so the estimator sees times in order.
      long now = clock.monotonicNanos();
      boolean implicitStart = false;
      switch (lifecycle.onTick()) {
        case IGNORE -> {
          return;
        }
        case BEGIN -> {
          beginLocked(now, estimate.itemsInRun());
          implicitStart = true;
        }
        case RESUME -> resumeLocked(now);
        case RECORD -> {
          if (lifecycle.endWait()) {
            // The source served again: the wait is over (the estimator ends it with this batch).
            times.waitEnded(now);
            waitReason = null;
            saves.markDirty();
          }
        }
      }
      counter.add(items);
      counter.advanceLastTick(now);
      anyBatch = true;
      long count = counter.count();
      if (implicitStart) {
        // The first batch took an unknown time before anyone called start(): it is the rate's
        // baseline.
        estimator.start(now, count);
      } else {
        estimator.record(now, count);
      }
      foldedCount = count;
      saves.markDirty();
      saveIfDueLocked(now, false);
      counter.rearm(now, isRunningLocked());
    }
    tracker.retryFailedWrites(this);
  }

  /**
   * Revises the estimate of the run, for example when a pre-flight count turns out to be
   * approximate. The new estimate has the meaning of the one given to {@link
   * ProgressTracker#start}: the items this run reads from its start. The ETA moves by the revision
   * divided by the rate, and by nothing else. Ignored once the run has finished.
   *
   * @param newEstimate the new estimate; may be unknown
   */
  public void reviseEstimate(ItemCount newEstimate) {
    Objects.requireNonNull(newEstimate, "newEstimate");
    synchronized (this) {
      long now = clock.monotonicNanos();
      if (lifecycle.status().isFinished()) {
        return;
      }
      estimate = estimate.withItemsInRun(newEstimate);
      saves.markDirty();
      saveIfDueLocked(now, false);
    }
  }

  /**
   * Pauses a running run, e.g. because its source is unhealthy. Paused time counts neither towards
   * the rate nor as a stall.
   *
   * @return true if the run was running and is now paused
   */
  public boolean pause() {
    synchronized (this) {
      long now = clock.monotonicNanos();
      if (!lifecycle.pause()) {
        return false;
      }
      estimator.pause(now);
      times.waitEnded(now);
      waitReason = null;
      saves.markDirty();
      saveIfDueLocked(now, true);
      counter.rearm(now, false);
      return true;
    }
  }

  /**
   * Resumes a paused run; the rate keeps its history from before the pause.
   *
   * @return true if the run was paused and is now running
   */
  public boolean resume() {
    synchronized (this) {
      long now = clock.monotonicNanos();
      if (!lifecycle.isPaused()) {
        return false;
      }
      resumeLocked(now);
      saveIfDueLocked(now, true);
      counter.rearm(now, true);
      return true;
    }
  }

  /**
   * Reports that the run waits for its source until {@code resumeAt}, for a known reason such as a
   * rate limit whose reset time the source announced. Until then the scope shows {@link
   * ProgressStatus#RATE_LIMITED} with {@code resumeAt} and the reason, never {@link
   * ProgressStatus#STALLED}; the ETA keeps counting down, and includes the waits the source is
   * expected to impose again (the estimator learns the source's budget from the reported waits).
   * The wait ends with the next tick, {@link #endWait()}, or, as far as the status goes, at {@code
   * resumeAt}; silence after that counts towards a stall as usual. A second call while waiting
   * moves the resume time. Ignored unless the run is running (or already waiting).
   *
   * @param resumeAt when the source said it would serve again; a time in the past means now
   * @param reason why, e.g. {@code "rate limited"}; truncated and with credentials masked
   * @return true if the run is now waiting
   */
  public boolean waitUntil(Instant resumeAt, String reason) {
    Objects.requireNonNull(resumeAt, "resumeAt");
    Objects.requireNonNull(reason, "reason");
    synchronized (this) {
      long now = clock.monotonicNanos();
      if (!lifecycle.waitUntil()) {
        return false;
      }
      Duration ahead = Duration.between(Instant.ofEpochMilli(clock.wallTimeMillis()), resumeAt);
      long aheadNanos =
          ahead.isNegative() ? 0 : (ahead.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : ahead).toNanos();
      long count = counter.count();
      if (count > foldedCount) {
        // The wait closes the source's current cycle: it must hold every item stored before it.
        estimator.record(counter.lastTickNanos(), count);
        foldedCount = count;
      }
      estimator.beginWait(now, now + aheadNanos);
      times.waitUntil(now + aheadNanos, resumeAt);
      waitReason = Redaction.sanitize(reason, tracker.maxErrorLength());
      saves.markDirty();
      saveIfDueLocked(now, false);
      // The first tick after the wait takes the locked path, which ends the wait.
      counter.rearm(now, false);
      return true;
    }
  }

  /**
   * Ends a wait reported with {@link #waitUntil} before its resume time, or without a batch: the
   * scope is running again and silence counts towards a stall from now.
   *
   * @return true if the run was waiting and is now running
   */
  public boolean endWait() {
    synchronized (this) {
      long now = clock.monotonicNanos();
      if (!lifecycle.endWait()) {
        return false;
      }
      estimator.endWait(now);
      times.waitEnded(now);
      waitReason = null;
      saves.markDirty();
      saveIfDueLocked(now, false);
      counter.rearm(now, true);
      return true;
    }
  }

  /**
   * Finishes the run successfully.
   *
   * @return true if this call finished the run, false if it had already finished
   */
  public boolean done() {
    return finish(ProgressStatus.DONE, null);
  }

  /**
   * Finishes the run with an error. The snapshot shows {@code SimpleClassName: message}, truncated
   * and with credentials (tokens, passwords, authorization headers, user info in URLs) masked.
   *
   * @param error the failure
   * @return true if this call finished the run, false if it had already finished
   */
  public boolean fail(Throwable error) {
    Objects.requireNonNull(error, "error");
    return finish(ProgressStatus.FAILED, Redaction.describe(error, tracker.maxErrorLength()));
  }

  /**
   * Finishes the run with an error message, truncated and with credentials masked.
   *
   * @param message what went wrong
   * @return true if this call finished the run, false if it had already finished
   */
  public boolean fail(String message) {
    Objects.requireNonNull(message, "message");
    return finish(ProgressStatus.FAILED, Redaction.sanitize(message, tracker.maxErrorLength()));
  }

  /**
   * Finishes the run as cancelled.
   *
   * @return true if this call finished the run, false if it had already finished
   */
  public boolean cancel() {
    return finish(ProgressStatus.CANCELLED, null);
  }

  private boolean finish(ProgressStatus outcome, @Nullable String error) {
    synchronized (this) {
      long now = clock.monotonicNanos();
      ProgressStatus before = lifecycle.status();
      if (!lifecycle.finish(outcome)) {
        return false;
      }
      if (before == ProgressStatus.PENDING) {
        times.begin(now, clock.wallTimeMillis());
      }
      // From here on the count is frozen: a lock-free tick still adding to the counter is ignored.
      long count = counter.freeze();
      boolean live = before == ProgressStatus.RUNNING || before == ProgressStatus.RATE_LIMITED;
      if (live && count > foldedCount) {
        // Fold lock-free ticks that no slow tick has folded yet, so a short run still reports its
        // rate; at the time of the last batch, not now, so idle time before the finish does not
        // dilute the rate.
        estimator.record(counter.lastTickNanos(), count);
        foldedCount = count;
      }
      lastError = error;
      waitReason = null;
      times.waitEnded(now);
      times.finished(now, clock.wallTimeMillis());
      saves.markDirty();
      saveIfDueLocked(now, true);
    }
    tracker.retryFailedWrites(this);
    return true;
  }

  /**
   * Returns the current state, {@link ProgressStatus#STALLED} included.
   *
   * @return the status
   */
  public ProgressStatus status() {
    return snapshot().status();
  }

  /**
   * Returns the items done so far, including those done before a resume.
   *
   * @return the count
   */
  public long itemsDone() {
    synchronized (this) {
      return counter.count();
    }
  }

  /**
   * Returns an immutable snapshot of the progress now.
   *
   * @return the snapshot
   */
  public ProgressSnapshot snapshot() {
    synchronized (this) {
      return snapshotLocked(clock.monotonicNanos());
    }
  }

  /**
   * Returns the tenant.
   *
   * @return the tenant
   */
  public String tenant() {
    return id.tenant();
  }

  /**
   * Returns the entity type.
   *
   * @return the entity type
   */
  public EntityType entityType() {
    return id.entityType();
  }

  /**
   * Returns the scope.
   *
   * @return the scope key
   */
  public ScopeKey scope() {
    return id.scope();
  }

  @Override
  public String toString() {
    return "ScopeProgress[" + id + "]";
  }

  // ---- Called by the tracker. ----

  ScopeProgress start(ItemCount newEstimate) {
    synchronized (this) {
      long now = clock.monotonicNanos();
      switch (lifecycle.onStart()) {
        case BEGIN -> beginLocked(now, newEstimate);
        case RESUME -> {
          estimate = estimate.withItemsInRun(newEstimate);
          resumeLocked(now);
        }
        case CONTINUE -> estimate = estimate.withItemsInRun(newEstimate);
        case NEW_RUN -> {
          // A new counter, not a reset: late ticks of the finished run keep adding to the old one.
          counter.newRun();
          lastError = null;
          beginLocked(now, newEstimate);
        }
      }
      saves.markDirty();
      saveIfDueLocked(now, false);
      counter.rearm(now, isRunningLocked());
    }
    return this;
  }

  void announce() {
    synchronized (this) {
      if (lifecycle.status() != ProgressStatus.PENDING || saves.anyStored()) {
        return;
      }
      // Read the store first: a run interrupted by a restart stays stored as it is until start()
      // resumes it.
      consultStoreLocked();
      saveIfDueLocked(clock.monotonicNanos(), false);
    }
  }

  /**
   * Writes what is due.
   *
   * @return true if a write was attempted
   */
  boolean poll(boolean force) {
    synchronized (this) {
      return saveIfDueLocked(clock.monotonicNanos(), force);
    }
  }

  // ---- Internals, all under the lock. ----

  private void beginLocked(long now, ItemCount itemsInRun) {
    consultStoreLocked();
    ProgressSnapshot stored = storedRun.take();
    if (stored != null) {
      counter.add(stored.itemsDone());
      times.restore(now, clock.wallTimeMillis(), stored);
    } else {
      times.begin(now, clock.wallTimeMillis());
    }
    lifecycle.run();
    anyBatch = false;
    long countAtRunStart = counter.count();
    estimate = new RunEstimate(countAtRunStart, itemsInRun);
    foldedCount = countAtRunStart;
    counter.resetLastTick(now);
    // The rate of a resumed run counts only the work done from here on.
    estimator.start(now, countAtRunStart);
  }

  private void consultStoreLocked() {
    ProgressSnapshot found = storedRun.consult(() -> tracker.findStored(id));
    if (found != null) {
      saves.assumeStored(found.status(), found.itemsDone());
    }
  }

  private void resumeLocked(long now) {
    lifecycle.run();
    estimator.resume(now);
    times.resumed(now);
    saves.markDirty();
  }

  private boolean isRunningLocked() {
    return lifecycle.status() == ProgressStatus.RUNNING;
  }

  private long silentNanosLocked(long now) {
    return times.silentNanos(now, anyBatch, counter.lastTickNanos());
  }

  private ProgressStatus reportedStatusLocked(long now) {
    long threshold = estimator.stallThresholdNanos();
    if (!anyBatch && counter.count() <= estimate.itemsBeforeRun()) {
      threshold = Math.max(threshold, tracker.firstBatchStallNanos());
    }
    return lifecycle.reported(silentNanosLocked(now), threshold, times.waitOver(now));
  }

  private boolean saveIfDueLocked(long now, boolean force) {
    if (lifecycle.status() == ProgressStatus.PENDING && storedRun.isWaiting()) {
      // Never write a pending snapshot over an interrupted run that start() will resume.
      return false;
    }
    if (!saves.isDue(now, force, reportedStatusLocked(now), counter.count())) {
      return false;
    }
    ProgressSnapshot snapshot = snapshotLocked(now);
    try {
      tracker.store().save(snapshot);
      saves.succeeded(now, snapshot.status(), snapshot.itemsDone());
      tracker.writeSucceeded(this);
    } catch (RuntimeException e) {
      saves.failed(now);
      tracker.writeFailed(this, id, e);
    }
    return true;
  }

  private static double sanitizedRate(double rate) {
    return rate >= 0 && !Double.isInfinite(rate) ? rate : 0;
  }

  private ProgressSnapshot snapshotLocked(long now) {
    long wallNow = clock.wallTimeMillis();
    long count = counter.count();
    ProgressStatus reported = reportedStatusLocked(now);
    boolean stalled = reported == ProgressStatus.STALLED;
    @Nullable Long total = estimate.total();
    @Nullable Double pct = estimate.percent(count, reported == ProgressStatus.DONE);
    double rate = sanitizedRate(estimator.itemsPerSecond());
    @Nullable Long eta =
        switch (reported) {
          case DONE -> 0L;
          case FAILED, CANCELLED, PENDING -> null;
          default -> {
            // As of now: between batches, and through a reported wait, the ETA counts down.
            @Nullable Double seconds = estimator.etaSeconds(now, count, total);
            yield seconds == null || seconds.isNaN() ? null : Math.max(0L, Math.round(seconds));
          }
        };
    boolean pending = reported == ProgressStatus.PENDING;
    boolean finished = reported.isFinished();
    boolean progressed = anyBatch || count > estimate.itemsBeforeRun();
    boolean waiting = reported == ProgressStatus.RATE_LIMITED;
    return new ProgressSnapshot(
        id.tenant(),
        id.scope(),
        id.entityType(),
        reported,
        count,
        total,
        pct,
        rate,
        eta,
        total != null && count > total,
        pending ? null : times.startedAt(),
        times.lastProgressAt(now, wallNow, finished, progressed, counter.lastTickNanos()),
        finished ? times.finishedAt() : null,
        pending ? 0 : times.elapsedSeconds(now, finished),
        stalled,
        stalled ? (long) (silentNanosLocked(now) / NANOS_PER_SECOND) : 0,
        lastError,
        waiting ? times.resumeAt() : null,
        waiting ? waitReason : null,
        sanitizedRate(estimator.throughputPerSecond()));
  }
}
