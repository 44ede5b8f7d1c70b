package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.time.Duration;
import java.time.Instant;

/** Test data builders: times are minutes after {@link #T0}. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private Fixtures() {}

  static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static Deployment deploy(
      String repo, String env, String build, long minutes, DeploymentResult result) {
    Instant finished = at(minutes);
    return new Deployment(repo, env, build, finished.minusSeconds(60), finished, result);
  }

  static Deployment fail(String build, long minutes) {
    return deploy("api", "production", build, minutes, DeploymentResult.FAILURE);
  }

  static Deployment ok(String build, long minutes) {
    return deploy("api", "production", build, minutes, DeploymentResult.SUCCESS);
  }

  static long days(long d) {
    return Duration.ofDays(d).toMinutes();
  }
}
