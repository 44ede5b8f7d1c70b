package dev.pulse.spi;

import dev.pulse.ErrorCode;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What a {@link PageFetcher} may tell Pulse while it fetches a page: that it waits for its source
 * until a known time (a rate limit whose reset the source announced), and that a record it could
 * not map goes to the dead letters while the rest of the page proceeds.
 *
 * <p>Pulse binds a context to the fetching thread for the duration of each {@link
 * PageFetcher#fetch} call, so code anywhere below the fetch (a connector's shared HTTP layer
 * included) reaches it through {@link #current()} without a parameter being passed down. Outside a
 * fetch, {@code current()} returns {@link #NONE}, which ignores waits and logs unmappable records
 * at WARN. Code that hands part of a fetch to another thread passes the context along with {@link
 * #bind}. Connector tests bind their own context to check what the connector reports.
 *
 * <p>Reporting a wait changes nothing about the fetch itself: the fetcher still waits (through its
 * own clock and sleeper), the wait still counts against the read's fetch timeout, and a wait longer
 * than the fetcher wants to sit out should instead fail the fetch with {@link
 * ErrorCode#RATE_LIMITED} and a {@linkplain dev.pulse.SourceException#retryAfter() retry-after}.
 * What the report buys is an honest progress view: the scope shows rate-limited with its resume
 * time, never stalled, and its ETA keeps counting down.
 *
 * <p>Every method has a no-op default, so new events never break an implementation. Contexts bound
 * by Pulse are thread-safe and never throw from {@link #waiting} or {@link #resumed}; {@link
 * #unmappable} throws a {@link dev.pulse.StoreException} when the dead-letter store fails, so that
 * the page fails (and is read again) rather than losing the record.
 */
public interface FetchContext {
  /** The context outside any fetch: ignores waits, logs unmappable records. */
  FetchContext NONE = FetchContexts.NONE;

  /**
   * Reports that the fetch waits for its source until {@code resumeAt}; call it before the wait
   * starts. A second call moves the resume time; the next page, or {@link #resumed()}, ends it.
   *
   * @param resumeAt when the source said it would serve again
   * @param reason why, e.g. {@code "rate limited"}; shown to operators, so never a secret
   */
  default void waiting(Instant resumeAt, String reason) {}

  /** Reports that a wait reported with {@link #waiting} ended before the page was returned. */
  default void resumed() {}

  /**
   * Hands over a record the connector could not map into its item type: it becomes a dead letter of
   * the scope being fetched (natural key, reason code, message; no payload, since the record never
   * became an item), counted in reports and status, while the rest of the page proceeds and the
   * page's position still advances.
   *
   * @param naturalKey the record's key in its source, e.g. {@code BG-7}
   * @param code why, usually {@link ErrorCode#INVALID_DATA}
   * @param message what was wrong; sanitized before it is stored or logged
   * @throws dev.pulse.StoreException if the dead-letter store failed (the fetch should let it
   *     propagate, so the page is read again)
   */
  default void unmappable(String naturalKey, ErrorCode code, String message) {}

  /**
   * Returns the context bound to the current thread, or {@link #NONE} outside a fetch.
   *
   * @return the context, never null
   */
  static FetchContext current() {
    return FetchContexts.current();
  }

  /**
   * Runs {@code body} with {@code context} bound to the current thread, then restores the context
   * bound before (so binds nest).
   *
   * @param context the context {@link #current()} returns inside {@code body}
   * @param body the work, e.g. a page fetch
   * @param <V> the result type
   * @return what {@code body} returned
   * @throws Exception whatever {@code body} throws
   */
  static <V> V bind(FetchContext context, Callable<V> body) throws Exception {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(body, "body");
    return FetchContexts.call(context, body);
  }
}
