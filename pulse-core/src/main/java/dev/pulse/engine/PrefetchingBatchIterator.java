package dev.pulse.engine;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.Position;
import dev.pulse.PulseException;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.Watermark;
import dev.pulse.spi.Connector;
import dev.pulse.spi.FetchContext;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.ReadOrder;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one state machine behind every {@link BatchIterator} view.
 *
 * <p>Fetches are strictly sequential (page n + 1 is requested from page n's position and
 * continuation) and run on the configured executor. A fetch starts only when the consumer waits for
 * a batch and none is buffered, or when fewer than {@code prefetch} batches are buffered; so after
 * the consumer has taken k batches, at most k + prefetch pages have been fetched, plus any empty
 * pages skipped while the consumer was waiting. Follow-up fetches loop on the fetching thread
 * instead of recursing. State is guarded by one lock; futures are completed and fetches submitted
 * outside it, so a same-thread executor cannot re-enter while the lock is held. The fetcher is
 * closed once, after any fetch in flight has returned.
 *
 * <p>Every page is checked before its batch is buffered: oldest first, a page with items must end
 * after the position it was asked for; newest first, each page with items must end before the one
 * ahead of it; a page with more to come must change the request (position or continuation); and at
 * most {@code maxIdlePages} pages in a row may come back empty. A violation fails the read, so the
 * engine advances nothing past it.
 */
final class PrefetchingBatchIterator<T> implements BatchIterator<T> {
  private static final Logger LOG = LoggerFactory.getLogger(PrefetchingBatchIterator.class);

  private final PageFetcher<T> fetcher;
  private final @Nullable FetchContext context;
  private final ScopeKey scope;
  private final ReadOrder order;
  private final int pageSize;
  private final int prefetch;
  private final int maxIdlePages;
  private final long fetchTimeoutNanos;
  private final Executor executor;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Batch<T>> buffer = new ArrayDeque<>();
  private final AtomicBoolean fetcherClosed = new AtomicBoolean();
  // Guarded by lock.
  private @Nullable Position nextAfter;
  private @Nullable String nextContinuation;
  private boolean fetching;
  private boolean exhausted;
  private boolean cancelled;
  private boolean closeRequested;
  private @Nullable PulseException failure;
  private @Nullable CompletableFuture<Optional<Batch<T>>> waiting;
  private long sequence;
  private int idlePages;
  private @Nullable Position highest;
  private @Nullable Position previousPage;
  private @Nullable Thread fetchThread;
  private boolean fetchInterrupted;
  // Blocking view, touched only by the consumer thread: fetched by hasNext(), not yet returned by
  // next().
  private @Nullable Batch<T> peeked;

  PrefetchingBatchIterator(
      PageFetcher<T> fetcher,
      ScopeKey scope,
      @Nullable Position after,
      ReadOptions options,
      ReadOrder order) {
    this(fetcher, scope, after, options, order, null);
  }

  /**
   * Creates an iterator whose fetches run with {@code context} bound (see {@link FetchContext}), or
   * with none bound when it is null.
   */
  PrefetchingBatchIterator(
      PageFetcher<T> fetcher,
      ScopeKey scope,
      @Nullable Position after,
      ReadOptions options,
      ReadOrder order,
      @Nullable FetchContext context) {
    this.context = context;
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.scope = Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(options, "options");
    this.order = Objects.requireNonNull(order, "order");
    this.nextAfter = after;
    this.pageSize = options.pageSize();
    this.prefetch = options.prefetch();
    this.maxIdlePages = options.maxIdlePages();
    this.fetchTimeoutNanos = options.fetchTimeout().toNanos();
    this.executor = options.fetchExecutor();
  }

  /** {@link BatchIterator#open(Connector, Watermark, ReadOptions)}, with a fetch context. */
  static <T> BatchIterator<T> open(
      Connector<T> connector, Watermark from, ReadOptions options, @Nullable FetchContext context) {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(options, "options");
    ScopeKey scope = from.key().scope();
    if (!scope.source().equals(connector.source())
        || !from.key().entityType().equals(connector.entityType())) {
      throw new IllegalArgumentException(
          "watermark "
              + from.key()
              + " does not belong to connector "
              + connector.source()
              + "/"
              + connector.entityType());
    }
    ReadOrder order =
        Objects.requireNonNull(connector.readOrder(), "Connector.readOrder returned null");
    return new PrefetchingBatchIterator<>(
        connector.openScope(scope), scope, from.position(), options, order, context);
  }

