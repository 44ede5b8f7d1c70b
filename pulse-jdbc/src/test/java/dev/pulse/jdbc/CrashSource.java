package dev.pulse.jdbc;

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
 * The deterministic source the crash and multi-process tests ingest: the same deployments, in the
 * same scopes, in every JVM that builds it, so a parent can tell exactly what its children should
 * have stored.
 */
final class CrashSource {
  static final String TENANT = "acme";
  static final int SCOPES = 4;
  static final int PER_SCOPE = 2_500;
  static final int PAGE_SIZE = 20;
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private CrashSource() {}

  static ScopeKey scope(int s) {
    return ScopeKey.of("jenkins", "job", "app-" + s);
  }

  static Deployment deployment(int s, int i) {
    return deployment(s, i, T0.plusSeconds(60L * i + 30));
  }

  static Deployment deployment(int s, int i, Instant updatedAt) {
    Instant started = T0.plusSeconds(60L * i);
    return Deployment.builder()
        .repository("acme/app-" + s)
        .environment("production")
        .buildId(s + "-" + i)
        .startedAt(started)
        .finishedAt(started.plusSeconds(30))
        .result(i % 7 == 0 ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS)
        .commitSha(String.format("%07x", 0xabc0000 + i))
        .ref("main")
        .system(DeploymentSystem.GITHUB_ACTIONS)
        .updatedAt(updatedAt)
        .build();
  }

  static Position position(Deployment deployment) {
    return Position.at(deployment.updatedAt(), deployment.buildId());
  }

  static List<Deployment> items(int s) {
    List<Deployment> items = new ArrayList<>(PER_SCOPE);
    for (int i = 0; i < PER_SCOPE; i++) {
      items.add(deployment(s, i));
    }
    return items;
  }

  static InMemoryConnector<Deployment> connector() {
    InMemoryConnector.Builder<Deployment> builder =
        InMemoryConnector.builder("jenkins", EntityType.DEPLOYMENTS, CrashSource::position);
    for (int s = 0; s < SCOPES; s++) {
      builder.scope(scope(s), items(s));
    }
    return builder.build();
  }
}
