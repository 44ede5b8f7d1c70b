package dev.pulse.benchmarks;

import dev.pulse.metrics.dora.DeploymentPairer;
import dev.pulse.metrics.dora.EnvironmentAliases;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic data for the DORA benchmarks: deployments spread evenly over repositories
 * x {production, staging, qa}, one year, 80% success, 15% failure, 5% aborted; distinct times
 * within a group.
 */
final class DoraData {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  static final long YEAR_SECONDS = 365L * 86_400;
  static final String[] ENVIRONMENTS = {"production", "staging", "qa"};

  private DoraData() {}

  static String repository(int r) {
    return String.format("org/repo-%04d", r);
  }

  /** Returns {@code n} deployments over {@code repositories} x 3 environments, in pairing order. */
  static List<Deployment> sortedDeployments(int n, int repositories, long seed) {
    Random random = new Random(seed);
    int groups = repositories * ENVIRONMENTS.length;
    List<Deployment> out = new ArrayList<>(n);
    String[] repos = new String[repositories];
    for (int r = 0; r < repositories; r++) {
      repos[r] = repository(r);
    }
    int build = 0;
    for (int g = 0; g < groups; g++) {
      int perGroup = n / groups + (g < n % groups ? 1 : 0);
      String repo = repos[g / ENVIRONMENTS.length];
      String env = ENVIRONMENTS[g % ENVIRONMENTS.length];
      long step = YEAR_SECONDS / Math.max(1, perGroup);
      for (int i = 0; i < perGroup; i++) {
        Instant finished =
            START.plusSeconds(i * step + random.nextInt((int) Math.max(1, step - 60)));
        int roll = random.nextInt(100);
        DeploymentResult result =
            roll < 80
                ? DeploymentResult.SUCCESS
                : roll < 95 ? DeploymentResult.FAILURE : DeploymentResult.ABORTED;
        out.add(
            Deployment.builder()
                .repository(repo)
                .environment(env)
                .buildId("b" + build++)
                .startedAt(finished.minusSeconds(30))
                .finishedAt(finished)
                .result(result)
                .system(DeploymentSystem.JENKINS)
                .build());
      }
    }
    // group order is repository then environment name; sort once to be safe about name order
    out.sort(DeploymentPairer.pairingOrder(EnvironmentAliases.defaults()));
    return out;
  }

  static List<Deployment> shuffled(List<Deployment> deployments, long seed) {
    List<Deployment> copy = new ArrayList<>(deployments);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  /** Returns {@code n} merged pull requests over the same repositories and year. */
  static List<PullRequest> pullRequests(int n, int repositories, long seed) {
    Random random = new Random(seed);
    String[] repos = new String[repositories];
    for (int r = 0; r < repositories; r++) {
      repos[r] = repository(r);
    }
    List<PullRequest> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant firstCommit =
          START.plusSeconds((long) (random.nextDouble() * (YEAR_SECONDS - 30 * 86_400L)));
      Instant created = firstCommit.plusSeconds(random.nextInt(86_400 * 2));
      Instant firstReview = created.plusSeconds(random.nextInt(86_400));
      Instant merged = firstReview.plusSeconds(random.nextInt(86_400));
      out.add(
          PullRequest.builder()
              .repository(repos[random.nextInt(repositories)])
              .number(i + 1)
              .createdAt(created)
              .firstCommitAt(firstCommit)
              .firstReviewAt(firstReview)
              .mergedAt(merged)
              .closedAt(merged)
              .state(PullRequestState.MERGED)
              .baseBranch("main")
              .updatedAt(merged)
              .build());
    }
    return out;
  }
}
