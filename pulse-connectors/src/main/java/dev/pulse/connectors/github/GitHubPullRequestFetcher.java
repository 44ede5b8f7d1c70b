package dev.pulse.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.PullRequest;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one repository's pull requests, oldest update first, as pages of {@link PullRequest}.
 *
 * <p>The first page of a read from the start, and every following page, is {@code
 * pullRequests(first: n, after: <cursor>, orderBy: {field: UPDATED_AT, direction: ASC})}, the
 * cursor being the previous page's {@code endCursor} (handed back as the page's continuation).
 * GraphQL cursors are keyset positions (the sort value and the id), so a pull request edited while
 * the read goes on moves to the end and is read again in its new version, and none is skipped. A
 * read resumed from a stored position walks the connection backwards ({@code last: 100, before:
 * ...}, number and updatedAt only) to the cursor of the newest pull request at or before that
 * position, and reads forward from there.
 *
 * <p>Position = (updatedAt, number). GitHub orders equal update times by creation, which within one
 * repository is also the order of the numbers; pull requests at or before the position are dropped
 * on the client, and a page out of that order fails with {@code INVALID_DATA} rather than lose
 * records. Called by one thread at a time, as {@link PageFetcher} says.
 */
final class GitHubPullRequestFetcher implements PageFetcher<PullRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubPullRequestFetcher.class);

  private final GitHubConnector connector;
  private final ScopeKey scope;
  private final String repository;
  private final String owner;
  private final String name;
  private final Component.Matchers components;
  private long read;

  GitHubPullRequestFetcher(GitHubConnector connector, ScopeKey scope) {
    this.connector = connector;
    this.scope = scope;
    this.repository = Objects.requireNonNull(GitHubConnector.repositoryOf(scope));
    int slash = repository.indexOf('/');
    this.owner = repository.substring(0, slash);
    this.name = repository.substring(slash + 1);
    this.components = connector.componentsOf(repository);
  }

  /** Where a resumed read starts: the cursor to read after, and how many newer ones were passed. */
  record Boundary(@Nullable String cursor, long newer, boolean found) {}

  @Override
  public Page<PullRequest> fetch(PageRequest request) {
    Position after = request.after();
    if (after != null && !after.isInstant()) {
      throw new IllegalArgumentException(
          "github pull request positions are (updated instant, number), but was " + after);
    }
    String cursor = request.continuation();
    if (cursor == null && after != null) {
      cursor = boundary(after, Integer.MAX_VALUE).cursor();
    }
    int first = Math.min(request.pageSize(), connector.maxPageSize());
    while (true) {
      ObjectNode vars = vars().put("first", first);
      if (cursor != null) {
        vars.put("after", cursor);
      } else {
        vars.putNull("after");
      }
      String query = Queries.PULL_REQUESTS;
      if (components.needsPaths()) {
        query = Queries.PULL_REQUESTS_WITH_FILES;
        vars.putNull("filesAfter");
      }
      GraphQl.Answer answer =
          connector.graphQl().query(Queries.PULL_REQUESTS_OP, query, vars, scope);
      JsonNode connection = connection(answer);
      HttpResult result = answer.result();
      List<PullRequest> out = new ArrayList<>();
      Position last = null;
      Position previous = null;
      JsonNode nodes = Json.child(connection, "nodes");
      if (nodes != null) {
        for (JsonNode node : nodes) {
          Position p = position(node, result);
          if (previous != null && !p.isAfter(previous)) {
            throw result.invalidData(
                "pull requests are not in (updatedAt, number) order: " + p + " after " + previous);
          }
          previous = p;
          if (after == null || p.isAfter(after)) {
            out.add(withComponents(node, PullRequestMapper.map(node, repository, result), result));
            last = p;
          }
        }
      }
      JsonNode pageInfo = Json.child(connection, "pageInfo");
      boolean hasNext = pageInfo != null && pageInfo.path("hasNextPage").asBoolean(false);
      String end = Json.text(pageInfo, "endCursor");
      if (hasNext && (end == null || end.equals(cursor))) {
        throw result.invalidData("hasNextPage is true but endCursor does not move on");
      }
      read += out.size();
      if (!out.isEmpty()) {
        Position position = Objects.requireNonNull(last);
        return hasNext
            ? Page.more(out, position, Objects.requireNonNull(end))
            : Page.last(out, position);
      }
      if (!hasNext) {
        return Page.last(List.of(), null);
      }
      // Every pull request of this page was at or before the position (equal update times):
      // go on within this fetch rather than hand the engine an empty page.
      cursor = end;
    }
  }

  /**
   * Names the components the pull request belongs to, from its labels and, when a component is
   * defined by paths, all its changed files: the first 100 came with the page, the rest are read
   * 100 at a time. The paths are matched here and dropped.
   */
  private PullRequest withComponents(JsonNode node, PullRequest pr, HttpResult page) {
    if (components.isEmpty()) {
      return pr;
    }
    List<String> paths = new ArrayList<>();
    if (components.needsPaths()) {
      JsonNode files = Json.child(node, "files");
      if (files == null) {
        throw page.invalidData(
            "pull request " + repository + "#" + pr.number() + " came without its files");
      }
      String cursor = null;
      while (true) {
        JsonNode fileNodes = Json.child(files, "nodes");
        if (fileNodes != null) {
          for (JsonNode file : fileNodes) {
            String path = Json.text(file, "path");
            if (path != null) {
              paths.add(path);
            }
          }
        }
        JsonNode pageInfo = Json.child(files, "pageInfo");
        String end = Json.text(pageInfo, "endCursor");
        if (pageInfo == null || !pageInfo.path("hasNextPage").asBoolean(false)) {
          break;
        }
        if (end == null || end.equals(cursor)) {
          throw page.invalidData(
              "the files of " + repository + "#" + pr.number() + " do not move on past " + cursor);
        }
        cursor = end;
        ObjectNode vars = vars().put("number", pr.number()).put("filesAfter", cursor);
        GraphQl.Answer more =
            connector
                .graphQl()
                .query(Queries.PULL_REQUEST_FILES_OP, Queries.PULL_REQUEST_FILES, vars, scope);
        files =
            Json.child(Json.child(Json.child(more.data(), "repository"), "pullRequest"), "files");
        if (files == null) {
          throw more.result()
              .invalidData("no files in the answer for " + repository + "#" + pr.number());
        }
      }
    }
    return pr.toBuilder().components(components.match(paths, pr.labels())).build();
  }

  /**
   * Walks the connection backwards from its newest end to the newest pull request at or before
   * {@code after}, at most {@code maxProbes} pages of 100.
   */
  Boundary boundary(Position after, int maxProbes) {
    String before = null;
    long newer = 0;
    for (int probe = 0; probe < maxProbes; probe++) {
      ObjectNode vars = vars();
      if (before != null) {
        vars.put("before", before);
      } else {
        vars.putNull("before");
      }
      GraphQl.Answer answer =
          connector.graphQl().query(Queries.BOUNDARY_OP, Queries.BOUNDARY, vars, scope);
      JsonNode connection = connection(answer);
      JsonNode edges = Json.child(connection, "edges");
      if (edges != null) {
        for (int i = edges.size() - 1; i >= 0; i--) {
          JsonNode edge = edges.get(i);
          Position p = position(Objects.requireNonNull(Json.child(edge, "node")), answer.result());
          if (!p.isAfter(after)) {
            String cursor = Json.text(edge, "cursor");
            if (cursor == null) {
              throw answer.result().invalidData("an edge without a cursor");
            }
            return new Boundary(cursor, newer, true);
          }
          newer++;
        }
      }
      JsonNode pageInfo = Json.child(connection, "pageInfo");
      String start = Json.text(pageInfo, "startCursor");
      if (pageInfo == null || !pageInfo.path("hasPreviousPage").asBoolean(false)) {
        // Every pull request is newer than the position: read from the start.
        return new Boundary(null, newer, true);
      }
      if (start == null || start.equals(before)) {
        throw answer.result().invalidData("hasPreviousPage is true but startCursor does not move");
      }
      before = start;
    }
    return new Boundary(null, newer, false);
  }

  private ObjectNode vars() {
    return Json.MAPPER.createObjectNode().put("owner", owner).put("name", name);
  }

  private JsonNode connection(GraphQl.Answer answer) {
    JsonNode repo = Json.child(answer.data(), "repository");
    if (repo == null) {
      throw new ScopeNotFoundException(scope);
    }
    JsonNode connection = Json.child(repo, "pullRequests");
    if (connection == null) {
      throw answer.result().invalidData("repository " + repository + " answered no pullRequests");
    }
    return connection;
  }

  private Position position(JsonNode node, HttpResult result) {
    long number = node.path("number").asLong(0);
    Instant updated = GitHubText.parseTime(Json.text(node, "updatedAt"));
    if (number <= 0 || updated == null) {
      throw result.invalidData("a pull request without number or readable updatedAt");
    }
    return Position.at(updated, number);
  }

  @Override
  public void close() {
    LOG.debug("github {}: read {} pull requests", scope, read);
  }

  @Override
  public String toString() {
    return "GitHubPullRequestFetcher[" + scope + "]";
  }
}
