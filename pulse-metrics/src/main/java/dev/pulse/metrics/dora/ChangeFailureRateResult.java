package dev.pulse.metrics.dora;

import org.jspecify.annotations.Nullable;

/**
 * Change failure rate over a window.
 *
 * @param failed the failed changes: failed production deployments, or with the incident-linked
 *     definition the production deployments that caused at least one incident
 * @param total production deployments in the window that succeeded or failed
 * @param rate {@code failed / total}, unrounded, or null when {@code total} is 0
 * @param level the level of the rate, or null when {@code total} is 0
 * @param incidentLinked whether the incident-linked definition was used
 */
public record ChangeFailureRateResult(
    long failed,
    long total,
    @Nullable Double rate,
    @Nullable DoraLevel level,
    boolean incidentLinked) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if {@code failed} is not in {@code [0, total]} or the rate
   *     contradicts them
   */
  public ChangeFailureRateResult {
    if (total < 0 || failed < 0 || failed > total) {
      throw new IllegalArgumentException(
          "failed must be in [0, total] but was " + failed + " of " + total);
    }
    if ((total == 0) != (rate == null) || (total == 0) != (level == null)) {
      throw new IllegalArgumentException("rate and level must be present exactly when total > 0");
    }
  }
}
