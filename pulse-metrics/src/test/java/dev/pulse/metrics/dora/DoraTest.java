package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.T0;
import static dev.pulse.metrics.dora.Fixtures.at;
import static dev.pulse.metrics.dora.Fixtures.days;
import static dev.pulse.metrics.dora.Fixtures.fail;
import static dev.pulse.metrics.dora.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DoraTest {

  @Test
  void compute_overallIsWorstMetricLevel() {
    List<Deployment> deployments = new ArrayList<>();
    for (int day = 0; day < 28; day++) { // two successes a day: Elite frequency
      deployments.add(ok("a" + day, days(day) + 60));
      deployments.add(ok("b" + day, days(day) + 120));
    }
    for (int i = 0;
        i < 8;
        i++) { // eight failures restored in 30 min: Elite; CFR 8 / 64 = 12.5%: Medium (2023)
      deployments.add(fail("f" + i, days(i) + 30));
    }
    List<PullRequest> prs =
        List.of(
            PullRequest.builder()
                .repository("api")
                .number(1)
                .createdAt(at(0))
                .firstCommitAt(at(0))
                .firstReviewAt(at(10))
                // after the first deployment seen (f0, started at 29 min), so it is not excluded
                .mergedAt(at(35))
                .closedAt(at(35))
                .state(PullRequestState.MERGED)
                .baseBranch("main")
                .updatedAt(at(35))
                .build());
    Window window = new Window(T0, T0.plus(Duration.ofDays(28)));

    DoraReport r = Dora.compute(deployments, prs, window, DoraOptions.defaults());

    assertEquals(DoraLevel.ELITE, r.deploymentFrequency().level());
    assertEquals(DoraLevel.ELITE, r.leadTime().level()); // merged at 35 min, deployed at 60 min
    assertEquals(DoraLevel.MEDIUM, r.changeFailureRate().level());
    assertEquals(MttrStatus.SUFFICIENT, r.timeToRestore().status());
    assertEquals(
        Duration.ofMinutes(30), r.timeToRestore().median()); // each failure at :30 restored at :60
    assertEquals(DoraLevel.MEDIUM, r.overall());
  }

  @Test
  void report_overallNotWorst_isRejected() {
    DoraReport r =
        Dora.compute(
            List.of(), List.of(), new Window(T0, T0.plusSeconds(60)), DoraOptions.defaults());

    assertEquals(
        DoraLevel.LOW, r.overall()); // no deployments is Low frequency; other metrics have no level
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DoraReport(
                r.window(),
                r.benchmark(),
                r.deploymentFrequency(),
                r.leadTime(),
                r.changeFailureRate(),
                r.timeToRestore(),
                DoraLevel.ELITE));
  }

  @Test
  void calculators_pairingMadeWithOtherAliases_areRejectedNamingBoth() {
    DoraOptions none = DoraOptions.builder().environmentAliases(EnvironmentAliases.none()).build();
    Pairing pairing = DeploymentPairer.of(none).pair(List.of(fail("f", 0), ok("s", 30)));
    Window window = new Window(T0, T0.plus(Duration.ofDays(1)));
    DoraOptions defaults = DoraOptions.defaults();

    List<org.junit.jupiter.api.function.Executable> calls =
        List.of(
            () -> DeploymentFrequency.fromPairing(pairing, window, defaults),
            () -> ChangeFailureRate.fromPairing(pairing, window, defaults),
            () -> ChangeFailureRate.incidentLinked(pairing, List.of(), window, defaults),
            () -> TimeToRestore.fromPairing(pairing, window, defaults),
            () -> LeadTimeForChanges.compute(List.of(), pairing, window, defaults),
            () -> LeadTimeForChanges.perPullRequest(List.of(), pairing, window, defaults),
            () -> Dora.compute(pairing, List.of(), window, defaults));

    for (org.junit.jupiter.api.function.Executable call : calls) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertEquals(
          "pairing was made with environmentAliases EnvironmentAliases{} but the options have "
              + "environmentAliases EnvironmentAliases{prod=production}; pair with the same options",
          e.getMessage());
    }
  }

  @Test
  void calculators_pairingMadeWithOtherOpenIncidentWindow_areRejectedNamingBoth() {
    DoraOptions day = DoraOptions.builder().openIncidentWindow(Duration.ofDays(1)).build();
    Pairing pairing = DeploymentPairer.of(day).pair(List.of(fail("f", 0), ok("s", days(2))));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TimeToRestore.fromPairing(
                    pairing, new Window(T0, T0.plus(Duration.ofDays(3))), DoraOptions.defaults()));

    assertEquals(
        "pairing was made with openIncidentWindow PT24H but the options have openIncidentWindow PT168H; "
            + "pair with the same options",
        e.getMessage());
  }

  @Test
  void pairing_remembersItsOptions() {
    DoraOptions none = DoraOptions.builder().environmentAliases(EnvironmentAliases.none()).build();

    Pairing pairing = DeploymentPairer.of(none).pair(List.of(ok("s", 0)));

    assertEquals(EnvironmentAliases.none(), pairing.environmentAliases());
    assertEquals(DoraOptions.DEFAULT_OPEN_INCIDENT_WINDOW, pairing.openIncidentWindow());
    assertEquals(
        1,
        DeploymentFrequency.fromPairing(pairing, new Window(T0, T0.plusSeconds(60)), none)
            .deployments());
  }
}
