package dev.pulse.spi;

/**
 * The one function a connector author writes to read a scope: fetch the page a {@link PageRequest}
 * asks for.
 *
 * <p>Pulse builds everything else on top of it: the batched iterator with bounded prefetch and
 * cancellation, the blocking {@link java.util.Iterator}/{@link java.util.stream.Stream} view and
 * the {@link java.util.concurrent.CompletionStage} view (see {@link
 * dev.pulse.engine.BatchIterator}). The function is called by one thread at a time, in sequence:
 * the request for page <i>n + 1</i> is built from page <i>n</i>.
 *
 * <p>Contract: given {@code after}, return only items strictly after that position, in ascending
 * (cursor, tie-breaker) order, so that resuming from any returned position yields exactly the
 * remaining items (a connector reading {@linkplain ReadOrder#NEWEST_FIRST newest first} follows
 * that mode's contract instead). Pulse checks every page: a page with items that does not end after
 * {@code after}, or a page promising more without a new position or continuation, fails the read
 * with {@link dev.pulse.ErrorCode#INVALID_DATA}. Return an empty page only as the last one: a
 * fetcher that filters items on the client keeps fetching until it has some, because every fetch
 * counts against the consumer's prefetch budget, and a read fails with {@link
 * dev.pulse.ErrorCode#NO_PROGRESS} after {@code ReadOptions.maxIdlePages()} empty pages in a row.
 * An empty last page may carry the position the source skipped to; it becomes the watermark.
 *
 * <p>Throw a {@link dev.pulse.SourceException} with the right code for failures (with {@link
 * dev.pulse.SourceException#retryAfter()} for a rate limit); any other exception or error is
 * reported as {@link dev.pulse.ErrorCode#SOURCE_UNAVAILABLE}. A fetch that outlives the read's
 * fetch timeout, or whose read is cancelled, is interrupted: blocking I/O should give up on
 * interrupt. {@link #close()} releases what the fetcher holds; Pulse calls it exactly once when the
 * read ends, after any fetch in flight has returned.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface PageFetcher<T> extends AutoCloseable {
  /**
   * Fetches one page.
   *
   * @param request what to fetch
   * @return the page, never null
   * @throws Exception when the source fails; prefer {@link dev.pulse.SourceException}
   */
  Page<T> fetch(PageRequest request) throws Exception;

  /** Releases resources held for this read. The default does nothing. */
  @Override
  default void close() {}
}
