package dev.pulse.progress;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.model.internal.Checks;
import dev.pulse.spi.ProgressStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Tracks the ingestion progress of every (tenant, entity type, scope): lifecycle, item count, rate,
 * ETA and stalls, persisted through a {@link ProgressStore} without ever failing ingestion.
 *
 * <p>One tracker is shared by all ingestion threads; it is thread-safe. Each scope gets a {@link
 * ScopeProgress} handle that ingestion keeps for the run (the example is the code of a test, so it
 * compiles; {@link #listener()} does the same for an {@link dev.pulse.engine.Ingestion}):
 *
 * <pre>{@code
 * ProgressTracker tracker = ProgressTracker.builder().clock(clock).store(store).build();
 * ScopeId key = ScopeId.of("acme", connector.entityType(), scope);
 * // The estimate counts the items this run reads: those after the watermark it starts from.
 * ItemCount estimate = connector.preCount(scope, watermark.position(), Duration.ofSeconds(5));
 * ScopeProgress progress = tracker.start("acme", connector.entityType(), scope, estimate);
 * try {
 *   for (Batch<T> batch : batches) {
 *     sink.write(key, batch);
 *     progress.tick(batch.size());
 *   }
 *   progress.done();
 * } catch (Exception e) {
 *   progress.fail(e); // no effect if done() already ran: the first outcome wins
 *   throw e;
 * }
 * }</pre>
 *
 * <p><b>Persistence.</b> Writes are coalesced: at most one per scope per {@link
 * Builder#persistInterval}, plus one on every status change (start, pause, resume, stall, finish).
 * A store that throws is never allowed to fail ingestion: the failure is counted ({@link
 * #storeFailures()}), logged at most once per {@link Builder#failureLogInterval} and the write is
 * retried at the next opportunity (a slow-path tick, start or finish of any scope retries at most
 * one other scope; {@link #poll()} and {@link #flush()} retry them all), so a finished scope never
 * stays "running" in the store once it recovers. Stall transitions have no tick to carry them: call
 * {@link #poll()} every few seconds to store them ({@link #listener()} polls at every scope start
 * and flushes at every scope finish).
 *
 * <p><b>Cost to ingestion.</b> Most ticks are lock-free and never touch the store. Writes, however,
 * run on the thread that triggers them and under the scope's lock: a slow store slows the tick,
 * start or finish that carries a write, other threads ticking the same scope wait for that lock
 * meanwhile, and a retry of another scope's failed write (at most one per call) also runs on the
 * calling ingestion thread. Give the store a short timeout if its latency matters, or, better, give
 * the tracker a {@linkplain Builder#writeExecutor write executor}: writes then only queue the
 * scope's latest snapshot (coalesced) and the executor stores it, so the store's latency never
 * reaches ingestion.
 *
 * <p><b>Resume.</b> Starting a scope that is paused continues its run. Starting a scope this
 * tracker does not know, whose stored snapshot shows an unfinished run (for example after a
 * restart), resumes that run: it keeps the first start time, the elapsed time and the count, and
 * its rate counts only the work done since the resume. {@link #register} reads the store too and
 * never overwrites such a run with a pending snapshot. What the estimate means is said once, at
 * {@link #start}.
 *
 * <p>Time comes from the injected {@link PulseClock}: monotonic time for rates, gaps and intervals,
 * wall time for timestamps only.
 */
public final class ProgressTracker {
  private static final Comparator<ProgressSnapshot> ORDER =
      Comparator.comparing(ProgressSnapshot::tenant)
          .thenComparing(ProgressSnapshot::entityType)
          .thenComparing(ProgressSnapshot::scopeKey);

  private final PulseClock clock;
  private final ProgressStore store;
  private final @Nullable WriteBehindStore writeBehind;
  private final long persistIntervalNanos;
  private final Duration rateWindow;
  private final double stallMultiplier;
  private final Duration stallFloor;
  private final int maxErrorLength;
  private final FailureLog failureLog;
  private final Map<ScopeId, ScopeProgress> scopes = new ConcurrentHashMap<>();
  private final Set<ScopeProgress> failedWrites = ConcurrentHashMap.newKeySet();

  private ProgressTracker(Builder builder) {
    this.clock = builder.clock;
    this.persistIntervalNanos = builder.persistInterval.toNanos();
    this.rateWindow = builder.rateWindow;
    this.stallMultiplier = builder.stallMultiplier;
    this.stallFloor = builder.stallFloor;
    this.maxErrorLength = builder.maxErrorLength;
    this.failureLog = new FailureLog(clock, builder.failureLogInterval.toNanos());
    ProgressStore configured = builder.store != null ? builder.store : new InMemoryProgressStore();
    Executor writer = builder.writeExecutor;
    this.writeBehind = writer == null ? null : new WriteBehindStore(configured, writer, failureLog);
    this.store = writeBehind != null ? writeBehind : configured;
  }

  /**
   * Returns a builder with the defaults: system clock, an {@link InMemoryProgressStore}, writes
   * every 5 s, no rate decay, stall multiplier 3, stall floor 60 s, errors truncated to 500
   * characters.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers a scope that will be ingested later, so status pages list it as {@link
   * ProgressStatus#PENDING}. Has no effect on a scope that is already known. If the store holds an
   * unfinished run of the scope (for example after a restart), that run stays stored as it is, so
   * the next {@link #start} resumes it.
   *
   * @param tenant the tenant
   * @param entityType the entity type
   * @param scope the scope
   * @param estimate the items the run will read, possibly unknown; the same meaning as in {@link
   *     #start}, which replaces it
   * @return the scope's handle
   */
  public ScopeProgress register(
      String tenant, EntityType entityType, ScopeKey scope, ItemCount estimate) {
    Objects.requireNonNull(estimate, "estimate");
    ScopeProgress progress = handle(new ScopeId(tenant, entityType, scope), estimate);
    progress.announce();
    return progress;
  }

  /**
   * Starts (or resumes) a scope's run. A pending scope starts; a paused one resumes; a running one
   * keeps running with the new estimate; a finished one begins a new run. A scope whose stored
   * snapshot shows an unfinished run the tracker has not resumed yet (for example after a restart)
   * resumes it, keeping its start time and count.
   *
   * <p><b>The estimate</b> counts the items this run reads from its start: the pre-flight count of
   * the items after the watermark the run starts from, which is what {@link
   * dev.pulse.engine.Ingestion} passes. A snapshot's {@link ProgressSnapshot#itemsEstimate() total}
   * is the items done before the run plus this estimate, and its percentage is the count over that
   * total. Before a new run nothing was done, so the total is the estimate; before a run resumed
   * after a restart the restored count was done: 6,000 restored items and an estimate of 4,000 show
   * 60% of 10,000. Starting a paused or running scope and {@link ScopeProgress#reviseEstimate}
   * replace the estimate of the current run, with the same meaning. An unknown estimate leaves the
   * total, the percentage and the ETA unknown.
   *
   * @param tenant the tenant
   * @param entityType the entity type
   * @param scope the scope
   * @param estimate the items this run reads from its start, possibly unknown
   * @return the scope's handle, the same for every call with the same scope
   */
  public ScopeProgress start(
      String tenant, EntityType entityType, ScopeKey scope, ItemCount estimate) {
    Objects.requireNonNull(estimate, "estimate");
    ScopeProgress progress =
        handle(new ScopeId(tenant, entityType, scope), estimate).start(estimate);
    retryFailedWrites(progress);
    return progress;
  }

  /**
   * Returns a listener that reports an {@link dev.pulse.engine.Ingestion}'s scopes to this tracker:
   * started with their pre-flight count, ticked after every stored batch, and finished with the
   * scope's outcome. Register it with {@link dev.pulse.engine.Ingestion.Builder#listener}.
   *
   * @return a listener bound to this tracker
   */
  public dev.pulse.engine.IngestionListener listener() {
    return new ProgressListener(this);
  }

  /**
   * Returns the handle of a scope this tracker knows.
   *
   * @param tenant the tenant
   * @param entityType the entity type
   * @param scope the scope
   * @return the handle, or empty
   */
  public Optional<ScopeProgress> find(String tenant, EntityType entityType, ScopeKey scope) {
    return Optional.ofNullable(scopes.get(new ScopeId(tenant, entityType, scope)));
  }

  /**
   * Returns the current snapshot of a scope this tracker knows.
   *
   * @param tenant the tenant
   * @param entityType the entity type
   * @param scope the scope
   * @return the snapshot, or empty
   */
  public Optional<ProgressSnapshot> snapshot(String tenant, EntityType entityType, ScopeKey scope) {
    return find(tenant, entityType, scope).map(ScopeProgress::snapshot);
  }

  /**
   * Returns the current snapshots of every known scope.
   *
   * @return snapshots ordered by tenant, entity type and scope
   */
  public List<ProgressSnapshot> snapshots() {
    List<ProgressSnapshot> all = new ArrayList<>(scopes.size());
    for (ScopeProgress progress : scopes.values()) {
      all.add(progress.snapshot());
    }
    all.sort(ORDER);
    return List.copyOf(all);
  }

  /**
   * Stores what is due: stall transitions, coalesced progress older than the persist interval and
   * writes that failed before. Never throws. Call it every few seconds, for example from the
   * ingestion scheduler.
   */
  public void poll() {
    for (ScopeProgress progress : scopes.values()) {
      progress.poll(false);
    }
    kickWrites();
  }

  /**
   * Stores every scope whose latest state is not stored yet, ignoring the persist interval. Never
   * throws.
   */
  public void flush() {
    for (ScopeProgress progress : scopes.values()) {
      progress.poll(true);
    }
    kickWrites();
  }

  // With a write executor, writes that failed are retried by the next poll or flush.
  private void kickWrites() {
    WriteBehindStore behind = writeBehind;
    if (behind != null) {
      behind.kick();
    }
  }

  /** Returns how many scopes have a snapshot queued for the write executor, not yet written. */
  int pendingWrites() {
    WriteBehindStore behind = writeBehind;
    return behind == null ? 0 : behind.pendingWrites();
  }

  /**
   * Returns how many progress-store reads and writes have failed since the tracker was built.
   *
   * @return the failure count
   */
  public long storeFailures() {
    return failureLog.failures();
  }

  /**
   * Returns how many scopes have a write that failed and is waiting to be retried.
   *
   * @return the number of scopes
   */
  public int pendingRetries() {
    return failedWrites.size();
  }

  private ScopeProgress handle(ScopeId id, ItemCount estimate) {
    return scopes.computeIfAbsent(id, key -> new ScopeProgress(this, key, estimate));
  }

  // ---- For ScopeProgress. ----

  PulseClock clock() {
    return clock;
  }

  ProgressStore store() {
    return store;
  }

  long persistIntervalNanos() {
    return persistIntervalNanos;
  }

  int maxErrorLength() {
    return maxErrorLength;
  }

  /**
   * Returns how long a run may wait for its first batch before it counts as stalled: the stall
   * multiplier times the floor, since a first page often costs a start-up (a query plan, a cold
   * cache, an export being built) that later pages do not.
   */
  long firstBatchStallNanos() {
    double nanos = stallMultiplier * stallFloor.toNanos();
    return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
  }

  ProgressEstimator newEstimator() {
    return new TimeDecayedRateEstimator(rateWindow, stallMultiplier, stallFloor);
  }

  Optional<ProgressSnapshot> findStored(ScopeId id) {
    try {
      return store.find(id.tenant(), id.entityType(), id.scope());
    } catch (RuntimeException e) {
      failureLog.failed("read", id, e);
      return Optional.empty();
    }
  }

  void writeSucceeded(ScopeProgress progress) {
    if (!failedWrites.isEmpty()) {
      failedWrites.remove(progress);
    }
  }

  void writeFailed(ScopeProgress progress, ScopeId id, RuntimeException error) {
    failedWrites.add(progress);
    failureLog.failed("write", id, error);
  }

  /**
   * Retries the failed write of at most one other scope whose retry is due, so an ingestion thread
   * pays for at most one extra store call; called outside any scope lock.
   */
  void retryFailedWrites(ScopeProgress caller) {
    if (failedWrites.isEmpty()) {
      return;
    }
    for (ScopeProgress progress : failedWrites) {
      if (progress != caller && progress.poll(false)) {
        return;
      }
    }
  }

  /**
   * Configures a {@link ProgressTracker}. Each setter validates its argument; {@link #build()} may
   * be called more than once.
   */
  public static final class Builder {
    private PulseClock clock = PulseClock.system();
    private @Nullable ProgressStore store;
    private @Nullable Executor writeExecutor;
    private Duration persistInterval = Duration.ofSeconds(5);
    private Duration rateWindow = TimeDecayedRateEstimator.DEFAULT_WINDOW;
    private double stallMultiplier = TimeDecayedRateEstimator.DEFAULT_STALL_MULTIPLIER;
    private Duration stallFloor = TimeDecayedRateEstimator.DEFAULT_STALL_FLOOR;
    private int maxErrorLength = 500;
    private Duration failureLogInterval = Duration.ofMinutes(1);

    private Builder() {}

    /**
     * Sets the clock.
     *
     * @param clock the clock; default {@link PulseClock#system()}
     * @return this builder
     */
    public Builder clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the store snapshots are written to.
     *
     * @param store the store; default a new {@link InMemoryProgressStore}
     * @return this builder
     */
    public Builder store(ProgressStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the least time between two progress writes of one scope; status changes are written at
     * once.
     *
     * @param interval positive; default 5 s
     * @return this builder
     */
    public Builder persistInterval(Duration interval) {
      this.persistInterval = Checks.requirePositive(interval, "persistInterval");
      return this;
    }

    /**
     * Sets the decay window of the rate estimate (see {@link TimeDecayedRateEstimator}).
     *
     * @param window positive; default {@link TimeDecayedRateEstimator#DEFAULT_WINDOW}, no decay in
     *     practice (the rate is the average since the last abrupt change of pace); a shorter window
     *     makes the rate follow a slow drift
     * @return this builder
     */
    public Builder rateWindow(Duration window) {
      this.rateWindow = Checks.requirePositive(window, "rateWindow");
      return this;
    }

    /**
     * Sets {@code k} of the stall rule {@code max(k x p95 of recent gaps, floor)}.
     *
     * @param multiplier at least 1; default 3
     * @return this builder
     */
    public Builder stallMultiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException(
            "stallMultiplier must be >= 1 and finite but was " + multiplier);
      }
      this.stallMultiplier = multiplier;
      return this;
    }

    /**
     * Sets the floor of the stall rule.
     *
     * @param floor positive; default 60 s
     * @return this builder
     */
    public Builder stallFloor(Duration floor) {
      this.stallFloor = Checks.requirePositive(floor, "stallFloor");
      return this;
    }

    /**
     * Sets how many characters of an error message a snapshot keeps.
     *
     * @param length at least 16; default 500
     * @return this builder
     */
    public Builder maxErrorLength(int length) {
      if (length < 16) {
        throw new IllegalArgumentException("maxErrorLength must be >= 16 but was " + length);
      }
      this.maxErrorLength = length;
      return this;
    }

    /**
     * Sets the least time between two warnings about store failures; failures in between are
     * counted.
     *
     * @param interval positive; default 1 min
     * @return this builder
     */
    public Builder failureLogInterval(Duration interval) {
      this.failureLogInterval = Checks.requirePositive(interval, "failureLogInterval");
      return this;
    }

    /**
     * Moves store writes off the threads that tick, start and finish scopes: a write only queues
     * the scope's latest snapshot (coalesced: a newer one replaces an unwritten older one) and the
     * executor writes what is queued, so a slow or hung progress store never slows ingestion. A
     * write that fails stays queued and is retried at the next write, {@link #poll()} or {@link
     * #flush()} (counted in {@link #storeFailures()}); reads see queued snapshots first. Without it
     * (the default) writes run on the calling thread. Pass a single-threaded executor of its own,
     * not the ingestion pool, so that store latency stays off ingestion entirely.
     *
     * @param executor runs the writes
     * @return this builder
     */
    public Builder writeExecutor(Executor executor) {
      this.writeExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds a tracker. Each call returns a new tracker; without a configured store each gets its
     * own in-memory store.
     *
     * @return the tracker
     */
    public ProgressTracker build() {
      return new ProgressTracker(this);
    }
  }
}
