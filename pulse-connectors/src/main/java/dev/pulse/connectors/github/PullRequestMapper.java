package dev.pulse.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.IssueKeys;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns one GraphQL {@code PullRequest} node (the fields of {@link Queries#PULL_REQUEST_FIELDS})
 * into a {@link PullRequest}.
 *
 * <p>Who wrote and who reviewed is read only to tell the author's own reviews from the others': the
 * first review and the first approval are those of someone other than the author (a review by a
 * deleted account, whose author is null, counts as someone else's), and no login leaves this class.
 * Pending reviews (not submitted) are skipped. Ready-for-review is the last {@code
 * ReadyForReviewEvent}, null while a draft. NUL bytes are stripped from every text read. Stateless.
 */
final class PullRequestMapper {
  private PullRequestMapper() {}

  static PullRequest map(JsonNode node, String repository, HttpResult page) {
    long number = node.path("number").asLong(0);
    Instant created = GitHubText.parseTime(Json.text(node, "createdAt"));
    Instant updated = GitHubText.parseTime(Json.text(node, "updatedAt"));
    if (number <= 0 || created == null || updated == null) {
      throw page.invalidData(
          "a pull request of " + repository + " without number, createdAt or updatedAt");
    }
    String title = GitHubText.stripNul(Objects.requireNonNullElse(Json.text(node, "title"), ""));
    String body = Json.text(node, "body");
    String base =
        GitHubText.stripNul(Objects.requireNonNullElse(Json.text(node, "baseRefName"), ""));
    String head = GitHubText.stripNulOrNull(Json.text(node, "headRefName"));
    Instant merged = GitHubText.parseTime(Json.text(node, "mergedAt"));
    Instant closed = GitHubText.parseTime(Json.text(node, "closedAt"));
    String state =
        Objects.requireNonNullElse(Json.text(node, "state"), "").toUpperCase(Locale.ROOT);
    PullRequestState normalized =
        merged != null || state.equals("MERGED")
            ? PullRequestState.MERGED
            : state.equals("CLOSED") || closed != null
                ? PullRequestState.CLOSED
                : PullRequestState.OPEN;
    boolean draft = node.path("isDraft").asBoolean(false);
    String author = Json.text(Json.child(node, "author"), "login");

    Instant firstReview = null;
    Instant firstApproval = null;
    for (JsonNode review : nodes(node, "reviews")) {
      Instant at = GitHubText.parseTime(Json.text(review, "submittedAt"));
      String reviewer = Json.text(Json.child(review, "author"), "login");
      if (at == null || (author != null && author.equals(reviewer))) {
        continue;
      }
      firstReview = earliest(firstReview, at);
      if ("APPROVED".equals(Json.text(review, "state"))) {
        firstApproval = earliest(firstApproval, at);
      }
    }
    Instant firstCommit = null;
    for (JsonNode commit : nodes(node, "commits")) {
      JsonNode c = Json.child(commit, "commit");
      Instant at = GitHubText.parseTime(Json.text(c, "authoredDate"));
      if (at == null) {
        at = GitHubText.parseTime(Json.text(c, "committedDate"));
      }
      if (at != null) {
        firstCommit = earliest(firstCommit, at);
      }
    }
    Instant ready = null;
    if (!draft) {
      for (JsonNode event : nodes(node, "timelineItems")) {
        Instant at = GitHubText.parseTime(Json.text(event, "createdAt"));
        if (at != null && !at.isBefore(created) && (ready == null || at.isAfter(ready))) {
          ready = at;
        }
      }
    }
    List<String> labels = new ArrayList<>();
    for (JsonNode label : nodes(node, "labels")) {
      String name = GitHubText.stripNulOrNull(Json.text(label, "name"));
      if (name != null) {
        labels.add(name);
      }
    }
    String sha = Json.text(Json.child(node, "mergeCommit"), "oid");
    Reverts.Revert revert = Reverts.detect(repository, number, title, body, head);
    try {
      PullRequest.Builder pr =
          PullRequest.builder()
              .repository(repository)
              .number(number)
              .createdAt(created)
              .updatedAt(updated)
              .state(normalized)
              .mergedAt(merged)
              .closedAt(closed != null ? closed : merged)
              .baseBranch(base)
              .headBranch(head)
              .mergeCommitSha(normalized == PullRequestState.MERGED ? sha : null)
              .draft(draft)
              .firstCommitAt(firstCommit)
              .firstReviewAt(firstReview)
              .firstApprovalAt(firstApproval)
              .readyForReviewAt(ready)
              .linesChanged(
                  Math.max(0, node.path("additions").asInt(0)),
                  Math.max(0, node.path("deletions").asInt(0)))
              .labels(labels)
              .referencedIssueKeys(IssueKeys.find(title, head));
      if (revert.revert()) {
        pr.revertOf(revert.number());
      }
      return pr.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw page.invalidData(
          "pull request " + repository + "#" + number + " is inconsistent: " + e.getMessage());
    }
  }

  private static Iterable<JsonNode> nodes(JsonNode node, String connection) {
    JsonNode nodes = Json.child(Json.child(node, connection), "nodes");
    if (nodes == null || !nodes.isArray()) {
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      if (n != null && !n.isNull()) {
        out.add(n);
      }
    }
    return out;
  }

  private static Instant earliest(@Nullable Instant current, Instant candidate) {
    return current == null || candidate.isBefore(current) ? candidate : current;
  }
}
