package dev.pulse.micrometer;

import static dev.pulse.micrometer.MeterNames.CODE;
import static dev.pulse.micrometer.MeterNames.ENTITY_TYPE;
import static dev.pulse.micrometer.MeterNames.OUTCOME;
import static dev.pulse.micrometer.MeterNames.PIPELINE;
import static dev.pulse.micrometer.MeterNames.SOURCE;
import static dev.pulse.micrometer.MeterNames.TENANT;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.model.internal.Checks;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineListener;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.pipeline.RejectingSink;
import dev.pulse.pipeline.ScopeRun;
import dev.pulse.pipeline.SourceReport;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Sink;
import dev.pulse.status.ErrorEnvelope;
import dev.pulse.status.PipelineStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Micrometer metrics of one {@link Pipeline}: what its sources fetched and wrote, how its runs
 * ended, and gauges read from its {@link PipelineStatus}, on a {@link MeterRegistry} the user
 * brings.
 *
 * <p>Three bindings, each optional:
 *
 * <ul>
 *   <li>{@link #listener()} for {@link Pipeline.Builder#listener}: scope runs by outcome, errors by
 *       {@link ErrorCode}, retries, dead letters and each source's run duration;
 *   <li>{@link #connector} and {@link #sink} (or {@link #source}, both at once) around a source's
 *       connector and sink: fetch and write latency (timers with fixed histogram buckets), batches,
 *       items ingested and rate-limit refusals;
 *   <li>{@link #monitor(Pipeline)} (or any status supplier): gauges of scopes by health, watermark
 *       age and lag, dead letters kept and rate-limit resume time per source and, unless {@link
 *       Builder#scopeTag(boolean) turned off}, per scope.
 * </ul>
 *
 * <p>Every meter carries the tags {@code pipeline}, {@code tenant}, {@code source} and {@code
 * entity_type}, all bounded by configuration; {@code code} takes the {@link ErrorCode} names and
 * {@code outcome} and {@code health} a few fixed values. Only the {@code pulse.scope.*} gauges
 * carry {@code scope}, whose cardinality is the number of scopes: a fleet of thousands turns them
 * off with {@link Builder#scopeTag(boolean) scopeTag(false)} and keeps the per-source aggregates.
 * Use one instance per pipeline and registry, and the same {@code scopeTag} for every pipeline of a
 * registry (Prometheus requires one tag set per name).
 *
 * <p>Thread-safe. Status gauges re-read the status at most once per {@link
 * Builder#statusRefresh(Duration)} when the registry reads them, and after each source's run;
 * gauges of scopes that disappear from the status are removed.
 */
public final class PipelineMetrics {
  private final MeterRegistry registry;
  private final String pipeline;
  private final String tenant;
  private final boolean scopeTag;
  private final PulseClock clock;
  private final Duration statusRefresh;
  private final PipelineListener listener = new Listener();
  private final AtomicReference<@Nullable StatusGauges> gauges = new AtomicReference<>();
  private final Map<String, WriteMeters> writeMeters = new ConcurrentHashMap<>();

  private PipelineMetrics(Builder builder) {
    this.registry = builder.registry;
    this.pipeline = builder.pipeline;
    this.tenant = builder.tenant;
    this.scopeTag = builder.scopeTag;
    this.clock = builder.clock;
    this.statusRefresh = builder.statusRefresh;
  }

  /**
   * Starts a builder.
   *
   * @param registry where the meters go
   * @param pipeline the name of the pipeline measured, the {@code pipeline} tag
   * @return a builder
   */
  public static Builder builder(MeterRegistry registry, String pipeline) {
    return new Builder(registry, pipeline);
  }

  /**
   * Returns the listener to give {@link Pipeline.Builder#listener}.
   *
   * @return the listener, the same on every call
   */
  public PipelineListener listener() {
    return listener;
  }

  /**
   * Wraps a connector so each page fetch is timed ({@code pulse.fetch}, by {@code outcome}) and a
   * rate-limit refusal counted ({@code pulse.rate.limited}). Everything else is forwarded.
   *
   * @param connector the connector
   * @param <T> the item type
   * @return the timed connector
   */
  public <T> Connector<T> connector(Connector<T> connector) {
    Objects.requireNonNull(connector, "connector");
    Tags tags = sourceTags(connector.source(), connector.entityType().name());
    return new TimedConnector<>(
        connector,
        clock,
        timer(MeterNames.FETCH, "time to fetch one page", tags.and(OUTCOME, MeterNames.SUCCESS)),
        timer(MeterNames.FETCH, "time to fetch one page", tags.and(OUTCOME, MeterNames.FAILURE)),
        Counter.builder(MeterNames.RATE_LIMITED)
            .description("fetches the source refused with RATE_LIMITED")
            .tags(tags)
            .register(registry));
  }

  /**
   * Wraps a sink so each batch write is timed ({@code pulse.write}, by {@code outcome}) and stored
   * batches and items are counted ({@code pulse.batches}, {@code pulse.items.ingested}).
   *
   * @param sink the sink
   * @param <T> the item type
   * @return the timed sink
   */
  public <T> Sink<T> sink(Sink<T> sink) {
    Objects.requireNonNull(sink, "sink");
    return (key, batch) -> write(key, batch, () -> 0, () -> sink.write(key, batch));
  }

  /**
   * Wraps a rejecting sink as {@link #sink} does; rejected records are not counted as ingested.
   *
   * @param sink the sink
   * @param <T> the item type
   * @return the timed sink
   */
  public <T> RejectingSink<T> rejectingSink(RejectingSink<T> sink) {
    Objects.requireNonNull(sink, "sink");
    return (key, batch, rejections) -> {
      AtomicInteger rejected = new AtomicInteger();
      write(
          key,
          batch,
          rejected::get,
          () ->
              sink.write(
                  key,
                  batch,
                  (item, code, message) -> {
                    rejected.incrementAndGet();
                    rejections.reject(item, code, message);
                  }));
    };
  }

  /**
   * Starts a pipeline source whose connector and sink are both measured.
   *
   * @param connector the connector
   * @param sink the sink
   * @param <T> the item type
   * @return a source builder, as {@link PipelineSource#of} returns
   */
  public <T> PipelineSource.Builder<T> source(Connector<T> connector, Sink<T> sink) {
    return PipelineSource.of(connector(connector), sink(sink));
  }

  /**
   * Registers the status gauges of a pipeline.
   *
   * @param pipeline the pipeline, whose name and tenant must be this instance's
   * @throws IllegalArgumentException if its name or tenant differ
   * @throws IllegalStateException if a status is already monitored
   */
  public void monitor(Pipeline pipeline) {
    Objects.requireNonNull(pipeline, "pipeline");
    if (!pipeline.name().equals(this.pipeline) || !pipeline.tenant().equals(tenant)) {
      throw new IllegalArgumentException(
          "pipeline must be "
              + this.pipeline
              + " of tenant "
              + tenant
              + " but was "
              + pipeline.name()
              + " of tenant "
              + pipeline.tenant());
    }
    monitor(pipeline::status);
  }

  /**
   * Registers the status gauges read from a status supplier, such as a pipeline's {@code status()}
   * or a status read back from a store.
   *
   * @param status gives the current status; called at most once per refresh interval
   * @throws IllegalStateException if a status is already monitored
   */
  public void monitor(Supplier<PipelineStatus> status) {
    Objects.requireNonNull(status, "status");
    StatusGauges created =
        new StatusGauges(registry, baseTags(), scopeTag, clock, statusRefresh, status);
    if (!gauges.compareAndSet(null, created)) {
      throw new IllegalStateException("pipeline " + pipeline + " is already monitored");
    }
    created.refresh();
  }

  /**
   * Reads the status now, updating the gauges and adding or removing per-scope gauges; a no-op
   * before {@link #monitor}. A status supplier that throws leaves the last values in place.
   */
  public void refresh() {
    StatusGauges current = gauges.get();
    if (current != null) {
      current.refresh();
    }
  }

  @Override
  public String toString() {
    return "PipelineMetrics[" + pipeline + ", tenant=" + tenant + ", scopeTag=" + scopeTag + "]";
  }

  Tags baseTags() {
    return Tags.of(PIPELINE, pipeline, TENANT, tenant);
  }

  Tags sourceTags(String source, String entityType) {
    return baseTags().and(SOURCE, source, ENTITY_TYPE, entityType);
  }

  Tags sourceTags(ScopeId key) {
    return sourceTags(key.scope().source(), key.entityType().name());
  }

  Timer timer(String name, String description, Tags tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(MeterNames.CALL_BUCKETS)
        .register(registry);
  }

  private void countError(Tags tags, ErrorCode code) {
    Counter.builder(MeterNames.ERRORS)
        .description("failed scope runs and skipped source runs, by error code")
        .tags(tags.and(CODE, code.name()))
        .register(registry)
        .increment();
  }

  /** Splits a source id, {@code <source>/<entity type>}, into its two tags. */
  static Tags sourceIdTags(Tags base, String sourceId, EntityType entityType) {
    int slash = sourceId.lastIndexOf('/');
    String source = slash < 0 ? sourceId : sourceId.substring(0, slash);
    return base.and(SOURCE, source, ENTITY_TYPE, entityType.name());
  }

  private final class Listener implements PipelineListener {
    @Override
    public void retryScheduled(ScopeId key, int nextAttempt, Duration delay, ErrorEnvelope error) {
      Counter.builder(MeterNames.RETRIES)
          .description("retries of failed scopes, by the code of the failure retried")
          .tags(sourceTags(key).and(CODE, error.code().name()))
          .register(registry)
          .increment();
    }

    @Override
    public void scopeFinished(ScopeRun run) {
      Tags tags = sourceTags(run.key());
      Counter.builder(MeterNames.RUNS)
          .description("scope runs, after their retries, by outcome")
          .tags(tags.and(OUTCOME, run.outcome().name()))
          .register(registry)
          .increment();
      ErrorEnvelope error = run.error();
      if (run.outcome() == dev.pulse.engine.ScopeResult.Outcome.FAILED && error != null) {
        countError(tags, error.code());
      }
      if (run.deadLetters() > 0) {
        Counter.builder(MeterNames.DEAD_LETTERS)
            .description("records a sink rejected, kept as dead letters")
            .tags(tags)
            .register(registry)
            .increment((double) run.deadLetters());
      }
    }

    @Override
    public void sourceFinished(SourceReport report) {
      Tags tags = sourceIdTags(baseTags(), report.source(), report.entityType());
      Timer.builder(MeterNames.SOURCE_RUN)
          .description("time from a source's run start to its last scope's end")
          .tags(tags)
          .serviceLevelObjectives(MeterNames.RUN_BUCKETS)
          .register(registry)
          .record(Duration.between(report.startedAt(), report.finishedAt()));
      ErrorEnvelope error = report.error();
      if (error != null) {
        countError(tags, error.code());
      }
      refresh();
    }
  }

  /** The meters of one source's writes, registered once so a stored batch costs no lookup. */
  private record WriteMeters(Timer succeeded, Timer failed, Counter batches, Counter items) {}

  private WriteMeters writeMeters(ScopeId key) {
    String id = key.scope().source() + "/" + key.entityType().name();
    return writeMeters.computeIfAbsent(
        id,
        unused -> {
          Tags tags = sourceTags(key);
          return new WriteMeters(
              timer(
                  MeterNames.WRITE,
                  "time to store one batch",
                  tags.and(OUTCOME, MeterNames.SUCCESS)),
              timer(
                  MeterNames.WRITE,
                  "time to store one batch",
                  tags.and(OUTCOME, MeterNames.FAILURE)),
              Counter.builder(MeterNames.BATCHES)
                  .description("batches stored")
                  .tags(tags)
                  .register(registry),
              Counter.builder(MeterNames.ITEMS)
                  .description("items stored, without those rejected as dead letters")
                  .tags(tags)
                  .register(registry));
        });
  }

  private interface Write {
    void run() throws Exception;
  }

  /** Times a write and counts its batch and the items it stored, {@code rejected} excluded. */
  private void write(ScopeId key, Batch<?> batch, IntSupplier rejected, Write write)
      throws Exception {
    WriteMeters meters = writeMeters(key);
    long start = clock.monotonicNanos();
    boolean stored = false;
    try {
      write.run();
      stored = true;
    } finally {
      (stored ? meters.succeeded() : meters.failed())
          .record(clock.monotonicNanos() - start, TimeUnit.NANOSECONDS);
    }
    meters.batches().increment();
    meters.items().increment(Math.max(0, batch.size() - rejected.getAsInt()));
  }

  /**
   * A builder of {@link PipelineMetrics}; each setter validates at once. Not thread-safe.
   *
   * <p>Defaults: tenant {@code default}, the scope tag on, the system clock, status refresh 5 s.
   */
  public static final class Builder {
    private final MeterRegistry registry;
    private final String pipeline;
    private String tenant = "default";
    private boolean scopeTag = true;
    private PulseClock clock = PulseClock.system();
    private Duration statusRefresh = Duration.ofSeconds(5);

    private Builder(MeterRegistry registry, String pipeline) {
      this.registry = Objects.requireNonNull(registry, "registry");
      this.pipeline = Checks.requireText(pipeline, "pipeline");
    }

    /**
     * Sets the pipeline's tenant, the {@code tenant} tag.
     *
     * @param tenant the tenant the pipeline was built with
     * @return this builder
     */
    public Builder tenant(String tenant) {
      this.tenant = Checks.requireText(tenant, "tenant");
      return this;
    }

    /**
     * Turns the per-scope gauges ({@code pulse.scope.*}, the only meters tagged {@code scope}) on
     * or off. Off suits fleets of thousands of scopes: the per-source aggregates stay.
     *
     * @param on whether to register per-scope gauges
     * @return this builder
     */
    public Builder scopeTag(boolean on) {
      this.scopeTag = on;
      return this;
    }

    /**
     * Sets the clock of latencies and ages; use the pipeline's.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how old the status behind the gauges may be before a read of a gauge reads it again.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder statusRefresh(Duration interval) {
      this.statusRefresh = Checks.requirePositive(interval, "statusRefresh");
      return this;
    }

    /**
     * Builds the metrics; may be called more than once.
     *
     * @return the metrics
     */
    public PipelineMetrics build() {
      return new PipelineMetrics(this);
    }
  }
}
