package dev.pulse.metrics.flow;

import java.util.List;
import java.util.Objects;

/**
 * Weekly throughput of a scope over a range of consecutive ISO weeks.
 *
 * @param scope the issues aggregated
 * @param weeks every week of the range in order, weeks without completions included
 */
public record Throughput(FlowScope scope, List<WeeklyThroughput> weeks) {

  /** Validates the result and copies its list. */
  public Throughput {
    Objects.requireNonNull(scope, "scope");
    weeks = List.copyOf(weeks);
  }
}
