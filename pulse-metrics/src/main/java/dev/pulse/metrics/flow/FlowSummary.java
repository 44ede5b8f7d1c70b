package dev.pulse.metrics.flow;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The flow figures of one window ({@link FlowMetrics#summary}): cycle and lead time of the issues
 * completed in the window, weekly throughput in the caller's calendar, work in progress at the
 * window's end, flow efficiency and the lead-time scatterplot.
 *
 * <p>Immutable and thread-safe.
 *
 * @param issues the issues of the scope the figures were computed from
 * @param cycleTime cycle times of the issues completed in the window, with their items
 * @param leadTime lead times of the issues completed in the window, with their items
 * @param throughput issues completed per week of the caller's calendar, every week that overlaps
 *     the window, empty weeks included
 * @param wipAtEnd work in progress at the window's last instant
 * @param efficiency flow efficiency of the issues completed in the window
 * @param scatter the lead-time scatterplot of the issues completed in the window, outliers marked
 */
public record FlowSummary(
    int issues,
    FlowTimes cycleTime,
    FlowTimes leadTime,
    List<WeekCount> throughput,
    WipCount wipAtEnd,
    FlowEfficiency efficiency,
    List<ScatterPoint> scatter) {

  /** Validates and copies the figures. */
  public FlowSummary {
    Objects.requireNonNull(cycleTime, "cycleTime");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(wipAtEnd, "wipAtEnd");
    Objects.requireNonNull(efficiency, "efficiency");
    throughput = List.copyOf(throughput);
    // the lists a set of summaries makes are immutable and read lazily: kept as they are
    scatter = scatter instanceof CompletedItems.Points ? scatter : List.copyOf(scatter);
    if (issues < 0) {
      throw new IllegalArgumentException("issues must be >= 0 but was " + issues);
    }
  }

  /**
   * The issues completed in one week.
   *
   * @param weekStart the first day of the week, in the calendar's zone
   * @param completed issues whose final completion fell in the week (and in the window)
   */
  public record WeekCount(LocalDate weekStart, int completed) {
    /**
     * Validates the count.
     *
     * @throws IllegalArgumentException if {@code completed} is negative
     */
    public WeekCount {
      Objects.requireNonNull(weekStart, "weekStart");
      if (completed < 0) {
        throw new IllegalArgumentException("completed must be >= 0 but was " + completed);
      }
    }
  }
}
