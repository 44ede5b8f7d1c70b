package dev.pulse.progress;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.spi.ProgressStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The progress of one (tenant, entity type, scope): a handle that ingestion code keeps for the duration of a
 * run and calls {@link #tick(long)} on after every stored batch.
 *
 * <p>Obtain it from {@link ProgressTracker#start} or {@link ProgressTracker#register}; the tracker returns the
 * same handle for the same scope for as long as it lives. All methods are thread-safe. {@link #tick(long)} is
 * the hot path: lock-free and allocation-free, one clock read and one striped counter update, except about four
 * times a second per scope (and on status changes) when it folds the count into the rate, persists a coalesced
 * snapshot if one is due, and handles lifecycle transitions under the scope's lock.
 *
 * <p>Finishing is idempotent: the first of {@link #done()}, {@link #fail(Throwable)} and {@link #cancel()} wins
 * and later calls return false, so an outer error handler cannot turn a finished run into a failed one. Ticks on
 * a finished run are ignored; a tick on a pending or paused run starts or resumes it.
 */
public final class ScopeProgress {
  /** Ticks closer together than this do not update the last-progress time again. */
  private static final long TICK_GRANULARITY_NANOS = 1_000_000L;
  /** How often a busy scope folds its count into the rate estimate and checks whether a write is due. */
  private static final long FOLD_INTERVAL_NANOS = 250_000_000L;
  private static final double NANOS_PER_SECOND = 1e9;

  private final ProgressTracker tracker;
  private final ScopeId id;
  private final PulseClock clock;
  private final LongAdder done = new LongAdder();

  // Read lock-free by tick(); written under the lock.
  private volatile boolean fast;
  private volatile long slowDeadlineNanos;
  // Written by tick() at most once per TICK_GRANULARITY_NANOS on the fast path, exactly under the lock.
  private volatile long lastTickNanos;

  // Guarded by this.
  private final ProgressEstimator estimator;
  private ProgressStatus status = ProgressStatus.PENDING;
  private ItemCount estimate;
  private boolean storeConsulted;
  private boolean anyBatch;
  // The count when the current run began; ticks on the fast path raise done past it without taking the lock.
  private long countAtRunStart;
  private long runStartNanos;
  private long startedAtMillis;
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
    this.lastTickNanos = now;
    this.runStartNanos = now;
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
    long now = clock.monotonicNanos();
    // A tick racing with finish() may still land on the fast path and be counted: its batch was stored.
    if (fast && now - slowDeadlineNanos < 0) {
      done.add(items);
      if (now - lastTickNanos >= TICK_GRANULARITY_NANOS) {
        lastTickNanos = now;
      }
      return;
    }
    slowTick(now, items);
  }

  private void slowTick(long now, long items) {
    synchronized (this) {
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
      lastTickNanos = now;
      anyBatch = true;
      if (implicitStart) {
        // The first batch took an unknown time before anyone called start(): it is the rate's baseline.
        estimator.start(now, done.sum());
      } else {
        estimator.record(now, done.sum());
      }
      dirty = true;
      saveIfDueLocked(now, false);
      rearmLocked(now);
    }
    tracker.retryFailedWrites(now, this);
  }

  /**
   * Revises the expected total, for example when a pre-flight count turns out to be approximate. The ETA moves
   * by the revision divided by the rate, and by nothing else. Ignored once the run has finished.
   *
   * @param newEstimate the new estimate; may be unknown
   */
  public void reviseEstimate(ItemCount newEstimate) {
    Objects.requireNonNull(newEstimate, "newEstimate");
    long now = clock.monotonicNanos();
    synchronized (this) {
      if (status.isFinished()) {
        return;
      }
      estimate = newEstimate;
      dirty = true;
      saveIfDueLocked(now, false);
    }
  }

  /**
   * Pauses a running run, e.g. because its source is unhealthy. Paused time counts neither towards the rate nor
   * as a stall.
   *
   * @return true if the run was running and is now paused
   */
  public boolean pause() {
    long now = clock.monotonicNanos();
    synchronized (this) {
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
    long now = clock.monotonicNanos();
    synchronized (this) {
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
   * Finishes the run with an error. The snapshot shows {@code SimpleClassName: message}, truncated and with
   * credentials (tokens, passwords, authorization headers, user info in URLs) masked.
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
    long now = clock.monotonicNanos();
    synchronized (this) {
      if (status.isFinished()) {
        return false;
      }
      if (status == ProgressStatus.PENDING) {
        startedAtMillis = clock.wallTimeMillis();
      }
      if (status == ProgressStatus.RUNNING && done.sum() > countAtRunStart) {
        // Fold fast-path ticks that no slow tick has folded yet, so a short run still reports its rate.
        estimator.record(now, done.sum());
      }
      status = outcome;
      lastError = error;
      finishedAtMillis = clock.wallTimeMillis();
      fast = false;
      dirty = true;
      saveIfDueLocked(now, true);
    }
    tracker.retryFailedWrites(now, this);
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
    return done.sum();
  }

  /**
   * Returns an immutable snapshot of the progress now.
   *
   * @return the snapshot
   */
  public ProgressSnapshot snapshot() {
    long now = clock.monotonicNanos();
    synchronized (this) {
      return snapshotLocked(now);
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
    long now = clock.monotonicNanos();
    synchronized (this) {
      switch (status) {
        case PENDING -> beginLocked(now, newEstimate);
        case PAUSED -> {
          estimate = newEstimate;
          resumeLocked(now);
        }
        case RUNNING -> estimate = newEstimate;
        case DONE, FAILED, CANCELLED -> {
          done.reset();
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
    long now = clock.monotonicNanos();
    synchronized (this) {
      if (savedStatus == null) {
        saveIfDueLocked(now, false);
      }
    }
  }

  void poll(long now, boolean force) {
    synchronized (this) {
      saveIfDueLocked(now, force);
    }
  }

  // ---- Internals, all under the lock. ----

  private void beginLocked(long now, ItemCount newEstimate) {
    estimate = newEstimate;
    boolean restored = false;
    if (!storeConsulted) {
      storeConsulted = true;
      restored = restoreLocked();
    }
    if (!restored) {
      startedAtMillis = clock.wallTimeMillis();
    }
    status = ProgressStatus.RUNNING;
    anyBatch = false;
    countAtRunStart = done.sum();
    runStartNanos = now;
    lastTickNanos = now;
    // The rate of a resumed run counts only the work done from here on.
    estimator.start(now, done.sum());
  }

  /** Carries over an interrupted run found in the store: its first start time and its count. */
  private boolean restoreLocked() {
    Optional<ProgressSnapshot> previous = tracker.findStored(id);
    if (previous.isEmpty()) {
      return false;
    }
    ProgressSnapshot stored = previous.get();
    Instant storedStart = stored.startedAt();
    if (stored.status().isFinished() || stored.status() == ProgressStatus.PENDING || storedStart == null) {
      return false;
    }
    startedAtMillis = storedStart.toEpochMilli();
    Instant storedProgress = stored.lastProgressAt();
    restoredLastProgressAt = storedProgress == null ? storedStart : storedProgress;
    done.add(stored.itemsDone());
    savedStatus = stored.status();
    return true;
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
    long since = anyBatch ? Math.max(lastTickNanos, runStartNanos) : runStartNanos;
    return Math.max(0, now - since);
  }

  private ProgressStatus reportedStatusLocked(long now) {
    if (status == ProgressStatus.RUNNING && silentNanosLocked(now) > estimator.stallThresholdNanos()) {
      return ProgressStatus.STALLED;
    }
    return status;
  }

  private void saveIfDueLocked(long now, boolean force) {
    boolean changed = reportedStatusLocked(now) != savedStatus;
    boolean due;
    if (force) {
      due = changed || dirty;
    } else if (changed) {
      due = !backoff || now - retryAtNanos >= 0;
    } else {
      due = dirty && now - nextSaveNanos >= 0;
    }
    if (!due) {
      return;
    }
    ProgressSnapshot snapshot = snapshotLocked(now);
    ProgressStore store = tracker.store();
    long interval = tracker.persistIntervalNanos();
    try {
      store.save(snapshot);
      savedStatus = snapshot.status();
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
  }

  private ProgressSnapshot snapshotLocked(long now) {
    long wallNow = clock.wallTimeMillis();
    long count = done.sum();
    ProgressStatus reported = reportedStatusLocked(now);
    boolean stalled = reported == ProgressStatus.STALLED;
    @Nullable Long total = estimate.isKnown() ? estimate.value() : null;
    @Nullable Double pct = null;
    if (total != null) {
      pct = total == 0 || reported == ProgressStatus.DONE ? 100.0 : Math.min(100.0, 100.0 * count / total);
    }
    double rate = estimator.itemsPerSecond();
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      rate = 0;
    }
    @Nullable Long eta = switch (reported) {
      case DONE -> 0L;
      case FAILED, CANCELLED, PENDING -> null;
      default -> {
        @Nullable Double seconds = estimator.etaSeconds(count, total);
        yield seconds == null || seconds.isNaN() ? null : Math.max(0L, Math.round(seconds));
      }
    };
    boolean overrun = total != null && count > total;
    boolean pending = reported == ProgressStatus.PENDING;
    @Nullable Instant startedAt = pending ? null : Instant.ofEpochMilli(startedAtMillis);
    @Nullable Instant lastProgressAt = restoredLastProgressAt;
    if (anyBatch || count > countAtRunStart) {
      long ago = Math.max(0, now - lastTickNanos) / 1_000_000L;
      lastProgressAt = Instant.ofEpochMilli(wallNow - ago);
    }
    boolean finished = reported.isFinished();
    @Nullable Instant finishedAt = finished ? Instant.ofEpochMilli(finishedAtMillis) : null;
    long elapsed = pending ? 0 : Math.max(0, ((finished ? finishedAtMillis : wallNow) - startedAtMillis) / 1000);
    long stalledFor = stalled ? (long) (silentNanosLocked(now) / NANOS_PER_SECOND) : 0;
    return new ProgressSnapshot(id.tenant(), id.scope(), id.entityType(), reported, count, total, pct, rate, eta,
        overrun, startedAt, lastProgressAt, finishedAt, elapsed, stalled, stalledFor, lastError);
  }
}
