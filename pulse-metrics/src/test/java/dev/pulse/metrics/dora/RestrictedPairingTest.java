package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Pairing#restrictedTo} against pairing the same repositories' deployments alone. */
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
}
