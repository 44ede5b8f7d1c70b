package dev.pulse.metrics.dora;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record behind a DORA figure and the rule that classified it.
 *
 * <p>Rules by figure: deployment frequency {@code COUNTED} (a successful production deployment in
 * the window); change failure rate {@code FAILED} or {@code SUCCEEDED}; lead time the {@link
 * Linkage} name, with the deployment that shipped the pull request as {@code related}; recovery
 * time the {@link IncidentStatus} name, or {@code FLAKY} for a resolved failure left out by the
 * flaky threshold, with the restoring deployment (resolved, flaky) or the anchor (superseded) as
 * {@code related}; rework rate the matched {@link ReworkRule} names joined by {@code +}.
 *
 * @param metric the figure
 * @param kind {@code DEPLOYMENT} or {@code PULL_REQUEST}
 * @param repository the repository
 * @param environment the normalized environment of a deployment, or null for a pull request
 * @param id the deployment's build id or the pull request's number
 * @param at the time the figure's window is applied to (effective time, merge, or the anchor's time
 *     for a superseded failure)
 * @param rule the rule that classified the record
 * @param related the build id of the related deployment, or null
 */
public record DrillDownRecord(
    DoraMetric metric,
    String kind,
    String repository,
    @Nullable String environment,
    String id,
    Instant at,
    String rule,
    @Nullable String related) {

  /** Checks that every required part is present. */
  public DrillDownRecord {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(rule, "rule");
  }
}
