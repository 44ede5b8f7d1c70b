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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The GitHub deployments connector, over the Deployments REST API: one scope per repository ({@code
 * github:repo:<owner>/<name>}, the repositories of the {@link GitHubConnector} it came from), read
 * newest first.
 *
 * <p>{@code GET /repos/{owner}/{repo}/deployments} lists deployments newest first and has no
 * "since" filter, so the connector reads in {@link ReadOrder#NEWEST_FIRST} mode: pages of up to 100
 * walk back (the continuation is the next page number) until the first deployment at or before the
 * watermark, position (created_at, id). Each deployment's statuses come from {@code
 * /deployments/{id}/statuses} (newest first; conditional requests make an unchanged list a free
 * 304). A deployment's statuses keep changing after it was created, so {@link #holdBack()} (1 hour
 * by default) keeps the watermark that far behind the run, and recent deployments are read again
 * until they have settled.
 *
 * <p>The result is decided by the newest status that ends a deployment: {@code success} is {@link
 * DeploymentResult#SUCCESS}; {@code failure} and {@code error} are {@link
 * DeploymentResult#FAILURE}; with none of those, {@code inactive} (a deployment superseded or
 * switched off before it ever succeeded) is {@link DeploymentResult#ABORTED}; {@code queued},
 * {@code pending}, {@code in_progress} or no status at all are {@link DeploymentResult#UNKNOWN}. A
 * successful deployment that GitHub later marks {@code inactive} (a newer one replaced it) stays a
 * success. The finish time is the deciding status's time. Thread-safe; closing it leaves the
 * pull-request connector open.
 */
public final class GitHubDeploymentConnector implements Connector<Deployment> {
  private static final int PER_PAGE = 100;

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
    return request -> fetch(scope, repository, request);
  }

  private Page<Deployment> fetch(ScopeKey scope, String repository, PageRequest request) {
    Position after = request.after();
    if (after != null && !after.isInstant()) {
      throw new IllegalArgumentException(
          "github deployment positions are (created instant, id), but was " + after);
    }
    int page = 1;
    String continuation = request.continuation();
    if (continuation != null) {
      try {
        page = Integer.parseInt(continuation);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a deployments continuation: " + continuation);
      }
    }
    int perPage = Math.min(PER_PAGE, request.pageSize());
    HttpResult result =
        get(
            "/repos/" + repository + "/deployments?per_page=" + perPage + "&page=" + page,
            scope,
            404);
    if (result.status() == 404) {
      throw new ScopeNotFoundException(scope);
    }
    JsonNode list = result.json();
    if (!list.isArray()) {
      throw result.invalidData("the deployments list is not an array");
    }
    List<Deployment> out = new ArrayList<>();
    Position newest = null;
    Position previous = null;
    boolean reached = false;
    for (JsonNode d : list) {
      long id = d.path("id").asLong(0);
      Instant created = GitHubText.parseTime(Json.text(d, "created_at"));
      if (id <= 0 || created == null) {
        throw result.invalidData("a deployment without id or created_at");
      }
      Position p = Position.at(created, id);
      if (previous != null && !previous.isAfter(p)) {
        throw result.invalidData("deployments are not newest first: " + p + " after " + previous);
      }
      previous = p;
      if (after != null && !p.isAfter(after)) {
        reached = true;
        break;
      }
      out.add(map(d, repository, id, created, statuses(scope, repository, id), result));
      if (newest == null) {
        newest = p;
      }
    }
    if (out.isEmpty()) {
      return Page.last(List.of(), null);
    }
    Position position = Objects.requireNonNull(newest);
    boolean more = !reached && list.size() >= perPage;
    return more ? Page.more(out, position, Integer.toString(page + 1)) : Page.last(out, position);
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
    String environment = Json.text(d, "environment");
    String sha = Json.text(d, "sha");
    String ref = Json.text(d, "ref");
    try {
      return Deployment.builder()
          .repository(repository)
          .environment(environment == null || environment.isBlank() ? "unknown" : environment)
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
