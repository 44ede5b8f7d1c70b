package dev.pulse.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How a scope is read: the page size asked of the source, how many pages may be fetched ahead of
 * the consumer, and the executor that runs the fetches.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or take {@link #defaults()} (page
 * size 100, prefetch 1, a shared pool of daemon threads). With an executor such as {@code
 * Runnable::run} every fetch runs on the consumer's thread, which makes reads deterministic in
 * tests.
 */
public final class ReadOptions {
  /** The default number of items asked per page. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** The default number of pages fetched ahead of the consumer. */
  public static final int DEFAULT_PREFETCH = 1;

  /** The largest page size accepted. */
  public static final int MAX_PAGE_SIZE = 10_000;

  /** The largest prefetch accepted; more only holds memory without making the source faster. */
  public static final int MAX_PREFETCH = 64;

  private static final ReadOptions DEFAULTS = builder().build();

  private final int pageSize;
  private final int prefetch;
  private final @Nullable Executor executor;

  private ReadOptions(Builder builder) {
    this.pageSize = builder.pageSize;
    this.prefetch = builder.prefetch;
    this.executor = builder.executor;
  }

  /**
   * Returns the default options.
   *
   * @return page size 100, prefetch 1, the shared fetch pool
   */
  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the number of items asked per page.
   *
   * @return between 1 and {@link #MAX_PAGE_SIZE}
   */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Returns how many pages may be fetched beyond those the consumer has taken.
   *
   * @return between 0 (fetch only on demand) and {@link #MAX_PREFETCH}
   */
  public int prefetch() {
    return prefetch;
  }

  /**
   * Returns the executor the caller configured to run page fetches. When none was configured,
   * fetches run on Pulse's shared pool of daemon threads, which is never handed out: nobody but
   * Pulse can shut it down.
   *
   * @return the configured executor, or empty for the shared pool
   */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /** Returns the executor fetches run on: the configured one or the shared pool. */
  Executor fetchExecutor() {
    Executor configured = executor;
    return configured != null ? configured : FetchPool.executor();
  }

  @Override
  public String toString() {
    return "ReadOptions[pageSize="
        + pageSize
        + ", prefetch="
        + prefetch
        + ", executor="
        + (executor == null ? "shared" : executor)
        + "]";
  }

  /**
   * A builder of {@link ReadOptions}; each setter validates its argument at once. Not thread-safe.
   */
  public static final class Builder {
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int prefetch = DEFAULT_PREFETCH;
    private @Nullable Executor executor;

    private Builder() {}

    /**
     * Sets the number of items asked per page.
     *
     * @param pageSize between 1 and {@link #MAX_PAGE_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException(
            "pageSize must be between 1 and " + MAX_PAGE_SIZE + " but was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets how many pages may be fetched ahead of the consumer.
     *
     * @param prefetch between 0 and {@link #MAX_PREFETCH}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder prefetch(int prefetch) {
      if (prefetch < 0 || prefetch > MAX_PREFETCH) {
        throw new IllegalArgumentException(
            "prefetch must be between 0 and " + MAX_PREFETCH + " but was " + prefetch);
      }
      this.prefetch = prefetch;
      return this;
    }

    /**
     * Sets the executor that runs page fetches; virtual-thread executors work well.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the options; may be called more than once.
     *
     * @return the options
     */
    public ReadOptions build() {
      return new ReadOptions(this);
    }
  }
}
