package dev.pulse.metrics.dora;

import java.util.Objects;

/**
 * Deployment frequency over a window.
 *
 * @param deployments successful production deployments with effective time in the window
 * @param deployDays distinct calendar days (in {@link DoraOptions#zone()}) with at least one of
 *     them
 * @param deploymentsPerDay {@code deployments / (window length / 86,400 s)}, unrounded
 * @param deployDaysPerWeek {@code 7 * deployDays / D}, where {@code D} is the number of calendar
 *     dates (in {@link DoraOptions#zone()}) the window touches; unrounded, within {@code [0, 7]}
 * @param level the level of the deployment rate
 */
public record DeploymentFrequencyResult(
    long deployments,
    long deployDays,
    double deploymentsPerDay,
    double deployDaysPerWeek,
    DoraLevel level) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative or there are more deploy days than
   *     deployments
   */
  public DeploymentFrequencyResult {
    Objects.requireNonNull(level, "level");
    if (deployments < 0 || deployDays < 0 || deployDays > deployments) {
      throw new IllegalArgumentException(
          "inconsistent counts: deployments=" + deployments + " deployDays=" + deployDays);
    }
  }
}
