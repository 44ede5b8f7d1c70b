package dev.pulse.pipeline;

import dev.pulse.EntityType;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.engine.IngestionListener;
import dev.pulse.inmemory.InMemoryDeadLetterStore;
import dev.pulse.internal.Tenants;
import dev.pulse.model.internal.Checks;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.DeadLetterStore;
import dev.pulse.spi.WatermarkStore;
import dev.pulse.status.LabelSelector;
import dev.pulse.status.PipelineStatus;
import dev.pulse.status.ScopeFacts;
import dev.pulse.status.SourceFacts;
import dev.pulse.status.StatusAssembler;
import dev.pulse.status.StatusThresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named set of sources ingested together into one tenant's stores: the runtime a service embeds.
 *
 * <p><b>Running.</b> {@link #runOnce()} runs every source once; {@link #start()} runs each source
 * continuously, every {@link PipelineSource#interval()} plus a random jitter, each on its own
 * schedule. A source's run checks its health (a source that is down is skipped and reported; the
 * others go on), lists its scopes, reads their watermarks in one bulk call, and reads its scopes in
 * parallel through the engine {@link dev.pulse.engine.Ingestion}, one engine run per scope, within
 * its own concurrency limit and the pipeline's global one. A failed scope is retried with {@link
 * RetryPolicy exponential backoff and full jitter} and then ends FAILED with its code; it never
 * advances past a failed batch. Records a {@link RejectingSink} turns away become dead letters
 * while their batch proceeds.
 *
 * <p><b>Isolation.</b> Every scope runs as its own task holding one slot of its source and one of
 * the pipeline; a slow or hanging scope holds only its own slots, so other scopes and sources go on
 * while the global limit exceeds the slots hung scopes hold. Give each source a concurrency below
 * the global limit.
 *
 * <p><b>Lifecycle.</b> Thread-safe. {@link #stop(Duration)} ends continuous runs, lets in-flight
 * batches finish within a grace period and then cancels the rest after their current batch, so
 * every watermark stays after a stored batch; a stopped pipeline does not run again. {@link
 * #resetScope} and {@link #resetSource} re-backfill while the source is idle. The pipeline closes
 * neither its connectors nor the executor it was given.
 *
 * <p>Time and randomness are injected: a {@link PulseClock}, a {@link PipelineTimer} for every wait
 * and a {@link RandomGenerator} for jitter, so tests drive them without sleeping.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final String name;
  private final String tenant;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;
  private final PulseClock clock;
  private final WatermarkStore watermarks;
  private final DeadLetterStore deadLetters;
  private final @Nullable ProgressTracker tracker;
  private final Duration progressPollInterval;
  private final StatusAssembler assembler;
  private final Shared shared;
  private final List<SourceRuntime<?>> sources;
  private final Map<SourceRuntime<?>, PipelineTimer.Scheduled> nextRuns = new ConcurrentHashMap<>();
  private final Object lifecycle = new Object();
  private State state = State.IDLE;
  private @Nullable CompletableFuture<PipelineReport> runningOnce;

  private enum State {
    IDLE,
    CONTINUOUS,
    STOPPED
  }

  private Pipeline(Builder builder) {
    this.name = builder.name;
    this.tenant = builder.tenant;
    this.labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(builder.labels));
    this.annotations =
        java.util.Collections.unmodifiableSortedMap(new TreeMap<>(builder.annotations));
    this.clock = builder.clock;
    this.watermarks = Checks.requireSet(builder.watermarks, "watermarks");
    this.deadLetters = builder.deadLetters;
    this.tracker = builder.tracker;
    this.progressPollInterval = builder.progressPollInterval;
    this.assembler = new StatusAssembler(builder.thresholds);
    Executor executor = builder.executor != null ? builder.executor : DefaultExecutor.INSTANCE;
    ProgressTracker progress = builder.tracker;
    IngestionListener engineListener =
        progress != null ? progress.listener() : IngestionListener.NONE;
    this.shared =
        new Shared(
            name,
            tenant,
            clock,
            watermarks,
            deadLetters,
            engineListener,
            builder.listener,
            builder.timer,
            builder.random,
            builder.retry,
            executor,
            new Dispatcher(executor, builder.globalConcurrency),
            new AtomicBoolean(),
            new AtomicBoolean());
    List<SourceRuntime<?>> runtimes = new ArrayList<>();
    for (PipelineSource<?> source : builder.sources.values()) {
      SourceRuntime<?> runtime = new SourceRuntime<>(source, shared);
      shared.dispatcher().register(runtime);
      runtimes.add(runtime);
    }
    this.sources = List.copyOf(runtimes);
  }

  /**
   * Starts a builder.
   *
   * @param name the pipeline's name: lower-case letters, digits, {@code -}, {@code _} and {@code .}
   * @return a builder
   * @throws IllegalArgumentException if the name is malformed
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the tenant whose watermarks this pipeline reads and advances.
   *
   * @return the tenant
   */
  public String tenant() {
    return tenant;
  }

  /**
   * Returns the labels, sorted by key.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> labels() {
    return labels;
  }

  /**
   * Returns the annotations, sorted by key.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> annotations() {
    return annotations;
  }

  /**
   * Tells whether the labels satisfy a selector.
   *
   * @param selector the selector
   * @return true when every requirement holds
   */
  public boolean matches(LabelSelector selector) {
    return selector.matches(labels);
  }

  /**
   * Returns the ids of the sources, in the order they were added.
   *
   * @return ids such as {@code jira/issues}
   */
  public List<String> sourceIds() {
    return sources.stream().map(SourceRuntime::id).toList();
  }

  /**
   * Runs every source once, in parallel within the limits.
   *
   * @return a future completed with the report when every source has finished; never completed
   *     exceptionally for a source, sink or store failure
   * @throws IllegalStateException if the pipeline is running or stopped
   */
  public CompletableFuture<PipelineReport> runOnce() {
    synchronized (lifecycle) {
      if (state != State.IDLE) {
        throw new IllegalStateException(
            "pipeline " + name + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
      }
      CompletableFuture<PipelineReport> previous = runningOnce;
      if (previous != null && !previous.isDone()) {
        throw new IllegalStateException("pipeline " + name + " is already running once");
      }
      for (SourceRuntime<?> source : sources) {
        if (source.current() != null) {
          throw new IllegalStateException("source " + source.id() + " is busy");
        }
      }
      Instant startedAt = clock.instant();
      List<CompletableFuture<SourceReport>> runs = new ArrayList<>(sources.size());
      for (SourceRuntime<?> source : sources) {
        runs.add(source.run());
      }
      CompletableFuture<PipelineReport> report =
          CompletableFuture.allOf(runs.toArray(CompletableFuture<?>[]::new))
              .thenApply(
                  done ->
                      new PipelineReport(
                          name,
                          runs.stream().map(CompletableFuture::join).toList(),
                          startedAt,
                          clock.instant()));
      runningOnce = report;
      return report;
    }
  }

  /**
   * Runs every source continuously: at once, then every interval plus jitter after its previous run
   * ended. Progress is polled every poll interval so stalls reach the store without a batch.
   *
   * @throws IllegalStateException if the pipeline is running or stopped
   */
  public void start() {
    synchronized (lifecycle) {
      CompletableFuture<PipelineReport> once = runningOnce;
      if (state != State.IDLE || (once != null && !once.isDone())) {
        throw new IllegalStateException(
            "pipeline "
                + name
                + " cannot start now; it is "
                + state.name().toLowerCase(java.util.Locale.ROOT));
      }
      state = State.CONTINUOUS;
    }
    for (SourceRuntime<?> source : sources) {
      scheduleNext(source, Duration.ZERO);
    }
    if (tracker != null) {
      schedulePoll();
    }
  }

  private void scheduleNext(SourceRuntime<?> source, Duration delay) {
    if (shared.stopping().get()) {
      return;
    }
    source.nextRunAt(clock.instant().plus(delay));
    PipelineTimer.Scheduled handle = shared.timer().schedule(() -> runContinuously(source), delay);
    nextRuns.put(source, handle);
    if (shared.stopping().get()) {
      handle.cancel();
      source.nextRunAt(null);
    }
  }

  private void runContinuously(SourceRuntime<?> source) {
    if (shared.stopping().get()) {
      return;
    }
    source.nextRunAt(null);
    Duration next = source.spec.interval().plus(shared.jitter(source.spec.jitter()));
    CompletableFuture<SourceReport> run;
    try {
      run = source.run();
    } catch (IllegalStateException e) {
      // Being reset right now: try again after an interval rather than skipping the source forever.
      LOG.debug("{}: busy, next run in {}", source.id(), next);
      scheduleNext(source, next);
      return;
    }
    CompletableFuture<SourceReport> unused =
        run.whenComplete((report, failure) -> scheduleNext(source, next));
  }

  private void schedulePoll() {
    ProgressTracker progress = tracker;
    if (progress == null || shared.stopping().get()) {
      return;
    }
    shared
        .timer()
        .schedule(
            () -> {
              if (shared.stopping().get()) {
                return;
              }
              try {
                // Off the timer thread: a slow progress store must not delay retries or runs.
                shared.executor().execute(progress::poll);
              } catch (RuntimeException e) {
                LOG.debug("progress poll refused", e);
              }
              schedulePoll();
            },
            progressPollInterval);
  }

  /**
   * Stops the pipeline: no run starts any more, pending retries end with their last failure, queued
   * scopes end CANCELLED, and in-flight scopes may finish within {@code grace}; after it they are
   * cancelled after their current batch, so every watermark stays after a stored batch. Idempotent.
   *
   * @param grace how long in-flight scopes may run on, zero or positive
   * @return a future completed with true when everything ended within the grace period, false when
   *     in-flight scopes had to be cancelled (completed at the end of the grace period even if a
   *     hung source never returns)
   */
  public CompletableFuture<Boolean> stop(Duration grace) {
    Checks.requireNonNegative(grace, "grace");
    synchronized (lifecycle) {
      state = State.STOPPED;
    }
    shared.stopping().set(true);
    for (Map.Entry<SourceRuntime<?>, PipelineTimer.Scheduled> next : nextRuns.entrySet()) {
      next.getValue().cancel();
      next.getKey().nextRunAt(null);
    }
    nextRuns.clear();
    for (SourceRuntime<?> source : sources) {
      source.abandonRetries();
    }
    List<CompletableFuture<SourceReport>> active = new ArrayList<>();
    for (SourceRuntime<?> source : sources) {
      CompletableFuture<SourceReport> run = source.current();
      if (run != null) {
        active.add(run);
      }
    }
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    if (active.isEmpty()) {
      result.complete(true);
      return result;
    }
    PipelineTimer.Scheduled deadline =
        shared
            .timer()
            .schedule(
                () -> {
                  shared.abandoning().set(true);
                  for (SourceRuntime<?> source : sources) {
                    source.cancelInFlight();
                  }
                  if (result.complete(false)) {
                    LOG.warn(
                        "pipeline {}: in-flight scopes did not finish within {}; cancelled",
                        name,
                        grace);
                  }
                },
                grace);
    CompletableFuture<Void> unused =
        CompletableFuture.allOf(active.toArray(CompletableFuture<?>[]::new))
            .whenComplete(
                (done, failure) -> {
                  deadline.cancel();
                  result.complete(true);
                });
    return result;
  }

  /**
   * Deletes one scope's watermark so its next run reads it from the beginning (a targeted
   * re-backfill), and clears its failures. Dead letters are kept.
   *
   * @param scope the scope, of one of this pipeline's sources
   * @param entityType the entity type of that source
   * @return true if a watermark was deleted
   * @throws IllegalArgumentException if no source of the pipeline reads that scope
   * @throws IllegalStateException if the source is running now
   */
  public boolean resetScope(EntityType entityType, ScopeKey scope) {
    SourceRuntime<?> source = sourceOf(entityType, scope.source());
    ScopeId key = ScopeId.of(tenant, entityType, scope);
    return source.whileIdle(
        "reset " + scope,
        () -> {
          boolean removed = watermarks.reset(key);
          source.forgetScope(scope);
          LOG.info(
              "pipeline {}: reset {} (watermark {})", name, key, removed ? "deleted" : "absent");
          return removed;
        });
  }

  /**
   * Deletes every watermark of one source so its next run re-backfills it, and clears its scopes'
   * failures.
   *
   * @param sourceId the source's id, e.g. {@code jira/issues}
   * @return how many watermarks were deleted
   * @throws IllegalArgumentException if there is no such source
   * @throws IllegalStateException if the source is running now
   */
  public int resetSource(String sourceId) {
    SourceRuntime<?> source = source(sourceId);
    return source.whileIdle(
        "reset source " + sourceId,
        () -> {
          int removed = 0;
          for (Watermark watermark :
              watermarks.list(tenant, source.entityType(), source.sourceName() + ":")) {
            if (watermarks.reset(watermark.key())) {
              removed++;
            }
            source.forgetScope(watermark.key().scope());
          }
          for (ScopeKey scope : source.scopesForStatus()) {
            source.forgetScope(scope);
          }
          LOG.info("pipeline {}: reset source {} ({} watermarks)", name, sourceId, removed);
          return removed;
        });
  }

  /**
   * Lists the dead letters of this pipeline's tenant.
   *
   * @return the letters, ordered by entity type, scope and natural key
   */
  public List<DeadLetter> deadLetters() {
    return deadLetters.list(tenant);
  }

  /**
   * Replays one scope's dead letters through its sink: stored letters are discarded, letters
   * rejected again gain an attempt, and letters without a payload (no codec) stay.
   *
   * @param entityType the entity type of the scope's source
   * @param scope the scope
   * @return what happened
   * @throws IllegalArgumentException if no source of the pipeline reads that scope
   */
  public DeadLetterReplay retryDeadLetters(EntityType entityType, ScopeKey scope) {
    return sourceOf(entityType, scope.source()).replay(ScopeId.of(tenant, entityType, scope));
  }

  /**
   * Gives up one dead letter.
   *
   * @param entityType the entity type
   * @param scope the scope
   * @param naturalKey the record's key
   * @return true if a letter was deleted
   */
  public boolean discardDeadLetter(EntityType entityType, ScopeKey scope, String naturalKey) {
    return deadLetters.discard(ScopeId.of(tenant, entityType, scope), naturalKey);
  }

  /**
   * Assembles the pipeline's status now: one bulk watermark read per source, the progress tracker's
   * snapshots, dead-letter counts and what the pipeline remembers of each scope's runs.
   *
   * @return an immutable status
   */
  public PipelineStatus status() {
    List<SourceFacts> facts = new ArrayList<>(sources.size());
    for (SourceRuntime<?> source : sources) {
      facts.add(factsOf(source));
    }
    return assembler.assemble(name, labels, annotations, facts, clock.instant());
  }

  private SourceFacts factsOf(SourceRuntime<?> source) {
    List<ScopeKey> scopes = source.scopesForStatus();
    EntityType entityType = source.entityType();
    Map<ScopeKey, Watermark> stored = Map.of();
    try {
      stored = watermarks.getAll(tenant, entityType, scopes);
    } catch (RuntimeException e) {
      LOG.debug("{}: watermarks unavailable for status", source.id(), e);
    }
    List<ScopeFacts> rows = new ArrayList<>(scopes.size());
    for (ScopeKey scope : scopes) {
      ScopeId key = ScopeId.of(tenant, entityType, scope);
      Watermark watermark = stored.getOrDefault(scope, Watermark.none(key));
      ScopeLedger.Facts ledger = source.ledger(scope).facts();
      long letters = 0;
      try {
        letters = deadLetters.count(key);
      } catch (RuntimeException e) {
        LOG.debug("{}: dead letters unavailable for status", key, e);
      }
      rows.add(
          new ScopeFacts(
              key,
              watermark,
              progressOf(entityType, scope),
              ledger.lastSuccessAt(),
              ledger.attempts(),
              ledger.consecutiveFailures(),
              ledger.lastError(),
              letters,
              ledger.reading(),
              ledger.retryAt()));
    }
    return new SourceFacts(
        source.id(),
        entityType,
        source.lastHealth(),
        source.lastStartedAt(),
        source.lastFinishedAt(),
        source.nextRunAt(),
        source.rateLimitedUntil(),
        source.lastError(),
        rows);
  }

  private @Nullable ProgressSnapshot progressOf(EntityType entityType, ScopeKey scope) {
    ProgressTracker progress = tracker;
    return progress == null ? null : progress.snapshot(tenant, entityType, scope).orElse(null);
  }

  private SourceRuntime<?> source(String sourceId) {
    for (SourceRuntime<?> source : sources) {
      if (source.id().equals(sourceId)) {
        return source;
      }
    }
    throw new IllegalArgumentException(
        "pipeline " + name + " has no source \"" + sourceId + "\"; it has " + sourceIds());
  }

  private SourceRuntime<?> sourceOf(EntityType entityType, String sourceName) {
    Objects.requireNonNull(entityType, "entityType");
    for (SourceRuntime<?> source : sources) {
      if (source.entityType().equals(entityType) && source.sourceName().equals(sourceName)) {
        return source;
      }
    }
    throw new IllegalArgumentException(
        "pipeline " + name + " has no source " + sourceName + "/" + entityType);
  }

  @Override
  public String toString() {
    return "Pipeline[" + name + ", tenant=" + tenant + ", sources=" + sourceIds() + "]";
  }

  /**
   * The default executor: a growing pool of daemon threads, so a hung scope never takes another's
   * thread.
   */
  private static final class DefaultExecutor {
    static final ExecutorService INSTANCE =
        Executors.newCachedThreadPool(
            new ThreadFactory() {
              private final AtomicInteger count = new AtomicInteger();

              @Override
              public Thread newThread(Runnable task) {
                Thread thread = new Thread(task, "pulse-pipeline-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              }
            });
  }

  /** A builder of {@link Pipeline}; each setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String tenant = Tenants.DEFAULT;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final Map<String, PipelineSource<?>> sources = new LinkedHashMap<>();
    private PulseClock clock = PulseClock.system();
    private @Nullable WatermarkStore watermarks;
    private DeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    private @Nullable ProgressTracker tracker;
    private Duration progressPollInterval = Duration.ofSeconds(5);
    private StatusThresholds thresholds = StatusThresholds.defaults();
    private @Nullable Executor executor;
    private int globalConcurrency = 8;
    private RetryPolicy retry = RetryPolicy.defaults();
    private PipelineTimer timer = PipelineTimer.system();
    private RandomGenerator random = new SplittableRandom();
    private PipelineListener listener = PipelineListener.NONE;

    private Builder(String name) {
      this.name = requireName(name);
    }

    /**
     * Checks a pipeline name.
     *
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException if not 1 to 64 of {@code [a-z0-9_.-]}, starting with a
     *     letter or digit
     */
    static String requireName(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
        throw new IllegalArgumentException(
            "name must match [a-z0-9][a-z0-9_.-]{0,63} but was \"" + name + "\"");
      }
      return name;
    }

    /**
     * Sets the tenant whose watermarks are read and advanced.
     *
     * @param tenant the tenant
     * @return this builder
     */
    public Builder tenant(String tenant) {
      this.tenant = Tenants.requireValid(tenant);
      return this;
    }

    /**
     * Adds a label used for selection.
     *
     * @param key a label key (see {@link LabelSelector})
     * @param value a label value, possibly empty
     * @return this builder
     * @throws IllegalArgumentException if the key or value is malformed
     */
    public Builder label(String key, String value) {
      labels.put(LabelSelector.requireKey(key), LabelSelector.requireValue(value));
      return this;
    }

    /**
     * Adds an annotation: free text shown in the status and never used for selection.
     *
     * @param key a label key
     * @param value any text up to 1,000 characters
     * @return this builder
     * @throws IllegalArgumentException if the key is malformed or the value too long
     */
    public Builder annotation(String key, String value) {
      Objects.requireNonNull(value, "value");
      if (value.length() > 1_000) {
        throw new IllegalArgumentException(
            "annotation value must be at most 1000 characters but had " + value.length());
      }
      annotations.put(LabelSelector.requireKey(key), value);
      return this;
    }

    /**
     * Adds a source.
     *
     * @param source the source
     * @return this builder
     * @throws IllegalArgumentException if a source with the same id was added
     */
    public Builder source(PipelineSource<?> source) {
      Objects.requireNonNull(source, "source");
      if (sources.putIfAbsent(source.id(), source) != null) {
        throw new IllegalArgumentException("source " + source.id() + " was added twice");
      }
      return this;
    }

    /**
     * Sets the watermark store; required.
     *
     * @param watermarks the store
     * @return this builder
     */
    public Builder watermarks(WatermarkStore watermarks) {
      this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
      return this;
    }

    /**
     * Sets the dead-letter store; the default is a new {@link InMemoryDeadLetterStore}.
     *
     * @param deadLetters the store
     * @return this builder
     */
    public Builder deadLetters(DeadLetterStore deadLetters) {
      this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
      return this;
    }

    /**
     * Sets the progress tracker the pipeline drives and shows in its status; none by default.
     *
     * @param tracker the tracker, which should share this pipeline's clock
     * @return this builder
     */
    public Builder progress(ProgressTracker tracker) {
      this.tracker = Objects.requireNonNull(tracker, "tracker");
      return this;
    }

    /**
     * Sets how often a continuous pipeline polls its progress tracker.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder progressPollInterval(Duration interval) {
      this.progressPollInterval = Checks.requirePositive(interval, "progressPollInterval");
      return this;
    }

    /**
     * Sets the thresholds of the status's health.
     *
     * @param thresholds the thresholds
     * @return this builder
     */
    public Builder thresholds(StatusThresholds thresholds) {
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    /**
     * Sets the executor that runs sources and scopes; it needs a thread per concurrent scope
     * (virtual threads suit it). The default is a shared, growing pool of daemon threads.
     *
     * @param executor the executor; the pipeline never shuts it down
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Runs sources and scopes on virtual threads, one per task, when the JDK has them (Java 21 and
     * later). Without this the default is platform daemon threads.
     *
     * @return this builder
     * @throws UnsupportedOperationException on a JDK without virtual threads
     */
    public Builder virtualThreads() {
      try {
        // Reflection keeps the Java 17 baseline: the method exists from Java 21 on.
        Object created = Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        this.executor = (Executor) Objects.requireNonNull(created);
      } catch (NoSuchMethodException e) {
        throw new UnsupportedOperationException(
            "virtual threads need Java 21 or later; this JDK is " + Runtime.version(), e);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the virtual-thread executor could not be created", e);
      }
      return this;
    }

    /**
     * Sets how many scopes of all sources may be read at once.
     *
     * @param limit between 1 and 10,000
     * @return this builder
     */
    public Builder globalConcurrency(int limit) {
      this.globalConcurrency = (int) Checks.requireBetween(limit, 1, 10_000, "globalConcurrency");
      return this;
    }

    /**
     * Sets the retry policy of failed scopes.
     *
     * @param retry the policy
     * @return this builder
     */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the timer every wait is scheduled on.
     *
     * @param timer the timer
     * @return this builder
     */
    public Builder timer(PipelineTimer timer) {
      this.timer = Objects.requireNonNull(timer, "timer");
      return this;
    }

    /**
     * Sets the source of jitter for retries and intervals.
     *
     * @param random the generator; used under a lock
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets the listener told about retries, scopes and sources.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(PipelineListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the pipeline; may be called more than once, each call giving an independent pipeline.
     *
     * @return the pipeline
     * @throws IllegalStateException if no watermark store was set
     */
    public Pipeline build() {
      Checks.requireSet(watermarks, "watermarks");
      return new Pipeline(this);
    }
  }
}
