package dev.pulse.metrics.flow;

import java.time.Instant;
import java.util.Objects;

/**
 * One completed issue of the lead-time scatterplot.
 *
 * @param issueKey the issue's key
 * @param completedAt its final completion
 * @param leadTimeHours its lead time in fractional hours
 * @param outlier whether its lead time is strictly above the P95 of the plotted issues
 */
public record ScatterPoint(
    String issueKey, Instant completedAt, double leadTimeHours, boolean outlier) {
  /** Checks that every part is present. */
  public ScatterPoint {
    Objects.requireNonNull(issueKey, "issueKey");
    Objects.requireNonNull(completedAt, "completedAt");
  }
}
