package dev.pulse.cluster;

import dev.pulse.ScopeId;
import java.util.List;
import java.util.Objects;

/**
 * What one discovery pass of a {@link PulseCluster} changed in the schedule.
 *
 * @param added scopes the connectors list that had no task yet, now scheduled to run at once
 * @param retired scopes with a task that their connector no longer lists, now unscheduled
 * @param kept scopes already scheduled and still listed
 * @param failedSources ids of the sources whose discovery failed; their scopes were left alone
 */
public record DiscoveryReport(
    List<ScopeId> added, List<ScopeId> retired, int kept, List<String> failedSources) {
  /** Copies the lists. */
  public DiscoveryReport {
    added = List.copyOf(Objects.requireNonNull(added, "added"));
    retired = List.copyOf(Objects.requireNonNull(retired, "retired"));
    failedSources = List.copyOf(Objects.requireNonNull(failedSources, "failedSources"));
    if (kept < 0) {
      throw new IllegalArgumentException("kept must be >= 0 but was " + kept);
    }
  }
}
