package dev.pulse.engine;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.InvalidConfigException;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.PulseClock;
import dev.pulse.PulseException;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.StoreException;
import dev.pulse.Watermark;
import dev.pulse.internal.Redaction;
import dev.pulse.internal.Tenants;
import dev.pulse.spi.Connector;
import dev.pulse.spi.DeadLetterStore;
import dev.pulse.spi.FetchContext;
import dev.pulse.spi.ReadOrder;
import dev.pulse.spi.Sink;
import dev.pulse.spi.TransactionalSink;
import dev.pulse.spi.WatermarkStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestion engine for one connector: reads each scope from its watermark, stores every batch
 * in the sink, and advances the scope's watermark only after its batch is stored.
 *
 * <p>One run ({@link #run()}) first checks the source's health; an unhealthy source is skipped with
 * a warning ("unhealthy, skipping cycle") and reported, never thrown. Otherwise each scope
 * (discovered by the connector, or the fixed list given to the builder) is read in turn, streaming:
 * a batch is fetched, written, its watermark advanced and the listener told, before the next one is
 * stored. Scopes are isolated: a failure in one scope is recorded in its {@link ScopeResult} and
 * the run goes on with the next scope. Nothing fails silently: every failure carries an {@link
 * ErrorCode} in the report and is logged.
 *
 * <p><b>Plugin boundary.</b> Every call into plugin code (connector, fetcher, sink, stores,
 * listener, executors) is guarded: whatever it throws, a sneaky checked exception or an {@link
 * Error} such as {@code NoClassDefFoundError} included, is recorded for its scope with a code
 * (source failures {@link ErrorCode#SOURCE_UNAVAILABLE} unless the connector said otherwise, sink
 * failures {@link ErrorCode#SINK_FAILED}, store failures {@link ErrorCode#STORE_FAILED}; a
 * listener's failure is only logged) and the run goes on. Only a {@link VirtualMachineError}
 * propagates.
 *
 * <p><b>A refusing source.</b> After a scope fails with {@link ErrorCode#AUTH_FAILED}, the source's
 * remaining scopes are not asked: they are reported as failed with that code. After {@link
 * ErrorCode#RATE_LIMITED}, the remaining scopes wait until the source's {@linkplain
 * SourceException#retryAfter() retry-after} has passed on the engine's clock (one minute when the
 * source gave none), through the {@link Pauser}; if that is past the run's budget they are reported
 * as {@code RATE_LIMITED} with the resume time instead. Such a wait is reported to the listener
 * ({@link IngestionListener#sourceWaiting}) for the scope that waits, and so is a wait a fetcher
 * reports from inside a fetch through its {@link FetchContext}; records a fetcher reports as
 * unmappable go to the {@linkplain Builder#deadLetters dead-letter store} while the page proceeds.
 *
 * <p><b>Read modes.</b> A connector reading {@linkplain ReadOrder#OLDEST_FIRST oldest first} has
 * its watermark advanced after every stored batch. One reading {@linkplain ReadOrder#NEWEST_FIRST
 * newest first} has every batch stored as it arrives but its watermark advanced only when the walk
 * has ended, to the highest position seen. With a {@linkplain Connector#holdBack() hold-back}, an
 * instant watermark never advances past the run's start minus the hold-back. An empty last page
 * that carries a position moves the watermark too, so a range the source skipped is not read again.
 *
 * <p><b>Storage.</b> When the sink is a {@link TransactionalSink}, the engine stores a batch and
 * advances its watermark in one call ({@link TransactionalSink#writeAndAdvance}); the sink's {@link
 * TransactionalSink#watermarkStore()} must be this engine's store, which {@link Builder#build()}
 * checks (a newest-first walk stores its batches with {@link Sink#write} and advances once at its
 * end). Otherwise the write comes first and the advance after it, so a crash between them re-reads
 * at most the batch that was in flight, and an idempotent sink absorbs it.
 *
 * <p><b>Time.</b> Each scope's pre-flight count runs beside its read (at most {@link
 * Builder#preCountConcurrency} at once). A run waits for counts before their scopes' first fetch at
 * most one {@linkplain Builder#preCountBudget pre-count budget} in total, however many scopes it
 * reads; a count that arrives later is reported through {@link IngestionListener#scopeEstimated}; a
 * scope past its {@linkplain ReadOptions#scopeBudget() budget} fails with {@link
 * ErrorCode#TIMED_OUT}; a page that takes longer than the {@linkplain ReadOptions#fetchTimeout()
 * fetch timeout} fails its scope the same way.
 *
 * <p>Instances are immutable and thread-safe apart from {@link #cancel()}, which stops the run in
 * progress; interrupting the thread running {@link #run()} cancels it too, and then every scope not
 * yet finished ends as {@link ScopeResult.Outcome#CANCELLED} (the thread's interrupt flag is set
 * again when {@code run()} returns). {@link #run()} may be called again later (for example by a
 * scheduler) and is not reentrant. Run different sources on different threads so that one slow
 * source never blocks another. The engine does not close the connector; its owner does.
 *
 * @param <T> the item type
 */
public final class Ingestion<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);
  private static final Duration MAX_HOLD_BACK = Duration.ofDays(365);

  private final Connector<T> connector;
  private final String source;
  private final EntityType entityType;
  private final ReadOrder readOrder;
  private final Duration holdBack;
  private final Sink<T> sink;
  private final @Nullable TransactionalSink<T> transactionalSink;
  private final WatermarkStore watermarks;
  private final String tenant;
  private final PulseClock clock;
  private final ReadOptions readOptions;
  private final IngestionListener listener;
  private final @Nullable Duration runBudget;
  private final @Nullable Pauser pauser;
  private final PreCounts preCounts;
  private final Duration preCountBudget;
  private final @Nullable List<ScopeKey> fixedScopes;
  private final AtomicReference<@Nullable BatchIterator<T>> current = new AtomicReference<>();
  private final @Nullable DeadLetterStore deadLetters;
  private final Object pauseSignal = new Object();
  private final Object runState = new Object();
  // Guarded by runState: a run is in progress; a cancel arrived while none was, for the next run.
  private boolean active;
  private boolean cancelRequested;
  private volatile boolean cancelled;
  // Touched only by the thread running run().
  private boolean interruptSeen;

  private Ingestion(Builder<T> builder, ConnectorTraits traits) {
    this.connector = builder.connector;
    this.source = traits.source();
    this.entityType = traits.entityType();
    this.readOrder = traits.readOrder();
    this.holdBack = traits.holdBack();
    this.sink = builder.sink;
    this.transactionalSink = builder.transactionalSink();
    this.watermarks = builder.watermarks;
    this.tenant = builder.tenant;
    this.clock = builder.clock;
    this.readOptions = builder.readOptions;
    this.listener = builder.listener;
    this.runBudget = builder.runBudget;
    this.pauser = builder.pauser;
    this.preCountBudget = builder.preCountBudget;
    this.deadLetters = builder.deadLetters;
    Executor countExecutor = builder.preCountExecutor;
    this.preCounts =
        new PreCounts(
            connector,
            builder.preCountBudget,
            builder.preCountConcurrency,
            countExecutor != null ? countExecutor : FetchPool.executor(),
            clock);
    List<ScopeKey> scopes = builder.scopes;
    this.fixedScopes = scopes == null ? null : List.copyOf(scopes);
  }

  /**
   * Starts a builder.
   *
   * @param connector the source to read
   * @param sink where batches are stored
   * @param watermarks where watermarks are kept
   * @param <T> the item type
   * @return a builder with defaults: tenant {@value Tenants#DEFAULT}, the system clock, default
   *     read options, no listener, a 5 s pre-count budget with 4 counts at once, no run budget, and
   *     discovered scopes
   */
  public static <T> Builder<T> builder(
      Connector<T> connector, Sink<T> sink, WatermarkStore watermarks) {
    return new Builder<>(connector, sink, watermarks);
  }

  /**
   * Runs one ingestion cycle over every scope.
   *
   * @return what happened to each scope; never throws for a source, sink, store or listener failure
   * @throws IllegalStateException if another thread is running this engine now
   * @throws VirtualMachineError if the JVM itself fails
   */
  public IngestionReport run() {
    synchronized (runState) {
      if (active) {
        throw new IllegalStateException("this ingestion of " + source + " is already running");
      }
      active = true;
      // A cancel() that arrived between runs (e.g. a pipeline stopping just before this run
      // started) applies to this run; one that arrived during the previous run does not.
      cancelled = cancelRequested;
      cancelRequested = false;
    }
    try {
      interruptSeen = false;
      if (Thread.currentThread().isInterrupted()) {
        noteInterrupt();
      }
      return runCycle();
    } finally {
      synchronized (runState) {
        active = false;
      }
      if (interruptSeen) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops the run in progress: the scope being read is cancelled after its current batch (a fetch
   * in flight is interrupted, a rate-limit wait ends) and the remaining scopes are reported as
   * cancelled. Safe to call from any thread. A cancel that arrives while no run is in progress
   * applies to the next run, which then reports every scope as cancelled without reading any; a
   * cancel during a run does not carry over to the next one.
   */
  public void cancel() {
    synchronized (runState) {
      if (active) {
        cancelled = true;
      } else {
        cancelRequested = true;
      }
    }
    BatchIterator<T> iterator = current.get();
    if (iterator != null) {
      iterator.cancel();
    }
    synchronized (pauseSignal) {
      pauseSignal.notifyAll();
    }
  }

  /** Per-run state: when it started and what the source refused. */
  private final class Run {
    final Instant startedAt = clock.instant();
    final long startedNanos = clock.monotonicNanos();
    final @Nullable Position holdBackCap =
        holdBack.isZero() ? null : Position.at(startedAt.minus(holdBack));
    long countWaitLeftNanos = preCountBudget.toNanos();
    @Nullable ScopeResult authFailure;
    long resumeNanos;
    @Nullable Instant resumeAt;
  }

  private IngestionReport runCycle() {
    Run run = new Run();
    Health health = checkHealth();
    if (!health.isUsable()) {
      LOG.warn(
          "{} {}: unhealthy, skipping cycle ({}: {})",
          source,
          entityType,
          health.code(),
          health.detail());
      notifyListener(() -> listener.sourceSkipped(source, entityType, health));
      return new IngestionReport(
          source, entityType, health, List.of(), run.startedAt, clock.instant());
    }
    List<ScopeKey> scopes;
    try {
      scopes =
          fixedScopes != null
              ? fixedScopes
              : List.copyOf(
                  Objects.requireNonNull(
                      connector.discoverScopes(), "discoverScopes returned null"));
    } catch (Throwable e) {
      Guard.rethrowIfFatal(e);
      Health failed =
          Health.down(
              codeOf(e, ErrorCode.SOURCE_UNAVAILABLE),
              "scope discovery failed: " + Guard.describe(e));
      LOG.warn(
          "{} {}: scope discovery failed, skipping cycle [{}]: {}",
          source,
          entityType,
          failed.code(),
          Guard.describe(e));
      LOG.debug("{} {}: scope discovery failure", source, entityType, e);
      notifyListener(() -> listener.sourceSkipped(source, entityType, failed));
      return new IngestionReport(
          source, entityType, failed, List.of(), run.startedAt, clock.instant());
    }
    List<ScopeResult> results = new ArrayList<>(scopes.size());
    for (ScopeKey scope : scopes) {
      ScopeId key = ScopeId.of(tenant, entityType, scope);
      results.add(finish(nextScope(run, key)));
    }
    return new IngestionReport(source, entityType, health, results, run.startedAt, clock.instant());
  }

  private ScopeResult nextScope(Run run, ScopeId key) {
    if (isCancelled()) {
      return cancelled(key, 0, 0, storedWatermark(key));
    }
    ScopeResult refused = run.authFailure;
    if (refused != null) {
      return new ScopeResult(
          key,
          ScopeResult.Outcome.FAILED,
          0,
          0,
          storedWatermark(key),
          ErrorCode.AUTH_FAILED,
          "skipped: the source rejected the credentials while reading " + refused.key().scope());
    }
    Instant resumeAt = run.resumeAt;
    if (resumeAt != null) {
      Duration budget = runBudget;
      if (budget != null && run.resumeNanos - run.startedNanos > budget.toNanos()) {
        return new ScopeResult(
            key,
            ScopeResult.Outcome.FAILED,
            0,
            0,
            storedWatermark(key),
            ErrorCode.RATE_LIMITED,
            "skipped: the source is rate limited until " + resumeAt + ", past the run's budget",
            resumeAt);
      }
      // The scope waits before it starts: reported, so its progress shows rate-limited with the
      // resume time rather than nothing (or, later, a stall).
      notifyListener(() -> listener.sourceWaiting(key, resumeAt, "rate limited"));
      waitUntil(run.resumeNanos);
      run.resumeAt = null;
      if (isCancelled()) {
        return cancelled(key, 0, 0, storedWatermark(key));
      }
      notifyListener(() -> listener.sourceResumed(key));
    }
    Scope scope = new Scope(run, key);
    ScopeResult result = scope.read();
    if (result.outcome() == ScopeResult.Outcome.FAILED) {
      if (result.errorCode() == ErrorCode.AUTH_FAILED) {
        run.authFailure = result;
      } else if (result.errorCode() == ErrorCode.RATE_LIMITED) {
        Duration retryAfter = scope.retryAfter;
        Duration wait =
            retryAfter == null || retryAfter.isNegative() ? DEFAULT_RETRY_AFTER : retryAfter;
        run.resumeNanos = clock.monotonicNanos() + wait.toNanos();
        Instant until = clock.instant().plus(wait);
        run.resumeAt = until;
        LOG.warn("{}: source {} is rate limited until {}", key, source, until);
        return new ScopeResult(
            result.key(),
            result.outcome(),
            result.itemsStored(),
            result.batchesStored(),
            result.watermark(),
            result.errorCode(),
            result.error(),
            until);
      }
    }
    return result;
  }

  private void waitUntil(long deadlineNanos) {
    try {
      long remaining;
      while (!isCancelled() && (remaining = deadlineNanos - clock.monotonicNanos()) > 0) {
        Pauser custom = pauser;
        if (custom != null) {
          custom.pause(Duration.ofNanos(remaining));
        } else {
          synchronized (pauseSignal) {
            if (!cancelled) {
              // Cancel() notifies, so a cancelled run stops waiting at once.
              pauseSignal.wait(Math.max(1, Duration.ofNanos(remaining).toMillis()));
            }
          }
        }
      }
    } catch (InterruptedException e) {
      noteInterrupt();
    } catch (Throwable e) {
      Guard.rethrowIfFatal(e);
      LOG.warn("the pauser failed; reading on without waiting: {}", Guard.describe(e));
    }
  }

  /**
   * What the fetcher of one scope reports through its {@link FetchContext}: waits go to the
   * listener, unmappable records to the dead-letter store (and the listener). Runs on the fetching
   * thread. Closed when the scope's read ends, before its outcome reaches the listener, so a late
   * report of a fetch still in flight never reopens a finished scope's progress.
   */
  private final class Reports implements FetchContext {
    private final ScopeId key;
    // Guarded by this.
    private boolean closed;

    synchronized void close() {
      closed = true;
    }

    Reports(ScopeId key) {
      this.key = key;
    }

    @Override
    public synchronized void waiting(Instant resumeAt, String reason) {
      Objects.requireNonNull(resumeAt, "resumeAt");
      Objects.requireNonNull(reason, "reason");
      if (!closed) {
        LOG.debug("{}: the source asks to wait until {}", key, resumeAt);
        notifyListener(() -> listener.sourceWaiting(key, resumeAt, reason));
      }
    }

    @Override
    public synchronized void resumed() {
      if (!closed) {
        notifyListener(() -> listener.sourceResumed(key));
      }
    }

    @Override
    public void unmappable(String naturalKey, ErrorCode code, String message) {
      Objects.requireNonNull(naturalKey, "naturalKey");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      String safe =
          Objects.requireNonNullElse(Redaction.sanitize(message, Guard.MAX_MESSAGE_LENGTH), "");
      DeadLetterStore store = deadLetters;
      if (store == null) {
        LOG.warn(
            "{}: a record could not be mapped and no dead-letter store is configured: {} [{}]: {}",
            key,
            Redaction.sanitize(naturalKey, 200),
            code,
            safe);
      } else {
        try {
          store.record(key, naturalKey, code, safe, null, clock.instant());
        } catch (Throwable e) {
          Guard.rethrowIfFatal(e);
          // The page must fail rather than advance past a record that was neither stored nor kept.
          throw new StoreException(
              "recording a dead letter of " + key.scope() + " failed: " + Guard.describe(e), e);
        }
      }
      notifyListener(() -> listener.deadLettered(key, naturalKey, code));
    }
  }

  /** One scope's read in one run. */
  private final class Scope {
    private final Run run;
    private final ScopeId key;
    private final long startedNanos = clock.monotonicNanos();
    private long items;
    private long batches;
    private Watermark watermark;
    private @Nullable Duration retryAfter;
    private final Reports reports;

    Scope(Run run, ScopeId key) {
      this.run = run;
      this.key = key;
      this.watermark = Watermark.none(key);
      this.reports = new Reports(key);
    }

    ScopeResult read() {
      try {
        watermark = Objects.requireNonNull(watermarks.get(key), "WatermarkStore.get returned null");
      } catch (Throwable e) {
        Guard.rethrowIfFatal(e);
        return failed(e, ErrorCode.STORE_FAILED, "reading its watermark");
      }
      Watermark from = watermark;
      PreCounts.Count count = preCounts.start(key.scope(), from.position());
      try {
        // A run waits for counts at most one pre-count budget in all, so a quick count still
        // reaches scopeStarted while slow ones never add up over many scopes; a count that misses
        // its scope's start arrives through scopeEstimated.
        long waitStart = System.nanoTime();
        ItemCount early = count.await(run.countWaitLeftNanos);
        run.countWaitLeftNanos -= System.nanoTime() - waitStart;
        ItemCount estimate = early != null ? early : ItemCount.unknown();
        notifyListener(() -> listener.scopeStarted(from, estimate));
        return readFrom(from, count);
      } finally {
        count.cancel();
      }
    }

    private ScopeResult readFrom(Watermark from, PreCounts.Count count) {
      BatchIterator<T> iterator;
      try {
        iterator = PrefetchingBatchIterator.open(connector, from, readOptions, reports);
      } catch (Throwable e) {
        Guard.rethrowIfFatal(e);
        if (e instanceof SourceException sourceFailure) {
          retryAfter = sourceFailure.retryAfter();
        }
        return failed(e, ErrorCode.SOURCE_UNAVAILABLE, "opening it");
      }
      Position newest = null;
      try (iterator) {
        current.set(iterator);
        if (isCancelled()) {
          iterator.cancel();
        }
        while (true) {
          ScopeResult overrun = checkBudget();
          if (overrun != null) {
            return overrun;
          }
          if (!iterator.hasNext()) {
            break;
          }
          Batch<T> batch = iterator.next();
          ScopeResult stopped =
              readOrder == ReadOrder.NEWEST_FIRST ? storeOnly(batch) : storeAndAdvance(batch);
          if (stopped != null) {
            return stopped;
          }
          if (readOrder == ReadOrder.NEWEST_FIRST
              && (newest == null || batch.position().isAfter(newest))) {
            newest = batch.position();
          }
          items += batch.size();
          batches++;
          Watermark stored = watermark;
          notifyListener(() -> listener.batchStored(batch, stored));
          ItemCount late = count.take();
          if (late != null) {
            notifyListener(() -> listener.scopeEstimated(key, late));
          }
          if (Thread.currentThread().isInterrupted()) {
            noteInterrupt();
          }
        }
        if (iterator.isCancelled() || isCancelled()) {
          return cancelled(key, items, batches, watermark);
        }
        // The walk or read has ended: a newest-first walk moves its watermark only now, and an
        // empty last page that skipped a range moves it past that range.
        Position end = max(newest, iterator.highestPosition());
        if (end != null) {
          long added = readOrder == ReadOrder.NEWEST_FIRST ? items : 0;
          ScopeResult stopped = advanceTo(capped(end), added);
          if (stopped != null) {
            return stopped;
          }
        }
        return new ScopeResult(
            key, ScopeResult.Outcome.DONE, items, batches, watermark, null, null);
      } catch (Throwable e) {
        Guard.rethrowIfFatal(e);
        if (e instanceof SourceException sourceFailure) {
          retryAfter = sourceFailure.retryAfter();
        }
        if (Thread.currentThread().isInterrupted()) {
          noteInterrupt();
        }
        if (isCancelled()
            || (e instanceof PulseException pulse && pulse.code() == ErrorCode.CANCELLED)) {
          return cancelled(key, items, batches, watermark);
        }
        return failed(e, ErrorCode.SOURCE_UNAVAILABLE, "reading it");
      } finally {
        current.set(null);
        reports.close();
      }
    }

    private @Nullable ScopeResult checkBudget() {
      Duration budget = readOptions.scopeBudget().orElse(null);
      if (budget == null || clock.monotonicNanos() - startedNanos <= budget.toNanos()) {
        return null;
      }
      SourceException overrun =
          new SourceException(
              ErrorCode.TIMED_OUT,
              source,
              key.scope(),
              "the scope ran past its time budget of " + budget,
              null);
      return failed(overrun, ErrorCode.TIMED_OUT, "reading it");
    }

    /** Stores a newest-first batch; the watermark waits for the end of the walk. */
    private @Nullable ScopeResult storeOnly(Batch<T> batch) {
      return write(batch);
    }

    private @Nullable ScopeResult storeAndAdvance(Batch<T> batch) {
      Position target = capped(batch.position());
      TransactionalSink<T> transactional = transactionalSink;
      if (transactional == null || !moves(target)) {
        ScopeResult failed = write(batch);
        return failed != null ? failed : advanceTo(target, batch.size());
      }
      Watermark after;
      try {
        after =
            Objects.requireNonNull(
                transactional.writeAndAdvance(key, batch, target, batch.size(), clock.instant()),
                "writeAndAdvance returned null");
      } catch (Throwable e) {
        return sinkFailed(e, batch);
      }
      return checkAdvanced(after, target);
    }

    private @Nullable ScopeResult write(Batch<T> batch) {
      try {
        sink.write(key, batch);
        return null;
      } catch (Throwable e) {
        return sinkFailed(e, batch);
      }
    }

    private ScopeResult sinkFailed(Throwable e, Batch<T> batch) {
      Guard.rethrowIfFatal(e);
      if (e instanceof InterruptedException) {
        noteInterrupt();
        return cancelled(key, items, batches, watermark);
      }
      return failed(e, ErrorCode.SINK_FAILED, "storing batch #" + batch.sequence());
    }

    private boolean moves(Position target) {
      Position stored = watermark.position();
      return stored == null || target.isAfter(stored);
    }

    private @Nullable ScopeResult advanceTo(Position target, long added) {
      if (!moves(target)) {
        return null;
      }
      Watermark after;
      try {
        after =
            Objects.requireNonNull(
                watermarks.advance(key, target, added, clock.instant()),
                "WatermarkStore.advance returned null");
      } catch (Throwable e) {
        Guard.rethrowIfFatal(e);
        return failed(e, ErrorCode.STORE_FAILED, "advancing its watermark");
      }
      return checkAdvanced(after, target);
    }

    private @Nullable ScopeResult checkAdvanced(Watermark after, Position target) {
      Position reached = after.position();
      if (reached == null
          || reached.isInstant() != target.isInstant()
          || reached.compareTo(target) < 0) {
        // The store kept the watermark behind a stored batch: going on would store batches that
        // the next run reads again from the old position, forever.
        return failed(
            new SourceException(
                ErrorCode.INVALID_DATA,
                source,
                key.scope(),
                "the watermark did not advance to "
                    + target
                    + " (it stayed at "
                    + (reached == null ? "none" : reached)
                    + ")",
                null),
            ErrorCode.INVALID_DATA,
            "advancing its watermark");
      }
      watermark = after;
      return null;
    }

    private Position capped(Position position) {
      Position cap = run.holdBackCap;
      return cap != null && position.isInstant() && position.isAfter(cap) ? cap : position;
    }

    private ScopeResult failed(Throwable e, ErrorCode fallback, String during) {
      ErrorCode code = codeOf(e, fallback);
      // The warning carries only what describe() vouches for; the stack trace, whose foreign
      // messages may hold secrets, is for DEBUG.
      LOG.warn(
          "{}: failed while {} after {} stored items [{}]: {}",
          key,
          during,
          items,
          code,
          Guard.describe(e));
      LOG.debug("{}: failure while {}", key, during, e);
      return new ScopeResult(
          key, ScopeResult.Outcome.FAILED, items, batches, watermark, code, Guard.describe(e));
    }
  }

  private static @Nullable Position max(@Nullable Position a, @Nullable Position b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.isInstant() != b.isInstant()) {
      return a;
    }
    return b.isAfter(a) ? b : a;
  }

  private boolean isCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      noteInterrupt();
    }
    return cancelled;
  }

  // The interrupt is taken off the thread (so later waits are not cut short at random) and given
  // back when run() returns; every scope still to come is then reported as cancelled.
  private void noteInterrupt() {
    Thread.interrupted();
    interruptSeen = true;
    cancel();
  }

  private ScopeResult cancelled(ScopeId key, long items, long batches, Watermark watermark) {
    return new ScopeResult(
        key, ScopeResult.Outcome.CANCELLED, items, batches, watermark, ErrorCode.CANCELLED, null);
  }

  private Health checkHealth() {
    try {
      return Objects.requireNonNull(connector.checkHealth(), "checkHealth returned null");
    } catch (Throwable e) {
      Guard.rethrowIfFatal(e);
      return Health.down(
          codeOf(e, ErrorCode.SOURCE_UNAVAILABLE), "health check failed: " + Guard.describe(e));
    }
  }

  private Watermark storedWatermark(ScopeId key) {
    try {
      return Objects.requireNonNull(watermarks.get(key));
    } catch (Throwable e) {
      Guard.rethrowIfFatal(e);
      return Watermark.none(key);
    }
  }

  private ScopeResult finish(ScopeResult result) {
    notifyListener(() -> listener.scopeFinished(result));
    return result;
  }

  private static ErrorCode codeOf(Throwable e, ErrorCode fallback) {
    return e instanceof PulseException pulse ? pulse.code() : fallback;
  }

  private static void notifyListener(Runnable callback) {
    try {
      callback.run();
    } catch (Throwable e) {
      Guard.rethrowIfFatal(e);
      LOG.warn("an ingestion listener failed; ingestion continues: {}", Guard.describe(e));
      LOG.debug("ingestion listener failure", e);
    }
  }

  /** What the engine asks the connector once, at build time. */
  private record ConnectorTraits(
      String source, EntityType entityType, ReadOrder readOrder, Duration holdBack) {}

  /**
   * A builder of {@link Ingestion}; each setter validates at once. Not thread-safe.
   *
   * @param <T> the item type
   */
  public static final class Builder<T> {
    private final Connector<T> connector;
    private final Sink<T> sink;
    private final WatermarkStore watermarks;
    private String tenant = Tenants.DEFAULT;
    private PulseClock clock = PulseClock.system();
    private ReadOptions readOptions = ReadOptions.defaults();
    private IngestionListener listener = IngestionListener.NONE;
    private Duration preCountBudget = Duration.ofSeconds(5);
    private int preCountConcurrency = 4;
    private @Nullable Executor preCountExecutor;
    private @Nullable Duration runBudget;
    private @Nullable Pauser pauser;
    private @Nullable List<ScopeKey> scopes;
    private @Nullable DeadLetterStore deadLetters;

    private Builder(Connector<T> connector, Sink<T> sink, WatermarkStore watermarks) {
      this.connector = Objects.requireNonNull(connector, "connector");
      this.sink = Objects.requireNonNull(sink, "sink");
      this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
    }

    /**
     * Sets the tenant whose watermarks are read and advanced.
     *
     * @param tenant the tenant
     * @return this builder
     */
    public Builder<T> tenant(String tenant) {
      this.tenant = Tenants.requireValid(tenant);
      return this;
    }

    /**
     * Sets the clock used for watermark timestamps, budgets, hold-back and rate-limit waits.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder<T> clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets page size, prefetch, fetch executor, fetch timeout, scope budget and idle-page limit.
     *
     * @param readOptions the options
     * @return this builder
     */
    public Builder<T> readOptions(ReadOptions readOptions) {
      this.readOptions = Objects.requireNonNull(readOptions, "readOptions");
      return this;
    }

    /**
     * Sets the listener told about scopes and batches, e.g. a progress tracker.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder<T> listener(IngestionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how long a scope's pre-flight count may take before progress goes on without it.
     *
     * @param budget a positive duration, at most one hour
     * @return this builder
     * @throws IllegalArgumentException if not positive or over an hour
     */
    public Builder<T> preCountBudget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.isZero() || budget.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "preCountBudget must be > 0 and <= PT1H but was " + budget);
      }
      this.preCountBudget = budget;
      return this;
    }

    /**
     * Sets how many pre-flight counts may run at once; a scope that finds every slot busy is read
     * without an estimate.
     *
     * @param concurrency between 1 and 64
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<T> preCountConcurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 64) {
        throw new IllegalArgumentException(
            "preCountConcurrency must be between 1 and 64 but was " + concurrency);
      }
      this.preCountConcurrency = concurrency;
      return this;
    }

    /**
     * Sets the executor that runs pre-flight counts; by default Pulse's shared pool of daemon
     * threads. A same-thread executor ({@code Runnable::run}) makes counts deterministic in tests,
     * at the price of waiting for them.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder<T> preCountExecutor(Executor executor) {
      this.preCountExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets how long one run may wait for a rate-limited source: scopes whose resume time lies past
     * the run's start plus this budget are reported as {@link ErrorCode#RATE_LIMITED} instead of
     * waited for. By default a run waits as long as the source asks.
     *
     * @param budget a positive duration, at most seven days
     * @return this builder
     * @throws IllegalArgumentException if not positive or over seven days
     */
    public Builder<T> runBudget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.isZero() || budget.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("runBudget must be > 0 and <= PT168H but was " + budget);
      }
      this.runBudget = budget;
      return this;
    }

    /**
     * Sets how the engine waits out a rate limit; tests pass one that advances a fake clock.
     *
     * @param pauser the pauser
     * @return this builder
     */
    public Builder<T> pauser(Pauser pauser) {
      this.pauser = Objects.requireNonNull(pauser, "pauser");
      return this;
    }

    /**
     * Reads exactly these scopes instead of the connector's discovered ones, e.g. for a targeted
     * re-backfill.
     *
     * @param scopes the scopes, each of the connector's source
     * @return this builder
     * @throws IllegalArgumentException if a scope belongs to another source or is the global scope
     */
    public Builder<T> scopes(List<ScopeKey> scopes) {
      List<ScopeKey> copy = List.copyOf(scopes);
      String source = connector.source();
      for (ScopeKey scope : copy) {
        if (!scope.source().equals(source)) {
          throw new IllegalArgumentException(
              "scope " + scope + " is not of source \"" + source + "\"");
        }
      }
      this.scopes = copy;
      return this;
    }

    /**
     * Sets where records the connector could not map ({@link FetchContext#unmappable}) are kept as
     * dead letters while the rest of their page proceeds. Without a store such records are logged
     * at WARN and reported to the listener only.
     *
     * @param store the dead-letter store
     * @return this builder
     */
    public Builder<T> deadLetters(DeadLetterStore store) {
      this.deadLetters = Objects.requireNonNull(store, "store");
      return this;
    }

    @SuppressWarnings("unchecked") // a TransactionalSink of this sink's item type
    private @Nullable TransactionalSink<T> transactionalSink() {
      return sink instanceof TransactionalSink<?> transactional
          ? (TransactionalSink<T>) transactional
          : null;
    }

    /**
     * Builds the engine; may be called more than once.
     *
     * @return the engine
     * @throws InvalidConfigException if the connector's declarations cannot be read or are invalid
     *     (a null source, entity type or read order, a negative hold-back), or the sink is a {@link
     *     TransactionalSink} whose watermark store is not this engine's
     */
    public Ingestion<T> build() {
      List<String> problems = new ArrayList<>();
      ConnectorTraits traits = traits(problems);
      TransactionalSink<T> transactional = transactionalSink();
      if (transactional != null) {
        try {
          WatermarkStore theirs = transactional.watermarkStore();
          if (theirs != watermarks) {
            problems.add(
                "the sink is a TransactionalSink advancing watermarks in "
                    + theirs
                    + ", not in the engine's store "
                    + watermarks
                    + "; pass the sink's watermarkStore() to Ingestion.builder");
          }
        } catch (Throwable e) {
          Guard.rethrowIfFatal(e);
          problems.add("the sink's watermarkStore() failed: " + Guard.describe(e));
        }
      }
      if (!problems.isEmpty() || traits == null) {
        throw new InvalidConfigException(problems);
      }
      return new Ingestion<>(this, traits);
    }

    private @Nullable ConnectorTraits traits(List<String> problems) {
      try {
        String source = Objects.requireNonNull(connector.source(), "source() returned null");
        EntityType entityType =
            Objects.requireNonNull(connector.entityType(), "entityType() returned null");
        ReadOrder order =
            Objects.requireNonNull(connector.readOrder(), "readOrder() returned null");
        Duration holdBack =
            Objects.requireNonNull(connector.holdBack(), "holdBack() returned null");
        if (holdBack.isNegative() || holdBack.compareTo(MAX_HOLD_BACK) > 0) {
          problems.add(
              "the connector's holdBack() must be >= 0 and <= "
                  + MAX_HOLD_BACK
                  + " but was "
                  + holdBack);
          return null;
        }
        return new ConnectorTraits(source, entityType, order, holdBack);
      } catch (Throwable e) {
        Guard.rethrowIfFatal(e);
        problems.add(
            "the connector's declarations could not be read: "
                + (e instanceof NullPointerException ? e.getMessage() : Guard.describe(e)));
        return null;
      }
    }
  }
}
