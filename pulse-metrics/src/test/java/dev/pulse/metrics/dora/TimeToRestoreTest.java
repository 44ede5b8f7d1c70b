package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.T0;
import static dev.pulse.metrics.dora.Fixtures.at;
import static dev.pulse.metrics.dora.Fixtures.days;
import static dev.pulse.metrics.dora.Fixtures.deploy;
import static dev.pulse.metrics.dora.Fixtures.fail;
import static dev.pulse.metrics.dora.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TimeToRestoreTest {

  private static final DoraOptions OPTIONS = DoraOptions.defaults();
  private static final Window WINDOW = new Window(T0, T0.plus(Duration.ofDays(30)));

  /** One resolved incident per recovery, each on its own day. */
  private static MttrResult fromRecoveries(long... recoveryMinutes) {
    List<Deployment> deployments = new ArrayList<>();
    for (int i = 0; i < recoveryMinutes.length; i++) {
      deployments.add(fail("f" + i, days(i)));
      deployments.add(ok("s" + i, days(i) + recoveryMinutes[i]));
    }
    return TimeToRestore.fromPairing(
        DeploymentPairer.of(OPTIONS).pair(deployments), WINDOW, OPTIONS);
  }

  @Test
  void fromPairing_fourIncidents_isInsufficientWithCounts() {
    MttrResult r = fromRecoveries(10, 20, 30, 40);

    assertEquals(
        new MttrResult(
            MttrSource.DEPLOYMENT_PAIRING,
            MttrStatus.INSUFFICIENT_DATA,
            4,
            0,
            0,
            0,
            4,
            5,
            null,
            null,
            null),
        r);
  }

  @Test
  void fromPairing_fiveIncidents_isSufficientWithMedianAndP90() {
    MttrResult r = fromRecoveries(10, 20, 30, 40, 100);

    // sorted 10 20 30 40 100: median = 30; P90: h = 4 * 0.9 = 3.6 -> 40 + 0.6 * 60 = 76 minutes
    assertEquals(
        new MttrResult(
            MttrSource.DEPLOYMENT_PAIRING,
            MttrStatus.SUFFICIENT,
            5,
            0,
            0,
            0,
            5,
            5,
            Duration.ofMinutes(30),
            Duration.ofMinutes(76),
            DoraLevel.ELITE),
        r);
  }

  @Test
  void fromPairing_recoveryExactlyFiveMinutes_isKept() {
    MttrResult r = fromRecoveries(5, 5, 5, 5, 5);

    assertEquals(MttrStatus.SUFFICIENT, r.status());
    assertEquals(0, r.flakyExcluded());
    assertEquals(Duration.ofMinutes(5), r.median());
  }

  @Test
  void fromPairing_recoveryJustUnderFiveMinutes_isExcludedAsFlaky() {
    List<Deployment> deployments = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      deployments.add(fail("f" + i, days(i)));
      Deployment s = ok("s" + i, days(i) + 5);
      deployments.add(s.toBuilder().finishedAt(s.effectiveAt().minusNanos(1)).build());
    }

    Pairing pairing = DeploymentPairer.of(OPTIONS).pair(deployments);
    MttrResult r = TimeToRestore.fromPairing(pairing, WINDOW, OPTIONS);

    assertEquals(r, FailedDeploymentRecoveryTime.fromPairing(pairing, WINDOW, OPTIONS));
    assertEquals(
        new MttrResult(
            MttrSource.DEPLOYMENT_PAIRING,
            MttrStatus.INSUFFICIENT_DATA,
            5,
            0,
            0,
            5,
            0,
            5,
            null,
            null,
            null),
        r);
  }

  @Test
  void fromPairing_countsOpenAndSupersededButOnlyProductionInWindow() {
    List<Deployment> deployments =
        List.of(
            fail("f1", 0),
            fail("f2", 1),
            fail("f3", 2),
            ok("s1", 60), // one resolved, two superseded
            fail(
                "f4",
                days(2)), // restored by s5 one day later: f5 (prod is an alias) is superseded by it
            deploy("api", "staging", "x1", 0, DeploymentResult.FAILURE), // other environment
            fail("old", -days(3)),
            ok("old-s", -days(3) + 30), // before the window
            deploy("api", "prod", "f5", days(3), DeploymentResult.FAILURE), // alias of production
            deploy("api", "production", "s5", days(3) + 10, DeploymentResult.SUCCESS),
            fail("f6", days(10))); // open

    MttrResult r =
        TimeToRestore.fromPairing(DeploymentPairer.of(OPTIONS).pair(deployments), WINDOW, OPTIONS);

    assertEquals(
        new MttrResult(
            MttrSource.DEPLOYMENT_PAIRING,
            MttrStatus.INSUFFICIENT_DATA,
            2,
            1,
            3,
            0,
            2,
            5,
            null,
            null,
            null),
        r);
  }

  @Test
  void fromPairing_customMinSampleAndFlakyThreshold_apply() {
    DoraOptions options = OPTIONS.toBuilder().minSample(1).flakyThreshold(Duration.ZERO).build();
    Pairing pairing = DeploymentPairer.of(options).pair(List.of(fail("f", 0), ok("s", 0)));

    MttrResult r = TimeToRestore.fromPairing(pairing, WINDOW, options);

    assertEquals(
        new MttrResult(
            MttrSource.DEPLOYMENT_PAIRING,
            MttrStatus.SUFFICIENT,
            1,
            0,
            0,
            0,
            1,
            1,
            Duration.ZERO,
            Duration.ZERO,
            DoraLevel.ELITE),
        r);
  }

  @Test
  void fromPairing_medianOfEvenSample_interpolates() {
    DoraOptions options = OPTIONS.toBuilder().benchmark(DoraThresholds.DORA_2024).build();
    List<Deployment> deployments = new ArrayList<>();
    long[] recoveries = {60, 120, 180, 240, 300, 1440};
    for (int i = 0; i < recoveries.length; i++) {
      deployments.add(fail("f" + i, days(i)));
      deployments.add(ok("s" + i, days(i) + recoveries[i]));
    }

    MttrResult r =
        TimeToRestore.fromPairing(DeploymentPairer.of(options).pair(deployments), WINDOW, options);

    // median of 60 120 180 240 300 1440 = (180 + 240) / 2 = 210 min; P90: h = 5 * 0.9 = 4.5 -> 300
    // + 0.5 * 1140
    assertEquals(Duration.ofMinutes(210), r.median());
    assertEquals(Duration.ofMinutes(870), r.p90());
    assertEquals(DoraLevel.HIGH, r.level());
  }

  @Test
  void fromIncidents_resolvedMinusCreated_withOpenCountedAndQuickIncidentKept() {
    List<Incident> incidents = new ArrayList<>();
    long[] minutes = {5, 30, 60, 90, 600};
    for (int i = 0; i < minutes.length; i++) {
      incidents.add(Fixtures.incident("i" + i, "api", at(days(i)), at(days(i) + minutes[i]), null));
    }
    incidents.add(Fixtures.incident("open", "api", at(days(6)), null, null));
    incidents.add(Fixtures.incident("flaky", "api", at(days(7)), at(days(7) + 4), null));
    incidents.add(Fixtures.incident("outside", "api", at(days(40)), at(days(40) + 1), null));

    MttrResult r = TimeToRestore.fromIncidents(incidents, WINDOW, OPTIONS);

    // the flaky filter is for deployment pairing only: the 4-minute incident is kept.
    // 4 5 30 60 90 600: median (30 + 60) / 2 = 45 min; P90: h = 4.5 -> 90 + 0.5 * 510 = 345 min
    MttrResult expected =
        new MttrResult(
            MttrSource.INCIDENTS,
            MttrStatus.SUFFICIENT,
            6,
            1,
            0,
            0,
            6,
            5,
            Duration.ofMinutes(45),
            Duration.ofMinutes(345),
            DoraLevel.ELITE);
    assertEquals(expected, r);
    assertEquals(expected, FailedDeploymentRecoveryTime.fromIncidents(incidents, WINDOW, OPTIONS));
  }

  @Test
  void fromIncidents_fourResolved_isInsufficient() {
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      incidents.add(Fixtures.incident("i" + i, "api", at(days(i)), at(days(i) + 30), null));
    }

    MttrResult r = TimeToRestore.fromIncidents(incidents, WINDOW, OPTIONS);

    assertEquals(MttrStatus.INSUFFICIENT_DATA, r.status());
    assertEquals(4, r.resolved());
  }

  @Test
  void mttrResult_statisticsAgainstStatus_areRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MttrResult(
                MttrSource.INCIDENTS,
                MttrStatus.SUFFICIENT,
                1,
                0,
                0,
                0,
                1,
                5,
                Duration.ZERO,
                Duration.ZERO,
                DoraLevel.ELITE));
  }

  @Test
  void fromPairing_supersededFailure_isCountedByItsAnchorsTime() {
    // F1 before the first window anchors; F2 inside it is superseded by F1; S restores both.
    // G1 inside the second window anchors; G2 after that window's end is superseded by G1.
    Pairing pairing =
        DeploymentPairer.of(OPTIONS)
            .pair(
                List.of(
                    fail("f1", days(1) - 60),
                    fail("f2", days(1) + 10),
                    ok("s", days(1) + 30),
                    fail("g1", days(3) - 10),
                    fail("g2", days(3) + 10)));

    MttrResult first =
        TimeToRestore.fromPairing(pairing, new Window(at(days(1)), at(days(2))), OPTIONS);
    MttrResult second =
        TimeToRestore.fromPairing(pairing, new Window(at(days(2)), at(days(3))), OPTIONS);

    assertEquals(
        List.of(0, 0, 0),
        List.of(first.resolved(), first.open(), first.superseded())); // f2 goes with f1
    assertEquals(
        List.of(0, 1, 1),
        List.of(second.resolved(), second.open(), second.superseded())); // g2 with g1
  }
}
