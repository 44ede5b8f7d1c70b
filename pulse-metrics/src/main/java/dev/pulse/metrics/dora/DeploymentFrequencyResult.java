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
 * @param medianDeployDaysPerWeek the median number of deploy days per block of 7 dates from the
 *     window's first date (an incomplete last block left out, unless it is the only one)
 * @param medianDeployDaysPerMonth the median number of deploy days per block of 30 dates, same rule
 * @param level the level by deployment days: Elite at a median of {@link
 *     DoraThresholds#ELITE_DEPLOY_DAYS_PER_WEEK} or more deploy days per week, below that at least
 *     one deploy day per week, month or six months as the benchmark's table says
 * @param rateLevel the level of {@code deploymentsPerDay} alone, the rule before deployment days
 */
public record DeploymentFrequencyResult(
    long deployments,
    long deployDays,
    double deploymentsPerDay,
    double deployDaysPerWeek,
    double medianDeployDaysPerWeek,
    double medianDeployDaysPerMonth,
    DoraLevel level,
    DoraLevel rateLevel) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative, there are more deploy days than
   *     deployments, or a median is outside {@code [0, 7]} per week or {@code [0, 30]} per month
   */
  public DeploymentFrequencyResult {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(rateLevel, "rateLevel");
    if (!(medianDeployDaysPerWeek >= 0 && medianDeployDaysPerWeek <= 7)
        || !(medianDeployDaysPerMonth >= 0 && medianDeployDaysPerMonth <= 30)) {
      throw new IllegalArgumentException(
          "median deploy days out of range: perWeek="
              + medianDeployDaysPerWeek
              + " perMonth="
              + medianDeployDaysPerMonth);
    }
    if (deployments < 0 || deployDays < 0 || deployDays > deployments) {
      throw new IllegalArgumentException(
          "inconsistent counts: deployments=" + deployments + " deployDays=" + deployDays);
    }
  }
}
