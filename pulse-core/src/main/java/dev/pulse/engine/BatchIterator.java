package dev.pulse.engine;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.Position;
import dev.pulse.PulseException;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.Watermark;
import dev.pulse.spi.Connector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.ReadOrder;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A pull-based reader of one scope, batch by batch, built on a connector's {@link PageFetcher}.
 *
 * <p>The consumer pulls: a page is fetched only when the consumer asks for it, plus at most {@link
 * ReadOptions#prefetch()} pages ahead. Three views share one state:
 *
 * <ul>
 *   <li>blocking: {@link #hasNext()}/{@link #next()} and {@link #stream()} (fine on virtual
 *       threads);
 *   <li>asynchronous: {@link #nextAsync()}, which never blocks the caller.
 * </ul>
 *
 * Use one view per iterator. The iterator is meant for one consumer at a time; {@link #cancel()}
 * and {@link #close()} may be called from any thread.
 *
 * <p>A failed fetch ends the read: the failure is rethrown as a {@link PulseException} (a {@link
 * SourceException} unless the fetcher threw another {@code PulseException}) by the next call, and
 * no further page is fetched. {@link #cancel()} stops fetching and discards buffered batches;
 * {@link #close()} cancels and closes the fetcher exactly once, after any fetch in flight has
 * returned (so a fetcher never has its resources closed under it). Both are idempotent; after
 * either, the iterator reports no more batches, even if a fetch had failed. A consumer thread
 * interrupted while waiting cancels the read and gets a {@link SourceException} with {@link
 * ErrorCode#CANCELLED}, its interrupt flag set again. Always close the iterator, for example with
 * try-with-resources.
 *
 * <p>Pages are checked as they arrive (see {@link dev.pulse.spi.ReadOrder}): a page with items that
 * does not move past the position it was asked for (oldest first) or past the page before it
 * (newest first), or a page promising more without changing the request, fails the read with {@link
 * ErrorCode#INVALID_DATA}; more than {@link ReadOptions#maxIdlePages()} empty pages in a row fail
 * it with {@link ErrorCode#NO_PROGRESS}.
 *
 * <p>A blocking wait for a page longer than {@link ReadOptions#fetchTimeout()} fails the read with
 * {@link ErrorCode#TIMED_OUT} and interrupts the fetch; {@link #cancel()} interrupts it too, so a
 * hung source never holds a thread past the read. The timeout cannot apply when fetches run on the
 * consumer's own thread (an executor such as {@code Runnable::run}), and a fetcher that ignores
 * interrupts keeps its thread until it returns: a connector should still set timeouts on its own
 * I/O (connect and read timeouts on its HTTP client or JDBC driver).
 *
 * @param <T> the item type
 */
public interface BatchIterator<T> extends Iterator<Batch<T>>, AutoCloseable {

  /**
   * Opens a scope of a connector from its watermark.
   *
   * @param connector the connector
   * @param from the watermark to resume after; {@link Watermark#none(ScopeId)} reads from the start
   * @param options page size, prefetch, executor and limits
   * @param <T> the item type
   * @return an open iterator, reading in the connector's {@link Connector#readOrder()}; close it
   * @throws IllegalArgumentException if the watermark belongs to another source or entity type
   */
  static <T> BatchIterator<T> open(Connector<T> connector, Watermark from, ReadOptions options) {
    return PrefetchingBatchIterator.open(connector, from, options, null);
  }

  /**
   * Opens a scope directly from a page fetcher that reads oldest first.
   *
   * @param fetcher the fetcher; closed when the iterator is closed
   * @param scope the scope it reads
   * @param after the position to resume after, or null to read from the start
   * @param options page size, prefetch and executor
   * @param <T> the item type
   * @return an open iterator; close it
   */
  static <T> BatchIterator<T> open(
      PageFetcher<T> fetcher, ScopeKey scope, @Nullable Position after, ReadOptions options) {
    return new PrefetchingBatchIterator<>(fetcher, scope, after, options, ReadOrder.OLDEST_FIRST);
  }

  /**
   * Returns the highest position any page of this read has carried so far, including an empty last
   * page that skipped a range, or null if none did. Reading oldest first it is the position to
   * resume after once the read has ended; reading newest first it is the newest record seen.
   *
   * @return the position, or null
   */
  @Nullable Position highestPosition();

  /**
   * Waits until the next batch is available or the read has ended.
   *
   * @return true if {@link #next()} will return a batch
   * @throws PulseException if the read failed
   */
  @Override
  boolean hasNext();

  /**
   * Returns the next batch, waiting for it if needed.
   *
   * @return the batch
   * @throws java.util.NoSuchElementException if the read has ended
   * @throws PulseException if the read failed
   */
  @Override
  Batch<T> next();

  /**
   * Asks for the next batch without blocking.
   *
   * @return a stage completed with the next batch, with empty when the read has ended, or
   *     exceptionally with a {@link PulseException}
   * @throws IllegalStateException if the previous stage has not completed yet
   */
  CompletionStage<Optional<Batch<T>>> nextAsync();

  /**
   * Returns the remaining batches as a sequential stream; closing the stream closes this iterator.
   *
   * @return the stream
   */
  Stream<Batch<T>> stream();

  /** Stops reading: no further page is fetched and buffered batches are dropped. Idempotent. */
  void cancel();

  /**
   * Tells whether {@link #cancel()} or {@link #close()} was called.
   *
   * @return true once cancelled
   */
  boolean isCancelled();

  /** Cancels and closes the fetcher exactly once. Idempotent. */
  @Override
  void close();
}
