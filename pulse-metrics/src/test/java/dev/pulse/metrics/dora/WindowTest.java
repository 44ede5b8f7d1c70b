package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.T0;
import static dev.pulse.metrics.dora.Fixtures.at;
import static dev.pulse.metrics.dora.Fixtures.fail;
import static dev.pulse.metrics.dora.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class WindowTest {

  private static final DoraOptions OPTIONS = DoraOptions.defaults();

  /** The last supported instant: Long.MAX_VALUE nanoseconds after the epoch. */
  private static final Instant LAST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private static final List<Deployment> DEPLOYMENTS =
      List.of(
          fail("f", 0),
          ok("s", 30),
          fail("g", 60),
          ok("t", 100),
          Fixtures.deployment("api", "production", "last", LAST, LAST, DeploymentResult.SUCCESS));

  @Test
  void calculators_windowToInstantMax_clampBoundsAndCountEverythingFromStart() {
    Window window = new Window(Instant.EPOCH, Instant.MAX);
    Pairing pairing = DeploymentPairer.of(OPTIONS).pair(DEPLOYMENTS);
    List<PullRequest> prs =
        List.of(
            PullRequest.builder()
                .repository("api")
                .number(1)
                .createdAt(at(0))
                .firstCommitAt(at(0))
                .firstReviewAt(at(5))
                .mergedAt(at(10))
                .closedAt(at(10))
                .state(PullRequestState.MERGED)
                .baseBranch("main")
                .updatedAt(at(10))
                .build());

    DeploymentFrequencyResult df = DeploymentFrequency.fromPairing(pairing, window, OPTIONS);
    ChangeFailureRateResult cfr = ChangeFailureRate.fromPairing(pairing, window, OPTIONS);
    MttrResult mttr = TimeToRestore.fromPairing(pairing, window, OPTIONS);
    LeadTimeResult lt = LeadTimeForChanges.compute(prs, pairing, window, OPTIONS);
    DoraReport report = Dora.compute(pairing, prs, window, OPTIONS);

    assertEquals(3, df.deployments()); // s, t and the one at the last supported nanosecond
    assertEquals(2, df.deployDays());
    assertEquals(5, cfr.total());
    assertEquals(2, mttr.resolved());
    assertEquals(1, lt.pullRequests());
    assertEquals(
        Duration.ofMinutes(30), lt.total().median()); // first commit 0, deployed with s at 30
    assertEquals(df, report.deploymentFrequency());
  }

  @Test
  void calculators_windowFromInstantMin_clampsStart() {
    Window window = new Window(Instant.MIN, T0.plus(Duration.ofMinutes(60)));
    Pairing pairing = DeploymentPairer.of(OPTIONS).pair(DEPLOYMENTS);

    assertEquals(1, DeploymentFrequency.fromPairing(pairing, window, OPTIONS).deployments());
    assertEquals(
        2,
        ChangeFailureRate.fromPairing(pairing, window, OPTIONS)
            .total()); // f and s; g is at the end
    assertEquals(1, TimeToRestore.fromPairing(pairing, window, OPTIONS).resolved());
  }

  @Test
  void calculators_windowWhollyOutsideSupportedRange_countsNothing() {
    Window after = new Window(LAST.plusNanos(1), Instant.MAX);
    Window before = new Window(Instant.MIN, Instant.ofEpochSecond(0, Long.MIN_VALUE));
    Pairing pairing = DeploymentPairer.of(OPTIONS).pair(DEPLOYMENTS);

    for (Window window : List.of(after, before)) {
      DeploymentFrequencyResult df = DeploymentFrequency.fromPairing(pairing, window, OPTIONS);
      assertEquals(0, df.deployments());
      assertEquals(0.0, df.deployDaysPerWeek());
      assertEquals(0, ChangeFailureRate.fromPairing(pairing, window, OPTIONS).total());
      assertEquals(0, TimeToRestore.fromPairing(pairing, window, OPTIONS).resolved());
    }
  }

  @Test
  void window_endNotAfterStart_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Window(T0, T0));
  }
}
