package dev.pulse.metrics.report;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintChange;
import dev.pulse.model.SprintStatus;
import dev.pulse.model.StatusTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Test records for the report, built through the model's builders; times are hours after T0. */
final class ReportFixtures {
  /** Monday 2 March 2026, 00:00 UTC. */
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private ReportFixtures() {}

  static Instant hour(double hours) {
    return T0.plus(Duration.ofSeconds(Math.round(hours * 3600)));
  }

  static Instant day(double days) {
    return hour(days * 24);
  }

  static Deployment deploy(
      String repo, String env, String build, Instant finished, DeploymentResult result) {
    return deploy(repo, env, build, finished, result, null, null);
  }

  static Deployment deploy(
      String repo,
      String env,
      String build,
      Instant finished,
      DeploymentResult result,
      @Nullable String sha,
      @Nullable String ref) {
    return Deployment.builder()
        .repository(repo)
        .environment(env)
        .buildId(build)
        .startedAt(finished.minusSeconds(60))
        .finishedAt(finished)
        .result(result)
        .commitSha(sha)
        .ref(ref)
        .system(DeploymentSystem.JENKINS)
        .updatedAt(finished)
        .build();
  }

  static PullRequest merged(String repo, long number, Instant mergedAt) {
    return merged(repo, number, mergedAt, null, Set.of(), false);
  }

  static PullRequest merged(
      String repo,
      long number,
      Instant mergedAt,
      @Nullable String sha,
      Set<String> labels,
      boolean revert) {
    PullRequest.Builder b =
        PullRequest.builder()
            .repository(repo)
            .number(number)
            .firstCommitAt(mergedAt.minus(Duration.ofHours(5)))
            .createdAt(mergedAt.minus(Duration.ofHours(4)))
            .firstReviewAt(mergedAt.minus(Duration.ofHours(2)))
            .mergedAt(mergedAt)
            .closedAt(mergedAt)
            .state(PullRequestState.MERGED)
            .baseBranch("main")
            .mergeCommitSha(sha)
            .labels(labels)
            .updatedAt(mergedAt);
    if (revert) {
      b.revertOf(null);
    }
    return b.build();
  }

  static StatusTransition to(NormalizedStatus status, Instant at) {
    return StatusTransition.builder()
        .status(status)
        .rawStatus(status.name().toLowerCase(Locale.ROOT))
        .enteredAt(at)
        .build();
  }

  /** An issue created at {@code created}, in progress at {@code started}, done at {@code done}. */
  static Issue issue(
      String key, Instant created, @Nullable Instant started, @Nullable Instant done) {
    List<StatusTransition> transitions = new ArrayList<>();
    transitions.add(to(NormalizedStatus.TODO, created));
    NormalizedStatus current = NormalizedStatus.TODO;
    if (started != null) {
      transitions.add(to(NormalizedStatus.IN_PROGRESS, started));
      current = NormalizedStatus.IN_PROGRESS;
    }
    if (done != null) {
      transitions.add(to(NormalizedStatus.DONE, done));
      current = NormalizedStatus.DONE;
    }
    return Issue.builder()
        .key(key)
        .projectKey(key.substring(0, key.indexOf('-')))
        .type(IssueType.TASK)
        .rawStatus(current.name())
        .status(current)
        .transitions(transitions)
        .createdAt(created)
        .updatedAt(created)
        .build();
  }

  static Incident incident(String id, String service, Instant created, @Nullable Instant resolved) {
    return Incident.builder()
        .id(id)
        .service(service)
        .createdAt(created)
        .resolvedAt(resolved)
        .updatedAt(created)
        .build();
  }

