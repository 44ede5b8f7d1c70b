package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.model.Incident;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Test data builders: times are minutes after {@link #T0}. Records are made through their builders
 * only, so a new model field changes this class and no test.
 */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private Fixtures() {}

  static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  /** A Jenkins deployment with the values the DORA calculators read. */
  static Deployment deployment(
      String repo,
      String env,
      String build,
      Instant startedAt,
      @Nullable Instant finishedAt,
      DeploymentResult result) {
    return Deployment.builder()
        .repository(repo)
        .environment(env)
        .buildId(build)
        .startedAt(startedAt)
        .finishedAt(finishedAt)
        .result(result)
        .system(DeploymentSystem.JENKINS)
        .build();
  }

  static Deployment deploy(
      String repo, String env, String build, long minutes, DeploymentResult result) {
    Instant finished = at(minutes);
    return deployment(repo, env, build, finished.minusSeconds(60), finished, result);
  }

  static Deployment fail(String build, long minutes) {
    return deploy("api", "production", build, minutes, DeploymentResult.FAILURE);
  }

  static Deployment ok(String build, long minutes) {
    return deploy("api", "production", build, minutes, DeploymentResult.SUCCESS);
  }

  /** An incident with the values the DORA calculators read. */
  static Incident incident(
      String id,
      String service,
      Instant createdAt,
      @Nullable Instant resolvedAt,
      @Nullable String causedByDeployment) {
    return Incident.builder()
        .id(id)
        .service(service)
        .createdAt(createdAt)
        .resolvedAt(resolvedAt)
        .causedByDeployment(causedByDeployment)
        .build();
  }

  static long days(long d) {
    return Duration.ofDays(d).toMinutes();
  }
}
