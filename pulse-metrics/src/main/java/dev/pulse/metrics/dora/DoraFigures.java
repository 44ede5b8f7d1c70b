package dev.pulse.metrics.dora;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The five DORA figures of DORA 2024 over one window: the four keys and the deployment rework rate.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deploymentFrequency deployment frequency, levelled by deployment days
 * @param leadTime lead time for changes, with the linkage of every pull request
 * @param changeFailureRate change failure rate
 * @param recoveryTime failed deployment recovery time from deployment pairing (time to restore)
 * @param reworkRate the deployment rework rate; it has no level (the reports publish none)
 * @param overall the worst level among the four keys that have one, or null when none has
 */
public record DoraFigures(
    DeploymentFrequencyResult deploymentFrequency,
    LeadTimeResult leadTime,
    ChangeFailureRateResult changeFailureRate,
    MttrResult recoveryTime,
    ReworkRateResult reworkRate,
    @Nullable DoraLevel overall) {

  /**
   * Validates that {@code overall} is the worst of the metric levels.
   *
   * @throws IllegalArgumentException otherwise
   */
  public DoraFigures {
    Objects.requireNonNull(deploymentFrequency, "deploymentFrequency");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(changeFailureRate, "changeFailureRate");
    Objects.requireNonNull(recoveryTime, "recoveryTime");
    Objects.requireNonNull(reworkRate, "reworkRate");
    DoraLevel worst =
        DoraLevel.worst(
                Optional.of(deploymentFrequency.level()),
                Optional.ofNullable(leadTime.level()),
                Optional.ofNullable(changeFailureRate.level()),
                Optional.ofNullable(recoveryTime.level()))
            .orElse(null);
    if (worst != overall) {
      throw new IllegalArgumentException(
          "overall must be the worst metric level " + worst + " but was " + overall);
    }
  }
}
