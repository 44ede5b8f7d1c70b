package dev.pulse.examples.gitlab;

import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.model.PullRequest;
import dev.pulse.testkit.ConnectorContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proves the example GitLab connector with the testkit's connector contract, over the in-memory
 * GitLab: paging, resuming from every position (also through 120 merge requests sharing one update
 * time), cancellation, prefetch, failures, unknown scopes and concurrent scopes.
 */
final class GitLabMergeRequestsConnectorContractTest extends ConnectorContract<PullRequest> {
  private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

  @Override
  protected Fixture<PullRequest> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    InMemoryGitLab gitlab = new InMemoryGitLab();
    List<PullRequest> items = fill(gitlab, "acme/api", itemCount, itemsSharingOneTimestamp, 0);
    List<PullRequest> others = fill(gitlab, "acme/web", 7, 0, 3);
    return new Fixture<>(
        new GitLabMergeRequestsConnector(gitlab),
        ScopeKey.of("gitlab", "project", "acme/api"),
        items,
        Map.of(ScopeKey.of("gitlab", "project", "acme/web"), others));
  }

  @Override
  protected Position positionOf(PullRequest item) {
    return GitLabMergeRequestsConnector.positionOf(item.updatedAt(), item.number());
  }

  /** Adds merge requests 1..count, {@code shared} of them (from a third in) on one instant. */
  private static List<PullRequest> fill(
      InMemoryGitLab gitlab, String project, int count, int shared, int offsetMinutes) {
    gitlab.project(project);
    List<PullRequest> items = new ArrayList<>();
    int sharedFrom = count / 3;
    Instant sharedAt = START.plus(Duration.ofMinutes(offsetMinutes + sharedFrom));
    for (int iid = 1; iid <= count; iid++) {
      int index = iid - 1;
      Instant updated =
          index >= sharedFrom && index < sharedFrom + shared
              ? sharedAt
              : START.plus(
                  Duration.ofMinutes(offsetMinutes + (index < sharedFrom ? index : index + 1)));
      MergeRequest mr =
          new MergeRequest(
              project,
              iid,
              updated.minus(Duration.ofHours(5)),
              updated,
              iid % 3 == 0 ? updated : null,
              iid % 7 == 0 ? updated : null,
              "main");
      gitlab.put(mr);
      items.add(GitLabMergeRequestsConnector.toPullRequest(mr));
    }
    return items;
  }
}
