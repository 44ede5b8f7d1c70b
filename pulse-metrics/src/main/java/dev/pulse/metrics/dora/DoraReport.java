package dev.pulse.metrics.dora;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The four DORA keys over one window, with levels from one benchmark table.
 *
 * @param window the window
 * @param benchmark the threshold table used
 * @param deploymentFrequency deployment frequency
 * @param leadTime lead time for changes
 * @param changeFailureRate change failure rate
 * @param timeToRestore time to restore from deployment pairing
 * @param overall the worst level among the metrics that have one, or null when none has
 */
public record DoraReport(
    Window window,
    DoraThresholds benchmark,
    DeploymentFrequencyResult deploymentFrequency,
    LeadTimeResult leadTime,
    ChangeFailureRateResult changeFailureRate,
    MttrResult timeToRestore,
    @Nullable DoraLevel overall) {

  /**
   * Validates that {@code overall} is the worst of the metric levels.
   *
   * @throws IllegalArgumentException otherwise
   */
  public DoraReport {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(deploymentFrequency, "deploymentFrequency");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(changeFailureRate, "changeFailureRate");
    Objects.requireNonNull(timeToRestore, "timeToRestore");
    DoraLevel worst = worst(deploymentFrequency, leadTime, changeFailureRate, timeToRestore);
    if (worst != overall) {
      throw new IllegalArgumentException(
          "overall must be the worst metric level " + worst + " but was " + overall);
    }
  }

  static @Nullable DoraLevel worst(
      DeploymentFrequencyResult df,
      LeadTimeResult lt,
      ChangeFailureRateResult cfr,
      MttrResult mttr) {
    return DoraLevel.worst(
            Optional.of(df.level()),
            Optional.ofNullable(lt.level()),
            Optional.ofNullable(cfr.level()),
            Optional.ofNullable(mttr.level()))
        .orElse(null);
  }
}
