package dev.pulse.engine;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.PulseClock;
import dev.pulse.PulseException;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SinkException;
import dev.pulse.Watermark;
import dev.pulse.internal.Tenants;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Sink;
import dev.pulse.spi.WatermarkStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Because a watermark moves only after its batch is durable, a crash at any point loses nothing:
 * the next run re-reads at most the batch that was in flight, and an idempotent sink absorbs it.
 *
 * <p>Instances are immutable and thread-safe apart from {@link #cancel()}, which stops the run in
 * progress; {@link #run()} may be called again later (for example by a scheduler) and is not
 * reentrant. Run different sources on different threads so that one slow source never blocks
 * another. The engine does not close the connector; its owner does.
 *
 * @param <T> the item type
 */
public final class Ingestion<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);

  private final Connector<T> connector;
  private final Sink<T> sink;
  private final WatermarkStore watermarks;
  private final String tenant;
  private final PulseClock clock;
  private final ReadOptions readOptions;
  private final IngestionListener listener;
  private final Duration preCountBudget;
  private final @Nullable List<ScopeKey> fixedScopes;
  private final AtomicReference<@Nullable BatchIterator<T>> current = new AtomicReference<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean cancelled;

  private Ingestion(Builder<T> builder) {
    this.connector = builder.connector;
    this.sink = builder.sink;
    this.watermarks = builder.watermarks;
    this.tenant = builder.tenant;
    this.clock = builder.clock;
    this.readOptions = builder.readOptions;
    this.listener = builder.listener;
    this.preCountBudget = builder.preCountBudget;
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
   *     read options, no listener, a 5 s pre-count budget and discovered scopes
   */
  public static <T> Builder<T> builder(
      Connector<T> connector, Sink<T> sink, WatermarkStore watermarks) {
    return new Builder<>(connector, sink, watermarks);
  }

  /**
   * Runs one ingestion cycle over every scope.
   *
   * @return what happened to each scope; never throws for a source, sink or store failure
   * @throws IllegalStateException if another thread is running this engine now
   */
  public IngestionReport run() {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException(
          "this ingestion of " + connector.source() + " is already running");
    }
    try {
      cancelled = false;
      return runCycle();
    } finally {
      running.set(false);
    }
  }

  private IngestionReport runCycle() {
    Instant startedAt = clock.instant();
    String source = connector.source();
    EntityType entityType = connector.entityType();
    Health health = checkHealth();
    if (!health.isUsable()) {
      LOG.warn(
          "{} {}: unhealthy, skipping cycle ({}: {})",
          source,
          entityType,
          health.code(),
          health.detail());
      notifyListener(() -> listener.sourceSkipped(source, entityType, health));
      return new IngestionReport(source, entityType, health, List.of(), startedAt, clock.instant());
    }
    List<ScopeKey> scopes;
    try {
      scopes = fixedScopes != null ? fixedScopes : connector.discoverScopes();
    } catch (RuntimeException e) {
      Health failed = Health.down(codeOf(e), "scope discovery failed: " + describe(e));
      LOG.warn(
          "{} {}: scope discovery failed, skipping cycle [{}]: {}",
          source,
          entityType,
          failed.code(),
          describe(e));
      LOG.debug("{} {}: scope discovery failure", source, entityType, e);
      notifyListener(() -> listener.sourceSkipped(source, entityType, failed));
      return new IngestionReport(source, entityType, failed, List.of(), startedAt, clock.instant());
    }
    List<ScopeResult> results = new ArrayList<>(scopes.size());
    for (ScopeKey scope : scopes) {
      ScopeId key = ScopeId.of(tenant, entityType, scope);
      if (cancelled) {
        results.add(
            finish(
                new ScopeResult(
                    key,
                    ScopeResult.Outcome.CANCELLED,
                    0,
                    0,
                    storedWatermark(key),
                    ErrorCode.CANCELLED,
                    null)));
        continue;
      }
      results.add(finish(runScope(key)));
    }
    return new IngestionReport(source, entityType, health, results, startedAt, clock.instant());
  }

  /**
   * Stops the run in progress: the scope being read is cancelled after its current batch and the
   * remaining scopes are reported as cancelled. Safe to call from any thread. A cancel that arrives
   * before a run starts is forgotten when it starts.
   */
  public void cancel() {
    cancelled = true;
    BatchIterator<T> iterator = current.get();
    if (iterator != null) {
      iterator.cancel();
    }
  }

  private Health checkHealth() {
    try {
      return Objects.requireNonNull(connector.checkHealth(), "checkHealth returned null");
    } catch (RuntimeException e) {
      return Health.down(codeOf(e), "health check failed: " + describe(e));
    }
  }

  private Watermark storedWatermark(ScopeId key) {
    try {
      return watermarks.get(key);
    } catch (RuntimeException e) {
      return Watermark.none(key);
    }
  }

  private ScopeResult runScope(ScopeId key) {
    long items = 0;
    long batches = 0;
    Watermark watermark;
    try {
      watermark = watermarks.get(key);
    } catch (RuntimeException e) {
      return failed(key, 0, 0, Watermark.none(key), e, "reading its watermark");
    }
    Watermark from = watermark;
    ItemCount estimate = preCount(key.scope(), from.position());
    notifyListener(() -> listener.scopeStarted(from, estimate));
    try (BatchIterator<T> batchesOfScope = BatchIterator.open(connector, from, readOptions)) {
      current.set(batchesOfScope);
      if (cancelled) {
        batchesOfScope.cancel();
      }
      while (batchesOfScope.hasNext()) {
        Batch<T> batch = batchesOfScope.next();
        try {
          sink.write(key, batch);
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          SinkException failure =
              e instanceof SinkException sinkFailure
                  ? sinkFailure
                  : new SinkException(key.scope(), describe(e), e);
          return failed(
              key, items, batches, watermark, failure, "storing batch #" + batch.sequence());
        }
        try {
          watermark = watermarks.advance(key, batch.position(), batch.size(), clock.instant());
        } catch (RuntimeException e) {
          return failed(key, items, batches, watermark, e, "advancing its watermark");
        }
        items += batch.size();
        batches++;
        Watermark stored = watermark;
        notifyListener(() -> listener.batchStored(batch, stored));
      }
      if (batchesOfScope.isCancelled()) {
        return new ScopeResult(
            key,
            ScopeResult.Outcome.CANCELLED,
            items,
            batches,
            watermark,
            ErrorCode.CANCELLED,
            null);
      }
      return new ScopeResult(key, ScopeResult.Outcome.DONE, items, batches, watermark, null, null);
    } catch (RuntimeException e) {
      return failed(key, items, batches, watermark, e, "reading it");
    } finally {
      current.set(null);
    }
  }

  // The count runs on the shared daemon pool, never on the fetch executor: a same-thread or
  // single-thread fetch
  // executor would otherwise make the engine wait past the budget or deadlock behind the count.
  // cancel(true)
  // interrupts a count that overruns; a connector that ignores interrupts keeps only its own pool
  // thread.
  private ItemCount preCount(ScopeKey scope, @Nullable Position after) {
    Future<ItemCount> count =
        FetchPool.executor().submit(() -> connector.preCount(scope, after, preCountBudget));
    try {
      return Objects.requireNonNull(count.get(preCountBudget.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      count.cancel(true);
      LOG.debug(
          "{}: pre-count exceeded its {} budget; progress continues without an estimate",
          scope,
          preCountBudget);
      return ItemCount.unknown();
    } catch (InterruptedException e) {
      count.cancel(true);
      Thread.currentThread().interrupt();
      return ItemCount.unknown();
    } catch (ExecutionException | RuntimeException e) {
      LOG.debug("{}: pre-count failed; progress continues without an estimate", scope, e);
      return ItemCount.unknown();
    }
  }

  private ScopeResult failed(
      ScopeId key, long items, long batches, Watermark watermark, Exception e, String during) {
    ErrorCode code = codeOf(e);
    // The warning carries only what describe() vouches for; the stack trace, whose foreign messages
    // may hold
    // secrets, is for DEBUG.
    LOG.warn(
        "{}: failed while {} after {} stored items [{}]: {}",
        key,
        during,
        items,
        code,
        describe(e));
    LOG.debug("{}: failure while {}", key, during, e);
    return new ScopeResult(
        key, ScopeResult.Outcome.FAILED, items, batches, watermark, code, describe(e));
  }

  /**
   * Describes a failure for operators. Pulse's own messages are written without secrets; a foreign
   * exception's message may hold bind values, URLs with tokens or credentials, so only its type is
   * shown and the exception itself goes to the log.
   */
  private static String describe(Exception e) {
    return e instanceof PulseException
        ? String.valueOf(e.getMessage())
        : e.getClass().getSimpleName();
  }

  private ScopeResult finish(ScopeResult result) {
    notifyListener(() -> listener.scopeFinished(result));
    return result;
  }

  private static ErrorCode codeOf(Exception e) {
    return e instanceof PulseException pulse ? pulse.code() : ErrorCode.INTERNAL;
  }

  private static void notifyListener(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("an ingestion listener failed; ingestion continues: {}", describe(e));
      LOG.debug("ingestion listener failure", e);
    }
  }

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
    private @Nullable List<ScopeKey> scopes;

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
     * Sets the clock used for watermark timestamps.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder<T> clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets page size, prefetch and fetch executor.
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
     * Sets how long a scope's pre-flight count may take before progress continues without an
     * estimate.
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
     * Reads exactly these scopes instead of the connector's discovered ones, e.g. for a targeted
     * re-backfill.
     *
     * @param scopes the scopes, each of the connector's source
     * @return this builder
     * @throws IllegalArgumentException if a scope belongs to another source or is the global scope
     */
    public Builder<T> scopes(List<ScopeKey> scopes) {
      List<ScopeKey> copy = List.copyOf(scopes);
      for (ScopeKey scope : copy) {
        if (!scope.source().equals(connector.source())) {
          throw new IllegalArgumentException(
              "scope " + scope + " is not of source \"" + connector.source() + "\"");
        }
      }
      this.scopes = copy;
      return this;
    }

    /**
     * Builds the engine; may be called more than once.
     *
     * @return the engine
     */
    public Ingestion<T> build() {
      return new Ingestion<>(this);
    }
  }
}
