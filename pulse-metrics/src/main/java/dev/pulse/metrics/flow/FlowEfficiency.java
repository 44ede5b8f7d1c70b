package dev.pulse.metrics.flow;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Flow efficiency: the share of their cycle time completed issues spent in an active status.
 *
 * @param issues issues measured
 * @param excludedShort completed issues left out because their cycle was under one hour
 * @param noStartExcluded completed issues left out because they were never active
 * @param minSample the fewest issues the efficiency needs
 * @param touch the time the measured issues spent active, each capped at its cycle
 * @param cycle the sum of their cycle times
 * @param efficiency {@code touch / cycle}, unrounded in {@code [0, 1]}, or null (insufficient data)
 *     when fewer than {@code minSample} issues were measured
 */
public record FlowEfficiency(
    int issues,
    int excludedShort,
    int noStartExcluded,
    int minSample,
    Duration touch,
    Duration cycle,
    @Nullable Double efficiency) {

  /**
   * Validates the figures.
   *
   * @throws IllegalArgumentException if a count is negative, touch exceeds cycle, or the efficiency
   *     is present against the sample guard
   */
  public FlowEfficiency {
    Objects.requireNonNull(touch, "touch");
    Objects.requireNonNull(cycle, "cycle");
    if (issues < 0 || excludedShort < 0 || noStartExcluded < 0 || minSample < 1) {
      throw new IllegalArgumentException("counts must be >= 0 and minSample >= 1");
    }
    if (touch.isNegative() || touch.compareTo(cycle) > 0) {
      throw new IllegalArgumentException(
          "touch must be in [0, cycle] but was " + touch + " of " + cycle);
    }
    if ((issues >= minSample) != (efficiency != null)) {
      throw new IllegalArgumentException(
          "efficiency must be present exactly when issues >= minSample");
    }
  }

  /**
   * Tells whether the sample guard was met.
   *
   * @return whether {@code efficiency} is present
   */
  public boolean sufficient() {
    return efficiency != null;
  }
}
