package dev.pulse.metrics.flow;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one sprint from its scope counts, by the origin's rules ({@code sprint.py}):
 * completion rate, scope creep and carry-over, and the velocity trend over a series of sprints.
 *
 * <p>The counts come from the caller (the issues committed at the sprint's start, added and removed
 * during it, completed in it, carried over to the next), since the canonical records do not keep
 * when an issue joined a sprint. Rates are unrounded fractions (the origin rounded to 4 places and
 * gave scope creep in percent).
 *
 * @param committed issues in the sprint when it started
 * @param added issues added after the start
 * @param removed issues removed after the start
 * @param completed issues completed in the sprint
 * @param carried issues carried over unfinished to a later sprint
 * @param finalScope {@code max(committed + added - removed, 0)}
 * @param completionRate {@code min(completed / finalScope, 1)}, or null when the final scope is 0
 * @param scopeCreep {@code added / committed}, or null when nothing was committed
 * @param carryOverRate {@code carried / committed}, or null when nothing was committed
 */
public record SprintFigures(
    int committed,
    int added,
    int removed,
    int completed,
    int carried,
    int finalScope,
    @Nullable Double completionRate,
    @Nullable Double scopeCreep,
    @Nullable Double carryOverRate) {

  /** The number of most recent sprints the velocity trend looks at. */
  public static final int TREND_SPRINTS = 6;

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative or a derived figure disagrees
   */
  public SprintFigures {
    if (committed < 0 || added < 0 || removed < 0 || completed < 0 || carried < 0) {
      throw new IllegalArgumentException("sprint counts must be >= 0");
    }
    if (finalScope != Math.max(committed + added - removed, 0)) {
      throw new IllegalArgumentException("finalScope must be max(committed + added - removed, 0)");
    }
  }

  /**
   * Computes the figures of a sprint.
   *
   * @param committed issues in the sprint when it started, {@code >= 0}
   * @param added issues added after the start, {@code >= 0}
   * @param removed issues removed after the start, {@code >= 0}
   * @param completed issues completed in the sprint, {@code >= 0}
   * @param carried issues carried over unfinished, {@code >= 0}
   * @return the figures
   * @throws IllegalArgumentException if a count is negative
   */
  public static SprintFigures of(
      int committed, int added, int removed, int completed, int carried) {
    int finalScope = Math.max(committed + added - removed, 0);
    return new SprintFigures(
        committed,
        added,
        removed,
        completed,
        carried,
        finalScope,
        finalScope == 0 ? null : Math.min((double) completed / finalScope, 1.0),
        committed == 0 ? null : (double) added / committed,
        committed == 0 ? null : (double) carried / committed);
  }

  /**
   * Returns the velocity trend: the least-squares slope of the last {@link #TREND_SPRINTS}
   * velocities over their index, against a threshold of 5% of their absolute mean.
   *
   * @param velocities completed points (or issues) per sprint, oldest first
   * @return improving above the threshold, declining below its negative, stable otherwise or when
   *     the mean is 0; insufficient data with fewer than two sprints
   */
  public static VelocityTrend velocityTrend(List<Double> velocities) {
    Objects.requireNonNull(velocities, "velocities");
    List<Double> last =
        velocities.subList(Math.max(0, velocities.size() - TREND_SPRINTS), velocities.size());
    int n = last.size();
    if (n < 2) {
      return VelocityTrend.INSUFFICIENT_DATA;
    }
    double meanX = (n - 1) / 2.0;
    double meanY = 0;
    for (double v : last) {
      meanY += v;
    }
    meanY /= n;
    if (meanY == 0) {
      return VelocityTrend.STABLE;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - meanX) * (last.get(i) - meanY);
      sxx += (i - meanX) * (i - meanX);
    }
    double slope = sxy / sxx;
    double threshold = 0.05 * Math.abs(meanY);
    if (slope > threshold) {
      return VelocityTrend.IMPROVING;
    }
    return slope < -threshold ? VelocityTrend.DECLINING : VelocityTrend.STABLE;
  }
}
