/**
 * The HTTP layer every connector of this module shares; not exported, no compatibility promise.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.pulse.connectors.internal.Credential}: a named secret (basic or bearer). Only
 *       its name reaches messages, logs and {@code toString}.
 *   <li>{@link dev.pulse.connectors.internal.JsonHttp}: one client per (base URL, credential), over
 *       {@code java.net.http.HttpClient}; connect and request timeouts; bounded retries on
 *       connection failures, timeouts and 5xx; every failure a {@code SourceException} with a
 *       stable code (401/403 {@code AUTH_FAILED} naming the credential, rate limits {@code
 *       RATE_LIMITED} with the resume time, exhausted retries {@code SOURCE_UNAVAILABLE}, other 4xx
 *       and unparseable bodies {@code INVALID_DATA}); {@code ETag}/{@code If-None-Match} on GETs, a
 *       304 served from a small per-client cache.
 *   <li>{@link dev.pulse.connectors.internal.RateLimiter}: per credential, shared by every client
 *       and scope using that token; blocks all of them when one is told to slow down, plus an
 *       optional steady pace.
 *   <li>{@link dev.pulse.connectors.internal.RateLimitSignal}: how a vendor says "slow down".
 *       {@code standard()} is Jira's (429 with {@code Retry-After} or {@code X-RateLimit-Reset},
 *       503 with {@code Retry-After}); {@code retryAfter} and {@code resetTime} parse the headers
 *       (seconds, HTTP dates, ISO-8601 instants, epoch seconds; a missing or zero reset is
 *       "unknown").
 *   <li>{@link dev.pulse.connectors.internal.Backoff}: exponential, full jitter, capped, with an
 *       injected random source.
 *   <li>{@link dev.pulse.connectors.internal.Sleeper}: the one place time passes; tests advance a
 *       {@code FakeClock} instead of sleeping.
 *   <li>{@link dev.pulse.connectors.internal.HttpResult} and {@link
 *       dev.pulse.connectors.internal.Json}: bodies parsed as a tree, or streamed element by
 *       element for large pages, optionally leaving out fields the connector never reads.
 *   <li>{@link dev.pulse.connectors.internal.PreCounts}: a pre-flight count within its budget,
 *       unknown on failure or overrun.
 *   <li>{@link dev.pulse.connectors.internal.Positions}: the position just below another and the
 *       text form of (instant, number) positions in newest-first continuations.
 * </ul>
 *
 * <h2>Writing a connector on it</h2>
 *
 * Build one {@code JsonHttp} per credential in the connector's builder (pass the connector's clock,
 * sleeper and random so its tests are deterministic), share it between scopes, pass the scope to
 * every call so messages name it, and call {@code json()} or {@code streamArray()} on the result. A
 * vendor with its own rate-limit headers passes its own {@code RateLimitSignal} (GitHub: 403 or 429
 * with {@code retry-after}; {@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset};
 * otherwise a secondary limit of at least a minute; absent headers unknown).
 */
@NullMarked
package dev.pulse.connectors.internal;

import org.jspecify.annotations.NullMarked;