  @Override
  public CompletionStage<Optional<Batch<T>>> nextAsync() {
    CompletableFuture<Optional<Batch<T>>> result;
    @Nullable PageRequest toFetch = null;
    lock.lock();
    try {
      if (waiting != null) {
        throw new IllegalStateException(
            "the previous nextAsync() of " + scope + " has not completed yet");
      }
      Batch<T> ready = buffer.poll();
      if (ready != null) {
        result = CompletableFuture.completedFuture(Optional.of(ready));
        toFetch = startPrefetchIfDue();
      } else if (cancelled) {
        result = CompletableFuture.completedFuture(Optional.empty());
      } else if (failure != null) {
        result = CompletableFuture.failedFuture(failure);
      } else if (exhausted) {
        result = CompletableFuture.completedFuture(Optional.empty());
      } else {
        result = new CompletableFuture<>();
        waiting = result;
        if (!fetching) {
          toFetch = startFetch();
        }
      }
    } finally {
      lock.unlock();
    }
    submit(toFetch);
    return result;
  }

  // Caller holds the lock.
  private @Nullable PageRequest startPrefetchIfDue() {
    if (!fetching && !exhausted && !cancelled && failure == null && buffer.size() < prefetch) {
      return startFetch();
    }
    return null;
  }

  // Caller holds the lock.
  private PageRequest startFetch() {
    fetching = true;
    return new PageRequest(scope, nextAfter, nextContinuation, pageSize);
  }

  private void submit(@Nullable PageRequest request) {
    if (request == null) {
      return;
    }
    try {
      executor.execute(() -> runFetches(request));
    } catch (Throwable e) {
      // Whatever the executor throws, the fetch it refused must be completed, or the iterator would
      // stay "fetching" and its consumer would wait forever. The failure stops the read, so
      // completeFetch asks for no further fetch.
      String what =
          e instanceof RejectedExecutionException
              ? "the fetch executor rejected the page fetch"
              : "the fetch executor failed: " + e.getClass().getSimpleName();
      completeFetch(
          request,
          null,
          new SourceException(ErrorCode.SOURCE_UNAVAILABLE, scope.source(), scope, what, e));
      if (e instanceof VirtualMachineError fatal) {
        throw fatal;
      }
    }
  }

  // Follow-up fetches run in this loop rather than through another submit, so a same-thread
  // executor meeting a
  // long run of empty pages iterates instead of recursing.
  private void runFetches(PageRequest first) {
    PageRequest request = first;
    while (request != null) {
      request = runFetch(request);
    }
  }

  private @Nullable PageRequest runFetch(PageRequest request) {
    Page<T> page = null;
    PulseException error = null;
    VirtualMachineError fatal = null;
    lock.lock();
    try {
      fetchThread = Thread.currentThread();
    } finally {
      lock.unlock();
    }
    try {
      FetchContext bound = context;
      page =
          Objects.requireNonNull(
              bound == null
                  ? fetcher.fetch(request)
                  : FetchContext.bind(bound, () -> fetcher.fetch(request)),
              "PageFetcher.fetch returned null");
      if (page.items().size() > request.pageSize()) {
        error =
            new SourceException(
                ErrorCode.INVALID_DATA,
                scope.source(),
                scope,
                "a page held "
                    + page.items().size()
                    + " items but at most "
                    + request.pageSize()
                    + " were asked for",
                null);
        page = null;
      }
    } catch (PulseException e) {
      error = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error =
          new SourceException(
              ErrorCode.CANCELLED, scope.source(), scope, "page fetch interrupted", e);
    } catch (Throwable e) {
      // Errors too: whatever the fetcher throws, the waiting consumer must be told, never left
      // hanging.
      error =
          new SourceException(
              ErrorCode.SOURCE_UNAVAILABLE,
              scope.source(),
              scope,
              "page fetch failed: " + e.getClass().getSimpleName(),
              e);
      if (e instanceof VirtualMachineError vmError) {
        fatal = vmError;
      }
    }
    boolean interruptedByUs;
    lock.lock();
    try {
      fetchThread = null;
      interruptedByUs = fetchInterrupted;
      fetchInterrupted = false;
    } finally {
      lock.unlock();
    }
    if (interruptedByUs) {
      // The interrupt was meant for this fetch only; a pooled thread must not carry it into the
      // next task it runs.
      Thread.interrupted();
    }
    PageRequest next = completeFetch(request, page, error);
    if (fatal != null) {
      throw fatal;
    }
    return next;
  }

