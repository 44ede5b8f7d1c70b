package dev.pulse.progress;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.internal.Redaction;
import dev.pulse.spi.ProgressStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
 * <p>The estimate given to {@link ProgressTracker#start} is the run's expected total, except when
 * the start resumes a run restored from the store after a restart: then it counts the items
 * <em>remaining</em> (a pre-count after the watermark) and the total is the restored count plus it.
 * {@link #reviseEstimate} always takes a total.
 *
 * <p>A slow {@link ProgressStore} slows the ticks that carry a write (and ticks of the same scope
 * that wait for its lock meanwhile); it never fails them.
 */
public final class ScopeProgress {
  /** Ticks closer together than this do not update the last-progress time again. */
  private static final long TICK_GRANULARITY_NANOS = 1_000_000L;

  /**
   * How often a busy scope folds its count into the rate estimate and checks whether a write is
   * due.
   */
  private static final long FOLD_INTERVAL_NANOS = 250_000_000L;

  private static final double NANOS_PER_SECOND = 1e9;

  private final ProgressTracker tracker;
  private final ScopeId id;
  private final PulseClock clock;
  // One counter per run, replaced (never reset) when a finished scope starts a new run, so a late
  // tick of the old
  // run, which read the old counter, can never land in the new one. Written under the lock, read by
  // tick().
  private volatile LongAdder done = new LongAdder();

  // Read lock-free by tick(); written under the lock.
  private volatile boolean fast;
  private volatile long slowDeadlineNanos;
  // Only ever moves forward: the fast path raises it at most once per TICK_GRANULARITY_NANOS, the
  // slow path exactly.
  private final AtomicLong lastTickNanos = new AtomicLong();

  // Guarded by this.
  private final ProgressEstimator estimator;
  private ProgressStatus status = ProgressStatus.PENDING;
  private ItemCount estimate;
  private boolean storeConsulted;
  private boolean anyBatch;
  // The count when the current run began; ticks on the fast path raise done past it without taking
  // the lock.
  private long countAtRunStart;
  // The count the estimator has seen last; finish() folds only what came after it.
  private long foldedCount;
  // The frozen count of a finished run; the counter may still receive late fast-path ticks, which
  // are ignored.
  private long finalCount;
  // The count last written to the store; a different live count means there is progress to persist.
  private long savedCount;
  // An unfinished run found in the store and not yet resumed: it is never overwritten by a pending
  // snapshot.
  private @Nullable ProgressSnapshot storedRun;
  private long runStartNanos;
  private long startedAtMillis;
  // Durations come from monotonic time: startedAt's monotonic twin, the elapsed time carried over
  // from a restored
  // run, and the monotonic time of the finish.
  private long startedNanos;
  private long carriedElapsedNanos;
  private long finishedNanos;
  private long finishedAtMillis;
  private @Nullable Instant restoredLastProgressAt;
  private @Nullable String lastError;
  private @Nullable ProgressStatus savedStatus;
  private boolean dirty;
  private long nextSaveNanos;
  private boolean backoff;
  private long retryAtNanos;

  ScopeProgress(ProgressTracker tracker, ScopeId id, ItemCount estimate) {
    this.tracker = tracker;
    this.id = id;
    this.clock = tracker.clock();
    this.estimate = estimate;
    this.estimator = tracker.newEstimator();
    long now = clock.monotonicNanos();
    this.lastTickNanos.set(now);
    this.runStartNanos = now;
    this.startedNanos = now;
    this.nextSaveNanos = now;
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
    // Read the run's counter before the fast flag: a tick that saw the flag of a new run (written
    // after its
    // counter) sees that run's counter, and a tick of the old run adds to the old counter, which
    // the finished run
    // no longer reads. A tick racing with finish() is thus either in the final count or ignored.
    LongAdder counter = done;
    long now = clock.monotonicNanos();
    if (fast && now - slowDeadlineNanos < 0) {
      counter.add(items);
      long last = lastTickNanos.get();
      while (now - last >= TICK_GRANULARITY_NANOS) {
        if (lastTickNanos.compareAndSet(last, now)) {
          break;
        }
        last = lastTickNanos.get();
      }
      return;
    }
    slowTick(items);
  }

  private void slowTick(long items) {
    synchronized (this) {
      // Read under the lock, so the estimator sees times in order.
      long now = clock.monotonicNanos();
      boolean implicitStart = false;
      switch (status) {
        case DONE, FAILED, CANCELLED -> {
          // A late tick of a finished run: its outcome and count stand.
          return;
        }
        case PENDING -> {
          beginLocked(now, estimate);
          implicitStart = true;
        }
        case PAUSED -> resumeLocked(now);
        default -> {}
      }
      done.add(items);
      advanceLastTick(now);
      anyBatch = true;
      long count = done.sum();
      if (implicitStart) {
        // The first batch took an unknown time before anyone called start(): it is the rate's
        // baseline.
        estimator.start(now, count);
      } else {
        estimator.record(now, count);
      }
      foldedCount = count;
      dirty = true;
      saveIfDueLocked(now, false);
      rearmLocked(now);
    }
    tracker.retryFailedWrites(this);
  }

  private void advanceLastTick(long now) {
    long last = lastTickNanos.get();
    while (now - last > 0 && !lastTickNanos.compareAndSet(last, now)) {
      last = lastTickNanos.get();
    }
  }

  /**
   * Revises the expected total, for example when a pre-flight count turns out to be approximate.
   * The ETA moves by the revision divided by the rate, and by nothing else. Ignored once the run
   * has finished.
   *
   * @param newEstimate the new estimate; may be unknown
   */
  public void reviseEstimate(ItemCount newEstimate) {
    Objects.requireNonNull(newEstimate, "newEstimate");
    synchronized (this) {
      long now = clock.monotonicNanos();
      if (status.isFinished()) {
        return;
      }
      estimate = newEstimate;
      dirty = true;
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
      if (status != ProgressStatus.RUNNING) {
        return false;
      }
      status = ProgressStatus.PAUSED;
      estimator.pause(now);
      dirty = true;
      saveIfDueLocked(now, true);
      rearmLocked(now);
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
      if (status != ProgressStatus.PAUSED) {
        return false;
      }
      resumeLocked(now);
      saveIfDueLocked(now, true);
      rearmLocked(now);
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
      if (status.isFinished()) {
        return false;
      }
      fast = false;
      if (status == ProgressStatus.PENDING) {
        startedAtMillis = clock.wallTimeMillis();
        startedNanos = now;
        carriedElapsedNanos = 0;
      }
      // From here on the count is frozen: a fast-path tick still adding to the counter is ignored.
      long count = done.sum();
      if (status == ProgressStatus.RUNNING && count > foldedCount) {
        // Fold fast-path ticks that no slow tick has folded yet, so a short run still reports its
        // rate; at the
        // time of the last batch, not now, so idle time before the finish does not dilute the rate.
        estimator.record(lastTickNanos.get(), count);
        foldedCount = count;
      }
      finalCount = count;
      status = outcome;
      lastError = error;
      finishedAtMillis = clock.wallTimeMillis();
      finishedNanos = now;
      dirty = true;
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
      return countLocked();
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
      switch (status) {
        case PENDING -> beginLocked(now, newEstimate);
        case PAUSED -> {
          estimate = newEstimate;
          resumeLocked(now);
        }
        case RUNNING -> estimate = newEstimate;
        case DONE, FAILED, CANCELLED -> {
          // A new counter, not a reset: late ticks of the finished run keep adding to the old one.
          done = new LongAdder();
          finalCount = 0;
          lastError = null;
          restoredLastProgressAt = null;
          status = ProgressStatus.PENDING;
          beginLocked(now, newEstimate);
        }
        default -> throw new IllegalStateException("unexpected status " + status);
      }
      dirty = true;
      saveIfDueLocked(now, false);
      rearmLocked(now);
    }
    return this;
  }

  void announce() {
    synchronized (this) {
      if (status != ProgressStatus.PENDING || savedStatus != null) {
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

  private void beginLocked(long now, ItemCount newEstimate) {
    estimate = newEstimate;
    consultStoreLocked();
    ProgressSnapshot stored = storedRun;
    storedRun = null;
    if (stored != null) {
      restoreLocked(stored, newEstimate);
    } else {
      startedAtMillis = clock.wallTimeMillis();
      carriedElapsedNanos = 0;
    }
    startedNanos = now;
    status = ProgressStatus.RUNNING;
    anyBatch = false;
    countAtRunStart = done.sum();
    foldedCount = countAtRunStart;
    runStartNanos = now;
    lastTickNanos.set(now);
    // The rate of a resumed run counts only the work done from here on.
    estimator.start(now, countAtRunStart);
  }

  /** Reads the store once per handle, remembering an unfinished run to resume. */
  private void consultStoreLocked() {
    if (storeConsulted) {
      return;
    }
    storeConsulted = true;
    Optional<ProgressSnapshot> previous = tracker.findStored(id);
    if (previous.isEmpty()) {
      return;
    }
    ProgressSnapshot stored = previous.get();
    if (stored.status().isFinished()
        || stored.status() == ProgressStatus.PENDING
        || stored.startedAt() == null) {
      return;
    }
    storedRun = stored;
    savedStatus = stored.status();
  }

  /**
   * Carries over an interrupted run found in the store: its first start time, its elapsed time and
   * its count. The caller's estimate counts the items remaining after the stored count (what a
   * pre-count after the watermark returns), so the total is the stored count plus that estimate.
   */
  private void restoreLocked(ProgressSnapshot stored, ItemCount remaining) {
    Instant storedStart = Objects.requireNonNull(stored.startedAt(), "startedAt");
    startedAtMillis = storedStart.toEpochMilli();
    carriedElapsedNanos = Math.max(0, clock.wallTimeMillis() - startedAtMillis) * 1_000_000L;
    Instant storedProgress = stored.lastProgressAt();
    restoredLastProgressAt = storedProgress == null ? storedStart : storedProgress;
    done.add(stored.itemsDone());
    savedCount = stored.itemsDone();
    if (remaining.isKnown()) {
      estimate = new ItemCount(remaining.kind(), stored.itemsDone() + remaining.value());
    }
  }

  private long countLocked() {
    return status.isFinished() ? finalCount : done.sum();
  }

  private void resumeLocked(long now) {
    status = ProgressStatus.RUNNING;
    estimator.resume(now);
    runStartNanos = now;
    dirty = true;
  }

  private void rearmLocked(long now) {
    slowDeadlineNanos = now + FOLD_INTERVAL_NANOS;
    fast = status == ProgressStatus.RUNNING;
  }

  private long silentNanosLocked(long now) {
    long since = anyBatch ? Math.max(lastTickNanos.get(), runStartNanos) : runStartNanos;
    return Math.max(0, now - since);
  }

  private ProgressStatus reportedStatusLocked(long now) {
    if (status == ProgressStatus.RUNNING
        && silentNanosLocked(now) > estimator.stallThresholdNanos()) {
      return ProgressStatus.STALLED;
    }
    return status;
  }

  private boolean saveIfDueLocked(long now, boolean force) {
    if (status == ProgressStatus.PENDING && storedRun != null) {
      // Never write a pending snapshot over an interrupted run that start() will resume.
      return false;
    }
    boolean changed = reportedStatusLocked(now) != savedStatus;
    // Fast-path ticks do not set dirty: a count that moved since the last write is progress to
    // persist too.
    boolean unsaved = dirty || countLocked() != savedCount;
    boolean due;
    if (force) {
      due = changed || unsaved;
    } else if (changed) {
      due = !backoff || now - retryAtNanos >= 0;
    } else {
      due = unsaved && now - nextSaveNanos >= 0;
    }
    if (!due) {
      return false;
    }
    ProgressSnapshot snapshot = snapshotLocked(now);
    ProgressStore store = tracker.store();
    long interval = tracker.persistIntervalNanos();
    try {
      store.save(snapshot);
      savedStatus = snapshot.status();
      savedCount = snapshot.itemsDone();
      dirty = false;
      backoff = false;
      nextSaveNanos = now + interval;
      tracker.writeSucceeded(this);
    } catch (RuntimeException e) {
      dirty = true;
      backoff = true;
      retryAtNanos = now + interval;
      nextSaveNanos = now + interval;
      tracker.writeFailed(this, id, e);
    }
    return true;
  }

  private ProgressSnapshot snapshotLocked(long now) {
    long wallNow = clock.wallTimeMillis();
    long count = countLocked();
    ProgressStatus reported = reportedStatusLocked(now);
    boolean stalled = reported == ProgressStatus.STALLED;
    @Nullable Long total = estimate.isKnown() ? estimate.value() : null;
    @Nullable Double pct = null;
    if (total != null) {
      pct =
          total == 0 || reported == ProgressStatus.DONE
              ? 100.0
              : Math.min(100.0, 100.0 * count / total);
    }
    double rate = estimator.itemsPerSecond();
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      rate = 0;
    }
    @Nullable Long eta =
        switch (reported) {
          case DONE -> 0L;
          case FAILED, CANCELLED, PENDING -> null;
          default -> {
            @Nullable Double seconds = estimator.etaSeconds(count, total);
            yield seconds == null || seconds.isNaN() ? null : Math.max(0L, Math.round(seconds));
          }
        };
    boolean overrun = total != null && count > total;
    boolean pending = reported == ProgressStatus.PENDING;
    boolean finished = reported.isFinished();
    @Nullable Instant startedAt = pending ? null : Instant.ofEpochMilli(startedAtMillis);
    // Durations are monotonic; wall time only anchors them. A wall clock stepped back never puts
    // the last
    // progress or the finish before the start, and never shrinks the elapsed time.
    long endNanos = finished ? finishedNanos : now;
    long endMillis = finished ? finishedAtMillis : wallNow;
    @Nullable Instant lastProgressAt = restoredLastProgressAt;
    if (anyBatch || count > countAtRunStart) {
      long ago = Math.max(0, endNanos - lastTickNanos.get()) / 1_000_000L;
      lastProgressAt = Instant.ofEpochMilli(Math.max(startedAtMillis, endMillis - ago));
    }
    @Nullable Instant finishedAt =
        finished ? Instant.ofEpochMilli(Math.max(startedAtMillis, finishedAtMillis)) : null;
    long elapsed =
        pending ? 0 : (carriedElapsedNanos + Math.max(0, endNanos - startedNanos)) / 1_000_000_000L;
    long stalledFor = stalled ? (long) (silentNanosLocked(now) / NANOS_PER_SECOND) : 0;
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
        overrun,
        startedAt,
        lastProgressAt,
        finishedAt,
        elapsed,
        stalled,
        stalledFor,
        lastError);
  }
}
