package dev.pulse.cluster;

import dev.pulse.EntityType;
import dev.pulse.engine.IngestionListener;
import dev.pulse.engine.ReadOptions;
import dev.pulse.internal.Tenants;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.model.internal.Checks;
import dev.pulse.spi.Connector;
import dev.pulse.spi.TransactionalSink;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One source of a {@link PulseCluster}: a tenant's connector, the transactional sink its batches go
 * to, and how often each of its scopes is read.
 *
 * <p>The sink is made per execution from the execution's fenced {@link JdbcWatermarkStore} (for
 * example a {@link JdbcSink}: {@code JdbcSink::deployments}), so every batch and watermark advance
 * of a superseded execution is refused. Immutable; its id is {@code <tenant>/<source>/<entity
 * type>}, unique within a cluster. The cluster does not close the connector; its owner does.
 *
 * @param <T> the item type
 */
public final class ClusterSource<T> {
  /** The default time between two reads of one scope. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private final String tenant;
  private final Connector<T> connector;
  private final String source;
  private final EntityType entityType;
  private final Function<JdbcWatermarkStore, ? extends TransactionalSink<T>> sinks;
  private final Duration interval;
  private final ReadOptions readOptions;
  private final IngestionListener listener;

  private ClusterSource(Builder<T> builder) {
    this.tenant = builder.tenant;
    this.connector = builder.connector;
    this.source = builder.source;
    this.entityType = builder.entityType;
    this.sinks = builder.sinks;
    this.interval = builder.interval;
    this.readOptions = builder.readOptions;
    this.listener = builder.listener;
  }

  /**
   * Starts a builder.
   *
   * @param connector the source; it must be thread-safe, as the SPI asks, since the cluster reads
   *     several of its scopes at once
   * @param sinks makes the sink of one execution from that execution's watermark store, e.g. {@code
   *     JdbcSink::deployments}; the sink must advance watermarks in that store
   * @param <T> the item type
   * @return a builder with the default tenant, a five-minute interval and default read options
   * @throws IllegalArgumentException if the connector's source or entity type cannot be read
   */
  public static <T> Builder<T> of(
      Connector<T> connector, Function<JdbcWatermarkStore, ? extends TransactionalSink<T>> sinks) {
    return new Builder<>(connector, sinks);
  }

  /**
   * Returns the id, {@code <tenant>/<source>/<entity type>}.
   *
   * @return the id
   */
  public String id() {
    return tenant + "/" + source + "/" + entityType;
  }

  /**
   * Returns the tenant whose watermarks and rows the source writes.
   *
   * @return the tenant
   */
  public String tenant() {
    return tenant;
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
   * Returns the time from the end of one read of a scope to the start of the next.
   *
   * @return a positive duration
   */
  public Duration interval() {
    return interval;
  }

  String source() {
    return source;
  }

  EntityType entityType() {
    return entityType;
  }

  TransactionalSink<T> sink(JdbcWatermarkStore watermarks) {
    return Objects.requireNonNull(sinks.apply(watermarks), "the sink factory returned null");
  }

  ReadOptions readOptions() {
    return readOptions;
  }

  IngestionListener listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "ClusterSource[" + id() + ", every " + interval + "]";
  }

  /**
   * A builder of {@link ClusterSource}; each setter validates at once. Not thread-safe.
   *
   * @param <T> the item type
   */
  public static final class Builder<T> {
    private final Connector<T> connector;
    private final String source;
    private final EntityType entityType;
    private final Function<JdbcWatermarkStore, ? extends TransactionalSink<T>> sinks;
    private String tenant = Tenants.DEFAULT;
    private Duration interval = DEFAULT_INTERVAL;
    private ReadOptions readOptions = ReadOptions.defaults();
    private IngestionListener listener = IngestionListener.NONE;

    private Builder(
        Connector<T> connector,
        Function<JdbcWatermarkStore, ? extends TransactionalSink<T>> sinks) {
      this.connector = Objects.requireNonNull(connector, "connector");
      this.sinks = Objects.requireNonNull(sinks, "sinks");
      this.source = Objects.requireNonNull(connector.source(), "connector.source() returned null");
      this.entityType =
          Objects.requireNonNull(connector.entityType(), "connector.entityType() returned null");
    }

    /**
     * Sets the tenant.
     *
     * @param tenant a valid tenant name
     * @return this builder
     * @throws IllegalArgumentException if the name is not valid
     */
    public Builder<T> tenant(String tenant) {
      this.tenant = Tenants.requireValid(tenant);
      return this;
    }

    /**
     * Sets the time from the end of one read of a scope to the start of the next.
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
     * Sets page size, prefetch, fetch timeout and scope budget of each read.
     *
     * @param readOptions the options
     * @return this builder
     */
    public Builder<T> readOptions(ReadOptions readOptions) {
      this.readOptions = Objects.requireNonNull(readOptions, "readOptions");
      return this;
    }

    /**
     * Sets the listener each read reports its batches to, e.g. a progress tracker's.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder<T> listener(IngestionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the source; may be called more than once.
     *
     * @return the source
     */
    public ClusterSource<T> build() {
      return new ClusterSource<>(this);
    }
  }
}