  /**
   * Records a finished fetch, hands its batch to a waiting consumer and returns the next fetch to
   * run.
   */
  private @Nullable PageRequest completeFetch(
      PageRequest request, @Nullable Page<T> page, @Nullable PulseException error) {
    CompletableFuture<Optional<Batch<T>>> toComplete = null;
    Optional<Batch<T>> value = Optional.empty();
    PulseException toFail = null;
    PageRequest next = null;
    boolean closeFetcher;
    lock.lock();
    try {
      fetching = false;
      closeFetcher = closeRequested;
      if (cancelled) {
        toComplete = waiting;
        waiting = null;
      } else {
        // Once the read has failed (a timed-out wait), what a late fetch brought is dropped.
        if (failure == null) {
          if (error != null) {
            failure = error;
          } else if (page != null) {
            accept(request, page);
          }
        }
        if (waiting != null) {
          Batch<T> ready = buffer.poll();
          if (ready != null) {
            toComplete = waiting;
            waiting = null;
            value = Optional.of(ready);
          } else if (failure != null) {
            toComplete = waiting;
            waiting = null;
            toFail = failure;
          } else if (exhausted) {
            toComplete = waiting;
            waiting = null;
          } else {
            // An empty page that is not the last: keep fetching for the waiting consumer.
            next = startFetch();
          }
        }
        // An empty page fetched ahead ends the prefetch run: the budget is pages, not batches, and
        // only a waiting
        // consumer justifies seeking past empty pages.
        if (next == null && (page == null || !page.items().isEmpty())) {
          next = startPrefetchIfDue();
        }
      }
    } finally {
      lock.unlock();
    }
    if (closeFetcher) {
      closeFetcherOnce();
    }
    if (toComplete != null) {
      if (toFail != null) {
        toComplete.completeExceptionally(toFail);
      } else {
        toComplete.complete(value);
      }
    }
    return next;
  }

  // Caller holds the lock.
  private void accept(PageRequest request, Page<T> page) {
    Position position = page.position();
    Position previous = request.after();
    boolean empty = page.items().isEmpty();
    if (position != null
        && ((previous != null && position.isInstant() != previous.isInstant())
            || (highest != null && position.isInstant() != highest.isInstant()))) {
      // Comparing them would throw inside completeFetch and leave the waiting consumer hanging.
      fail(
          ErrorCode.INVALID_DATA,
          "the page after "
              + describe(previous)
              + " returned a position of another cursor kind: "
              + position);
      return;
    }
    boolean sameRequest = Objects.equals(page.continuation(), request.continuation());
    if (order == ReadOrder.OLDEST_FIRST) {
      if (!empty && position != null && previous != null && !position.isAfter(previous)) {
        // Storing it would re-deliver or skip records, and a new continuation does not make a page
        // that goes backwards valid: a page-number continuation over a shifting source loses data.
        fail(
            ErrorCode.INVALID_DATA,
            "a page of "
                + page.items().size()
                + " items ended at "
                + position
                + ", not after the position asked for, "
                + previous);
        return;
      }
      boolean moved = position != null && (previous == null || position.isAfter(previous));
      if (!moved && page.hasMore() && sameRequest) {
        fail(
            ErrorCode.INVALID_DATA,
            "the page after " + describe(previous) + " did not move past it");
        return;
      }
    } else {
      Position newer = previousPage;
      if (!empty && position != null && newer != null && !newer.isAfter(position)) {
        fail(
            ErrorCode.INVALID_DATA,
            "a newest-first page ended at "
                + position
                + ", not before the page ahead of it, which ended at "
                + newer);
        return;
      }
      if (page.hasMore() && sameRequest) {
        fail(
            ErrorCode.INVALID_DATA,
            "a newest-first page asked for more without a new continuation");
        return;
      }
    }
    if (empty && page.hasMore()) {
      idlePages++;
      if (idlePages > maxIdlePages) {
        fail(
            ErrorCode.NO_PROGRESS,
            "the source answered "
                + idlePages
                + " empty pages in a row, each promising more (the limit is "
                + maxIdlePages
                + ")");
        return;
      }
    } else {
      idlePages = 0;
    }
    if (!empty && position != null) {
      buffer.add(new Batch<>(scope, page.items(), position, sequence++));
      previousPage = position;
    }
    if (position != null && (highest == null || position.isAfter(highest))) {
      if (order == ReadOrder.NEWEST_FIRST || previous == null || position.isAfter(previous)) {
        highest = position;
      }
    }
    if (position != null && order == ReadOrder.OLDEST_FIRST) {
      if (previous == null || position.isAfter(previous)) {
        nextAfter = position;
      }
    }
    nextContinuation = page.continuation();
    if (!page.hasMore()) {
      exhausted = true;
    }
  }