  /**
   * Random but reproducible records over {@code days} days from T0: repositories {@code api} and
   * {@code web}, production environments {@code prod-eu} and {@code prod-us} plus {@code staging},
   * pull requests with SHAs, hotfix labels and reverts, issues of projects {@code API} and {@code
   * WEB}, incidents.
   */
  static Data random(long seed, int days) {
    Random random = new Random(seed);
    Data data = new Data();
    String[] repos = {"api", "web"};
    String[] envs = {"prod-eu", "prod-us", "staging"};
    int build = 0;
    int number = 0;
    for (int d = 0; d < days; d++) {
      for (String repo : repos) {
        int perDay = random.nextInt(4);
        for (int k = 0; k < perDay; k++) {
          Instant t = day(d + random.nextDouble());
          String sha = String.format("%040x", random.nextInt(60));
          DeploymentResult result =
              random.nextInt(5) == 0 ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS;
          String env = envs[random.nextInt(envs.length)];
          data.deployments.add(deploy(repo, env, "b" + build++, t, result, sha, "main"));
          Instant merged = t.minus(Duration.ofMinutes(10 + random.nextInt(600)));
          Set<String> labels = random.nextInt(10) == 0 ? Set.of("hotfix") : Set.of();
          data.pullRequests.add(
              merged(repo, ++number, merged, sha, labels, random.nextInt(15) == 0));
        }
      }
      String project = d % 2 == 0 ? "API" : "WEB";
      Instant created = day(d + random.nextDouble());
      Instant started = created.plus(Duration.ofHours(1 + random.nextInt(48)));
      Instant done =
          random.nextInt(4) == 0 ? null : started.plus(Duration.ofHours(1 + random.nextInt(200)));
      data.issues.add(issue(project + "-" + d, created, started, done));
      if (random.nextInt(3) == 0) {
        Instant opened = day(d + random.nextDouble());
        data.incidents.add(
            incident(
                "inc-" + d,
                repos[random.nextInt(2)],
                opened,
                opened.plus(Duration.ofMinutes(1 + random.nextInt(600)))));
      }
    }
    addSprints(data, seed, days);
    return data;
  }

  /**
   * Gives each project a board of two-week sprints from T0 (closed when they end by {@code days},
   * else active) and puts each issue into sprints, from a random source of its own so the other
   * records stay as they were: committed to the next sprint or added to the current one, one in
   * eight removed a day later, and carried from sprint to sprint until done.
   */
  private static void addSprints(Data data, long seed, int days) {
    Random random = new Random(seed * 31 + 7);
    int count = (days + 13) / 14;
    for (String board : List.of("API", "WEB")) {
      for (int k = 0; k < count; k++) {
        boolean closed = 14 * (k + 1) <= days;
        data.sprints.add(
            Sprint.builder()
                .id(board + "-s" + k)
                .boardId(board)
                .name(board + " sprint " + k)
                .status(closed ? SprintStatus.CLOSED : SprintStatus.ACTIVE)
                .startedAt(day(14 * k))
                .endedAt(day(14 * (k + 1)))
                .completedAt(closed ? day(14 * (k + 1)) : null)
                .build());
      }
    }
    for (int i = 0; i < data.issues.size(); i++) {
      Issue issue = data.issues.get(i);
      int k = (int) (Duration.between(day(0), issue.createdAt()).toHours() / (24 * 14));
      if (random.nextBoolean()) {
        k++; // planned into the next sprint: committed there
      }
      if (k >= count) {
        continue;
      }
      Instant done = issue.completedAt();
      if (done == null && issue.status() == NormalizedStatus.DONE) {
        done = issue.transitions().get(issue.transitions().size() - 1).enteredAt();
      }
      List<SprintChange> changes = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      String board = issue.projectKey();
      changes.add(SprintChange.joined(board + "-s" + k, issue.createdAt()));
      ids.add(board + "-s" + k);
      if (random.nextInt(8) == 0) {
        changes.add(
            SprintChange.left(board + "-s" + k, issue.createdAt().plus(Duration.ofDays(1))));
      } else {
        while (k + 1 < count && (done == null || done.isAfter(day(14 * (k + 1))))) {
          k++;
          changes.add(SprintChange.joined(board + "-s" + k, day(14 * k)));
          ids.add(board + "-s" + k);
        }
      }
      data.issues.set(i, issue.toBuilder().sprintIds(ids).sprintChanges(changes).build());
    }
  }

  /** Mutable record lists for a test. */
  static final class Data {
    final List<Deployment> deployments = new ArrayList<>();
    final List<PullRequest> pullRequests = new ArrayList<>();
    final List<Issue> issues = new ArrayList<>();
    final List<Incident> incidents = new ArrayList<>();
    final List<Sprint> sprints = new ArrayList<>();

    ReportSources sources() {
      return new ReportSources(deployments, pullRequests, issues, incidents, sprints);
    }
  }
}
