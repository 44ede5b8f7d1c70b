package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.T0;
import static dev.pulse.metrics.dora.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class ReworkRateTest {

  private static final DoraOptions OPTIONS = DoraOptions.defaults();
  private static final Window WINDOW = new Window(T0, T0.plus(Duration.ofDays(30)));

  private static Deployment deployment(
      String env, String build, long minutes, DeploymentResult result, @Nullable String sha) {
    return Fixtures.deployment("api", env, build, at(minutes).minusSeconds(60), at(minutes), result)
        .toBuilder()
        .commitSha(sha)
        .build();
  }

  private static Deployment ok(String build, long minutes, String sha) {
    return deployment("production", build, minutes, DeploymentResult.SUCCESS, sha);
  }

  private static PullRequest.Builder merged(long number, long minutes) {
    return PullRequest.builder()
        .repository("api")
        .number(number)
        .createdAt(at(minutes - 5))
        .mergedAt(at(minutes))
        .closedAt(at(minutes))
        .state(PullRequestState.MERGED)
        .baseBranch("main")
        .updatedAt(at(minutes));
  }

  private static Pairing pairing(List<Deployment> deployments) {
    return DeploymentPairer.of(OPTIONS).pair(deployments);
  }

  @Test
  void compute_rollbackRevertHotfixAndAfterFailure_areRework() {
    List<Deployment> deployments =
        List.of(
            ok("d1", 10, "aaaaaa1"),
            ok("d2", 100, "bbbbbb2"),
            deployment("production", "f", 200, DeploymentResult.FAILURE, "cccccc3"),
            ok("d3", 230, "aaaaaa1"), // back to d1's SHA, 30 minutes after the failure
            ok("d4", 400, "dddddd4"), // deploys the revert #5
            ok("d5", 600, "eeeeee5"), // deploys the hotfix #6
            ok("d6", 800, "ffffff6"), // deploys the plain #7
            deployment("staging", "s", 900, DeploymentResult.SUCCESS, "aaaaaa1")); // not counted
    List<PullRequest> prs =
        List.of(
            merged(5, 350).revertOf(4L).build(),
            merged(6, 500).labels(List.of("HotFix", "backend")).build(),
            merged(7, 700).build());

    ReworkRateResult r = ReworkRate.compute(pairing(deployments), prs, WINDOW, OPTIONS);

    // 6 production successes, 3 of them rework
    assertEquals(6, r.deployments());
    assertEquals(3, r.rework());
    assertEquals(0.5, r.rate());
    assertEquals(
        Map.of(
            ReworkRule.ROLLBACK, 1,
            ReworkRule.AFTER_FAILURE, 1,
            ReworkRule.REVERT, 1,
            ReworkRule.HOTFIX_LABEL, 1),
        r.byRule());
    assertEquals(
        List.of(
            new ReworkedDeployment(
                "api",
                "production",
                "d3",
                EnumSet.of(ReworkRule.ROLLBACK, ReworkRule.AFTER_FAILURE)),
            new ReworkedDeployment("api", "production", "d4", Set.of(ReworkRule.REVERT)),
            new ReworkedDeployment("api", "production", "d5", Set.of(ReworkRule.HOTFIX_LABEL))),
        r.reworked());
  }

  @Test
  void rollback_redeployOfTheRunningSha_isNot() {
    List<Deployment> deployments =
        List.of(
            ok("d1", 10, "aaaaaa1"),
            ok("d2", 20, "aaaaaa1"), // same SHA again: a redeploy, not a rollback
            ok("d3", 30, "bbbbbb2"),
            ok("d4", 40, "aaaaaa1")); // back to an earlier SHA: rollback

    ReworkRateResult r = ReworkRate.compute(pairing(deployments), List.of(), WINDOW, OPTIONS);

    assertEquals(
        List.of(new ReworkedDeployment("api", "production", "d4", Set.of(ReworkRule.ROLLBACK))),
        r.reworked());
    assertEquals(0.25, r.rate());
  }

  @Test
  void afterFailure_windowIsInclusive_andConfigurable() {
    List<Deployment> deployments =
        List.of(
            deployment("production", "f", 0, DeploymentResult.FAILURE, null),
            ok("exactly", 60, "aaaaaa1"), // exactly one hour after the failure: rework
            ok("later", 121, "bbbbbb2")); // 121 minutes after it: planned

    ReworkRateResult byDefault =
        ReworkRate.compute(pairing(deployments), List.of(), WINDOW, OPTIONS);
    DoraOptions zero = OPTIONS.toBuilder().reworkAfterFailure(Duration.ZERO).build();
    ReworkRateResult none =
        ReworkRate.compute(DeploymentPairer.of(zero).pair(deployments), List.of(), WINDOW, zero);

    assertEquals(
        List.of(
            new ReworkedDeployment(
                "api", "production", "exactly", Set.of(ReworkRule.AFTER_FAILURE))),
        byDefault.reworked());
    assertEquals(0, none.rework());
  }

  @Test
  void hotfixLabels_areConfigurable() {
    List<Deployment> deployments = List.of(ok("d0", 0, "aaaaaa1"), ok("d1", 100, "bbbbbb2"));
    List<PullRequest> prs = List.of(merged(1, 50).labels(List.of("incident")).build());
    DoraOptions options = OPTIONS.toBuilder().hotfixLabels(List.of("Incident")).build();

    assertEquals(0, ReworkRate.compute(pairing(deployments), prs, WINDOW, OPTIONS).rework());
    assertEquals(
        Set.of(ReworkRule.HOTFIX_LABEL),
        ReworkRate.compute(DeploymentPairer.of(options).pair(deployments), prs, WINDOW, options)
            .reworked()
            .get(0)
            .rules());
    assertEquals(Set.of("incident"), options.hotfixLabels());
  }

  @Test
  void revertMergedBeforeFirstSeenDeployment_isNotLinked() {
    List<Deployment> deployments = List.of(ok("d1", 100, "aaaaaa1"));
    List<PullRequest> prs = List.of(merged(1, 50).revertOf(null).build());

    ReworkRateResult r = ReworkRate.compute(pairing(deployments), prs, WINDOW, OPTIONS);

    assertEquals(0, r.rework());
  }

  @Test
  void noDeployments_hasNoRate() {
    ReworkRateResult r = ReworkRate.compute(pairing(List.of()), List.of(), WINDOW, OPTIONS);

    assertEquals(0, r.deployments());
    assertNull(r.rate());
  }

  @Test
  void options_badReworkSettings_areRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DoraOptions.builder().reworkAfterFailure(Duration.ofMinutes(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> DoraOptions.builder().reworkAfterFailure(Duration.ofDays(3651)));
    assertThrows(
        IllegalArgumentException.class, () -> DoraOptions.builder().hotfixLabels(List.of(" ")));
  }

  @Test
  void result_inconsistentCounts_areRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReworkRateResult(2, 1, 0.25, Map.of(), List.of()));
  }
}