  // Caller holds the lock.
  private void fail(ErrorCode code, String message) {
    failure = new SourceException(code, scope.source(), scope, message, null);
  }

  private static String describe(@Nullable Position position) {
    return position == null ? "the start" : position.toString();
  }

  @Override
  public @Nullable Position highestPosition() {
    lock.lock();
    try {
      return highest;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean hasNext() {
    if (peeked != null) {
      if (!isCancelled()) {
        return true;
      }
      peeked = null;
      return false;
    }
    Optional<Batch<T>> next;
    CompletableFuture<Optional<Batch<T>>> pending = nextAsync().toCompletableFuture();
    try {
      next = pending.get(fetchTimeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw timedOut(pending);
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new SourceException(
          ErrorCode.CANCELLED, scope.source(), scope, "interrupted while waiting for a page", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PulseException pulse) {
        throw pulse;
      }
      throw new SourceException(
          ErrorCode.SOURCE_UNAVAILABLE, scope.source(), scope, "page fetch failed", cause);
    }
    peeked = next.orElse(null);
    return peeked != null;
  }

  @Override
  public Batch<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more batches in " + scope);
    }
    Batch<T> batch = Objects.requireNonNull(peeked);
    peeked = null;
    return batch;
  }

  @Override
  public Stream<Batch<T>> stream() {
    Spliterator<Batch<T>> spliterator =
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  /**
   * Fails the read after a wait longer than the fetch timeout: the fetch in flight is interrupted
   * (its late page is dropped) and the consumer, told at once, can close the iterator without
   * waiting for it.
   */
  private PulseException timedOut(CompletableFuture<Optional<Batch<T>>> pending) {
    PulseException result;
    lock.lock();
    try {
      if (waiting == pending) {
        waiting = null;
      }
      if (failure == null) {
        failure =
            new SourceException(
                ErrorCode.TIMED_OUT,
                scope.source(),
                scope,
                "no page arrived within the fetch timeout of "
                    + java.time.Duration.ofNanos(fetchTimeoutNanos),
                null);
      }
      result = failure;
      interruptFetchLocked();
    } finally {
      lock.unlock();
    }
    return result;
  }

  // Caller holds the lock. A same-thread executor runs the fetch on the consumer, which is never
  // interrupted from here.
  private void interruptFetchLocked() {
    Thread thread = fetchThread;
    if (thread != null && thread != Thread.currentThread()) {
      fetchInterrupted = true;
      thread.interrupt();
    }
  }

  @Override
  public void cancel() {
    CompletableFuture<Optional<Batch<T>>> toComplete;
    lock.lock();
    try {
      cancelled = true;
      buffer.clear();
      toComplete = waiting;
      waiting = null;
      // A fetch blocked on the source would otherwise hold its thread until the source answers.
      interruptFetchLocked();
    } finally {
      lock.unlock();
    }
    if (toComplete != null) {
      toComplete.complete(Optional.empty());
    }
  }

  @Override
  public boolean isCancelled() {
    lock.lock();
    try {
      return cancelled;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    cancel();
    boolean closeNow;
    lock.lock();
    try {
      closeRequested = true;
      // A fetch still running owns the fetcher; completeFetch closes it when that fetch returns.
      closeNow = !fetching;
    } finally {
      lock.unlock();
    }
    if (closeNow) {
      closeFetcherOnce();
    }
  }

  private void closeFetcherOnce() {
    if (fetcherClosed.compareAndSet(false, true)) {
      try {
        fetcher.close();
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
          throw fatal;
        }
        // The read is over either way; a fetcher that fails to release its resources must not turn
        // a stored scope into a failed one.
        LOG.warn("{}: closing the page fetcher failed: {}", scope, e.getClass().getSimpleName());
        LOG.debug("{}: page fetcher close failure", scope, e);
      }
    }
  }

  @Override
  public String toString() {
    return "BatchIterator[" + scope + "]";
  }
}
