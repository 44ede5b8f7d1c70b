package dev.pulse.status;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One scope's row of a {@link PipelineStatus}. Field names are the JSON names (see {@link
 * StatusJson}).
 *
 * @param scope the scope key, e.g. {@code jira:project:BG}
 * @param tenant the tenant
 * @param health the scope's health
 * @param healthReason why it has that health, one short sentence
 * @param watermarkPosition the stored position, rendered, or null when nothing is stored
 * @param watermarkUpdatedAt when the watermark last moved, or null
 * @param watermarkAgeSeconds seconds since it moved, or null
 * @param itemsStored items stored under the watermark
 * @param lagItems items left to read in the run in progress, where the source could count them, or
 *     null
 * @param progressStatus the progress tracker's status (RUNNING, DONE...), or null without a tracker
 * @param itemsPerSecond the current rate, or null
 * @param etaSeconds seconds to completion, or null when unknown
 * @param stalled whether the run in progress is stalled
 * @param lastSuccessAt when the scope last caught up, or null
 * @param lastError the last failure as {@code {code, message}}, or null
 * @param deadLetters dead letters kept for the scope
 * @param attempts attempts of the current or last run
 * @param consecutiveFailures failed runs in a row
 * @param retryAt when a pending retry starts, or null
 */
public record ScopeStatus(
    String scope,
    String tenant,
    HealthState health,
    String healthReason,
    @Nullable String watermarkPosition,
    @Nullable Instant watermarkUpdatedAt,
    @Nullable Long watermarkAgeSeconds,
    long itemsStored,
    @Nullable Long lagItems,
    @Nullable String progressStatus,
    @Nullable Double itemsPerSecond,
    @Nullable Long etaSeconds,
    boolean stalled,
    @Nullable Instant lastSuccessAt,
    @Nullable ErrorEnvelope lastError,
    long deadLetters,
    int attempts,
    int consecutiveFailures,
    @Nullable Instant retryAt) {
  /** Checks the required parts. */
  public ScopeStatus {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(healthReason, "healthReason");
  }
}
