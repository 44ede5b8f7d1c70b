package dev.pulse.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.SourceException;
import dev.pulse.connectors.internal.Credential;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.connectors.internal.JsonHttp;
import dev.pulse.connectors.internal.PreCounts;
import dev.pulse.connectors.internal.RateLimiter;
import dev.pulse.connectors.internal.Sleeper;
import dev.pulse.model.EffortSource;
import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.internal.Checks;
import dev.pulse.spi.Connector;
import dev.pulse.spi.PageFetcher;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Jira Cloud issues connector (REST v3): one scope per project ({@code jira:project:<KEY>}),
 * read oldest update first with the position (updated instant, issue number).
 *
 * <p>What it does, in short (details in {@code docs/connectors.md}): discovers projects by paging
 * {@code /rest/api/3/project/search}, filtered by an optional activation predicate; searches with
 * {@code POST /rest/api/3/search/jql}, {@code ORDER BY updated ASC, key ASC}, one fresh query per
 * page from the last position (JQL's minute precision handled on the client); completes truncated
 * change logs with {@code /rest/api/3/changelog/bulkfetch}; normalizes statuses (textual table,
 * then status category from {@code /rest/api/3/status}, then todo with a WARN and a counter) for
 * the current status and every transition; derives effort through the story-points / T-shirt /
 * original-estimate chain, counted per source; strips NUL bytes from every text; and keeps no
 * person-identifying field. Pre-counts use {@code /rest/api/3/search/approximate-count} within the
 * budget. {@link #holdBack()} is configurable (Jira's search is eventually consistent).
 *
 * <p>Errors: a rejected credential is {@link ErrorCode#AUTH_FAILED} naming the credential's name
 * (never its value); a rate limit longer than the configured wait is {@link ErrorCode#RATE_LIMITED}
 * with the resume time; 5xx and connection failures after bounded retries are {@link
 * ErrorCode#SOURCE_UNAVAILABLE}; unreadable answers are {@link ErrorCode#INVALID_DATA}.
 *
 * <p>Thread-safe: scopes may be read concurrently, and all share one HTTP client and one rate
 * limiter for the credential; {@link #sprints()} shares them too. Close it when done (idempotent).
 */
public final class JiraConnector implements Connector<Issue> {
  /** The source name of every Jira scope key. */
  public static final String SOURCE = "jira";

  static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final DateTimeFormatter JQL_MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final JsonHttp http;
  private final Duration holdBack;
  private final ZoneId jqlZone;
  private final Predicate<String> activeProjects;
  private final StatusNormalizer statuses;
  private final Duration sprintRefresh;
  private final PulseClock clock;
  private final AtomicLong bulkFetched = new AtomicLong();
  private final Object metadataLock = new Object();
  private volatile @Nullable Metadata metadata;

  /** Field ids, status categories and the mapper built on them; discovered once. */
  record Metadata(
      JiraFields fields,
      Map<String, String> categories,
      EffortChain effort,
      IssueMapper mapper,
      List<String> searchFields) {}

  private JiraConnector(Builder b) {
    Credential credential = Credential.basic(b.credentialName, b.email, b.apiToken);
    RateLimiter limiter = new RateLimiter(b.clock, b.sleeper, b.requestsPerSecond);
    this.http =
        JsonHttp.builder(SOURCE, Checks.requireSet(b.baseUri, "baseUri"), credential)
            .clock(b.clock)
            .sleeper(b.sleeper)
            .random(b.random)
            .rateLimiter(limiter)
            .connectTimeout(b.connectTimeout)
            .requestTimeout(b.requestTimeout)
            .maxRetries(b.maxRetries)
            .maxRateLimitWait(b.maxRateLimitWait)
            .backoff(b.backoffBase, b.backoffCap)
            .build();
    this.holdBack = b.holdBack;
    this.jqlZone = b.jqlZone;
    this.activeProjects = b.activeProjects;
    this.statuses = new StatusNormalizer(b.statusMapping);
    this.sprintRefresh = b.sprintRefresh;
    this.clock = b.clock;
  }

  /**
   * Starts configuring a connector.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public EntityType entityType() {
    return EntityType.ISSUES;
  }

  @Override
  public Duration holdBack() {
    return holdBack;
  }

  @Override
  public List<ScopeKey> discoverScopes() {
    List<ScopeKey> scopes = new ArrayList<>();
    int startAt = 0;
    while (true) {
      HttpResult page =
          http.get("/rest/api/3/project/search?startAt=" + startAt + "&maxResults=50", null);
      JsonNode root = page.json();
      JsonNode values = Json.child(root, "values");
      int seen = 0;
      if (values != null) {
        for (JsonNode project : values) {
          seen++;
          String key = Json.text(project, "key");
          if (key != null && PROJECT_KEY.matcher(key).matches() && activeProjects.test(key)) {
            scopes.add(ScopeKey.of(SOURCE, "project", key));
          }
        }
      }
      JsonNode isLast = root.get("isLast");
      if (seen == 0 || (isLast != null && isLast.asBoolean())) {
        return List.copyOf(scopes);
      }
      startAt += seen;
    }
  }

  @Override
  public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
    if (!isProjectScope(scope)) {
      return ItemCount.unknown();
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("jql", jql(scope.value(), after));
    return PreCounts.within(
        budget,
        "pulse-jira-precount",
        () -> {
          JsonNode root =
              http.post("/rest/api/3/search/approximate-count", body.toString(), scope).json();
          JsonNode n = root.get("count");
          return n != null && n.canConvertToLong()
              ? ItemCount.approximate(n.asLong())
              : ItemCount.unknown();
        });
  }

  @Override
  public Health checkHealth() {
    try {
      http.get("/rest/api/3/serverInfo", null);
      return Health.up();
    } catch (SourceException e) {
      return Health.down(e.code(), String.valueOf(e.getMessage()));
    }
  }

  @Override
  public PageFetcher<Issue> openScope(ScopeKey scope) {
    Objects.requireNonNull(scope, "scope");
    if (!isProjectScope(scope)) {
      throw new ScopeNotFoundException(scope);
    }
    HttpResult project = http.get("/rest/api/3/project/" + scope.value(), scope, 404);
    if (project.status() == 404) {
      throw new ScopeNotFoundException(scope);
    }
    return new JiraIssueFetcher(this, scope);
  }

  private static boolean isProjectScope(ScopeKey scope) {
    return scope.source().equals(SOURCE)
        && scope.dimension().equals("project")
        && PROJECT_KEY.matcher(scope.value()).matches();
  }

  /**
   * Returns a reader of this site's sprints that shares this connector's HTTP client and rate
   * limiter. Closing it leaves this connector open.
   *
   * @return the sprints reader
   */
  public JiraSprintConnector sprints() {
    return new JiraSprintConnector(http, clock, sprintRefresh);
  }

  /**
   * Returns how many issues took their effort from each source, since this connector was created.
   *
   * @return counts by source, every source present
   */
  public Map<EffortSource, Long> effortSourceCounts() {
    Metadata m = metadata;
    if (m == null) {
      Map<EffortSource, Long> zero = new LinkedHashMap<>();
      for (EffortSource s : EffortSource.values()) {
        zero.put(s, 0L);
      }
      return zero;
    }
    return m.effort().counts();
  }

  /**
   * Returns how often each raw status that neither the table nor a category could map was seen (and
   * counted as todo).
   *
   * @return counts by raw status, sorted
   */
  public Map<String, Long> unmappedStatusCounts() {
    return statuses.unmappedCounts();
  }

  /**
   * Returns how many issues needed their change log completed by the bulk endpoint.
   *
   * @return the count
   */
  public long bulkChangelogIssues() {
    return bulkFetched.get();
  }

  /**
   * Returns how many HTTP exchanges this connector (and its sprints reader) made, retries included.
   *
   * @return the count
   */
  public long requestCount() {
    return http.requestCount();
  }

  JsonHttp http() {
    return http;
  }

  void countBulkFetched(int n) {
    bulkFetched.addAndGet(n);
  }

  String jql(String projectKey, @Nullable Position after) {
    StringBuilder jql = new StringBuilder("project = \"").append(projectKey).append('"');
    if (after != null && after.instant() != null) {
      // JQL compares at minute precision in the user's zone: query from the position's minute and
      // drop what is at or before the position on the client.
      String minute =
          JQL_MINUTE.format(
              Objects.requireNonNull(after.instant())
                  .atZone(jqlZone)
                  .truncatedTo(ChronoUnit.MINUTES));
      jql.append(" AND updated >= \"").append(minute).append('"');
    }
    return jql.append(" ORDER BY updated ASC, key ASC").toString();
  }

  Metadata metadata(ScopeKey scope) {
    Metadata m = metadata;
    if (m != null) {
      return m;
    }
    synchronized (metadataLock) {
      m = metadata;
      if (m == null) {
        JiraFields fields = JiraFields.discover(http.get("/rest/api/3/field", scope).json());
        Map<String, String> categories = new HashMap<>();
        for (JsonNode status : http.get("/rest/api/3/status", scope).json()) {
          String name = Json.text(status, "name");
          String key = Json.text(Json.child(status, "statusCategory"), "key");
          if (name != null && key != null) {
            String k = key.toLowerCase(Locale.ROOT).strip();
            if (k.equals("new") || k.equals("indeterminate") || k.equals("done")) {
              categories.putIfAbsent(JiraText.stripNul(name).toLowerCase(Locale.ROOT).strip(), k);
            }
          }
        }
        EffortChain effort = new EffortChain(fields);
        Set<String> searchFields =
            new LinkedHashSet<>(
                List.of(
                    "status",
                    "issuetype",
                    "created",
                    "updated",
                    "resolutiondate",
                    "labels",
                    "components",
                    "parent"));
        searchFields.addAll(effort.fieldIds());
        if (fields.sprint() != null) {
          searchFields.add(fields.sprint());
        }
        m =
            new Metadata(
                fields,
                Map.copyOf(categories),
                effort,
                new IssueMapper(statuses, categories, effort, fields),
                List.copyOf(searchFields));
        metadata = m;
      }
      return m;
    }
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "JiraConnector[" + http + "]";
  }

  /**
   * Configures a {@link JiraConnector}; each setter validates and names a bad argument. Required:
   * {@link #baseUri} and {@link #credential}. Defaults: the system clock, connect timeout 10 s,
   * request timeout 30 s, 4 retries with backoff from 500 ms capped at 30 s, rate-limit waits up to
   * 2 minutes, no steady pace, hold-back 1 minute, JQL in UTC, every project active, the built-in
   * status table, sprints refreshed on every run at least a minute apart.
   */
  public static final class Builder {
    private @Nullable URI baseUri;
    private String credentialName = "";
    private String email = "";
    private String apiToken = "";
    private PulseClock clock = PulseClock.system();
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random = new SplittableRandom();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRetries = 4;
    private Duration maxRateLimitWait = Duration.ofMinutes(2);
    private Duration backoffBase = Duration.ofMillis(500);
    private Duration backoffCap = Duration.ofSeconds(30);
    private double requestsPerSecond;
    private Duration holdBack = Duration.ofMinutes(1);
    private ZoneId jqlZone = ZoneOffset.UTC;
    private Predicate<String> activeProjects = key -> true;
    private Map<String, NormalizedStatus> statusMapping = Map.of();
    private Duration sprintRefresh = Duration.ofMinutes(1);

    private Builder() {}

    /**
     * Sets the site, e.g. {@code https://acme.atlassian.net}.
     *
     * @param baseUri an http(s) URL without credentials
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri");
      if (!"https".equals(baseUri.getScheme()) && !"http".equals(baseUri.getScheme())) {
        throw new IllegalArgumentException(
            "baseUri must be an http(s) URL but was " + baseUri.getScheme() + " URL");
      }
      if (baseUri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("baseUri must not carry credentials; use credential()");
      }
      this.baseUri = baseUri;
      return this;
    }

    /**
     * Sets the API token credential (Jira Cloud: the account e-mail and an API token, sent as basic
     * auth). Only {@code name} ever appears in messages and logs.
     *
     * @param name the credential's name, e.g. {@code jira-prod-token}, not blank
     * @param email the account e-mail, not blank
     * @param apiToken the API token, not blank
     * @return this builder
     */
    public Builder credential(String name, String email, String apiToken) {
      this.credentialName = Checks.requireText(name, "name");
      this.email = Checks.requireText(email, "email");
      this.apiToken = Checks.requireText(apiToken, "apiToken");
      return this;
    }

    /**
     * Sets the clock (rate-limit resume times, backoff, sprint refresh).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    Builder backoff(Duration base, Duration cap) {
      this.backoffBase = Checks.requirePositive(base, "backoff base");
      this.backoffCap = Checks.requirePositive(cap, "backoff cap");
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
     * Sets the timeout of one request.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Checks.requirePositive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets how often a failed request (connection failure, timeout, 5xx) is retried.
     *
     * @param maxRetries between 0 and 20
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = (int) Checks.requireBetween(maxRetries, 0, 20, "maxRetries");
      return this;
    }

    /**
     * Sets the longest rate-limit wait sat out; longer ones fail the scope with RATE_LIMITED and
     * the resume time.
     *
     * @param wait zero or positive
     * @return this builder
     */
    public Builder maxRateLimitWait(Duration wait) {
      this.maxRateLimitWait = Checks.requireNonNegative(wait, "maxRateLimitWait");
      return this;
    }

    /**
     * Sets a steady pace for this credential, below Jira's burst limits.
     *
     * @param requestsPerSecond at least 0; 0 for no pace
     * @return this builder
     */
    public Builder requestsPerSecond(double requestsPerSecond) {
      if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
        throw new IllegalArgumentException(
            "requestsPerSecond must be >= 0 and finite but was " + requestsPerSecond);
      }
      this.requestsPerSecond = requestsPerSecond;
      return this;
    }

    /**
     * Sets the hold-back the engine applies to this connector's watermarks (Jira's search shows a
     * just-updated issue late).
     *
     * @param holdBack zero or positive
     * @return this builder
     */
    public Builder holdBack(Duration holdBack) {
      this.holdBack = Checks.requireNonNegative(holdBack, "holdBack");
      return this;
    }

    /**
     * Sets the time zone JQL date literals are read in: the API user's profile zone.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder jqlTimeZone(ZoneId zone) {
      this.jqlZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets which discovered projects become scopes, e.g. {@link
     * ProjectActivation#referencedByTitles}.
     *
     * @param active tests a project key
     * @return this builder
     */
    public Builder activeProjects(Predicate<String> active) {
      this.activeProjects = Objects.requireNonNull(active, "active");
      return this;
    }

    /**
     * Adds or overrides rows of the status table; keys are matched lower-cased and stripped.
     *
     * @param mapping raw status name to normalized status
     * @return this builder
     */
    public Builder statusMapping(Map<String, NormalizedStatus> mapping) {
      Objects.requireNonNull(mapping, "mapping");
      mapping.forEach(
          (k, v) -> {
            Checks.requireText(k, "statusMapping key");
            Objects.requireNonNull(v, "statusMapping value for " + k);
          });
      this.statusMapping = Map.copyOf(mapping);
      return this;
    }

    /**
     * Sets how far apart two sprint reads must start to read every sprint again (sprints change
     * state at their end date, so each run re-reads them; a resume within this interval continues
     * where it stopped).
     *
     * @param interval positive
     * @return this builder
     */
    public Builder sprintRefreshInterval(Duration interval) {
      this.sprintRefresh = Checks.requirePositive(interval, "sprintRefreshInterval");
      return this;
    }

    /**
     * Creates the connector.
     *
     * @return a new connector
     * @throws IllegalStateException if the base URL or credential is missing
     */
    public JiraConnector build() {
      Checks.requireSet(baseUri, "baseUri");
      if (credentialName.isEmpty()) {
        throw new IllegalStateException("credential must be set");
      }
      return new JiraConnector(this);
    }

    @Override
    public String toString() {
      return "JiraConnector.Builder[" + baseUri + ", credential " + credentialName + "]";
    }
  }
}
