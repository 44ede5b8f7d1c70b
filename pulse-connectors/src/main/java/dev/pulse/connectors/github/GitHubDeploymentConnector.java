package dev.pulse.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.EntityType;
import dev.pulse.Health;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.SourceException;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.connectors.internal.Positions;
import dev.pulse.connectors.internal.RateLimitSignal;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.ReadOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The GitHub deployments connector, over the Deployments REST API: one scope per repository ({@code
 * github:repo:<owner>/<name>}, the repositories of the {@link GitHubConnector} it came from), read
 * newest first.
 *
 * <p>{@code GET /repos/{owner}/{repo}/deployments} lists deployments newest first and has no
 * "since" filter, so the connector reads in {@link ReadOrder#NEWEST_FIRST} mode: pages of up to 100
 * walk back (the continuation carries the next page number) until the first deployment at or before
 * the watermark, position (created_at, id). Each deployment's statuses come from {@code
 * /deployments/{id}/statuses} (newest first; conditional requests make an unchanged list a free
 * 304). A deployment's statuses keep changing after it was created, so {@link #holdBack()} (1 hour
 * by default) keeps the watermark that far behind the run, and recent deployments are read again
 * until they have settled. A deployment can run longer than that, so a walk's watermark also stays
 * just below the oldest deployment created within {@code deploymentMaxPendingAge} (1 day by
 * default) whose result is still {@link DeploymentResult#UNKNOWN}: the walk's first page reads that
 * window ahead (its list pages and statuses are then reused, not asked twice), and every page
 * position is capped below it.
 *
 * <p>The result is decided by the newest status that ends a deployment: {@code success} is {@link
 * DeploymentResult#SUCCESS}; {@code failure} and {@code error} are {@link
 * DeploymentResult#FAILURE}; with none of those, {@code inactive} (a deployment superseded or
 * switched off before it ever succeeded) is {@link DeploymentResult#ABORTED}; {@code queued},
 * {@code pending}, {@code in_progress} or no status at all are {@link DeploymentResult#UNKNOWN}. A
 * successful deployment that GitHub later marks {@code inactive} (a newer one replaced it) stays a
 * success. The finish time is the deciding status's time.
 *
 * <p>When the repository has a {@linkplain Component monorepo component} defined by paths, each
 * deployment that succeeded or failed names the components it changed since the previous successful
 * deployment of its environment ({@link Deployment#components()}), from one compare request ({@code
 * GET /repos/{owner}/{repo}/compare/{base}...{head}}, whose {@code files} lists at most 300 paths);
 * the paths are matched and dropped, never kept or logged. When that cannot be known the deployment
 * names none, which means the whole repository: no previous success of the environment within the
 * page and the next, no SHA, a comparison not found, or 300 files or more. Thread-safe; closing it
 * leaves the pull-request connector open.
 */
public final class GitHubDeploymentConnector implements Connector<Deployment> {
  private static final int PER_PAGE = 100;
  private static final int MAX_PROBED = 1000;
  // same-environment deployments examined for the previous success of one deployment
  private static final int MAX_CANDIDATES = 20;

  private final GitHubConnector github;
  private final boolean ownsClient;

  /**
   * Creates the connector on a pull-request connector's client; {@code ownsClient} closes that
   * connector with this one (a connector created alone from configuration).
   */
  GitHubDeploymentConnector(GitHubConnector github, boolean ownsClient) {
    this.github = github;
    this.ownsClient = ownsClient;
  }

  @Override
  public void close() {
    if (ownsClient) {
      github.close();
    }
  }

  @Override
  public String source() {
    return GitHubConnector.SOURCE;
  }

  @Override
  public EntityType entityType() {
    return EntityType.DEPLOYMENTS;
  }

  @Override
  public ReadOrder readOrder() {
    return ReadOrder.NEWEST_FIRST;
  }

  @Override
  public Duration holdBack() {
    return github.deploymentHoldBack();
  }

  @Override
  public List<ScopeKey> discoverScopes() {
    return github.discoverRepositories().stream().map(GitHubConnector::scopeOf).toList();
  }

  @Override
  public Health checkHealth() {
    try {
      get("/rate_limit", null, 404);
      return Health.up();
    } catch (SourceException e) {
      return Health.down(e.code(), String.valueOf(e.getMessage()));
    }
  }

  @Override
  public PageFetcher<Deployment> openScope(ScopeKey scope) {
    Objects.requireNonNull(scope, "scope");
    String repository = GitHubConnector.repositoryOf(scope);
    // A repository that does not exist fails the first fetch (404) instead: opening costs nothing.
    if (repository == null) {
      throw new ScopeNotFoundException(scope);
    }
    ReadAhead probed = new ReadAhead();
    return request -> fetch(scope, repository, request, probed);
  }

  /**
   * What a walk's first page read ahead (see {@link #probePending}): list pages by number and
   * statuses by deployment id, each taken out when the walk reaches it, so nothing is asked twice.
   */
  private static final class ReadAhead {
    final Map<Integer, HttpResult> pages = new HashMap<>();
    final Map<Long, List<JsonNode>> statuses = new HashMap<>();

    void clear() {
      pages.clear();
      statuses.clear();
    }
  }

  /** Reads one page of the newest-first walk, using what its first page read ahead. */
  private Page<Deployment> fetch(
      ScopeKey scope, String repository, PageRequest request, ReadAhead probed) {
    Position after = request.after();
    if (after != null && !after.isInstant()) {
      throw new IllegalArgumentException(
          "github deployment positions are (created instant, id), but was " + after);
    }
    int perPage = Math.min(PER_PAGE, request.pageSize());
    Walk walk;
    if (request.continuation() == null) {
      probed.clear();
      walk = new Walk(1, probePending(scope, repository, after, perPage, probed), null);
    } else {
      walk = Walk.decode(request.continuation());
    }
    HttpResult listed = probed.pages.remove(walk.page());
    if (listed == null) {
      listed = deploymentList(scope, repository, perPage, walk.page());
    }
    JsonNode list = listed.json();
    List<Deployment> out = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    Position newest = null;
    Position previous = null;
    boolean reached = false;
    int index = -1;
    for (JsonNode d : list) {
      index++;
      long id = d.path("id").asLong(0);
      Instant created = GitHubText.parseTime(Json.text(d, "created_at"));
      if (id <= 0 || created == null) {
        throw listed.invalidData("a deployment without id or created_at");
      }
      Position p = Position.at(created, id);
      if (previous != null && !previous.isAfter(p)) {
        throw listed.invalidData("deployments are not newest first: " + p + " after " + previous);
      }
      previous = p;
      if (after != null && !p.isAfter(after)) {
        reached = true;
        break;
      }
      List<JsonNode> statuses = probed.statuses.remove(id);
      out.add(
          map(
              d,
              repository,
              id,
              created,
              statuses != null ? statuses : statuses(scope, repository, id),
              listed));
      at.add(index);
      if (newest == null) {
        newest = p;
      }
    }
    if (out.isEmpty()) {
      return Page.last(List.of(), null);
    }
    Component.Matchers components = github.componentsOf(repository);
    if (components.needsPaths()) {
      out =
          new Classifier(scope, repository, listed, walk.page(), perPage, probed)
              .classify(out, at, components);
    }
    // Never past the oldest deployment still open, and strictly below the page ahead, as the
    // engine requires of newest-first pages; the walk's watermark is the first page's position.
    Position position = Objects.requireNonNull(newest);
    Position cap = walk.cap();
    if (cap != null && position.isAfter(cap)) {
      position = cap;
    }
    Position ahead = walk.previous();
    if (ahead != null && !ahead.isAfter(position)) {
      position = Positions.below(ahead);
    }
    boolean more = !reached && list.size() >= perPage;
    return more
        ? Page.more(out, position, new Walk(walk.page() + 1, cap, position).encode())
        : Page.last(out, position);
  }

  private HttpResult deploymentList(ScopeKey scope, String repository, int perPage, int page) {
    HttpResult result =
        get(
            "/repos/" + repository + "/deployments?per_page=" + perPage + "&page=" + page,
            scope,
            404);
    if (result.status() == 404) {
      throw new ScopeNotFoundException(scope);
    }
    if (!result.json().isArray()) {
      throw result.invalidData("the deployments list is not an array");
    }
    return result;
  }

  /**
   * Reads ahead, before a walk's first page, the deployments created within the {@linkplain
   * GitHubConnector.Builder#deploymentMaxPendingAge(Duration) pending age} and newer than the
   * watermark, keeping the list pages and statuses in {@code probed} for the walk, and returns the
   * cap just below the oldest of them still open (null if none). A newest-first walk's watermark is
   * its first page's position, so the cap must be known before that page. At most 1,000 deployments
   * are read ahead; past that the cap is just below the first one not read.
   */
  private @Nullable Position probePending(
      ScopeKey scope, String repository, @Nullable Position after, int perPage, ReadAhead probed) {
    Duration maxAge = github.deploymentMaxPendingAge();
    if (maxAge.isZero()) {
      return null;
    }
    Instant pendingFrom = github.clock().instant().minus(maxAge);
    Position oldestOpen = null;
    for (int page = 1; ; page++) {
      HttpResult listed = deploymentList(scope, repository, perPage, page);
      probed.pages.put(page, listed);
      JsonNode list = listed.json();
      for (JsonNode d : list) {
        long id = d.path("id").asLong(0);
        Instant created = GitHubText.parseTime(Json.text(d, "created_at"));
        if (id <= 0 || created == null) {
          throw listed.invalidData("a deployment without id or created_at");
        }
        Position p = Position.at(created, id);
        if ((after != null && !p.isAfter(after)) || !created.isAfter(pendingFrom)) {
          return oldestOpen == null ? null : Positions.below(oldestOpen);
        }
        if (probed.statuses.size() >= MAX_PROBED) {
          return Positions.below(p); // p and older were not read ahead: any of them may be open
        }
        List<JsonNode> statuses = statuses(scope, repository, id);
        probed.statuses.put(id, statuses);
        if (map(d, repository, id, created, statuses, listed).result()
            == DeploymentResult.UNKNOWN) {
          oldestOpen = p; // newest first, so the last one seen is the oldest
        }
      }
      if (list.size() < perPage) {
        return oldestOpen == null ? null : Positions.below(oldestOpen);
      }
    }
  }

  /**
   * Names the monorepo components each settled deployment of a page changed ({@link
   * Deployment#components()}): the paths changed between the previous successful deployment of the
   * same environment and this one, from the compare API, matched against the repository's
   * components and dropped. The previous successful deployment is found among the older deployments
   * of the same list page and, when the search runs off the page, of the next page only (read once
   * and kept for the walk, which then does not ask for it again); a candidate not on the walk has
   * its statuses read (kept for the walk too), at most 20 candidates of the environment per
   * deployment. A comparison that lists changed files none of which is in a component gives an
   * empty set: the deployment changed no component. It stays not known (null: the whole repository)
   * when it has not settled to a success or failure, it or its previous success has no SHA, none is
   * found within those bounds, the comparison is not found, lists no changed file (a redeployment
   * or a rollback to an earlier commit) or 300 files or more. Not thread-safe: one per page.
   */
  private final class Classifier {
    private final ScopeKey scope;
    private final String repository;
    private final int page;
    private final int perPage;
    private final ReadAhead probed;
    private final List<JsonNode> entries = new ArrayList<>();
    private final List<HttpResult> sources = new ArrayList<>();
    private final Map<Integer, DeploymentResult> results = new HashMap<>();
    private boolean extended;

    Classifier(
        ScopeKey scope,
        String repository,
        HttpResult listed,
        int page,
        int perPage,
        ReadAhead probed) {
      this.scope = scope;
      this.repository = repository;
      this.page = page;
      this.perPage = perPage;
      this.probed = probed;
      add(listed);
    }

    private void add(HttpResult listed) {
      for (JsonNode d : listed.json()) {
        entries.add(d);
        sources.add(listed);
      }
    }

    List<Deployment> classify(
        List<Deployment> mapped, List<Integer> at, Component.Matchers components) {
      for (int k = 0; k < mapped.size(); k++) {
        results.put(at.get(k), mapped.get(k).result());
      }
      List<Deployment> out = new ArrayList<>(mapped.size());
      for (int k = 0; k < mapped.size(); k++) {
        Deployment d = mapped.get(k);
        String head = d.commitSha();
        Set<String> names = null;
        if (head != null
            && (d.result() == DeploymentResult.SUCCESS || d.result() == DeploymentResult.FAILURE)) {
          String base = previousSuccess(at.get(k), d.environment());
          if (base != null && !base.equals(head)) {
            names = github.compare().componentsBetween(repository, base, head, components);
          }
        }
        out.add(names == null ? d : d.toBuilder().components(names).build());
      }
      return out;
    }

    /** The SHA of the previous successful deployment of the environment, or null if not known. */
    private @Nullable String previousSuccess(int from, String environment) {
      long id = entries.get(from).path("id").asLong(0);
      int examined = 0;
      for (int j = from + 1; ; j++) {
        if (j >= entries.size() && !extend()) {
          return null;
        }
        JsonNode c = entries.get(j);
        // a deployment created between two list reads shifts the pages: one may come again
        if (c.path("id").asLong(0) >= id || !environmentOf(c).equals(environment)) {
          continue;
        }
        if (++examined > MAX_CANDIDATES) {
          return null;
        }
        if (resultOf(j) == DeploymentResult.SUCCESS) {
          String sha = Json.text(c, "sha");
          return sha == null || sha.isBlank() ? null : sha.toLowerCase(Locale.ROOT);
        }
      }
    }

    /** Reads the next list page once, if the walk has one; whether it added deployments. */
    private boolean extend() {
      if (extended || entries.size() < perPage) {
        return false;
      }
      extended = true;
      HttpResult next = probed.pages.get(page + 1);
      if (next == null) {
        next = deploymentList(scope, repository, perPage, page + 1);
        probed.pages.put(page + 1, next);
      }
      int before = entries.size();
      add(next);
      return entries.size() > before;
    }

    private DeploymentResult resultOf(int j) {
      DeploymentResult known = results.get(j);
      if (known != null) {
        return known;
      }
      JsonNode d = entries.get(j);
      HttpResult source = sources.get(j);
      long id = d.path("id").asLong(0);
      Instant created = GitHubText.parseTime(Json.text(d, "created_at"));
      if (id <= 0 || created == null) {
        throw source.invalidData("a deployment without id or created_at");
      }
      List<JsonNode> statuses = probed.statuses.get(id);
      if (statuses == null) {
        statuses = statuses(scope, repository, id);
        probed.statuses.put(id, statuses);
      }
      DeploymentResult result = map(d, repository, id, created, statuses, source).result();
      results.put(j, result);
      return result;
    }
  }

  /** A deployment's environment as the connector names it: {@code unknown} when GitHub has none. */
  private static String environmentOf(JsonNode d) {
    String environment = Json.text(d, "environment");
    return environment == null || environment.isBlank() ? "unknown" : environment;
  }

  /**
   * Where a newest-first walk stands, carried in the page continuation: the next page number, the
   * cap just below the oldest deployment still open (null if none), and the previous page's
   * position.
   */
  record Walk(int page, @Nullable Position cap, @Nullable Position previous) {
    static Walk decode(String continuation) {
      String[] parts = continuation.split(":", -1);
      try {
        if (parts.length == 4 && parts[0].equals("d1")) {
          return new Walk(
              Integer.parseInt(parts[1]),
              Positions.decodeInstantNumber(parts[2]),
              Positions.decodeInstantNumber(parts[3]));
        }
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        // reported below
      }
      throw new IllegalArgumentException("not a deployments continuation: " + continuation);
    }

    String encode() {
      return "d1:"
          + page
          + ":"
          + Positions.encodeInstantNumber(cap)
          + ":"
          + Positions.encodeInstantNumber(previous);
    }
  }

  private List<JsonNode> statuses(ScopeKey scope, String repository, long id) {
    HttpResult result =
        get("/repos/" + repository + "/deployments/" + id + "/statuses?per_page=100", scope, 404);
    List<JsonNode> out = new ArrayList<>();
    if (result.status() == 404) {
      return out;
    }
    JsonNode list = result.json();
    if (!list.isArray()) {
      throw result.invalidData("the statuses of deployment " + id + " are not an array");
    }
    list.forEach(out::add);
    return out;
  }

  /** Maps a deployment and its statuses (newest first); see the class documentation. */
  static Deployment map(
      JsonNode d,
      String repository,
      long id,
      Instant created,
      List<JsonNode> statuses,
      HttpResult page) {
    DeploymentResult result = DeploymentResult.UNKNOWN;
    Instant finished = null;
    Instant updated = GitHubText.parseTime(Json.text(d, "updated_at"));
    Instant inactiveAt = null;
    for (JsonNode status : statuses) {
      String state =
          Objects.requireNonNullElse(Json.text(status, "state"), "").toLowerCase(Locale.ROOT);
      Instant at = GitHubText.parseTime(Json.text(status, "created_at"));
      if (at != null && (updated == null || at.isAfter(updated))) {
        updated = at;
      }
      if (finished == null && result == DeploymentResult.UNKNOWN) {
        switch (state) {
          case "success" -> {
            result = DeploymentResult.SUCCESS;
            finished = at;
          }
          case "failure", "error" -> {
            result = DeploymentResult.FAILURE;
            finished = at;
          }
          case "inactive" -> {
            if (inactiveAt == null) {
              inactiveAt = at;
            }
          }
          default -> {
            // queued, pending, in_progress: still running as far as this status says
          }
        }
      }
    }
    if (result == DeploymentResult.UNKNOWN && inactiveAt != null) {
      result = DeploymentResult.ABORTED;
      finished = inactiveAt;
    }
    if (finished != null && finished.isBefore(created)) {
      finished = created;
    }
    String sha = Json.text(d, "sha");
    String ref = Json.text(d, "ref");
    try {
      return Deployment.builder()
          .repository(repository)
          .environment(environmentOf(d))
          .buildId(Long.toString(id))
          .startedAt(created)
          .finishedAt(finished)
          .result(result)
          .commitSha(sha == null || sha.isBlank() ? null : sha)
          .ref(ref == null || ref.isBlank() ? null : ref)
          .system(DeploymentSystem.GITHUB_DEPLOYMENTS)
          .updatedAt(updated != null && !updated.isBefore(created) ? updated : created)
          .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw page.invalidData("deployment " + id + " is inconsistent: " + e.getMessage());
    }
  }

  /** A GET below the REST prefix that also spends the primary budget the headers report. */
  private HttpResult get(String path, @Nullable ScopeKey scope, int... accepted) {
    HttpResult result = github.http().get(github.restPrefix() + path, scope, accepted);
    Optional<String> remaining = result.headers().firstValue("x-ratelimit-remaining");
    Optional<String> limit = result.headers().firstValue("x-ratelimit-limit");
    if (remaining.isPresent()
        && remaining.get().strip().equals("0")
        && !(limit.isPresent() && limit.get().strip().equals("0"))) {
      // The last request this window allows succeeded: hold the credential until the reset, so the
      // next one waits instead of being refused (and risking a secondary-limit ban).
      RateLimitSignal.resetTime(result.headers(), "x-ratelimit-reset", github.clock().instant())
          .ifPresent(wait -> github.http().rateLimiter().blockFor(wait));
    }
    return result;
  }

  @Override
  public String toString() {
    return "GitHubDeploymentConnector[" + github.http() + "]";
  }
}
