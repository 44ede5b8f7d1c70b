package dev.pulse.metrics.flow;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The number of issues finally completed in one ISO week (Monday 00:00 UTC inclusive to the next
 * Monday 00:00 UTC exclusive).
 *
 * @param weekStart the Monday that starts the week
 * @param isoWeekYear the ISO week-based year, e.g. 2026
 * @param isoWeek the ISO week number, 1 to 53
 * @param completed the issues whose final completion fell in the week
 * @param movingAverage4Weeks the mean of {@code completed} over this week and the three before it,
 *     or null for the first three weeks of the requested range; exact (a multiple of 0.25), not
 *     rounded
 */
public record WeeklyThroughput(
    LocalDate weekStart,
    int isoWeekYear,
    int isoWeek,
    int completed,
    @Nullable Double movingAverage4Weeks) {

  /**
   * Validates the week.
   *
   * @throws IllegalArgumentException if the week does not start on a Monday or a count is negative
   */
  public WeeklyThroughput {
    Objects.requireNonNull(weekStart, "weekStart");
    if (weekStart.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException(
          "weekStart must be a Monday but was "
              + weekStart
              + " ("
              + weekStart.getDayOfWeek()
              + ")");
    }
    FlowMetrics.requireNonNegative(completed, "completed");
    if (movingAverage4Weeks != null && !(movingAverage4Weeks >= 0)) {
      throw new IllegalArgumentException(
          "movingAverage4Weeks must be >= 0 but was " + movingAverage4Weeks);
    }
  }
}
