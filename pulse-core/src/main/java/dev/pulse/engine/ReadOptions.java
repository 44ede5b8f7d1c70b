package dev.pulse.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How a scope is read: the page size asked of the source, how many pages may be fetched ahead of
 * the consumer, the executor that runs the fetches, and the limits that keep a misbehaving source
 * from hanging or looping a read (fetch timeout, scope time budget, empty pages in a row).
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or take {@link #defaults()} (page
 * size 100, prefetch 1, a shared pool of daemon threads, a 5-minute fetch timeout, no scope budget,
 * at most 100 empty pages in a row). With an executor such as {@code Runnable::run} every fetch
 * runs on the consumer's thread, which makes reads deterministic in tests (the fetch timeout then
 * cannot apply).
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

  /** The default longest wait for one page: five minutes. */
  public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofMinutes(5);

  /** The default number of empty pages in a row, each promising more, that a read tolerates. */
  public static final int DEFAULT_MAX_IDLE_PAGES = 100;

  private static final Duration MAX_DURATION = Duration.ofDays(7);

  private static final ReadOptions DEFAULTS = builder().build();

  private final int pageSize;
  private final int prefetch;
  private final @Nullable Executor executor;
  private final Duration fetchTimeout;
  private final @Nullable Duration scopeBudget;
  private final int maxIdlePages;

  private ReadOptions(Builder builder) {
    this.pageSize = builder.pageSize;
    this.prefetch = builder.prefetch;
    this.executor = builder.executor;
    this.fetchTimeout = builder.fetchTimeout;
    this.scopeBudget = builder.scopeBudget;
    this.maxIdlePages = builder.maxIdlePages;
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

  /**
   * Returns the longest a reader waits for one page. A longer wait fails the scope with {@link
   * dev.pulse.ErrorCode#TIMED_OUT} and interrupts the fetch. Applies when fetches run on another
   * thread than the reader's.
   *
   * @return a positive duration
   */
  public Duration fetchTimeout() {
    return fetchTimeout;
  }

  /**
   * Returns how long the engine may spend on one scope in a run, measured on its clock between
   * batches; a scope past it ends as failed with {@link dev.pulse.ErrorCode#TIMED_OUT}, its stored
   * batches kept, and the run goes on with the next scope.
   *
   * @return the budget, or empty for none
   */
  public Optional<Duration> scopeBudget() {
    return Optional.ofNullable(scopeBudget);
  }

  /**
   * Returns how many empty pages in a row, each promising more, a read tolerates before it fails
   * with {@link dev.pulse.ErrorCode#NO_PROGRESS}.
   *
   * @return at least 1
   */
  public int maxIdlePages() {
    return maxIdlePages;
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
        + ", fetchTimeout="
        + fetchTimeout
        + ", scopeBudget="
        + (scopeBudget == null ? "none" : scopeBudget)
        + ", maxIdlePages="
        + maxIdlePages
        + "]";
  }

  /**
   * A builder of {@link ReadOptions}; each setter validates its argument at once. Not thread-safe.
   */
  public static final class Builder {
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int prefetch = DEFAULT_PREFETCH;
    private @Nullable Executor executor;
    private Duration fetchTimeout = DEFAULT_FETCH_TIMEOUT;
    private @Nullable Duration scopeBudget;
    private int maxIdlePages = DEFAULT_MAX_IDLE_PAGES;

    private Builder() {}

    /**
     * Sets the longest a reader waits for one page.
     *
     * @param fetchTimeout positive, at most seven days
     * @return this builder
     * @throws IllegalArgumentException if not positive or over seven days
     */
    public Builder fetchTimeout(Duration fetchTimeout) {
      this.fetchTimeout = requireBoundedPositive(fetchTimeout, "fetchTimeout");
      return this;
    }

    /**
     * Sets how long the engine may spend on one scope in a run.
     *
     * @param scopeBudget positive, at most seven days
     * @return this builder
     * @throws IllegalArgumentException if not positive or over seven days
     */
    public Builder scopeBudget(Duration scopeBudget) {
      this.scopeBudget = requireBoundedPositive(scopeBudget, "scopeBudget");
      return this;
    }

    /**
     * Sets how many empty pages in a row, each promising more, a read tolerates.
     *
     * @param maxIdlePages between 1 and 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxIdlePages(int maxIdlePages) {
      if (maxIdlePages < 1 || maxIdlePages > 1_000_000) {
        throw new IllegalArgumentException(
            "maxIdlePages must be between 1 and 1000000 but was " + maxIdlePages);
      }
      this.maxIdlePages = maxIdlePages;
      return this;
    }

    private static Duration requireBoundedPositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero() || value.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(
            name + " must be > 0 and <= " + MAX_DURATION + " but was " + value);
      }
      return value;
    }

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
