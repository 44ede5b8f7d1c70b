package dev.pulse.connectors.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.pulse.internal.Redaction;
import dev.pulse.model.Deployment;
import dev.pulse.model.internal.Checks;
import dev.pulse.spi.Connector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.ReadOrder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Jenkins deployments connector: one scope per job ({@code jenkins:job:<folder>/<job>}), each
 * job's builds read newest first with the position (start time, build number).
 *
 * <p>What it does, in short (details in {@code docs/connectors.md}): discovers jobs recursively
 * through folders and multibranch projects ({@code api/json?tree=jobs[name,url,_class,jobs[name]]}
 * per container); reads builds with {@code allBuilds[number,result,building,timestamp,duration,
 * actions[...]]{M,N}} in the core's {@linkplain ReadOrder#NEWEST_FIRST newest-first} mode; never
 * lets the watermark pass a build still running; keys every build by (job, number, start time), so
 * a number Jenkins hands out again is a new build; takes the environment from the job's full name
 * through configurable patterns with capture groups, or, with stage detection, from the names of
 * the pipeline stages that ran ({@code wfapi/describe}; a skipped deploy stage is no deployment);
 * takes repository, commit and branch from the git plugin's {@code BuildData}, else from the
 * configured mapping, else the job's name; strips NUL bytes from every text.
 *
 * <p>Results: SUCCESS and UNSTABLE are {@code SUCCESS} (the build deployed; unstable marks test
 * problems), FAILURE is {@code FAILURE}, ABORTED and NOT_BUILT are {@code ABORTED}; stages map
 * SUCCESS/UNSTABLE, FAILED and ABORTED alike, and NOT_EXECUTED means the stage did not run.
 *
 * <p>Errors: a rejected credential is {@link ErrorCode#AUTH_FAILED} naming the credential's name
 * (never its value); 429 and 503 with {@code Retry-After} wait or fail with {@link
 * ErrorCode#RATE_LIMITED} and the resume time; 5xx and connection failures after bounded retries
 * are {@link ErrorCode#SOURCE_UNAVAILABLE}; unreadable answers are {@link ErrorCode#INVALID_DATA}.
 *
 * <p>Thread-safe: scopes may be read concurrently and share one HTTP client and one rate limiter
 * for the credential. Close it when done (idempotent).
 */
public final class JenkinsConnector implements Connector<Deployment> {
  /** The source name of every Jenkins scope key. */
  public static final String SOURCE = "jenkins";

  /**
   * The default environment pattern for job names and stage names: {@code deploy-prod}, {@code
   * Deploy to staging}, {@code deploy_hml} carry {@code prod}, {@code staging}, {@code hml}.
   */
  public static final String DEFAULT_ENVIRONMENT_PATTERN =
      "(?i)deploy(?:[ _-]+to)?[ _-]+(?<env>[a-z0-9][a-z0-9_-]*)";

  private static final int MAX_FOLDER_DEPTH = 10;
  private static final int PRECOUNT_BUILDS = 1000;

  private final JsonHttp http;
  private final EnvironmentPatterns jobEnvironments;
  private final @Nullable EnvironmentPatterns stagePatterns;
  private final @Nullable Pattern jobFilter;
  private final BuildMapper mapper;
  private final AtomicLong describeCalls = new AtomicLong();

  private JenkinsConnector(Builder b) {
    Credential credential = Credential.basic(b.credentialName, b.user, b.apiToken);
    RateLimiter limiter = new RateLimiter(b.clock, b.sleeper, b.requestsPerSecond);
    this.http =
        JsonHttp.builder(SOURCE, directory(Checks.requireSet(b.baseUri, "baseUri")), credential)
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
    this.jobEnvironments =
        EnvironmentPatterns.compile(b.environmentPatterns, "environmentPatterns");
    this.stagePatterns =
        b.stageDetection ? EnvironmentPatterns.compile(b.stagePatterns, "stagePatterns") : null;
    this.jobFilter = b.jobFilter;
    this.mapper = new BuildMapper(b.repositoryMapping);
  }

  /** Jenkins often lives below a context path; relative request paths must resolve inside it. */
  private static URI directory(URI base) {
    String s = base.toString();
    return s.endsWith("/") ? base : URI.create(s + "/");
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
    return EntityType.DEPLOYMENTS;
  }

  /** Jenkins has no "builds since" filter: builds are walked from the newest back. */
  @Override
  public ReadOrder readOrder() {
    return ReadOrder.NEWEST_FIRST;
  }

  @Override
  public List<ScopeKey> discoverScopes() {
    List<ScopeKey> scopes = new ArrayList<>();
    discover(JobPath.ROOT, 0, scopes);
    return List.copyOf(scopes);
  }

  private void discover(JobPath container, int depth, List<ScopeKey> scopes) {
    String tree = "jobs[name,url,_class,jobs[name]]";
    JsonNode root = http.get(container.urlPath() + "api/json?tree=" + encode(tree), null).json();
    JsonNode jobs = Json.child(root, "jobs");
    if (jobs == null) {
      return;
    }
    for (JsonNode job : jobs) {
      String name = Json.text(job, "name");
      if (name == null || name.isBlank() || name.indexOf('\u0000') >= 0) {
        continue; // not a name Jenkins could serve a URL for
      }
      JobPath path = container.child(name);
      if (isContainer(job)) {
        if (depth < MAX_FOLDER_DEPTH) {
          discover(path, depth + 1, scopes);
        }
      } else if (isDeploymentJob(path)) {
        scopes.add(scopeOf(path));
      }
    }
  }

  private static boolean isContainer(JsonNode job) {
    JsonNode children = job.get("jobs");
    if (children != null && children.isArray()) {
      return true;
    }
    String type = Json.text(job, "_class");
    return type != null
        && (type.endsWith(".Folder")
            || type.endsWith("MultiBranchProject")
            || type.endsWith(".OrganizationFolder"));
  }

  /** Whether a job's builds can be deployments, by its name alone. */
  boolean isDeploymentJob(JobPath job) {
    String fullName = job.fullName();
    if (jobFilter != null && !jobFilter.matcher(fullName).find()) {
      return false;
    }
    return stagePatterns != null || jobEnvironments.environmentOf(fullName) != null;
  }

  static ScopeKey scopeOf(JobPath job) {
    return ScopeKey.of(SOURCE, "job", job.scopeValue());
  }

  @Override
  public Health checkHealth() {
    try {
      http.get("api/json?tree=" + encode("mode,nodeName"), null);
      return Health.up();
    } catch (SourceException e) {
      return Health.down(e.code(), String.valueOf(e.getMessage()));
    }
  }

  @Override
  public PageFetcher<Deployment> openScope(ScopeKey scope) {
    Objects.requireNonNull(scope, "scope");
    if (!scope.source().equals(SOURCE) || !scope.dimension().equals("job")) {
      throw new ScopeNotFoundException(scope);
    }
    JobPath job;
    try {
      job = JobPath.parseScopeValue(scope.value());
    } catch (IllegalArgumentException e) {
      throw new ScopeNotFoundException(scope);
    }
    // Asked of the job's folder, which lists the job with its kind: one request, and the job's own
    // URL is left to the reads.
    HttpResult answer =
        http.get(
            job.parent().urlPath() + "api/json?tree=" + encode("jobs[name,_class,jobs[name]]"),
            scope,
            404);
    if (answer.status() == 404 || !listsJob(answer.json(), job.name())) {
      throw new ScopeNotFoundException(scope);
    }
    return new JenkinsBuildFetcher(this, scope, job, jobEnvironments.environmentOf(job.fullName()));
  }

  /**
   * Estimates the builds newer than the watermark with one cheap request (the newest 1,000 builds'
   * numbers and start times), within the budget; unknown on failure, overrun, or a scope that is
   * not a job.
   */
  @Override
  public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
    if (!scope.source().equals(SOURCE)
        || !scope.dimension().equals("job")
        || (after != null && !after.isInstant())) {
      return ItemCount.unknown();
    }
    JobPath job;
    try {
      job = JobPath.parseScopeValue(scope.value());
    } catch (IllegalArgumentException e) {
      return ItemCount.unknown();
    }
    JenkinsBuildFetcher fetcher =
        new JenkinsBuildFetcher(this, scope, job, jobEnvironments.environmentOf(job.fullName()));
    return PreCounts.within(
        budget, "pulse-jenkins-precount", () -> fetcher.estimate(after, PRECOUNT_BUILDS));
  }

  private static boolean listsJob(JsonNode folder, String name) {
    JsonNode jobs = Json.child(folder, "jobs");
    if (jobs != null) {
      for (JsonNode job : jobs) {
        if (name.equals(Json.text(job, "name"))) {
          return !isContainer(job);
        }
      }
    }
    return false;
  }

  /** Maps a finished build, asking wfapi for its stages when stage detection is on. */
  List<Deployment> map(
      ScopeKey scope, JobPath job, @Nullable String jobEnvironment, JsonNode build) {
    JsonNode describe = null;
    EnvironmentPatterns stages = stagePatterns;
    if (stages != null) {
      long number = build.path("number").asLong();
      describeCalls.incrementAndGet();
      HttpResult answer = http.get(job.urlPath() + number + "/wfapi/describe", scope, 404);
      if (answer.status() != 404) {
        describe = answer.json();
      }
    }
    try {
      return mapper.map(job, jobEnvironment, build, describe == null ? null : stages, describe);
    } catch (IllegalArgumentException e) {
      throw new SourceException(
          ErrorCode.INVALID_DATA,
          SOURCE,
          scope,
          "build "
              + build.path("number").asLong()
              + " cannot be read: "
              + Redaction.sanitize(String.valueOf(e.getMessage()), 200),
          e);
    }
  }

  JsonHttp http() {
    return http;
  }

  /**
   * Returns how many HTTP exchanges this connector made, retries included.
   *
   * @return the count
   */
  public long requestCount() {
    return http.requestCount();
  }

  /**
   * Returns how many pipeline stage descriptions ({@code wfapi/describe}) were asked for.
   *
   * @return the count
   */
  public long stageDescriptionCount() {
    return describeCalls.get();
  }

  private static String encode(String tree) {
    return URLEncoder.encode(tree, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "JenkinsConnector[" + http + "]";
  }

  /**
   * Configures a {@link JenkinsConnector}; each setter validates and names a bad argument.
   * Required: {@link #baseUri} and {@link #credential}. Defaults: the system clock, connect timeout
   * 10 s, request timeout 30 s, 4 retries with backoff from 500 ms capped at 30 s, rate-limit waits
   * up to 2 minutes, no steady pace, the environment pattern {@link #DEFAULT_ENVIRONMENT_PATTERN}
   * for job names, stage detection off (its stage pattern is the same default), every job, no
   * repository mapping. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable URI baseUri;
    private String credentialName = "";
    private String user = "";
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
    private List<String> environmentPatterns = List.of(DEFAULT_ENVIRONMENT_PATTERN);
    private boolean stageDetection;
    private List<String> stagePatterns = List.of(DEFAULT_ENVIRONMENT_PATTERN);
    private @Nullable Pattern jobFilter;
    private Map<String, String> repositoryMapping = Map.of();

    private Builder() {}

    /**
     * Sets Jenkins' URL, e.g. {@code https://ci.acme.com/jenkins/}.
     *
     * @param baseUri an http(s) URL without credentials; a context path is kept
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
      if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUri must have no query or fragment");
      }
      this.baseUri = baseUri;
      return this;
    }

    /**
     * Sets the credential: a Jenkins user and one of its API tokens, sent as basic auth. Only
     * {@code name} ever appears in messages and logs.
     *
     * @param name the credential's name, e.g. {@code jenkins-ci-token}, not blank
     * @param user the Jenkins user, not blank
     * @param apiToken the API token, not blank
     * @return this builder
     */
    public Builder credential(String name, String user, String apiToken) {
      this.credentialName = Checks.requireText(name, "name");
      this.user = Checks.requireText(user, "user");
      this.apiToken = Checks.requireText(apiToken, "apiToken");
      return this;
    }

    /**
     * Sets the clock (rate-limit resume times, backoff).
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
     * Sets a steady pace for this credential, to spare a busy controller.
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
     * Sets the patterns that find a job's environment in its full name ({@code folder/job}), tried
     * in order; each captures the environment in a group named {@code env} or in its first group,
     * e.g. {@code (?i)deploy-(?<env>prod-(?:eu|us)|staging)} for two production environments and
     * staging. Without stage detection, only jobs one of them matches are scopes.
     *
     * @param patterns at least one regular expression with a capture group
     * @return this builder
     */
    public Builder environmentPatterns(List<String> patterns) {
      Objects.requireNonNull(patterns, "environmentPatterns");
      EnvironmentPatterns.compile(patterns, "environmentPatterns");
      this.environmentPatterns = List.copyOf(patterns);
      return this;
    }

    /**
     * Turns stage-level detection on or off. On, a build's deployments are its pipeline stages
     * ({@code wfapi/describe}) whose names match {@link #stagePatterns} and that ran: one
     * deployment per environment, with the stage's result; a skipped stage ({@code NOT_EXECUTED})
     * is none. Builds without stage data (freestyle jobs) fall back to the job name's environment.
     * Costs one request per new build.
     *
     * @param on whether to detect deployments by stage
     * @return this builder
     */
    public Builder stageDetection(boolean on) {
      this.stageDetection = on;
      return this;
    }

    /**
     * Sets the patterns that find the environment a stage deploys to in its name, e.g. {@code
     * (?i)^deploy (?:to )?(?<env>prod|production)$}; the first that matches wins.
     *
     * @param patterns at least one regular expression with a capture group
     * @return this builder
     */
    public Builder stagePatterns(List<String> patterns) {
      Objects.requireNonNull(patterns, "stagePatterns");
      EnvironmentPatterns.compile(patterns, "stagePatterns");
      this.stagePatterns = List.copyOf(patterns);
      return this;
    }

    /**
     * Keeps only jobs whose full name this pattern finds a match in, e.g. {@code ^payments/}.
     *
     * @param regex a regular expression
     * @return this builder
     */
    public Builder jobFilter(String regex) {
      Checks.requireText(regex, "jobFilter");
      try {
        this.jobFilter = Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "jobFilter must be a regular expression but was \"" + regex + "\"", e);
      }
      return this;
    }

    /**
     * Sets the repository of jobs whose builds carry no git data, keyed by the job's or one of its
     * folders' full name (the nearest wins), e.g. {@code payments → acme/payments}.
     *
     * @param mapping full job or folder name to repository
     * @return this builder
     */
    public Builder repositoryMapping(Map<String, String> mapping) {
      Objects.requireNonNull(mapping, "repositoryMapping");
      Map<String, String> copy = new LinkedHashMap<>();
      mapping.forEach(
          (k, v) -> {
            Checks.requireText(k, "repositoryMapping key");
            copy.put(k.strip(), Checks.requireText(v, "repositoryMapping value for " + k).strip());
          });
      this.repositoryMapping = Map.copyOf(copy);
      return this;
    }

    /**
     * Creates the connector.
     *
     * @return a new connector
     * @throws IllegalStateException if the base URL or credential is missing
     */
    public JenkinsConnector build() {
      Checks.requireSet(baseUri, "baseUri");
      if (credentialName.isEmpty()) {
        throw new IllegalStateException("credential must be set");
      }
      return new JenkinsConnector(this);
    }

    @Override
    public String toString() {
      return "JenkinsConnector.Builder[" + baseUri + ", credential " + credentialName + "]";
    }
  }
}
