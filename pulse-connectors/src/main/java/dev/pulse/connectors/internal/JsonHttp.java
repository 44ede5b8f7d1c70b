package dev.pulse.connectors.internal;

import dev.pulse.ErrorCode;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.internal.Redaction;
import dev.pulse.model.internal.Checks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP client for one vendor base URL and one {@link Credential}, sending JSON requests with
 * timeouts, bounded retries, rate limiting and conditional GETs, and turning every failure into a
 * {@link SourceException} with a stable {@link ErrorCode}.
 *
 * <p>What {@link #send} does, in order, for every attempt: waits on the credential's {@link
 * RateLimiter}; sends with the request timeout; then
 *
 * <ul>
 *   <li>a connection failure or timeout ({@link IOException}) or a 5xx is retried up to {@code
 *       maxRetries} times after a {@link Backoff} delay, then fails with {@link
 *       ErrorCode#SOURCE_UNAVAILABLE};
 *   <li>a rate-limit signal ({@link RateLimitSignal}) blocks the whole credential for the wait the
 *       vendor named (or a backoff delay when it named none) and retries; a wait longer than {@code
 *       maxRateLimitWait}, or more than {@code maxRetries} rate-limited answers in a row, fails
 *       with {@link ErrorCode#RATE_LIMITED} carrying the wait as {@link
 *       SourceException#retryAfter()} and the resume time in its message;
 *   <li>401 and 403 fail with {@link ErrorCode#AUTH_FAILED}, naming the source and the credential's
 *       name;
 *   <li>a 304 to a conditional GET returns the cached body; other 2xx return the body (and a GET's
 *       {@code ETag} is remembered); statuses the call accepts (such as 404) are returned;
 *   <li>any other status fails with {@link ErrorCode#INVALID_DATA}, quoting a sanitized snippet of
 *       the body.
 * </ul>
 *
 * <p>The credential's secret is only ever put in the {@code Authorization} header; messages and
 * logs name the method, path and credential name. Thread-safe and meant to be shared by every scope
 * read with the same credential; {@link #close()} releases the underlying client's resources.
 */
public final class JsonHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonHttp.class);
  private static final int MAX_CACHED = 256;
  private static final int SNIPPET = 200;

  private final String source;
  private final URI baseUri;
  private final Credential credential;
  private final HttpClient client;
  private final PulseClock clock;
  private final Sleeper sleeper;
  private final RateLimiter limiter;
  private final RateLimitSignal signal;
  private final Backoff backoff;
  private final int maxRetries;
  private final Duration requestTimeout;
  private final Duration maxRateLimitWait;
  private final Map<String, Cached> etags;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();

  private JsonHttp(Builder b) {
    this.source = b.source;
    this.baseUri = b.baseUri;
    this.credential = b.credential;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.limiter = b.limiter != null ? b.limiter : new RateLimiter(clock, sleeper, 0);
    this.signal = b.signal;
    this.backoff = new Backoff(b.backoffBase, b.backoffCap, b.random);
    this.maxRetries = b.maxRetries;
    this.requestTimeout = b.requestTimeout;
    this.maxRateLimitWait = b.maxRateLimitWait;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.etags =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_CACHED;
          }
        };
  }

  /**
   * Starts a client for a source, base URL and credential.
   *
   * @param source the source name for messages, e.g. {@code jira}
   * @param baseUri the vendor's base URL, e.g. {@code https://acme.atlassian.net}
   * @param credential the credential every request carries
   * @return a builder
   */
  public static Builder builder(String source, URI baseUri, Credential credential) {
    return new Builder(source, baseUri, credential);
  }

  /**
   * Sends a GET, conditionally when the same URL answered with an {@code ETag} before.
   *
   * @param pathAndQuery the path below the base URL, with its query, e.g. {@code /rest/api/3/field}
   * @param scope the scope being read, for messages; null when none
   * @param accepted non-2xx statuses to return instead of failing on, e.g. 404
   * @return the response
   * @throws SourceException on failure, see the class documentation
   */
  public HttpResult get(String pathAndQuery, @Nullable ScopeKey scope, int... accepted) {
    return send("GET", pathAndQuery, null, scope, accepted);
  }

  /**
   * Sends a POST with a JSON body.
   *
   * @param path the path below the base URL
   * @param jsonBody the body
   * @param scope the scope being read, for messages; null when none
   * @param accepted non-2xx statuses to return instead of failing on
   * @return the response
   * @throws SourceException on failure, see the class documentation
   */
  public HttpResult post(String path, String jsonBody, @Nullable ScopeKey scope, int... accepted) {
    return send("POST", path, Objects.requireNonNull(jsonBody, "jsonBody"), scope, accepted);
  }

  /**
   * Returns how many HTTP exchanges were made, retries included.
   *
   * @return the count
   */
  public long requestCount() {
    return requests.get();
  }

  /**
   * Returns how many conditional GETs were answered 304 Not Modified.
   *
   * @return the count
   */
  public long notModifiedCount() {
    return notModified.get();
  }

  /**
   * Returns the credential's rate limiter.
   *
   * @return the limiter
   */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  /**
   * Returns the name of the credential, for messages.
   *
   * @return the name
   */
  public String credentialName() {
    return credential.name();
  }

  private HttpResult send(
      String method,
      String pathAndQuery,
      @Nullable String body,
      @Nullable ScopeKey scope,
      int[] accepted) {
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    URI uri = baseUri.resolve(pathAndQuery);
    String what = method + " " + uri.getRawPath();
    String cacheKey = uri.toString();
    int failures = 0;
    int rateLimited = 0;
    while (true) {
      Cached cached = body == null ? cachedFor(cacheKey) : null;
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(requestTimeout)
              .header("Authorization", credential.authorizationHeader())
              .header("Accept", "application/json");
      if (body == null) {
        request.GET();
      } else {
        request
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      }
      if (cached != null) {
        request.header("If-None-Match", cached.etag);
      }
      HttpResponse<byte[]> response;
      try {
        limiter.acquire();
        requests.incrementAndGet();
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException(ErrorCode.CANCELLED, source, scope, what + " was interrupted", e);
      } catch (IOException e) {
        if (failures >= maxRetries) {
          throw new SourceException(
              ErrorCode.SOURCE_UNAVAILABLE,
              source,
              scope,
              what
                  + " failed after "
                  + (failures + 1)
                  + " attempts: "
                  + e.getClass().getSimpleName(),
              e);
        }
        pause(backoff.delay(failures++), what, scope, e.getClass().getSimpleName());
        continue;
      }
      int status = response.statusCode();
      Instant now = clock.instant();
      Duration wait = signal.waitFor(status, response.headers(), response.body(), now, rateLimited);
      if (wait != null) {
        Duration effective =
            wait.equals(RateLimitSignal.NO_HINT) ? backoff.delay(rateLimited) : wait;
        Instant resumeAt = limiter.blockFor(effective);
        if (effective.compareTo(maxRateLimitWait) > 0 || rateLimited >= maxRetries) {
          throw new SourceException(
              ErrorCode.RATE_LIMITED,
              source,
              scope,
              what
                  + " is rate limited for credential '"
                  + credential.name()
                  + "' (HTTP "
                  + status
                  + "); resume at "
                  + resumeAt,
              effective,
              null);
        }
        rateLimited++;
        LOG.info(
            "{} {} rate limited (HTTP {}), credential '{}' resumes at {}",
            source,
            what,
            status,
            credential.name(),
            resumeAt);
        continue;
      }
      if (status == 401 || status == 403) {
        throw new SourceException(
            ErrorCode.AUTH_FAILED,
            source,
            scope,
            what + " rejected credential '" + credential.name() + "' (HTTP " + status + ")",
            null);
      }
      if (status >= 500) {
        if (failures >= maxRetries) {
          throw new SourceException(
              ErrorCode.SOURCE_UNAVAILABLE,
              source,
              scope,
              what + " answered HTTP " + status + " after " + (failures + 1) + " attempts",
              null);
        }
        pause(backoff.delay(failures++), what, scope, "HTTP " + status);
        continue;
      }
      if (status == 304 && cached != null) {
        notModified.incrementAndGet();
        return new HttpResult(source, scope, what, 200, response.headers(), cached.body, true);
      }
      if (status >= 200 && status < 300) {
        if (body == null) {
          response.headers().firstValue("ETag").ifPresent(tag -> remember(cacheKey, tag, response));
        }
        return new HttpResult(
            source, scope, what, status, response.headers(), response.body(), false);
      }
      for (int ok : accepted) {
        if (ok == status) {
          return new HttpResult(
              source, scope, what, status, response.headers(), response.body(), false);
        }
      }
      String snippet =
          Redaction.sanitize(new String(response.body(), StandardCharsets.UTF_8), SNIPPET);
      throw new SourceException(
          ErrorCode.INVALID_DATA,
          source,
          scope,
          what
              + " answered HTTP "
              + status
              + (snippet == null || snippet.isEmpty() ? "" : ": " + snippet),
          null);
    }
  }

  private void pause(Duration delay, String what, @Nullable ScopeKey scope, String reason) {
    LOG.debug("{} {} failed ({}); retrying in {}", source, what, reason, delay);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(ErrorCode.CANCELLED, source, scope, what + " was interrupted", e);
    }
  }

  private @Nullable Cached cachedFor(String key) {
    synchronized (etags) {
      return etags.get(key);
    }
  }

  private void remember(String key, String etag, HttpResponse<byte[]> response) {
    synchronized (etags) {
      etags.put(key, new Cached(etag, response.body()));
    }
  }

  @Override
  public void close() {
    // HttpClient became AutoCloseable only in JDK 21; on 17 its threads end once it is unreachable.
    synchronized (etags) {
      etags.clear();
    }
  }

  @Override
  public String toString() {
    return "JsonHttp[" + source + " " + baseUri + ", " + credential + "]";
  }

  private static final class Cached {
    final String etag;
    final byte[] body;

    Cached(String etag, byte[] body) {
      this.etag = etag;
      this.body = body;
    }
  }

  /**
   * Configures a {@link JsonHttp}. Each setter validates its argument and names it in the error.
   * Defaults: connect timeout 10 s, request timeout 30 s, 4 retries, backoff from 500 ms capped at
   * 30 s, rate-limit waits up to 2 minutes, the system clock and sleeper, a fresh limiter without
   * pacing, {@link RateLimitSignal#standard()}.
   */
  public static final class Builder {
    private final String source;
    private final URI baseUri;
    private final Credential credential;
    private PulseClock clock = PulseClock.system();
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random = new SplittableRandom();
    private @Nullable RateLimiter limiter;
    private RateLimitSignal signal = RateLimitSignal.standard();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration backoffBase = Duration.ofMillis(500);
    private Duration backoffCap = Duration.ofSeconds(30);
    private Duration maxRateLimitWait = Duration.ofMinutes(2);
    private int maxRetries = 4;

    private Builder(String source, URI baseUri, Credential credential) {
      this.source = Checks.requireText(source, "source");
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
        throw new IllegalArgumentException(
            "baseUri must be an http(s) URL but was "
                + Redaction.sanitize(baseUri.toString(), 200));
      }
      if (baseUri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("baseUri must not carry credentials; use a Credential");
      }
      this.credential = Objects.requireNonNull(credential, "credential");
    }

    /**
     * Sets the clock that timestamps rate-limit resume times and measures waits.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the client waits between attempts.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the jitter source of the backoff.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Shares a credential's limiter between clients; by default each client has its own.
     *
     * @param limiter the limiter of this credential
     * @return this builder
     */
    public Builder rateLimiter(RateLimiter limiter) {
      this.limiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * Sets how rate limiting is recognised.
     *
     * @param signal the vendor's signal
     * @return this builder
     */
    public Builder rateLimitSignal(RateLimitSignal signal) {
      this.signal = Objects.requireNonNull(signal, "signal");
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Checks.requirePositive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the timeout of one request, from sending to the end of the response.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Checks.requirePositive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the backoff between retries.
     *
     * @param base the first delay's ceiling, positive
     * @param cap the largest ceiling, at least {@code base}
     * @return this builder
     */
    public Builder backoff(Duration base, Duration cap) {
      Checks.requirePositive(base, "backoff base");
      Checks.requirePositive(cap, "backoff cap");
      if (cap.compareTo(base) < 0) {
        throw new IllegalArgumentException(
            "backoff cap must be >= base " + base + " but was " + cap);
      }
      this.backoffBase = base;
      this.backoffCap = cap;
      return this;
    }

    /**
     * Sets how many times a failed exchange is retried, and how many rate-limited answers in a row
     * are waited out.
     *
     * @param maxRetries between 0 and 20
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = (int) Checks.requireBetween(maxRetries, 0, 20, "maxRetries");
      return this;
    }

    /**
     * Sets the longest rate-limit wait the client sits out; a longer one fails the call with {@link
     * ErrorCode#RATE_LIMITED} and the resume time, so the scope can be retried later.
     *
     * @param wait zero or positive
     * @return this builder
     */
    public Builder maxRateLimitWait(Duration wait) {
      this.maxRateLimitWait = Checks.requireNonNegative(wait, "maxRateLimitWait");
      return this;
    }

    /**
     * Creates the client.
     *
     * @return a new client
     */
    public JsonHttp build() {
      return new JsonHttp(this);
    }
  }
}
