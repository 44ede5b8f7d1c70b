package dev.pulse.pipeline;

import dev.pulse.ScopeKey;
import dev.pulse.engine.ReadOptions;
import dev.pulse.model.internal.Checks;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Sink;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One source of a {@link Pipeline}: a connector, the sink its batches go to, and how it is run
 * (concurrency, interval, jitter, read options, natural keys and a codec for dead letters).
 *
 * <p>Immutable; build with {@link #of(Connector, Sink)} or {@link #rejecting(Connector,
 * RejectingSink)}. Its id is {@code <source>/<entity type>}, unique within a pipeline. The pipeline
 * does not close the connector; its owner does.
 *
 * @param <T> the item type
 */
public final class PipelineSource<T> {
  /** The default number of scopes of one source read at once. */
  public static final int DEFAULT_CONCURRENCY = 2;

  /** The largest concurrency of one source. */
  public static final int MAX_CONCURRENCY = 1_000;

  /** The default time between two runs of a source in continuous mode. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  /** How long a health check, and then a scope listing, may each take by default: 2 minutes. */
  public static final Duration DEFAULT_DISCOVERY_TIMEOUT = Duration.ofMinutes(2);

  private final Connector<T> connector;
  private final RejectingSink<T> sink;
  private final int concurrency;
  private final Duration interval;
  private final Duration jitter;
  private final ReadOptions readOptions;
  private final Function<? super T, String> naturalKey;
  private final @Nullable Function<? super T, String> encoder;
  private final @Nullable Function<String, ? extends T> decoder;
  private final @Nullable List<ScopeKey> scopes;
  private final Duration preCountBudget;
  private final @Nullable RetryPolicy retry;
  private final Duration discoveryTimeout;

  private PipelineSource(Builder<T> builder) {
    this.connector = builder.connector;
    this.sink = builder.sink;
    this.concurrency = builder.concurrency;
    this.interval = builder.interval;
    this.jitter = builder.jitter;
    this.readOptions = builder.readOptions;
    this.naturalKey = builder.naturalKey;
    this.encoder = builder.encoder;
    this.decoder = builder.decoder;
    this.scopes = builder.scopes;
    this.preCountBudget = builder.preCountBudget;
    this.retry = builder.retry;
    this.discoveryTimeout = builder.discoveryTimeout;
  }

  /**
   * Starts a builder for a connector and a plain sink, which stores or fails whole batches.
   *
   * @param connector the source
   * @param sink where its batches go
   * @param <T> the item type
   * @return a builder
   */
  public static <T> Builder<T> of(Connector<T> connector, Sink<T> sink) {
    Objects.requireNonNull(sink, "sink");
    return new Builder<>(connector, (key, batch, rejections) -> sink.write(key, batch));
  }

  /**
   * Starts a builder for a connector and a sink that may reject single records as dead letters.
   *
   * @param connector the source
   * @param sink where its batches go
   * @param <T> the item type
   * @return a builder
   */
  public static <T> Builder<T> rejecting(Connector<T> connector, RejectingSink<T> sink) {
    return new Builder<>(connector, Objects.requireNonNull(sink, "sink"));
  }

  /**
   * Returns the id, {@code <source>/<entity type>}, e.g. {@code jira/issues}.
   *
   * @return the id
   */
  public String id() {
    return connector.source() + "/" + connector.entityType();
  }

  /**
   * Returns the connector.
   *
   * @return the connector
   */
  public Connector<T> connector() {
    return connector;
  }

  /**
   * Returns how many of this source's scopes may be read at once.
   *
   * @return at least 1
   */
  public int concurrency() {
    return concurrency;
  }

  /**
   * Returns the time between two runs in continuous mode, before jitter.
   *
   * @return a positive duration
   */
  public Duration interval() {
    return interval;
  }

  /**
   * Returns the largest random delay added to each interval.
   *
   * @return zero or positive
   */
  public Duration jitter() {
    return jitter;
  }

  RejectingSink<T> sink() {
    return sink;
  }

  ReadOptions readOptions() {
    return readOptions;
  }

  Function<? super T, String> naturalKey() {
    return naturalKey;
  }

  @Nullable Function<? super T, String> encoder() {
    return encoder;
  }

  @Nullable Function<String, ? extends T> decoder() {
    return decoder;
  }

  @Nullable List<ScopeKey> fixedScopes() {
    return scopes;
  }

  Duration preCountBudget() {
    return preCountBudget;
  }

  /**
   * Returns this source's own retry policy, or empty when it follows the pipeline's.
   *
   * @return the policy set with {@link Builder#retry}, or empty
   */
  public java.util.Optional<RetryPolicy> retry() {
    return java.util.Optional.ofNullable(retry);
  }

  /**
   * Returns how long the source's health check, and then its scope listing, may each take.
   *
   * @return the timeout
   */
  public Duration discoveryTimeout() {
    return discoveryTimeout;
  }

