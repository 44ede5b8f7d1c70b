package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Pairing#restrictedTo(Set)} against pairing the same repositories' deployments alone, and
 * {@link Pairing#restrictedTo(java.util.function.Predicate)} keeping the pairs of all deployments.
 */
final class RestrictedPairingTest {
  private static final String[] REPOSITORIES = {"api", "web", "db", "ops"};
  private static final String[] ENVIRONMENTS = {"production", "prod", "staging"};
  private static final DeploymentResult[] RESULTS = DeploymentResult.values();

  @Test
  void restrictedTo_equalsPairingTheRepositoriesAlone() {
    Random random = new Random(21);
    DoraOptions options = DoraOptions.builder().minSample(1).build();
    Window window = new Window(at(0), at(60 * 24 * 20));
    for (int round = 0; round < 40; round++) {
      List<Deployment> all = new ArrayList<>();
      int n = random.nextInt(300);
      for (int i = 0; i < n; i++) {
        // few build ids, so some repeat (the latest record of a build wins) and times tie
        all.add(
            Fixtures.deploy(
                REPOSITORIES[random.nextInt(REPOSITORIES.length)],
                ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)],
                "b" + random.nextInt(n + 1),
                random.nextInt(60 * 24 * 20 / 7) * 7L,
                RESULTS[random.nextInt(RESULTS.length)]));
      }
      Pairing pairing = DeploymentPairer.of(options).pair(all);
      Set<String> kept = new HashSet<>();
      for (String repository : REPOSITORIES) {
        if (random.nextBoolean()) {
          kept.add(repository);
        }
      }
      List<Deployment> mine = all.stream().filter(d -> kept.contains(d.repository())).toList();
      Pairing alone = DeploymentPairer.of(options).pair(mine);
      Pairing restricted = pairing.restrictedTo(kept);

      String at = "round " + round + ", repositories " + kept;
      assertEquals(alone.toString(), restricted.toString(), at);
      assertEquals(alone.failures(), restricted.failures(), at);
      assertEquals(
          Dora.compute(alone, List.of(), null, window, options),
          Dora.compute(restricted, List.of(), null, window, options),
          at);
    }
  }

  private static Deployment changed(Deployment d, String component) {
    return d.toBuilder().components(List.of(component)).build();
  }

  private static boolean names(Deployment d, String component) {
    Set<String> components = d.components();
    return components != null && components.contains(component);
  }

  @Test
  void restrictedToSomeDeployments_keepsEachKeptFailuresPairAmongAll() {
    DoraOptions options = DoraOptions.builder().minSample(1).flakyThreshold(Duration.ZERO).build();
    Deployment f1 = changed(Fixtures.fail("f1", 10), "b");
    Deployment f2 = changed(Fixtures.fail("f2", 20), "a");
    Deployment s3 = changed(Fixtures.ok("s3", 30), "b");
    Deployment f4 = changed(Fixtures.fail("f4", 40), "a");
    Deployment s5 = changed(Fixtures.ok("s5", 100), "b");
    Deployment s6 = changed(Fixtures.ok("s6", 120), "a");
    Pairing all = DeploymentPairer.of(options).pair(List.of(f1, f2, s3, f4, s5, s6));

    Pairing a = all.restrictedTo(d -> names(d, "a"));

    List<PairedFailure> failures = a.failures();
    assertEquals(2, failures.size());
    assertEquals(f2, failures.get(0).failure());
    assertEquals(IncidentStatus.SUPERSEDED, failures.get(0).status(), "f1 (b) anchors it");
    assertEquals(f1, failures.get(0).anchor());
    assertEquals(f4, failures.get(1).failure());
    assertEquals(s5, failures.get(1).recoveredBy(), "the repository recovered at s5 (b)");
    assertEquals(Duration.ofMinutes(60), failures.get(1).recoveryTime());
    Window window = new Window(Fixtures.at(0), Fixtures.at(200));
    DoraFigures figures = Dora.compute(a, List.of(), null, window, options);
    assertEquals(1, figures.deploymentFrequency().deployments(), "s6 only: s5 is b's");
    assertEquals(2, figures.changeFailureRate().failed());
    assertEquals(3, figures.changeFailureRate().total(), "f2, f4, s6");
    assertEquals(1, figures.recoveryTime().resolved());
    assertEquals(1, figures.recoveryTime().superseded());
    assertEquals(Duration.ofMinutes(60), figures.recoveryTime().median());

    Pairing b = all.restrictedTo(d -> names(d, "b"));
    assertEquals(Duration.ofMinutes(20), b.failures().get(0).recoveryTime(), "f1 by s3");
    assertEquals(1, b.failures().size());
    Pairing same = all.restrictedTo(d -> true);
    assertEquals(all.toString(), same.toString());
    assertEquals(all.failures(), same.failures());
    assertEquals(0, all.restrictedTo(d -> false).deploymentCount());
  }
}
