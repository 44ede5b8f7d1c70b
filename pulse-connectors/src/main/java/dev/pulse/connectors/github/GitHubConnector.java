package dev.pulse.connectors.github;

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
import dev.pulse.connectors.internal.Json;
import dev.pulse.connectors.internal.JsonHttp;
import dev.pulse.connectors.internal.PreCounts;
import dev.pulse.connectors.internal.RateLimiter;
import dev.pulse.connectors.internal.Sleeper;
import dev.pulse.model.PullRequest;
import dev.pulse.model.internal.Checks;
import dev.pulse.spi.Connector;
import dev.pulse.spi.PageFetcher;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The GitHub pull-request connector, over GraphQL: one scope per repository ({@code
 * github:repo:<owner>/<name>}), read oldest update first with the position (updated instant, pull
 * request number).
 *
 * <p>What it does, in short (details in {@code docs/connectors.md}): discovers the organisation's
 * repositories pushed to in the last {@code activeMonths} months, archived ones skipped (or takes a
 * configured list); reads {@code pullRequests(orderBy: {field: UPDATED_AT, direction: ASC})} page
 * by page with the connection's cursor, and resumes a stored position by walking the same
 * connection backwards ({@code last}/{@code before}, two fields a node) to the cursor of the last
 * pull request at or before it; reads {@code rateLimit { cost remaining resetAt }} from every
 * answer and waits (or fails with {@link ErrorCode#RATE_LIMITED} and the resume time) before the
 * points run out; maps GraphQL {@code errors} in a 200 to codes. Pull requests are normalized
 * inside the connector: first review and approval by someone other than the author (no login leaves
 * it), ready-for-review, merge commit, reverts, issue keys, labels, NUL bytes stripped.
 *
 * <p><b>Why oldest first.</b> GraphQL has no "updated since" filter, so either order needs a walk.
 * Oldest first lets the engine advance the watermark after every stored page, so a failure or crash
 * mid-scope (a rate limit on a large backfill, say) keeps what was stored and resumes there, and a
 * scope's read is a plain forward cursor walk with bounded memory. Newest first would hold the
 * watermark until the whole walk ended and repeat it after any failure. The price of oldest first
 * is the backward probe on resume, one cheap query per 100 pull requests changed since the last
 * run.
 *
 * <p>Thread-safe: scopes may be read concurrently, sharing one HTTP client, one rate limiter and
 * one point budget per credential; {@link #deployments()} shares them too. Close it when done
 * (idempotent).
 */
public final class GitHubConnector implements Connector<PullRequest> {
  /** The source name of every GitHub scope key. */
  public static final String SOURCE = "github";

  /** The scope dimension: one scope per repository. */
  public static final String REPO = "repo";

  static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  private static final Component.Matchers NO_COMPONENTS = new Component.Matchers(List.of());

  private final JsonHttp http;
  private final GraphQl graphQl;
  private final String restPrefix;
  private final @Nullable String organization;
  private final List<String> repositories;
  private final Map<String, Component.Matchers> components;
  private final int activeMonths;
  private final int maxPageSize;
  private final PulseClock clock;
  private final Duration maxRateLimitWait;
  private final Duration deploymentHoldBack;
  private final Duration deploymentMaxPendingAge;
  private final @Nullable GitHubAppTokens appTokens;

  private GitHubConnector(Builder b) {
    URI api = Checks.requireSet(b.apiUri, "apiUri");
    String path = api.getRawPath() == null ? "" : api.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    this.restPrefix = path;
    String graphQlPath =
        path.endsWith("/api/v3")
            ? path.substring(0, path.length() - 3) + "/graphql"
            : path + "/graphql";
    URI origin = URI.create(api.getScheme() + "://" + api.getRawAuthority() + "/");
    GitHubAppTokens tokens = null;
    Credential credential;
    if (b.token != null) {
      credential = Credential.bearer(b.credentialName, b.token);
    } else {
      tokens =
          new GitHubAppTokens(
              b.credentialName,
              Checks.requireSet(b.appId, "appId"),
              Checks.requireSet(b.privateKeyPem, "privateKey"),
              b.installationId,
              b.clock,
              restPrefix,
              jwt -> client(b, origin, jwt, new RateLimiter(b.clock, b.sleeper, 0)));
      credential = Credential.bearer(b.credentialName, tokens);
    }
    this.appTokens = tokens;
    this.http =
        client(b, origin, credential, new RateLimiter(b.clock, b.sleeper, b.requestsPerSecond));
    this.graphQl =
        new GraphQl(
            http,
            graphQlPath,
            new GraphQlBudget(b.pointsReserve),
            b.clock,
            b.maxRateLimitWait,
            b.maxRetries);
    this.organization = b.organization;
    this.repositories = List.copyOf(b.repositories);
    Map<String, List<Component>> byRepository = new TreeMap<>();
    for (Component c : b.components) {
      byRepository.computeIfAbsent(c.repository(), r -> new ArrayList<>()).add(c);
    }
    Map<String, Component.Matchers> matchers = new TreeMap<>();
    byRepository.forEach((repo, list) -> matchers.put(repo, new Component.Matchers(list)));
    this.components = Map.copyOf(matchers);
    this.activeMonths = b.activeMonths;
    this.maxPageSize = b.maxPageSize;
    this.clock = b.clock;
    this.maxRateLimitWait = b.maxRateLimitWait;
    this.deploymentHoldBack = b.deploymentHoldBack;
    this.deploymentMaxPendingAge = b.deploymentMaxPendingAge;
  }

  private static JsonHttp client(
      Builder b, URI origin, Credential credential, RateLimiter limiter) {
    return JsonHttp.builder(SOURCE, origin, credential)
        .clock(b.clock)
        .sleeper(b.sleeper)
        .random(b.random)
        .rateLimiter(limiter)
        .rateLimitSignal(new GitHubRateLimitSignal())
        .connectTimeout(b.connectTimeout)
        .requestTimeout(b.requestTimeout)
        .maxRetries(b.maxRetries)
        .maxRateLimitWait(b.maxRateLimitWait)
        .backoff(b.backoffBase, b.backoffCap)
        .build();
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
    return EntityType.PULL_REQUESTS;
  }

  @Override
  public List<ScopeKey> discoverScopes() {
    return discoverRepositories().stream().map(GitHubConnector::scopeOf).toList();
  }

  static ScopeKey scopeOf(String repository) {
    return ScopeKey.of(SOURCE, REPO, repository);
  }

  /** Lists the repositories to read: the configured ones, else the organisation's active ones. */
  List<String> discoverRepositories() {
    if (!repositories.isEmpty()) {
      return repositories;
    }
    String org = Objects.requireNonNull(organization, "organization");
    Instant cutoff = clock.instant().atZone(ZoneOffset.UTC).minusMonths(activeMonths).toInstant();
    TreeSet<String> found = new TreeSet<>();
    String after = null;
    while (true) {
      ObjectNode vars = Json.MAPPER.createObjectNode().put("org", org);
      if (after != null) {
        vars.put("after", after);
      } else {
        vars.putNull("after");
      }
      GraphQl.Answer answer =
          graphQl.query(Queries.REPOSITORIES_OP, Queries.REPOSITORIES, vars, null);
      JsonNode orgNode = Json.child(answer.data(), "organization");
      if (orgNode == null) {
        throw new ScopeNotFoundException(ScopeKey.of(SOURCE, "org", org));
      }
      JsonNode repos = Json.child(orgNode, "repositories");
      JsonNode nodes = Json.child(repos, "nodes");
      boolean older = false;
      if (nodes != null) {
        for (JsonNode repo : nodes) {
          String name = Json.text(repo, "nameWithOwner");
          Instant pushed = GitHubText.parseTime(Json.text(repo, "pushedAt"));
          if (pushed == null || pushed.isBefore(cutoff)) {
            // Ordered by PUSHED_AT DESC: every later repository is inactive too.
            older = pushed != null;
            continue;
          }
          if (name != null
              && REPOSITORY.matcher(name).matches()
              && !repo.path("isArchived").asBoolean(false)) {
            found.add(name);
          }
        }
      }
      JsonNode pageInfo = Json.child(repos, "pageInfo");
      String end = Json.text(pageInfo, "endCursor");
      if (older
          || pageInfo == null
          || !pageInfo.path("hasNextPage").asBoolean(false)
          || end == null
          || end.equals(after)) {
        return List.copyOf(found);
      }
      after = end;
    }
  }

  @Override
  public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
    if (repositoryOf(scope) == null) {
      return ItemCount.unknown();
    }
    return PreCounts.within(
        budget,
        "pulse-github-precount",
        () -> {
          if (after == null) {
            JsonNode repo = repository(scope);
            JsonNode total = Json.child(Json.child(repo, "pullRequests"), "totalCount");
            return total != null && total.canConvertToLong()
                ? ItemCount.approximate(total.asLong())
                : ItemCount.unknown();
          }
          GitHubPullRequestFetcher.Boundary b =
              new GitHubPullRequestFetcher(this, scope).boundary(after, PRECOUNT_PROBES);
          return b.found() ? ItemCount.approximate(b.newer()) : ItemCount.unknown();
        });
  }

  // A resumed pre-count walks back at most this many pages of 100; a longer gap is "unknown".
  private static final int PRECOUNT_PROBES = 5;

  @Override
  public Health checkHealth() {
    try {
      graphQl.query(Queries.HEALTH_OP, Queries.HEALTH, Json.MAPPER.createObjectNode(), null);
      return Health.up();
    } catch (SourceException e) {
      return Health.down(e.code(), String.valueOf(e.getMessage()));
    }
  }

  @Override
  public PageFetcher<PullRequest> openScope(ScopeKey scope) {
    Objects.requireNonNull(scope, "scope");
    // Only the form is checked here; a repository that does not exist (or that the credential
    // cannot see) fails the first fetch with ScopeNotFoundException, so opening costs no request.
    if (repositoryOf(scope) == null) {
      throw new ScopeNotFoundException(scope);
    }
    return new GitHubPullRequestFetcher(this, scope);
  }

  /** Returns {@code owner/name} of a repository scope of this source, or null. */
  static @Nullable String repositoryOf(ScopeKey scope) {
    return scope.source().equals(SOURCE)
            && scope.dimension().equals(REPO)
            && REPOSITORY.matcher(scope.value()).matches()
        ? scope.value()
        : null;
  }

  /**
   * Returns the repository node ({@code nameWithOwner isArchived pullRequests.totalCount}), or
   * null.
   */
  @Nullable JsonNode repository(ScopeKey scope) {
    String[] parts = Objects.requireNonNull(repositoryOf(scope)).split("/", 2);
    ObjectNode vars = Json.MAPPER.createObjectNode().put("owner", parts[0]).put("name", parts[1]);
    return Json.child(
        graphQl.query(Queries.REPOSITORY_OP, Queries.REPOSITORY, vars, scope).data(), "repository");
  }

  /**
   * Returns a reader of the same repositories' deployments (the Deployments REST API) that shares
   * this connector's HTTP client, credential and rate limiter. Closing it leaves this connector
   * open.
   *
   * @return the deployments connector
   */
  public GitHubDeploymentConnector deployments() {
    return new GitHubDeploymentConnector(this, false);
  }

  /**
   * Returns a reader of the compare API on this connector's client, credential and rate limiter, to
   * list the commits a deployment shipped.
   *
   * @return the compare reader
   */
  public GitHubCompare compare() {
    return new GitHubCompare(this);
  }

  /**
   * Returns the GraphQL points left in the current window, as the last answer reported them.
   *
   * @return the points, or -1 when unknown (before the first answer, or on a server that does not
   *     report them)
   */
  public long graphQlPointsRemaining() {
    return graphQl.budget().remaining();
  }

  /**
   * Returns how many HTTP exchanges this connector (and its deployments reader) made, retries
   * included; the GitHub App token exchanges are not counted.
   *
   * @return the count
   */
  public long requestCount() {
    return http.requestCount();
  }

  /**
   * Returns how many GitHub App installation tokens were obtained, 0 with a plain token.
   *
   * @return the count
   */
  public long installationTokensIssued() {
    GitHubAppTokens tokens = appTokens;
    return tokens == null ? 0 : tokens.issuedCount();
  }

  JsonHttp http() {
    return http;
  }

  /** The components of a repository, empty when it has none. */
  Component.Matchers componentsOf(String repository) {
    return components.getOrDefault(repository, NO_COMPONENTS);
  }

  GraphQl graphQl() {
    return graphQl;
  }

  String restPrefix() {
    return restPrefix;
  }

  int maxPageSize() {
    return maxPageSize;
  }

  PulseClock clock() {
    return clock;
  }

  Duration maxRateLimitWait() {
    return maxRateLimitWait;
  }

  Duration deploymentHoldBack() {
    return deploymentHoldBack;
  }

  Duration deploymentMaxPendingAge() {
    return deploymentMaxPendingAge;
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "GitHubConnector[" + http + "]";
  }

  /**
   * Configures a {@link GitHubConnector}; each setter validates and names a bad argument. Required:
   * a credential ({@link #token} or {@link #app}) and either {@link #organization} or {@link
   * #repositories}. Defaults: {@code https://api.github.com}, the system clock, connect timeout 10
   * s, request timeout 30 s, 4 retries with backoff from 500 ms capped at 30 s, rate-limit waits up
   * to 2 minutes, no steady pace, no point reserve, repositories pushed to in the last 6 months,
   * pages of at most 50 pull requests, a deployment hold-back of 1 hour.
   */
  public static final class Builder {
    private @Nullable URI apiUri = URI.create("https://api.github.com");
    private String credentialName = "";
    private @Nullable String token;
    private @Nullable String appId;
    private @Nullable String privateKeyPem;
    private long installationId;
    private @Nullable String organization;
    private List<String> repositories = List.of();
    private final List<Component> components = new ArrayList<>();
    private int activeMonths = 6;
    private int maxPageSize = 50;
    private int pointsReserve;
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
    private Duration deploymentHoldBack = Duration.ofHours(1);
    private Duration deploymentMaxPendingAge = Duration.ofDays(1);

    private Builder() {}

    /**
     * Sets the REST API root: {@code https://api.github.com} (the default), or a GitHub Enterprise
     * Server's {@code https://host/api/v3}, whose GraphQL endpoint is {@code
     * https://host/api/graphql}.
     *
     * @param apiUri an http(s) URL without credentials, query or fragment
     * @return this builder
     */
    public Builder apiUri(URI apiUri) {
      Objects.requireNonNull(apiUri, "apiUri");
      if (!"https".equals(apiUri.getScheme()) && !"http".equals(apiUri.getScheme())) {
        throw new IllegalArgumentException(
            "apiUri must be an http(s) URL but was a " + apiUri.getScheme() + " URL");
      }
      if (apiUri.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "apiUri must not carry credentials; use token() or app()");
      }
      if (apiUri.getRawQuery() != null
          || apiUri.getRawFragment() != null
          || apiUri.getRawAuthority() == null) {
        throw new IllegalArgumentException(
            "apiUri must be a host with an optional path, such as https://github.example.com/api/v3, but was "
                + apiUri.getScheme()
                + "://"
                + apiUri.getRawAuthority()
                + apiUri.getRawPath());
      }
      this.apiUri = apiUri;
      return this;
    }

    /**
     * Sets a GitHub Enterprise Server host: the REST root becomes {@code <host>/api/v3} and GraphQL
     * {@code <host>/api/graphql}.
     *
     * @param host the server, e.g. {@code https://github.example.com}
     * @return this builder
     */
    public Builder enterprise(URI host) {
      Objects.requireNonNull(host, "host");
      String text = host.toString();
      while (text.endsWith("/")) {
        text = text.substring(0, text.length() - 1);
      }
      return apiUri(URI.create(text + "/api/v3"));
    }

    /**
     * Authenticates with a token (a personal access token, fine-grained or classic, or any other
     * bearer token). Only {@code name} ever appears in messages and logs.
     *
     * @param name the credential's name, e.g. {@code github-prod-token}, not blank
     * @param token the token, not blank
     * @return this builder
     */
    public Builder token(String name, String token) {
      this.credentialName = Checks.requireText(name, "name");
      this.token = Checks.requireText(token, "token");
      this.appId = null;
      this.privateKeyPem = null;
      return this;
    }

    /**
     * Authenticates as a GitHub App installation, whose limits are higher than a user's: a JWT
     * signed with the app's private key buys an installation token, renewed before it expires.
     *
     * @param name the credential's name for messages, not blank
     * @param appId the app's id or client id, not blank
     * @param privateKeyPem the app's private key in PEM, PKCS#1 or PKCS#8
     * @param installationId the installation's id, greater than zero
     * @return this builder
     * @throws IllegalArgumentException if the key cannot be read (the message never quotes it)
     */
    public Builder app(String name, String appId, String privateKeyPem, long installationId) {
      this.credentialName = Checks.requireText(name, "name");
      this.appId = Checks.requireText(appId, "appId");
      Objects.requireNonNull(privateKeyPem, "privateKeyPem");
      GitHubAppTokens.parseKey(privateKeyPem);
      this.privateKeyPem = privateKeyPem;
      this.installationId = Checks.requirePositive(installationId, "installationId");
      this.token = null;
      return this;
    }

    /**
     * Sets the organisation whose repositories are discovered.
     *
     * @param organization the login, e.g. {@code acme}
     * @return this builder
     */
    public Builder organization(String organization) {
      this.organization = Checks.requireText(organization, "organization");
      return this;
    }

    /**
     * Reads exactly these repositories instead of discovering them.
     *
     * @param repositories {@code owner/name} each
     * @return this builder
     */
    public Builder repositories(Collection<String> repositories) {
      Objects.requireNonNull(repositories, "repositories");
      TreeSet<String> copy = new TreeSet<>();
      for (String repo : repositories) {
        if (repo == null || !REPOSITORY.matcher(repo).matches()) {
          throw new IllegalArgumentException(
              "repositories must be owner/name each but held \"" + repo + "\"");
        }
        copy.add(repo);
      }
      this.repositories = List.copyOf(copy);
      return this;
    }

    /**
     * Adds a monorepo component: its pull requests then name it in {@link
     * PullRequest#components()}. A repository with a component defined by paths has each pull
     * request's changed files read (100 with the page, the rest 100 per query), which costs GraphQL
     * points, and each settled deployment's (one compare request, see {@link
     * GitHubDeploymentConnector}); labels alone cost nothing more.
     *
     * @param component the component; names must be unique within a repository
     * @return this builder
     * @throws IllegalArgumentException if its repository already has a component of that name
     */
    public Builder component(Component component) {
      Objects.requireNonNull(component, "component");
      for (Component c : components) {
        if (c.repository().equals(component.repository()) && c.name().equals(component.name())) {
          throw new IllegalArgumentException(
              "component " + component.name() + " of " + component.repository() + " twice");
        }
      }
      components.add(component);
      return this;
    }

    /**
     * Sets how recently a repository must have been pushed to for discovery to list it.
     *
     * @param months between 1 and 120
     * @return this builder
     */
    public Builder activeMonths(int months) {
      this.activeMonths = (int) Checks.requireBetween(months, 1, 120, "activeMonths");
      return this;
    }

    /**
     * Sets the most pull requests asked for per GraphQL query (each brings its reviews, labels and
     * first commit, so large pages cost more points and time).
     *
     * @param size between 1 and 100
     * @return this builder
     */
    public Builder maxPageSize(int size) {
      this.maxPageSize = (int) Checks.requireBetween(size, 1, 100, "maxPageSize");
      return this;
    }

    /**
     * Sets how many GraphQL points to leave unspent in each window, for other tools sharing the
     * credential: a query waits for the reset when fewer would be left.
     *
     * @param points between 0 and 10,000
     * @return this builder
     */
    public Builder pointsReserve(int points) {
      this.pointsReserve = (int) Checks.requireBetween(points, 0, 10_000, "pointsReserve");
      return this;
    }

    /**
     * Sets the clock (rate-limit resume times, token expiry, discovery's activity window).
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
     * Sets how often a failed request (connection failure, timeout, 5xx) is retried, and how many
     * rate-limited answers in a row are waited out.
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
     * Sets a steady pace for this credential.
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
     * Sets the hold-back of the {@linkplain #deployments() deployments connector}: deployments
     * created this recently are read again by the next run, since their statuses still change.
     *
     * @param holdBack zero or positive
     * @return this builder
     */
    public Builder deploymentHoldBack(Duration holdBack) {
      this.deploymentHoldBack = Checks.requireNonNegative(holdBack, "deploymentHoldBack");
      return this;
    }

    /**
     * Sets how long the {@linkplain #deployments() deployments connector} waits for a deployment
     * whose newest status is still open ({@code queued}, {@code pending}, {@code in_progress}, or
     * no status yet): a run's watermark stays just below the oldest such deployment created within
     * this age, so the next run reads it again until it has finished (the Deployments API cannot
     * list deployments by update time). Older open deployments no longer hold it. Zero turns the
     * wait off, leaving only the {@linkplain #deploymentHoldBack(Duration) hold-back}.
     *
     * @param maxPendingAge zero or positive; 1 day by default
     * @return this builder
     */
    public Builder deploymentMaxPendingAge(Duration maxPendingAge) {
      this.deploymentMaxPendingAge =
          Checks.requireNonNegative(maxPendingAge, "deploymentMaxPendingAge");
      return this;
    }

    /**
     * Creates the connector.
     *
     * @return a new connector
     * @throws IllegalStateException if no credential, or neither an organisation nor repositories,
     *     is set
     */
    public GitHubConnector build() {
      if (credentialName.isEmpty()) {
        throw new IllegalStateException("a credential must be set with token() or app()");
      }
      if (organization == null && repositories.isEmpty()) {
        throw new IllegalStateException("organization or repositories must be set");
      }
      return new GitHubConnector(this);
    }

    @Override
    public String toString() {
      return "GitHubConnector.Builder["
          + apiUri
          + ", credential "
          + credentialName
          + (appId != null ? " (app " + appId + ")" : "")
          + ", "
          + (organization != null ? "org " + organization : repositories.toString())
          + "]";
    }
  }
}
