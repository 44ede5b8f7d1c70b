package dev.pulse.model;

import dev.pulse.model.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One deployment of a repository to an environment.
 *
 * <p>The environment is kept as the source names it ({@code prod}, {@code production}, ...); the
 * metrics normalize it with configurable aliases.
 *
 * @param repository the repository deployed, e.g. {@code api}
 * @param environment the target environment as named by the source
 * @param buildId the source's build or run id, unique within the repository
 * @param startedAt when the deployment started
 * @param finishedAt when it finished, or null while running
 * @param result the outcome
 */
public record Deployment(
    String repository,
    String environment,
    String buildId,
    Instant startedAt,
    @Nullable Instant finishedAt,
    DeploymentResult result) {

  /**
   * Validates the deployment.
   *
   * @throws IllegalArgumentException if a name is blank or it finished before it started
   */
  public Deployment {
    Checks.requireText(repository, "repository");
    Checks.requireText(environment, "environment");
    Checks.requireText(buildId, "buildId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(result, "result");
    if (finishedAt != null && finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "deployment "
              + repository
              + "/"
              + buildId
              + " finished at "
              + finishedAt
              + " before it started at "
              + startedAt);
    }
  }

  /**
   * Returns when the deployment took effect: its finish time, or its start time while unfinished.
   *
   * @return the effective time
   */
  public Instant effectiveAt() {
    return finishedAt != null ? finishedAt : startedAt;
  }
}
