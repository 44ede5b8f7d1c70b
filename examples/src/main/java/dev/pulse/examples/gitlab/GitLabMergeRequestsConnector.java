package dev.pulse.examples.gitlab;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.TieBreaker;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A connector of GitLab merge requests, written against Pulse's SPI as any outside connector is:
 * one scope per project ({@code gitlab:project:<path>}), read oldest update first with the position
 * (updated instant, iid as a number tie-breaker), each merge request mapped to the canonical {@link
 * PullRequest}.
 *
 * <p>Its one page function asks GitLab for the merge requests strictly after the requested position
 * (keyset pagination, so records sharing an update time are neither lost nor repeated at a page
 * boundary) and returns them with the last one's position. Thread-safe: it keeps no state per
 * scope.
 */
public final class GitLabMergeRequestsConnector implements Connector<PullRequest> {
  /** The source name in scope keys. */
  public static final String SOURCE = "gitlab";

  private final GitLab gitlab;

  /**
   * Creates a connector over a GitLab client.
   *
   * @param gitlab the client
   */
  public GitLabMergeRequestsConnector(GitLab gitlab) {
    this.gitlab = Objects.requireNonNull(gitlab, "gitlab");
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
    return gitlab.projects().stream().map(p -> ScopeKey.of(SOURCE, "project", p)).toList();
  }

  @Override
  public PageFetcher<PullRequest> openScope(ScopeKey scope) {
    if (!scope.source().equals(SOURCE) || !gitlab.projects().contains(scope.value())) {
      throw new ScopeNotFoundException(scope);
    }
    String project = scope.value();
    return request -> fetch(project, request);
  }

  private Page<PullRequest> fetch(String project, PageRequest request) {
    Position after = request.after();
    Instant updatedAfter = after == null ? null : after.instant();
    long iidAfter = after == null ? 0 : iid(after);
    List<MergeRequest> page =
        gitlab.mergeRequests(project, updatedAfter, iidAfter, request.pageSize());
    if (page.isEmpty()) {
      return Page.last(List.of(), null);
    }
    List<PullRequest> items =
        page.stream().map(GitLabMergeRequestsConnector::toPullRequest).toList();
    MergeRequest last = page.get(page.size() - 1);
    Position position = positionOf(last.updatedAt(), last.iid());
    return page.size() < request.pageSize()
        ? Page.last(items, position)
        : Page.more(items, position);
  }

  /** The position of a merge request: its update time, then its iid. */
  static Position positionOf(Instant updatedAt, long iid) {
    return Position.at(updatedAt, iid);
  }

  private static long iid(Position position) {
    TieBreaker tieBreaker = position.tieBreaker();
    return tieBreaker.kind() == TieBreaker.Kind.NUMBER ? tieBreaker.number() : 0;
  }

  /** Maps GitLab's fields to the canonical record; GitLab's iid is the number. */
  static PullRequest toPullRequest(MergeRequest mr) {
    Instant merged = mr.mergedAt();
    Instant closed = mr.closedAt();
    PullRequestState state =
        merged != null
            ? PullRequestState.MERGED
            : closed != null ? PullRequestState.CLOSED : PullRequestState.OPEN;
    return PullRequest.builder()
        .repository(mr.project())
        .number(mr.iid())
        .createdAt(mr.createdAt())
        .mergedAt(merged)
        .closedAt(merged != null ? merged : closed)
        .state(state)
        .baseBranch(mr.targetBranch())
        .updatedAt(mr.updatedAt())
        .build();
  }
}
