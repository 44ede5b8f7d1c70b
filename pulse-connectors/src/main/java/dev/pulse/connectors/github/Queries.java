package dev.pulse.connectors.github;

/**
 * The GraphQL documents the connector sends, each a named operation (the fake server recognises
 * them by name). Every operation asks for {@code rateLimit}, so the point budget is known after
 * every answer.
 */
final class Queries {
  static final String RATE_LIMIT = "rateLimit { cost remaining resetAt limit }";

  /** The fields a pull request is normalized from; logins are read only to compare them. */
  static final String PULL_REQUEST_FIELDS =
      "fragment PullRequestFields on PullRequest {"
          + " number title body createdAt updatedAt closedAt mergedAt isDraft state"
          + " baseRefName headRefName additions deletions"
          + " mergeCommit { oid }"
          + " author { login }"
          + " labels(first: 50) { nodes { name } }"
          + " commits(first: 1) { nodes { commit { authoredDate committedDate } } }"
          + " reviews(first: 100) { nodes { author { login } state submittedAt } }"
          + " timelineItems(itemTypes: [READY_FOR_REVIEW_EVENT], last: 1)"
          + " { nodes { ... on ReadyForReviewEvent { createdAt } } }"
          + " }";

  static final String REPOSITORIES_OP = "PulseRepositories";
  static final String REPOSITORIES =
      "query PulseRepositories($org: String!, $after: String) { "
          + RATE_LIMIT
          + " organization(login: $org) {"
          + " repositories(first: 100, after: $after,"
          + " orderBy: {field: PUSHED_AT, direction: DESC}) {"
          + " pageInfo { hasNextPage endCursor }"
          + " nodes { nameWithOwner isArchived pushedAt } } } }";

  static final String PULL_REQUESTS_OP = "PulsePullRequests";
  static final String PULL_REQUESTS =
      "query PulsePullRequests($owner: String!, $name: String!, $first: Int!, $after: String) { "
          + RATE_LIMIT
          + " repository(owner: $owner, name: $name) {"
          + " pullRequests(first: $first, after: $after,"
          + " orderBy: {field: UPDATED_AT, direction: ASC}) {"
          + " totalCount pageInfo { hasNextPage endCursor }"
          + " nodes { ...PullRequestFields } } } } "
          + PULL_REQUEST_FIELDS;

  /** The changed files asked for with each pull request when a component is defined by paths. */
  static final String FILES =
      "files(first: 100, after: $filesAfter) { pageInfo { hasNextPage endCursor } nodes { path } }";

  /**
   * {@link #PULL_REQUESTS} with each pull request's first 100 changed files, for repositories with
   * components defined by paths (the paths are matched inside the connector and dropped).
   */
  static final String PULL_REQUESTS_WITH_FILES =
      PULL_REQUESTS
          .replace("$after: String)", "$after: String, $filesAfter: String)")
          .replace(
              "fragment PullRequestFields on PullRequest {",
              "fragment PullRequestFields on PullRequest { " + FILES);

  static final String PULL_REQUEST_FILES_OP = "PulsePullRequestFiles";

  /** The rest of one pull request's changed files, after the first 100. */
  static final String PULL_REQUEST_FILES =
      "query PulsePullRequestFiles($owner: String!, $name: String!, $number: Int!,"
          + " $filesAfter: String) { "
          + RATE_LIMIT
          + " repository(owner: $owner, name: $name) { pullRequest(number: $number) { "
          + FILES
          + " } } }";

  static final String BOUNDARY_OP = "PulsePullRequestBoundary";
  static final String BOUNDARY =
      "query PulsePullRequestBoundary($owner: String!, $name: String!, $before: String) { "
          + RATE_LIMIT
          + " repository(owner: $owner, name: $name) {"
          + " pullRequests(last: 100, before: $before,"
          + " orderBy: {field: UPDATED_AT, direction: ASC}) {"
          + " pageInfo { hasPreviousPage startCursor }"
          + " edges { cursor node { number updatedAt } } } } }";

  static final String REPOSITORY_OP = "PulseRepository";
  static final String REPOSITORY =
      "query PulseRepository($owner: String!, $name: String!) { "
          + RATE_LIMIT
          + " repository(owner: $owner, name: $name) {"
          + " nameWithOwner isArchived pullRequests { totalCount } } }";

  static final String HEALTH_OP = "PulseHealth";
  static final String HEALTH = "query PulseHealth { " + RATE_LIMIT + " }";

  private Queries() {}
}
