package dev.pulse.metrics.report;

import dev.pulse.metrics.flow.FlowTimes;
import dev.pulse.metrics.flow.WipCount;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The flow figures of a report: cycle and lead time of the issues completed in the window, weekly
 * throughput in the report's calendar, and work in progress at the window's end.
 *
 * <p>Immutable and thread-safe.
 *
 * @param issues the issues of the scope the figures were computed from
 * @param cycleTime cycle times of the issues completed in the window, with their items
 * @param leadTime lead times of the issues completed in the window, with their items
 * @param throughput issues completed per week of the report's calendar, every week that overlaps
 *     the window, empty weeks included
 * @param wipAtEnd work in progress at the window's last instant
 */
public record FlowFigures(
    int issues,
    FlowTimes cycleTime,
    FlowTimes leadTime,
    List<WeekCount> throughput,
    WipCount wipAtEnd) {

  /** Validates and copies the figures. */
  public FlowFigures {
    Objects.requireNonNull(cycleTime, "cycleTime");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(wipAtEnd, "wipAtEnd");
    throughput = List.copyOf(throughput);
    if (issues < 0) {
      throw new IllegalArgumentException("issues must be >= 0 but was " + issues);
    }
  }

  /**
   * The issues completed in one week.
   *
   * @param weekStart the first day of the week, in the report's zone
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
