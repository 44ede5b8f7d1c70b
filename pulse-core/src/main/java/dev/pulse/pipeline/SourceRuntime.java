package dev.pulse.pipeline;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.Position;
import dev.pulse.PulseException;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SinkException;
import dev.pulse.SourceException;
import dev.pulse.Watermark;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.IngestionReport;
import dev.pulse.engine.ScopeResult;
import dev.pulse.internal.Redaction;
import dev.pulse.spi.Connector;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.Sink;
import dev.pulse.status.ErrorEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source of a running pipeline: its runs, its scopes' ledgers, its in-flight engine runs and
 * pending retries. A source runs at most once at a time; the pipeline starts it.
 */
final class SourceRuntime<T> {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRuntime.class);
  private static final int MAX_MESSAGE = ErrorEnvelope.MAX_MESSAGE_LENGTH;
  // Health checks and scope listings run here, so a hung one can be timed out and abandoned.
  private static final java.util.concurrent.ExecutorService CALLS =
      java.util.concurrent.Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "pulse-source-call");
            thread.setDaemon(true);
            return thread;
          });

  final PipelineSource<T> spec;
  private final Shared shared;
  private final Connector<T> connector;
  private final ConcurrentMap<ScopeKey, ScopeLedger> ledgers = new ConcurrentHashMap<>();
  private final Set<Ingestion<T>> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<PendingRetry> retries = ConcurrentHashMap.newKeySet();
  private final AtomicReference<@Nullable CompletableFuture<SourceReport>> current =
      new AtomicReference<>();

  // Guarded by the dispatcher's lock.
  final ArrayDeque<ScopeTask> queue = new ArrayDeque<>();
  int active;

  private volatile @Nullable Health lastHealth;
  private volatile @Nullable ErrorEnvelope lastError;
  private volatile @Nullable Instant lastStartedAt;
  private volatile @Nullable Instant lastFinishedAt;
  private volatile @Nullable Instant nextRunAt;
  private final AtomicReference<@Nullable Instant> rateLimitedUntil = new AtomicReference<>();
  private volatile List<ScopeKey> knownScopes = List.of();

  SourceRuntime(PipelineSource<T> spec, Shared shared) {
    this.spec = spec;
    this.shared = shared;
    this.connector = spec.connector();
  }

  String id() {
    return spec.id();
  }

  EntityType entityType() {
    return connector.entityType();
  }

  String sourceName() {
    return connector.source();
  }

  /**
   * Starts one run of this source on the executor.
   *
   * @throws IllegalStateException if the source is running or being reset
   */
  CompletableFuture<SourceReport> run() {
    CompletableFuture<SourceReport> done = new CompletableFuture<>();
    if (!current.compareAndSet(null, done)) {
      throw new IllegalStateException("source " + id() + " is already running or being reset");
    }
    Instant startedAt = shared.clock().instant();
    lastStartedAt = startedAt;
    try {
      shared.executor().execute(() -> open(done, startedAt));
    } catch (RuntimeException e) {
      skip(done, startedAt, Health.down(ErrorCode.INTERNAL, "executor refused the run"), e);
    }
    return done;
  }

  @Nullable CompletableFuture<SourceReport> current() {
    return current.get();
  }

  /**
   * Runs an action while no run can start, e.g. a reset.
   *
   * @throws IllegalStateException if the source is running
   */
  <R> R whileIdle(String action, java.util.function.Supplier<R> body) {
    CompletableFuture<SourceReport> sentinel = new CompletableFuture<>();
    if (!current.compareAndSet(null, sentinel)) {
      throw new IllegalStateException(
          "cannot " + action + " while source " + id() + " is running; try when its run ends");
    }
    try {
      return body.get();
    } finally {
      current.set(null);
    }
  }

  private void open(CompletableFuture<SourceReport> done, Instant startedAt) {
    Health health;
    try {
      health =
          Objects.requireNonNull(
              timed("the health check", connector::checkHealth), "checkHealth returned null");
    } catch (RuntimeException e) {
      health = Health.down(codeOf(e), "health check failed: " + describe(e));
    }
    // A connector's detail is foreign text that reaches reports and status: made safe once, here.
    health = new Health(health.status(), safe(health.detail()), health.code());
    lastHealth = health;
    if (!health.isUsable()) {
      ErrorCode code = Objects.requireNonNullElse(health.code(), ErrorCode.SOURCE_UNAVAILABLE);
      LOG.warn("{}: unhealthy, skipping this run [{}]: {}", id(), code, health.detail());
      finishSkipped(
          done, startedAt, health, ErrorEnvelope.of(code, "unhealthy: " + health.detail()));
      return;
    }
    List<ScopeKey> scopes;
    try {
      List<ScopeKey> fixed = spec.fixedScopes();
      scopes =
          List.copyOf(fixed != null ? fixed : timed("scope discovery", connector::discoverScopes));
      for (ScopeKey scope : scopes) {
        if (!scope.source().equals(connector.source())) {
          throw new IllegalStateException(
              "discovered scope " + scope + " is not of source " + connector.source());
        }
      }
    } catch (RuntimeException e) {
      skip(done, startedAt, health, e);
      return;
    }
    knownScopes = scopes;
    Collection<Watermark> preloaded = List.of();
    try {
      preloaded = shared.watermarks().getAll(shared.tenant(), entityType(), scopes).values();
    } catch (RuntimeException e) {
      // Each scope then reads its own watermark; a store that is really down fails those reads.
      LOG.warn("{}: bulk watermark read failed; reading them one by one: {}", id(), describe(e));
    }
    lastError = null;
    Cycle cycle =
        new Cycle(
            done,
            startedAt,
            health,
            scopes,
            new PreloadedWatermarks(shared.watermarks(), preloaded));
    if (scopes.isEmpty()) {
      cycle.finish();
      return;
    }
    List<ScopeTask> tasks = new ArrayList<>(scopes.size());
    for (ScopeKey scope : scopes) {
      ledger(scope).queued();
      tasks.add(new Attempt(cycle, scope, 1, 0, 0));
    }
    shared.dispatcher().submitAll(this, tasks);
  }

  private void skip(
      CompletableFuture<SourceReport> done, Instant startedAt, Health health, Exception e) {
    ErrorCode code = codeOf(e);
    LOG.warn("{}: scopes could not be listed, skipping this run [{}]: {}", id(), code, describe(e));
    LOG.debug("{}: scope listing failure", id(), e);
    finishSkipped(
        done, startedAt, health, ErrorEnvelope.of(code, "scope discovery failed: " + describe(e)));
  }

  private void finishSkipped(
      CompletableFuture<SourceReport> done, Instant startedAt, Health health, ErrorEnvelope error) {
    lastError = error;
    SourceReport report =
        new SourceReport(
            id(), entityType(), health, error, List.of(), startedAt, shared.clock().instant());
    complete(done, report);
  }

  private void complete(CompletableFuture<SourceReport> done, SourceReport report) {
    lastFinishedAt = report.finishedAt();
    notify(() -> shared.listener().sourceFinished(report));
    // Cleared before completing, so a dependent that starts the next run finds the source idle.
    current.compareAndSet(done, null);
    done.complete(report);
  }

  private void attempt(Attempt task) {
    ScopeId key = ScopeId.of(shared.tenant(), entityType(), task.scope);
    if (shared.stopping().get()) {
      finishScope(task, cancelled(key, task.cycle), task.items, task.deadLetters, task.attempt - 1);
      return;
    }
    ScopeLedger ledger = ledger(task.scope);
    ledger.attemptStarted(task.attempt);
    AtomicLong letters = new AtomicLong();
    Ingestion<T> ingestion =
        Ingestion.builder(
                new CheckedConnector<>(connector, task.cycle.health),
                deadLetteringSink(letters),
                task.cycle.watermarks)
            .tenant(shared.tenant())
            .clock(shared.clock())
            .readOptions(spec.readOptions())
            .listener(new CountingLetters(shared.engineListener(), letters))
            .deadLetters(shared.deadLetters())
            .preCountBudget(spec.preCountBudget())
            .scopes(List.of(task.scope))
            .build();
    inFlight.add(ingestion);
    ScopeResult result;
    try {
      if (shared.abandoning().get()) {
        result = cancelled(key, task.cycle);
      } else {
        IngestionReport report = ingestion.run();
        result =
            report.scopes().isEmpty()
                ? new ScopeResult(
                    key,
                    ScopeResult.Outcome.FAILED,
                    0,
                    0,
                    storedWatermark(key),
                    Objects.requireNonNullElse(report.health().code(), ErrorCode.INTERNAL),
                    "the engine read no scope: " + report.health().detail())
                : report.scopes().get(0);
      }
    } catch (RuntimeException e) {
      LOG.debug("{}: engine run failed", key, e);
      result =
          new ScopeResult(
              key,
              ScopeResult.Outcome.FAILED,
              0,
              0,
              storedWatermark(key),
              ErrorCode.INTERNAL,
              describe(e));
    } finally {
      inFlight.remove(ingestion);
    }
    noteRateLimit(result.resumeAt());
    long items = task.items + result.itemsStored();
    long deadLetters = task.deadLetters + letters.get();
    if (result.outcome() == ScopeResult.Outcome.FAILED
        && task.attempt < retryPolicy().maxAttempts()
        && !shared.stopping().get()
        && isRetryable(result.errorCode())) {
      scheduleRetry(task, key, result, items, deadLetters);
      return;
    }
    finishScope(task, result, items, deadLetters);
  }

  private void scheduleRetry(
      Attempt task, ScopeId key, ScopeResult result, long items, long deadLetters) {
    Duration backoff = shared.backoff(retryPolicy(), task.attempt);
    Instant resumeAt = result.resumeAt();
    boolean waitsForSource = result.errorCode() == ErrorCode.RATE_LIMITED && resumeAt != null;
    // Asking again before the source's resume time only earns another refusal.
    Duration untilResume =
        waitsForSource ? Duration.between(shared.clock().instant(), resumeAt) : Duration.ZERO;
    Duration delay = untilResume.compareTo(backoff) > 0 ? untilResume : backoff;
    ErrorEnvelope error = envelopeOf(result);
    ledger(task.scope).retryScheduled(error, shared.clock().instant().plus(delay));
    Attempt next = new Attempt(task.cycle, task.scope, task.attempt + 1, items, deadLetters);
    PendingRetry pending = new PendingRetry(next, result, waitsForSource);
    retries.add(pending);
    if (waitsForSource) {
      // The scope waits for its source, not for nothing: progress shows it rate-limited until the
      // retry, never failed or stalled in between.
      Instant retryAt = shared.clock().instant().plus(delay);
      notify(() -> shared.engineListener().sourceWaiting(key, retryAt, "rate limited"));
    }
    LOG.info("{}: attempt {} failed [{}]; retrying in {}", key, task.attempt, error.code(), delay);
    notify(() -> shared.listener().retryScheduled(key, next.attempt, delay, error));
    pending.handle =
        shared
            .timer()
            .schedule(
                () -> {
                  if (pending.claim()) {
                    retries.remove(pending);
                    shared.dispatcher().submit(this, next);
                  }
                },
                delay);
    if (shared.stopping().get()) {
      abandonRetries();
    }
  }

  /** Ends every pending retry now with its last failure; used by stop. */
  void abandonRetries() {
    for (PendingRetry pending : List.copyOf(retries)) {
      if (pending.claim()) {
        retries.remove(pending);
        PipelineTimer.Scheduled handle = pending.handle;
        if (handle != null) {
          handle.cancel();
        }
        Attempt task = pending.next;
        if (pending.waitReported) {
          // The wait started the scope's progress again; the abandoned retry ends it.
          notify(() -> shared.engineListener().scopeFinished(pending.last));
        }
        finishScope(task, pending.last, task.items, task.deadLetters, task.attempt - 1);
      }
    }
  }

  /** Asks every in-flight engine run to stop after its current batch. */
  void cancelInFlight() {
    for (Ingestion<T> ingestion : inFlight) {
      ingestion.cancel();
    }
  }

  private void finishScope(Attempt task, ScopeResult result, long items, long deadLetters) {
    finishScope(task, result, items, deadLetters, task.attempt);
  }

  private void finishScope(
      Attempt task, ScopeResult result, long items, long deadLetters, int attempts) {
    ErrorEnvelope error = result.outcome() == ScopeResult.Outcome.DONE ? null : envelopeOf(result);
    ScopeRun run =
        new ScopeRun(
            result.key(),
            result.outcome(),
            attempts,
            items,
            deadLetters,
            result.watermark(),
            error);
    ledger(task.scope).finished(run, shared.clock().instant());
    notify(() -> shared.listener().scopeFinished(run));
    task.cycle.record(task.scope, run);
  }

  private ScopeResult cancelled(ScopeId key, Cycle cycle) {
    Watermark watermark;
    try {
      watermark = cycle.watermarks.get(key);
    } catch (RuntimeException e) {
      watermark = Watermark.none(key);
    }
    return new ScopeResult(
        key, ScopeResult.Outcome.CANCELLED, 0, 0, watermark, ErrorCode.CANCELLED, "stopped");
  }

  private Watermark storedWatermark(ScopeId key) {
    try {
      return shared.watermarks().get(key);
    } catch (RuntimeException e) {
      return Watermark.none(key);
    }
  }

  private Sink<T> deadLetteringSink(AtomicLong letters) {
    RejectingSink<T> sink = spec.sink();
    return (key, batch) -> {
      Collector<T> rejected = new Collector<>();
      try {
        sink.write(key, batch, rejected);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        // The engine logs and reports a sink failure's message: it is made safe here first.
        throw new SinkException(key.scope(), sinkFailure(key, e), e);
      }
      Instant now = shared.clock().instant();
      for (Rejected<T> r : rejected.snapshot()) {
        shared
            .deadLetters()
            .record(key, naturalKeyOf(r.item), r.code, r.message, encode(r.item), now);
        letters.incrementAndGet();
      }
    };
  }

  /**
   * Replays the dead letters of one scope through the sink; letters stored are discarded, letters
   * rejected again gain an attempt.
   */
  DeadLetterReplay replay(ScopeId key) {
    Function<String, ? extends T> decoder = spec.decoder();
    List<DeadLetter> letters = shared.deadLetters().list(key);
    List<T> items = new ArrayList<>();
    Map<T, DeadLetter> byItem = new LinkedHashMap<>();
    int notReplayable = 0;
    for (DeadLetter letter : letters) {
      String payload = letter.payload();
      if (decoder == null || payload == null) {
        notReplayable++;
        continue;
      }
      try {
        T item = Objects.requireNonNull(decoder.apply(payload), "decoder returned null");
        items.add(item);
        byItem.put(item, letter);
      } catch (RuntimeException e) {
        notReplayable++;
        LOG.warn(
            "{}: dead letter {} could not be decoded: {}", key, letter.naturalKey(), describe(e));
      }
    }
    if (items.isEmpty()) {
      return new DeadLetterReplay(key, 0, 0, notReplayable, null);
    }
    Watermark watermark = storedWatermark(key);
    Position position = watermark.position();
    if (position == null) {
      return new DeadLetterReplay(
          key,
          0,
          0,
          letters.size(),
          ErrorEnvelope.of(
              ErrorCode.INVALID_CONFIG, "scope " + key.scope() + " has no watermark to replay at"));
    }
    Collector<T> rejected = new Collector<>();
    try {
      spec.sink().write(key, new Batch<>(key.scope(), items, position, 0), rejected);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new DeadLetterReplay(
          key, 0, 0, notReplayable, ErrorEnvelope.of(ErrorCode.SINK_FAILED, describe(e)));
    }
    Instant now = shared.clock().instant();
    Set<T> again = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Rejected<T> r : rejected.snapshot()) {
      again.add(r.item);
      DeadLetter letter = byItem.get(r.item);
      String naturalKey = letter != null ? letter.naturalKey() : naturalKeyOf(r.item);
      shared.deadLetters().record(key, naturalKey, r.code, r.message, encode(r.item), now);
    }
    int stored = 0;
    for (Map.Entry<T, DeadLetter> entry : byItem.entrySet()) {
      if (!again.contains(entry.getKey())) {
        shared.deadLetters().discard(key, entry.getValue().naturalKey());
        stored++;
      }
    }
    return new DeadLetterReplay(key, stored, again.size(), notReplayable, null);
  }

  private static String sinkFailure(ScopeId key, Exception e) {
    if (e instanceof SinkException) {
      String prefix = "sink failed for " + key.scope() + ": ";
      String message = String.valueOf(e.getMessage());
      return safe(message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
    return describe(e);
  }

  private String naturalKeyOf(T item) {
    try {
      String key = spec.naturalKey().apply(item);
      if (key != null && !key.isBlank()) {
        return key;
      }
    } catch (RuntimeException e) {
      LOG.debug("{}: natural key function failed", id(), e);
    }
    return "item@" + System.identityHashCode(item);
  }

  private @Nullable String encode(T item) {
    Function<? super T, String> encoder = spec.encoder();
    if (encoder == null) {
      return null;
    }
    try {
      return encoder.apply(item);
    } catch (RuntimeException e) {
      LOG.debug("{}: dead letter encoder failed", id(), e);
      return null;
    }
  }

  private RetryPolicy retryPolicy() {
    return spec.retry().orElse(shared.retry());
  }

  /**
   * Runs a call into the connector on its own thread and waits at most the source's discovery
   * timeout, measured on the pipeline's timer, so a hung health check or scope listing skips the
   * source for this run instead of holding its run forever.
   */
  private <R> R timed(String what, java.util.concurrent.Callable<R> call) {
    CompletableFuture<R> outcome = new CompletableFuture<>();
    Duration timeout = spec.discoveryTimeout();
    // The deadline is armed before the call starts, so the timeout covers the whole call even when
    // the call begins (and a test observes it) before this thread gets to schedule anything.
    PipelineTimer.Scheduled deadline =
        shared
            .timer()
            .schedule(
                () ->
                    outcome.completeExceptionally(
                        new SourceException(
                            ErrorCode.TIMED_OUT,
                            sourceName(),
                            null,
                            what + " took longer than " + timeout,
                            null)),
                timeout);
    java.util.concurrent.Future<?> running;
    try {
      running =
          CALLS.submit(
              () -> {
                try {
                  outcome.complete(call.call());
                } catch (Throwable e) {
                  outcome.completeExceptionally(e);
                }
              });
    } catch (RuntimeException e) {
      deadline.cancel();
      throw new IllegalStateException(what + " could not be started: " + describe(e), e);
    }
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(
          ErrorCode.CANCELLED, sourceName(), null, what + " was interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new SourceException(
          ErrorCode.SOURCE_UNAVAILABLE,
          sourceName(),
          null,
          what + " failed: " + cause.getClass().getSimpleName(),
          cause);
    } finally {
      deadline.cancel();
      running.cancel(true);
    }
  }

  ScopeLedger ledger(ScopeKey scope) {
    return ledgers.computeIfAbsent(scope, s -> new ScopeLedger());
  }

  List<ScopeKey> scopesForStatus() {
    java.util.TreeSet<ScopeKey> all = new java.util.TreeSet<>(ledgers.keySet());
    all.addAll(knownScopes);
    return List.copyOf(all);
  }

  void forgetScope(ScopeKey scope) {
    ScopeLedger ledger = ledgers.get(scope);
    if (ledger != null) {
      ledger.reset();
    }
  }

  @Nullable Health lastHealth() {
    return lastHealth;
  }

  @Nullable ErrorEnvelope lastError() {
    return lastError;
  }

  // Scopes of one source run concurrently; the latest resume time is the one that holds them all.
  private void noteRateLimit(@Nullable Instant resumeAt) {
    if (resumeAt != null) {
      rateLimitedUntil.accumulateAndGet(
          resumeAt, (known, next) -> known == null || next.isAfter(known) ? next : known);
    }
  }

  /** Returns when the source said it may be asked again, while that is still ahead; else null. */
  @Nullable Instant rateLimitedUntil() {
    Instant until = rateLimitedUntil.get();
    return until != null && until.isAfter(shared.clock().instant()) ? until : null;
  }

  @Nullable Instant lastStartedAt() {
    return lastStartedAt;
  }

  @Nullable Instant lastFinishedAt() {
    return lastFinishedAt;
  }

  @Nullable Instant nextRunAt() {
    return nextRunAt;
  }

  void nextRunAt(@Nullable Instant at) {
    nextRunAt = at;
  }

  private static boolean isRetryable(@Nullable ErrorCode code) {
    // Retrying cannot fix bad credentials, configuration or keys; it only hammers the source.
    return code != null
        && code != ErrorCode.CANCELLED
        && code != ErrorCode.AUTH_FAILED
        && code != ErrorCode.INVALID_CONFIG
        && code != ErrorCode.INVALID_SCOPE_KEY
        && code != ErrorCode.SCOPE_NOT_FOUND;
  }

  private static ErrorEnvelope envelopeOf(ScopeResult result) {
    ErrorCode code = Objects.requireNonNullElse(result.errorCode(), ErrorCode.INTERNAL);
    String error = result.error();
    return ErrorEnvelope.of(code, error != null ? error : code.name());
  }

  static ErrorCode codeOf(Exception e) {
    return e instanceof PulseException pulse ? pulse.code() : ErrorCode.INTERNAL;
  }

  /** Pulse's own messages are vouched for; a foreign one may carry secrets, so only its type. */
  static String describe(Exception e) {
    return e instanceof PulseException
        ? Redaction.describe(e, MAX_MESSAGE)
        : e.getClass().getSimpleName();
  }

  private static String safe(String text) {
    return Objects.requireNonNullElse(Redaction.sanitize(text, MAX_MESSAGE), "");
  }

  private static void notify(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("a pipeline listener failed; the pipeline continues: {}", describe(e));
      LOG.debug("pipeline listener failure", e);
    }
  }

  /** One run of this source over its scopes. */
  private final class Cycle {
    final CompletableFuture<SourceReport> done;
    final Instant startedAt;
    final Health health;
    final List<ScopeKey> scopes;
    final PreloadedWatermarks watermarks;
    final Map<ScopeKey, ScopeRun> runs = new ConcurrentHashMap<>();
    final AtomicInteger remaining;
    final AtomicBoolean finished = new AtomicBoolean();

    Cycle(
        CompletableFuture<SourceReport> done,
        Instant startedAt,
        Health health,
        List<ScopeKey> scopes,
        PreloadedWatermarks watermarks) {
      this.done = done;
      this.startedAt = startedAt;
      this.health = health;
      this.scopes = scopes;
      this.watermarks = watermarks;
      this.remaining = new AtomicInteger(scopes.size());
    }

    void record(ScopeKey scope, ScopeRun run) {
      if (runs.putIfAbsent(scope, run) == null && remaining.decrementAndGet() == 0) {
        finish();
      }
    }

    void finish() {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      List<ScopeRun> ordered = new ArrayList<>(scopes.size());
      for (ScopeKey scope : scopes) {
        ScopeRun run = runs.get(scope);
        if (run != null) {
          ordered.add(run);
        }
      }
      complete(
          done,
          new SourceReport(
              id(), entityType(), health, null, ordered, startedAt, shared.clock().instant()));
    }
  }

  /** An attempt at one scope in one cycle, with what earlier attempts of the cycle stored. */
  private final class Attempt implements ScopeTask {
    final Cycle cycle;
    final ScopeKey scope;
    final int attempt;
    final long items;
    final long deadLetters;

    Attempt(Cycle cycle, ScopeKey scope, int attempt, long items, long deadLetters) {
      this.cycle = cycle;
      this.scope = scope;
      this.attempt = attempt;
      this.items = items;
      this.deadLetters = deadLetters;
    }

    @Override
    public void run() {
      attempt(this);
    }

    @Override
    public void rejected(RuntimeException cause) {
      ScopeId key = ScopeId.of(shared.tenant(), entityType(), scope);
      finishScope(
          this,
          new ScopeResult(
              key,
              ScopeResult.Outcome.FAILED,
              0,
              0,
              storedWatermark(key),
              ErrorCode.INTERNAL,
              "the pipeline's executor refused the scope: " + describe(cause)),
          items,
          deadLetters,
          attempt - 1);
    }
  }

  /** A retry waiting on the timer; exactly one of the timer and a stop claims it. */
  private final class PendingRetry {
    final Attempt next;
    final ScopeResult last;
    final boolean waitReported;
    final AtomicBoolean claimed = new AtomicBoolean();
    volatile PipelineTimer.@Nullable Scheduled handle;

    PendingRetry(Attempt next, ScopeResult last, boolean waitReported) {
      this.next = next;
      this.last = last;
      this.waitReported = waitReported;
    }

    boolean claim() {
      return claimed.compareAndSet(false, true);
    }
  }

  private record Rejected<T>(T item, ErrorCode code, String message) {}

  /** Forwards to the pipeline's engine listener and counts the connector's dead letters. */
  private static final class CountingLetters implements dev.pulse.engine.IngestionListener {
    private final dev.pulse.engine.IngestionListener delegate;
    private final AtomicLong letters;

    CountingLetters(dev.pulse.engine.IngestionListener delegate, AtomicLong letters) {
      this.delegate = delegate;
      this.letters = letters;
    }

    @Override
    public void scopeStarted(Watermark from, dev.pulse.ItemCount estimate) {
      delegate.scopeStarted(from, estimate);
    }

    @Override
    public void scopeEstimated(ScopeId key, dev.pulse.ItemCount estimate) {
      delegate.scopeEstimated(key, estimate);
    }

    @Override
    public void batchStored(Batch<?> batch, Watermark watermark) {
      delegate.batchStored(batch, watermark);
    }

    @Override
    public void sourceWaiting(ScopeId key, Instant resumeAt, String reason) {
      delegate.sourceWaiting(key, resumeAt, reason);
    }

    @Override
    public void sourceResumed(ScopeId key) {
      delegate.sourceResumed(key);
    }

    @Override
    public void deadLettered(ScopeId key, String naturalKey, ErrorCode code) {
      // Counted first: the letter is already stored, whatever the delegate does.
      letters.incrementAndGet();
      delegate.deadLettered(key, naturalKey, code);
    }

    @Override
    public void scopeFinished(ScopeResult result) {
      delegate.scopeFinished(result);
    }

    @Override
    public void sourceSkipped(String source, EntityType entityType, Health health) {
      delegate.sourceSkipped(source, entityType, health);
    }
  }

  /** Collects a sink's rejections during one write. */
  private static final class Collector<T> implements Rejections<T> {
    private final List<Rejected<T>> rejected = new ArrayList<>();

    @Override
    public synchronized void reject(T item, ErrorCode code, String message) {
      rejected.add(
          new Rejected<>(
              Objects.requireNonNull(item, "item"),
              Objects.requireNonNull(code, "code"),
              Objects.requireNonNull(message, "message")));
    }

    synchronized List<Rejected<T>> snapshot() {
      return List.copyOf(rejected);
    }
  }
}
