package dev.pulse.examples.embedding;

import dev.pulse.metrics.dora.Dora;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DoraReport;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * DORA computed from records you already have, without any ingestion: build the canonical records
 * (from your own database, a CSV, an API) and hand them to {@link Dora#compute}. Only pulse-model
 * and pulse-metrics are needed; nothing does I/O. The pull request is linked to the deployment that
 * shipped it by its merge commit.
 */
public final class DoraFromYourRecords {
  static final Instant DAY = Instant.parse("2026-05-04T09:00:00Z");

  private DoraFromYourRecords() {}

  /**
   * Prints the report of a small hand-written history.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    DoraReport report = report();
    System.out.println("deployment frequency: " + report.deploymentFrequency());
    System.out.println("lead time for changes: " + report.leadTime().total());
    System.out.println("change failure rate:   " + report.changeFailureRate());
    System.out.println("time to restore:       " + report.timeToRestore().median());
    System.out.println("overall level:         " + report.overall());
  }

  /**
   * Computes the report of a week: four production deployments, one of which failed and was
   * restored 45 minutes later, and the pull request the first one shipped.
   *
   * @return the report
   */
  static DoraReport report() {
    List<Deployment> deployments =
        List.of(
            // The deployment before the window gives the first in-window one a commit range.
            deployment("100", DAY.minus(Duration.ofDays(2)), DeploymentResult.SUCCESS).toBuilder()
                .commitSha("0ddba11")
                .build(),
            deployment("101", DAY, DeploymentResult.SUCCESS).toBuilder()
                .commitSha("c0ffee7")
                .build(),
            deployment("102", DAY.plus(Duration.ofDays(1)), DeploymentResult.FAILURE),
            deployment(
                "103",
                DAY.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(45)),
                DeploymentResult.SUCCESS),
            deployment("104", DAY.plus(Duration.ofDays(3)), DeploymentResult.SUCCESS));
    List<PullRequest> pullRequests =
        List.of(
            PullRequest.builder()
                .repository("acme/api")
                .number(7)
                .createdAt(DAY.minus(Duration.ofHours(30)))
                .firstCommitAt(DAY.minus(Duration.ofHours(40)))
                .mergedAt(DAY.minus(Duration.ofHours(2)))
                .mergeCommitSha("c0ffee7")
                .state(PullRequestState.MERGED)
                .baseBranch("main")
                .updatedAt(DAY.minus(Duration.ofHours(2)))
                .build());
    Window week = Window.ending(DAY.plus(Duration.ofDays(6)), Duration.ofDays(7));
    // One restore is a small sample; the default asks for five before it reports a median.
    DoraOptions options = DoraOptions.builder().minSample(1).build();
    return Dora.compute(deployments, pullRequests, week, options);
  }

  private static Deployment deployment(String build, Instant at, DeploymentResult result) {
    return Deployment.builder()
        .repository("acme/api")
        .environment("production")
        .buildId(build)
        .startedAt(at)
        .finishedAt(at.plus(Duration.ofMinutes(6)))
        .result(result)
        .system(DeploymentSystem.JENKINS)
        .build();
  }
}
