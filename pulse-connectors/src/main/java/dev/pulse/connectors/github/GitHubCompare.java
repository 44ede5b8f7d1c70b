package dev.pulse.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.ScopeKey;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Lists the commits between two commits of a repository with the compare API ({@code GET
 * /repos/{owner}/{repo}/compare/{base}...{head}}, paged by 100): what a deployment shipped beyond
 * the previous deployment of its environment, to link pull requests' merge commits to the
 * deployment that first shipped them.
 *
 * <p>It plugs into {@code dev.pulse.metrics.dora.CommitRange} (pulse-metrics, which connectors do
 * not depend on) with a lambda:
 *
 * <pre>{@code
 * GitHubCompare compare = github.compare();
 * CommitRange range = (deployment, previous) ->
 *     previous == null || previous.commitSha() == null || deployment.commitSha() == null
 *         ? null
 *         : compare.commitsBetween(deployment.repository(), previous.commitSha(), deployment.commitSha());
 * }</pre>
 *
 * <p>Shares the {@link GitHubConnector}'s client, credential and rate limiter; unchanged
 * comparisons are served from the conditional-request cache. Thread-safe.
 */
public final class GitHubCompare {
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
  private static final int PER_PAGE = 100;
  // GitHub compares at most 10,000 commits (100 pages); past that the answer is "unknown".
  private static final int MAX_PAGES = 100;
  // GitHub lists at most 300 changed files of a comparison; 300 listed may mean more changed.
  static final int MAX_FILES = 300;

  private final GitHubConnector github;

  GitHubCompare(GitHubConnector github) {
    this.github = github;
  }

  /**
   * Returns the commits reachable from {@code head} but not from {@code base}.
   *
   * @param repository {@code owner/name}
   * @param base the older commit, e.g. the previous deployment's SHA
   * @param head the newer commit, e.g. the deployment's SHA
   * @return lower-case SHAs, oldest first; empty when {@code head} is {@code base} or behind it;
   *     null when unknown (either commit or the repository is not found, or the range is larger
   *     than GitHub compares)
   * @throws IllegalArgumentException if the repository is not {@code owner/name} or a SHA is not 7
   *     to 64 hexadecimal digits
   * @throws dev.pulse.SourceException on authentication, rate-limit or server failures
   */
  public @Nullable Set<String> commitsBetween(String repository, String base, String head) {
    Objects.requireNonNull(repository, "repository");
    if (!GitHubConnector.REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "repository must be owner/name but was \"" + repository + "\"");
    }
    requireSha(base, "base");
    requireSha(head, "head");
    ScopeKey scope = GitHubConnector.scopeOf(repository);
    Set<String> commits = new LinkedHashSet<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      HttpResult result = comparePage(repository, scope, base, head, page);
      if (result.status() == 404) {
        return null;
      }
      JsonNode root = result.json();
      JsonNode list = Json.child(root, "commits");
      int total = root.path("total_commits").asInt(-1);
      if (list == null || !list.isArray() || total < 0) {
        throw result.invalidData("a comparison without commits or total_commits");
      }
      for (JsonNode commit : list) {
        String sha = Json.text(commit, "sha");
        if (sha != null && SHA.matcher(sha).matches()) {
          commits.add(sha.toLowerCase(Locale.ROOT));
        }
      }
      if (commits.size() >= total || list.size() < PER_PAGE) {
        return Collections.unmodifiableSet(commits);
      }
    }
    return null;
  }

  /**
   * Returns the names of the components whose paths the files changed between two commits fall in,
   * from the first page of the comparison (the one {@link #commitsBetween} reads first, so either
   * reuses the other's cached answer). The paths are matched here and dropped: none is kept, logged
   * or returned.
   *
   * @param repository {@code owner/name}
   * @param base the older commit, the previous successful deployment's SHA
   * @param head the newer commit, the deployment's SHA
   * @param components the repository's components
   * @return the names, sorted; empty when files changed but none in a component; null when unknown:
   *     either commit or the repository is not found, the answer lists no files (a redeployment, or
   *     a rollback whose head is behind its base), or it lists {@value #MAX_FILES} or more, which
   *     is all GitHub lists of a larger comparison
   * @throws dev.pulse.SourceException on authentication, rate-limit or server failures
   */
  @Nullable Set<String> componentsBetween(
      String repository, String base, String head, Component.Matchers components) {
    if (!SHA.matcher(base).matches() || !SHA.matcher(head).matches()) {
      return null;
    }
    HttpResult result = comparePage(repository, GitHubConnector.scopeOf(repository), base, head, 1);
    if (result.status() == 404) {
      return null;
    }
    JsonNode files = Json.child(result.json(), "files");
    // a redeployment, or a rollback whose head is behind its base: what it ships is not in the list
    if (files == null || !files.isArray() || files.isEmpty() || files.size() >= MAX_FILES) {
      return null;
    }
    List<String> paths = new ArrayList<>(files.size() + 4);
    for (JsonNode file : files) {
      String path = Json.text(file, "filename");
      if (path == null) {
        return null;
      }
      paths.add(path);
      // a file moved out of a component changed it too
      String previous = Json.text(file, "previous_filename");
      if (previous != null) {
        paths.add(previous);
      }
    }
    return components.match(paths, List.of());
  }

  /** One page of the comparison of {@code base...head}; a 404 is returned, not thrown. */
  private HttpResult comparePage(
      String repository, ScopeKey scope, String base, String head, int page) {
    return github
        .http()
        .get(
            github.restPrefix()
                + "/repos/"
                + repository
                + "/compare/"
                + base
                + "..."
                + head
                + "?per_page="
                + PER_PAGE
                + "&page="
                + page,
            scope,
            404);
  }

  private static void requireSha(String sha, String name) {
    Objects.requireNonNull(sha, name);
    if (!SHA.matcher(sha).matches()) {
      throw new IllegalArgumentException(
          name + " must be 7 to 64 hexadecimal digits but was \"" + sha + "\"");
    }
  }

  @Override
  public String toString() {
    return "GitHubCompare[" + github.http() + "]";
  }
}
