package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.days;
import static dev.pulse.metrics.dora.Fixtures.deploy;
import static dev.pulse.metrics.dora.Fixtures.fail;
import static dev.pulse.metrics.dora.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class DeploymentPairerTest {

  private static final DeploymentPairer PAIRER = DeploymentPairer.of(DoraOptions.defaults());

  private static List<PairedFailure> pair(Deployment... deployments) {
    return PAIRER.pair(List.of(deployments)).failures();
  }

  @Test
  void pair_failureSuccessFailure_secondFailureAnchorsItsOwnIncident() {
    Deployment f1 = fail("f1", 0);
    Deployment s1 = ok("s1", 30);
    Deployment f2 = fail("f2", 60);

    List<PairedFailure> out = pair(f1, s1, f2);

    assertEquals(
        List.of(
            new PairedFailure(
                f1, "production", IncidentStatus.RESOLVED, null, s1, Duration.ofMinutes(30)),
            new PairedFailure(f2, "production", IncidentStatus.OPEN, null, null, null)),
        out);
  }

  @Test
  void pair_threeFailuresThenSuccess_oneIncidentTwoSuperseded() {
    Deployment f1 = fail("f1", 0);
    Deployment f2 = fail("f2", 10);
    Deployment f3 = fail("f3", 20);
    Deployment s = ok("s", 90);

    Pairing pairing = PAIRER.pair(List.of(f1, f2, f3, s));

    assertEquals(
        List.of(
            new PairedFailure(
                f1, "production", IncidentStatus.RESOLVED, null, s, Duration.ofMinutes(90)),
            new PairedFailure(f2, "production", IncidentStatus.SUPERSEDED, f1, null, null),
            new PairedFailure(f3, "production", IncidentStatus.SUPERSEDED, f1, null, null)),
        pairing.failures());
    assertEquals(1, pairing.resolvedCount());
    assertEquals(2, pairing.supersededCount());
    assertEquals(0, pairing.openCount());
  }

  @Test
  void pair_failureWithoutLaterSuccess_isOpen() {
    Deployment s0 = ok("s0", 0);
    Deployment f = fail("f", 10);

    assertEquals(
        List.of(new PairedFailure(f, "production", IncidentStatus.OPEN, null, null, null)),
        pair(s0, f));
  }

  @Test
  void pair_successAfterWindow_leavesAnchorOpenButClosesChain() {
    Deployment f1 = fail("f1", 0);
    Deployment lateSuccess = ok("s", days(7) + 1);
    Deployment f2 = fail("f2", days(8));
    Deployment s2 = ok("s2", days(8) + 45);

    assertEquals(
        List.of(
            new PairedFailure(f1, "production", IncidentStatus.OPEN, null, null, null),
            new PairedFailure(
                f2, "production", IncidentStatus.RESOLVED, null, s2, Duration.ofMinutes(45))),
        pair(f1, lateSuccess, f2, s2));
  }

  @Test
  void pair_successExactlyAtWindow_resolves() {
    Deployment f = fail("f", 0);
    Deployment s = ok("s", days(7));

    assertEquals(IncidentStatus.RESOLVED, pair(f, s).get(0).status());
  }

  @Test
  void pair_supersededFailureOfOpenAnchor_pointsToAnchor() {
    Deployment f1 = fail("f1", 0);
    Deployment f2 = fail("f2", days(6));
    Deployment s = ok("s", days(8));

    List<PairedFailure> out = pair(f1, f2, s);

    assertEquals(IncidentStatus.OPEN, out.get(0).status());
    assertEquals(IncidentStatus.SUPERSEDED, out.get(1).status());
    assertSame(f1, out.get(1).anchor());
  }

  @Test
  void pair_twoEnvironmentsInterleaved_pairsEachEnvironmentSeparately() {
    Deployment pf = deploy("api", "production", "p1", 0, DeploymentResult.FAILURE);
    Deployment sf = deploy("api", "staging", "s1", 5, DeploymentResult.FAILURE);
    Deployment ss = deploy("api", "staging", "s2", 10, DeploymentResult.SUCCESS);
    Deployment pf2 = deploy("api", "production", "p2", 15, DeploymentResult.FAILURE);
    Deployment ps = deploy("api", "production", "p3", 20, DeploymentResult.SUCCESS);

    List<PairedFailure> out = pair(pf, sf, ss, pf2, ps);

    // production: p1 anchors, p2 is superseded (the staging success does not close it), p3 restores
    // after 20 min
    assertEquals(
        List.of(
            new PairedFailure(
                pf, "production", IncidentStatus.RESOLVED, null, ps, Duration.ofMinutes(20)),
            new PairedFailure(pf2, "production", IncidentStatus.SUPERSEDED, pf, null, null),
            new PairedFailure(
                sf, "staging", IncidentStatus.RESOLVED, null, ss, Duration.ofMinutes(5))),
        out);
  }

  @Test
  void pair_prodAlias_isPairedWithProduction() {
    Deployment f = deploy("api", " PROD ", "f", 0, DeploymentResult.FAILURE);
    Deployment s = deploy("api", "Production", "s", 12, DeploymentResult.SUCCESS);

    assertEquals(
        List.of(
            new PairedFailure(
                f, "production", IncidentStatus.RESOLVED, null, s, Duration.ofMinutes(12))),
        pair(f, s));
  }

  @Test
  void pair_withoutAliases_keepsProdAndProductionApart() {
    DeploymentPairer pairer =
        DeploymentPairer.of(
            DoraOptions.builder().environmentAliases(EnvironmentAliases.none()).build());
    Deployment f = deploy("api", "prod", "f", 0, DeploymentResult.FAILURE);
    Deployment s = deploy("api", "production", "s", 12, DeploymentResult.SUCCESS);

    assertEquals(
        List.of(new PairedFailure(f, "prod", IncidentStatus.OPEN, null, null, null)),
        pairer.pair(List.of(s, f)).failures());
  }

  @Test
  void pair_repositoriesAreSeparate() {
    Deployment f = deploy("api", "production", "f", 0, DeploymentResult.FAILURE);
    Deployment other = deploy("web", "production", "s", 5, DeploymentResult.SUCCESS);

    assertEquals(IncidentStatus.OPEN, pair(f, other).get(0).status());
  }

  @Test
  void pair_successAtSameInstantAsFailure_restoresItWithZeroRecovery() {
    // tie rule: at equal effective times a failure sorts before a success
    Deployment s = ok("a-success", 0);
    Deployment f = fail("z-failure", 0);

    assertEquals(
        List.of(
            new PairedFailure(f, "production", IncidentStatus.RESOLVED, null, s, Duration.ZERO)),
        pair(s, f));
  }

  @Test
  void pair_failuresAtSameInstant_anchorIsSmallestBuildId() {
    Deployment b = fail("b", 0);
    Deployment a = fail("a", 0);
    Deployment s = ok("s", 10);

    List<PairedFailure> out = pair(b, s, a);

    assertEquals(
        List.of(
            new PairedFailure(
                a, "production", IncidentStatus.RESOLVED, null, s, Duration.ofMinutes(10)),
            new PairedFailure(b, "production", IncidentStatus.SUPERSEDED, a, null, null)),
        out);
  }

  @Test
  void pair_abortedAndUnknown_neitherFailNorRestore() {
    Deployment f = fail("f", 0);
    Deployment aborted = deploy("api", "production", "x", 5, DeploymentResult.ABORTED);
    Deployment running =
        Fixtures.deployment(
            "api", "production", "r", Fixtures.at(6), null, DeploymentResult.UNKNOWN);
    Deployment s = ok("s", 30);

    assertEquals(
        List.of(
            new PairedFailure(
                f, "production", IncidentStatus.RESOLVED, null, s, Duration.ofMinutes(30))),
        pair(f, aborted, running, s));
  }

  @Test
  void pair_unfinishedDeployment_usesStartTime() {
    Deployment f = fail("f", 0);
    Deployment s =
        Fixtures.deployment(
            "api", "production", "s", Fixtures.at(7), null, DeploymentResult.SUCCESS);

    assertEquals(Duration.ofMinutes(7), pair(f, s).get(0).recoveryTime());
  }

  @Test
  void pair_empty_hasNoFailures() {
    Pairing pairing = PAIRER.pair(List.of());

    assertEquals(List.of(), pairing.failures());
    assertEquals(0, pairing.deploymentCount());
  }

  @Test
  void pairSorted_unsortedInput_isRejectedNamingTheDeployment() {
    List<Deployment> unsorted = List.of(ok("s", 10), fail("f", 0));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PAIRER.pairSorted(unsorted));
    assertEquals(
        "deployments are not in pairing order at index 1: api/f sorts before the one preceding it",
        e.getMessage());
  }

  @Test
  void pairSorted_sortedInput_equalsPair() {
    List<Deployment> all = randomDeployments(new Random(7), 500);
    List<Deployment> sorted = new ArrayList<>(all);
    sorted.sort(DeploymentPairer.pairingOrder(EnvironmentAliases.defaults()));

    assertEquals(PAIRER.pair(all).failures(), PAIRER.pairSorted(sorted).failures());
  }

  @Test
  void pair_anyInputOrder_givesTheSameResult() {
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      List<Deployment> all = randomDeployments(random, 1 + random.nextInt(300));
      List<PairedFailure> expected = PAIRER.pair(all).failures();
      List<Deployment> shuffled = new ArrayList<>(all);
      Collections.shuffle(shuffled, random);

      assertEquals(expected, PAIRER.pair(shuffled).failures(), "round " + round);
    }
  }

  @Test
  void pair_randomSequences_matchReferenceImplementation() {
    Random random = new Random(20260302L);
    for (int round = 0; round < 300; round++) {
      List<Deployment> all = randomDeployments(random, random.nextInt(200));

      assertEquals(
          ReferencePairer.pair(all, DoraOptions.defaults()),
          PAIRER.pair(all).failures(),
          "round " + round);
    }
  }

  @Test
  void pair_timesCenturiesApartInOneGroup_matchesReferenceImplementation() {
    // a span too wide to pack into one primitive key falls back to a comparison sort
    Random random = new Random(5);
    List<Deployment> all = new ArrayList<>();
    java.time.Instant base = java.time.Instant.parse("1700-01-01T00:00:00Z");
    for (int i = 0; i < 200; i++) {
      java.time.Instant t = base.plus(Duration.ofDays(random.nextInt(365 * 500)));
      DeploymentResult result =
          random.nextBoolean() ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS;
      all.add(
          Fixtures.deployment(
              "api",
              "production",
              "b" + i,
              t,
              random.nextInt(10) == 0 ? t : t.plusSeconds(1),
              result));
    }
    Collections.shuffle(all, random);

    assertEquals(ReferencePairer.pair(all, DoraOptions.defaults()), PAIRER.pair(all).failures());
  }

  @Test
  void pair_longRunOfEqualTimes_sortsInPairingOrder() {
    // 60,000 deployments at one instant exercise the merge sort of long equal-time runs. Its speed
    // is JMH's to
    // show (MttrPairingBenchmark); here only the order is asserted.
    Random random = new Random(11);
    List<Deployment> all = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      all.add(
          deploy(
              "api",
              "production",
              "b" + i,
              0,
              random.nextBoolean() ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS));
    }
    all.add(ok("later", 10)); // a second time, so the packed-key path is taken
    Collections.shuffle(all, random);

    Pairing pairing = PAIRER.pair(all);

    List<Deployment> expected = new ArrayList<>(all);
    expected.sort(DeploymentPairer.pairingOrder(EnvironmentAliases.defaults()));
    assertEquals(expected, List.of(pairing.deployments));
  }

  @Test
  void pairingOrder_sortsByRepositoryEnvironmentTimeKindBuild() {
    Deployment a = deploy("a", "production", "2", 5, DeploymentResult.SUCCESS);
    Deployment b = deploy("a", "production", "3", 5, DeploymentResult.FAILURE);
    Deployment c = deploy("a", "prod", "1", 9, DeploymentResult.FAILURE);
    Deployment d = deploy("a", "staging", "0", 0, DeploymentResult.FAILURE);
    Deployment e = deploy("b", "production", "0", 0, DeploymentResult.FAILURE);
    List<Deployment> list = new ArrayList<>(List.of(e, d, c, b, a));

    list.sort(DeploymentPairer.pairingOrder(EnvironmentAliases.defaults()));

    assertEquals(List.of(b, a, c, d, e), list);
  }

  @Test
  void failures_resultRecordsMatchCounts() {
    Pairing pairing = PAIRER.pair(randomDeployments(new Random(3), 1000));
    Map<IncidentStatus, Long> counts = new java.util.EnumMap<>(IncidentStatus.class);
    pairing.failures().forEach(f -> counts.merge(f.status(), 1L, Long::sum));

    assertEquals(
        pairing.resolvedCount(), counts.getOrDefault(IncidentStatus.RESOLVED, 0L).intValue());
    assertEquals(pairing.openCount(), counts.getOrDefault(IncidentStatus.OPEN, 0L).intValue());
    assertEquals(
        pairing.supersededCount(), counts.getOrDefault(IncidentStatus.SUPERSEDED, 0L).intValue());
  }

  @Test
  void pairedFailure_linksAgainstStatus_areRejected() {
    Deployment f = fail("f", 0);

    assertThrows(
        IllegalArgumentException.class,
        () -> new PairedFailure(f, "production", IncidentStatus.RESOLVED, null, null, null));
    assertNull(new PairedFailure(f, "production", IncidentStatus.OPEN, null, null, null).anchor());
  }

  /**
   * Random deployments over 3 repositories x {production, prod, staging}, minutes apart, many equal
   * times.
   */
  static List<Deployment> randomDeployments(Random random, int n) {
    String[] repos = {"api", "web", "worker"};
    String[] envs = {"production", "prod", "staging"};
    DeploymentResult[] results = {
      DeploymentResult.FAILURE,
      DeploymentResult.FAILURE,
      DeploymentResult.SUCCESS,
      DeploymentResult.SUCCESS,
      DeploymentResult.SUCCESS,
      DeploymentResult.ABORTED
    };
    List<Deployment> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long minutes = random.nextInt(4) == 0 ? random.nextInt(20) : random.nextInt((int) days(30));
      out.add(
          deploy(
              repos[random.nextInt(repos.length)],
              envs[random.nextInt(envs.length)],
              "b" + i,
              minutes,
              results[random.nextInt(results.length)]));
    }
    return out;
  }
}
