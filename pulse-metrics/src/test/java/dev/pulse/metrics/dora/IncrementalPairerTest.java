package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.at;
import static dev.pulse.metrics.dora.Fixtures.days;
import static dev.pulse.metrics.dora.Fixtures.deploy;
import static dev.pulse.metrics.dora.Fixtures.fail;
import static dev.pulse.metrics.dora.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class IncrementalPairerTest {

  private static final DoraOptions OPTIONS = DoraOptions.defaults();
  private static final String[] REPOS = {"api", "web"};
  private static final String[] ENVS = {"production", "prod", "staging"};
  private static final DeploymentResult[] RESULTS = {
    DeploymentResult.FAILURE,
    DeploymentResult.FAILURE,
    DeploymentResult.SUCCESS,
    DeploymentResult.SUCCESS,
    DeploymentResult.ABORTED,
    DeploymentResult.UNKNOWN
  };

  @Test
  void rePair_lastNDaysAfterNewDeployments_equalsPairingEverything_onRandomSequences() {
    Random random = new Random(0xD0_4AL);
    int comparisons = 0;
    for (int sequence = 0; sequence < 400; sequence++) {
      IncrementalPairer incremental = IncrementalPairer.create(OPTIONS);
      List<Deployment> history =
          new ArrayList<>(); // everything added, in order, duplicates included
      int nextBuild = 0;
      long now = days(2);
      List<Deployment> initial = new ArrayList<>();
      for (int i = random.nextInt(40); i > 0; i--) {
        initial.add(randomDeployment(random, "b" + nextBuild++, random.nextInt((int) now)));
        if (random.nextInt(8) == 0) { // the same build twice in one batch: the later one wins
          Deployment first = initial.get(initial.size() - 1);
          initial.add(
              deploy(
                  first.repository(),
                  first.environment(),
                  first.buildId(),
                  random.nextInt((int) now),
                  RESULTS[random.nextInt(RESULTS.length)]));
        }
      }
      history.addAll(initial);
      incremental.add(initial);
      incremental.pairAll();
      assertEquals(full(history), incremental.failures(), "sequence " + sequence + " initial");

      for (int round = 0; round < 12; round++) {
        now += random.nextInt((int) days(3)) + 1;
        long lookback = days(1 + random.nextInt(10)); // "the last N days"
        long since = Math.max(0, now - lookback);
        List<Deployment> arriving = new ArrayList<>();
        for (int i = random.nextInt(15);
            i > 0;
            i--) { // new deployments, possibly late, inside the last N days
          arriving.add(
              randomDeployment(
                  random, "b" + nextBuild++, since + random.nextInt((int) (now - since))));
        }
        for (Deployment old :
            latest(history)) { // re-ingested versions of recent deployments, maybe twice
          for (int copies = 0;
              copies < 2 && !old.effectiveAt().isBefore(at(since)) && random.nextInt(6) == 0;
              copies++) {
            long minutes = since + random.nextInt((int) (now - since));
            arriving.add(
                deploy(
                    old.repository(),
                    old.environment(),
                    old.buildId(),
                    minutes,
                    RESULTS[random.nextInt(RESULTS.length)]));
          }
        }
        history.addAll(arriving);
        incremental.add(arriving);
        incremental.rePair(at(since));

        assertEquals(
            full(history), incremental.failures(), "sequence " + sequence + " round " + round);
        comparisons++;
      }
    }
    assertEquals(400 * 12, comparisons);
  }

  @Test
  void rePair_twice_isIdempotent() {
    IncrementalPairer incremental = IncrementalPairer.create(OPTIONS);
    incremental.add(List.of(fail("f1", 0), fail("f2", 5), ok("s", 30), fail("f3", 60)));
    List<PairedFailure> first = incremental.pairAll();

    incremental.rePair(at(40));
    List<PairedFailure> again = incremental.failures();

    assertEquals(first, again);
    assertEquals(3, again.size());
  }

  @Test
  void rePair_lateSuccess_resolvesOpenAnchorAndSplitsItsRun() {
    IncrementalPairer incremental = IncrementalPairer.create(OPTIONS);
    Deployment f1 = fail("f1", 0);
    Deployment f2 = fail("f2", 100);
    incremental.add(List.of(f1, f2));
    incremental.pairAll();
    Deployment late = ok("s", 50); // arrives after f2 was seen, but happened between f1 and f2

    incremental.add(List.of(late));
    List<PairedFailure> changed = incremental.rePair(at(50));

    List<PairedFailure> expected =
        List.of(
            new PairedFailure(
                f1, "production", IncidentStatus.RESOLVED, null, late, Duration.ofMinutes(50)),
            new PairedFailure(f2, "production", IncidentStatus.OPEN, null, null, null));
    assertEquals(expected, incremental.failures());
    assertEquals(
        expected, changed); // the chain open at 'since' started at f1, so f1 was re-paired too
  }

  @Test
  void rePair_sinceAfterEarliestPendingDeployment_isRejected() {
    IncrementalPairer incremental = IncrementalPairer.create(OPTIONS);
    incremental.add(List.of(fail("f", days(3))));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> incremental.rePair(at(days(4))));

    assertEquals(
        "since must be at or before 2026-03-05T00:00:00Z, the earliest deployment added since the last "
            + "pairing, but was 2026-03-06T00:00:00Z",
        e.getMessage());
  }

  @Test
  void failures_withPendingDeployments_isRejected() {
    IncrementalPairer incremental = IncrementalPairer.create(OPTIONS);
    incremental.add(List.of(fail("f", 0)));

    assertThrows(IllegalStateException.class, incremental::failures);
  }

  @Test
  void add_sameBuildAgain_replacesEarlierVersion() {
    IncrementalPairer incremental = IncrementalPairer.create(OPTIONS);
    Deployment f = fail("f", 0);
    Deployment running =
        Fixtures.deployment("api", "production", "s", at(20), null, DeploymentResult.UNKNOWN);
    incremental.add(List.of(f, running));
    incremental.pairAll();
    Deployment finished = ok("s", 25);

    incremental.add(List.of(finished));
    incremental.rePair(at(20));

    assertEquals(2, incremental.size());
    assertEquals(
        List.of(
            new PairedFailure(
                f, "production", IncidentStatus.RESOLVED, null, finished, Duration.ofMinutes(25))),
        incremental.failures());
    assertNull(incremental.earliestPending());
  }

  private static Deployment randomDeployment(Random random, String build, long minutes) {
    return deploy(
        REPOS[random.nextInt(REPOS.length)],
        ENVS[random.nextInt(ENVS.length)],
        build,
        random.nextInt(5) == 0 ? minutes + (60 - minutes % 60) % 60 : minutes,
        RESULTS[random.nextInt(RESULTS.length)]);
  }

  /** The latest version of each build, used only to pick builds to re-ingest. */
  private static List<Deployment> latest(List<Deployment> history) {
    Map<String, Deployment> current = new LinkedHashMap<>();
    history.forEach(d -> current.put(d.repository() + "/" + d.buildId(), d));
    return List.copyOf(current.values());
  }

  /** Pairs the whole history, duplicates included, with the batch pairer. */
  private static List<PairedFailure> full(List<Deployment> history) {
    return DeploymentPairer.of(OPTIONS).pair(history).failures();
  }

  @Test
  void pair_duplicateBuilds_keepsLastOccurrenceLikeIncremental() {
    Deployment f = fail("f", 0);
    Deployment running =
        Fixtures.deployment("api", "production", "s", at(20), null, DeploymentResult.UNKNOWN);
    Deployment finished = ok("s", 25);
    Deployment failedAgain = fail("f", 2);
    List<Deployment> history = List.of(f, running, failedAgain, finished);
    IncrementalPairer incremental = IncrementalPairer.create(OPTIONS);
    incremental.add(history);
    incremental.pairAll();

    Pairing batch = DeploymentPairer.of(OPTIONS).pair(history);

    List<PairedFailure> expected =
        List.of(
            new PairedFailure(
                failedAgain,
                "production",
                IncidentStatus.RESOLVED,
                null,
                finished,
                Duration.ofMinutes(23)));
    assertEquals(expected, batch.failures());
    assertEquals(expected, incremental.failures());
    assertEquals(2, batch.deploymentCount());
    assertEquals(
        1, DeploymentFrequency.compute(history, new Window(at(0), at(60)), OPTIONS).deployments());
  }

  @Test
  void rePair_sinceBeforeEverything_equalsPairAll() {
    IncrementalPairer incremental = IncrementalPairer.create(OPTIONS);
    incremental.add(DeploymentPairerTest.randomDeployments(new Random(11), 300));

    List<PairedFailure> all = incremental.rePair(Instant.EPOCH);

    assertEquals(incremental.failures(), all);
  }
}