  @Override
  public String toString() {
    return "PipelineSource["
        + id()
        + ", concurrency="
        + concurrency
        + ", interval="
        + interval
        + ", jitter="
        + jitter
        + "]";
  }

  /**
   * A builder of {@link PipelineSource}; each setter validates at once. Not thread-safe.
   *
   * @param <T> the item type
   */
  public static final class Builder<T> {
    private final Connector<T> connector;
    private final RejectingSink<T> sink;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration interval = DEFAULT_INTERVAL;
    private Duration jitter = Duration.ZERO;
    private ReadOptions readOptions = ReadOptions.defaults();
    // Item text may hold secrets (toString of a record with a token field), so the default key is
    // opaque.
    private Function<? super T, String> naturalKey =
        item -> "item@" + System.identityHashCode(item);
    private @Nullable Function<? super T, String> encoder;
    private @Nullable Function<String, ? extends T> decoder;
    private @Nullable List<ScopeKey> scopes;
    private Duration preCountBudget = Duration.ofSeconds(5);
    private @Nullable RetryPolicy retry;
    private Duration discoveryTimeout = DEFAULT_DISCOVERY_TIMEOUT;

    private Builder(Connector<T> connector, RejectingSink<T> sink) {
      this.connector = Objects.requireNonNull(connector, "connector");
      this.sink = sink;
    }

    /**
     * Sets how many of this source's scopes may be read at once.
     *
     * @param concurrency between 1 and 1,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<T> concurrency(int concurrency) {
      this.concurrency =
          (int) Checks.requireBetween(concurrency, 1, MAX_CONCURRENCY, "concurrency");
      return this;
    }

    /**
     * Sets the time between two runs in continuous mode.
     *
     * @param interval a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder<T> interval(Duration interval) {
      this.interval = Checks.requirePositive(interval, "interval");
      return this;
    }

    /**
     * Sets the largest random delay added to each interval, so sources started together drift
     * apart.
     *
     * @param jitter zero or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder<T> jitter(Duration jitter) {
      this.jitter = Checks.requireNonNegative(jitter, "jitter");
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
     * Sets how a record's natural key (e.g. {@code BG-12}) is found, for dead letters.
     *
     * @param naturalKey the key function; must not return blank text
     * @return this builder
     */
    public Builder<T> naturalKey(Function<? super T, String> naturalKey) {
      this.naturalKey = Objects.requireNonNull(naturalKey, "naturalKey");
      return this;
    }

    /**
     * Sets how a dead letter's record is kept and read back, so it can be replayed.
     *
     * @param encoder turns a record into text
     * @param decoder turns that text back into the record
     * @return this builder
     */
    public Builder<T> codec(
        Function<? super T, String> encoder, Function<String, ? extends T> decoder) {
      this.encoder = Objects.requireNonNull(encoder, "encoder");
      this.decoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /**
     * Reads exactly these scopes instead of the connector's discovered ones.
     *
     * @param scopes the scopes, each of the connector's source
     * @return this builder
     * @throws IllegalArgumentException if a scope belongs to another source
     */
    public Builder<T> scopes(List<ScopeKey> scopes) {
      List<ScopeKey> copy = List.copyOf(scopes);
      for (ScopeKey scope : copy) {
        if (!scope.source().equals(connector.source())) {
          throw new IllegalArgumentException(
              "scopes must be of source \"" + connector.source() + "\" but had " + scope);
        }
      }
      this.scopes = copy;
      return this;
    }

    /**
     * Sets how long a scope's pre-flight count may take.
     *
     * @param budget positive, at most one hour
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<T> preCountBudget(Duration budget) {
      Checks.requirePositive(budget, "preCountBudget");
      if (budget.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("preCountBudget must be <= PT1H but was " + budget);
      }
      this.preCountBudget = budget;
      return this;
    }

    /**
     * Sets how this source's failed scopes are retried, overriding the pipeline's {@link
     * Pipeline.Builder#retry} policy for this source only (e.g. fewer attempts for a source whose
     * failures are rarely transient, longer backoff for one that throttles hard).
     *
     * @param retry the policy
     * @return this builder
     */
    public Builder<T> retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Sets how long the health check, and then the scope listing, may each take before the source
     * is skipped for the run with {@link dev.pulse.ErrorCode#TIMED_OUT}; the hung call is
     * interrupted and its thread left to the connector.
     *
     * @param timeout positive, at most one hour
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<T> discoveryTimeout(Duration timeout) {
      Checks.requirePositive(timeout, "discoveryTimeout");
      if (timeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("discoveryTimeout must be <= PT1H but was " + timeout);
      }
      this.discoveryTimeout = timeout;
      return this;
    }

    /**
     * Builds the source; may be called more than once.
     *
     * @return the source
     */
    public PipelineSource<T> build() {
      return new PipelineSource<>(this);
    }
  }
}
