package dev.pulse.cluster;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic in-memory source of the cluster tests: scopes {@code ci:repo:r000}, {@code
 * ci:repo:r001}, ..., each with deployments {@code <repo>-b<n>} one second apart. Every worker gets
 * its own connector over the same data, as every replica of a service would.
 */
final class FakeSource {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private FakeSource() {}

  static ScopeKey scope(int i) {
    return ScopeKey.of("ci", "repo", String.format("r%03d", i));
  }

  static Deployment deployment(ScopeKey scope, int n) {
    Instant at = T0.plusSeconds(n);
    return Deployment.builder()
        .repository(scope.value())
        .environment("production")
        .buildId(scope.value() + "-b" + n)
        .startedAt(at)
        .finishedAt(at.plusSeconds(1))
        .result(DeploymentResult.SUCCESS)
        .system(DeploymentSystem.JENKINS)
        .updatedAt(at)
        .build();
  }

  static List<Deployment> deployments(ScopeKey scope, int from, int to) {
    List<Deployment> items = new ArrayList<>();
    for (int n = from; n < to; n++) {
      items.add(deployment(scope, n));
    }
    return items;
  }

  static Position position(Deployment deployment) {
    return Position.at(deployment.updatedAt(), deployment.buildId());
  }

  /** A connector over {@code scopes} scopes with {@code perScope} deployments each. */
  static InMemoryConnector<Deployment> connector(int scopes, int perScope) {
    InMemoryConnector.Builder<Deployment> builder =
        InMemoryConnector.builder("ci", EntityType.DEPLOYMENTS, FakeSource::position);
    for (int i = 0; i < scopes; i++) {
      builder.scope(scope(i), deployments(scope(i), 0, perScope));
    }
    return builder.build();
  }
}
