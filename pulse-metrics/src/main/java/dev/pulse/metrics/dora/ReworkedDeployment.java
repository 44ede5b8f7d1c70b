package dev.pulse.metrics.dora;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A production deployment counted as rework, with every rule that matched it.
 *
 * @param repository the repository
 * @param environment the normalized environment
 * @param buildId the deployment's build id
 * @param rules the rules that matched, not empty (unmodifiable copy)
 */
public record ReworkedDeployment(
    String repository, String environment, String buildId, Set<ReworkRule> rules) {

  /**
   * Validates and copies the record.
   *
   * @throws IllegalArgumentException if no rule matched
   */
  public ReworkedDeployment {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(buildId, "buildId");
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(
          "deployment " + repository + "/" + buildId + " is rework by no rule");
    }
    rules = Collections.unmodifiableSet(EnumSet.copyOf(rules));
  }
}
