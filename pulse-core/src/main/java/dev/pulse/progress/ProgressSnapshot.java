package dev.pulse.progress;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable picture of one scope's ingestion progress at one instant.
 *
 * <p>Rendered to JSON by {@link ProgressJson} with camelCase names equal to the component names.
 * Produced by {@link ProgressTracker} and stored through {@link dev.pulse.spi.ProgressStore}.
 *
 * @param tenant the tenant
 * @param scopeKey the scope
 * @param entityType the entity type
 * @param status the run's state
 * @param itemsDone items stored so far in this run, including before a resume
 * @param itemsEstimate the expected count at the end of the run: the items done before the run plus
 *     the run's estimate (see {@link ProgressTracker#start}), or null when unknown
 * @param progressPct {@code 100 * itemsDone / itemsEstimate} capped at 100, or null when unknown
 * @param itemsPerSecond the current rate estimate over running time (paused time, stalls and
 *     reported waits excluded), for display; 0 before any rate is known; while stalled it is the
 *     last healthy rate
 * @param etaSeconds seconds to completion as of the snapshot, at {@code throughputPerSecond}
 *     (between batches and through a reported wait it counts down with the clock); never negative;
 *     0 once done; past the estimate ({@code overrun}), the time for as many items again as the
 *     count has passed the estimate by (the estimate was wrong, and the overrun so far is the only
 *     evidence of how wrong); null when the estimate or the rate is unknown, or the run failed or
 *     was cancelled
 * @param overrun true when more items were done than estimated (the ETA then extrapolates the
 *     overrun)
 * @param startedAt when the scope first started, kept across resumes; null while pending
 * @param lastProgressAt when the last batch was stored, or null; never before {@code startedAt},
 *     even if the wall clock stepped back
 * @param finishedAt when the run finished, or null; never before {@code startedAt}
 * @param elapsedSeconds seconds from the start to the finish, or to the snapshot while not
 *     finished, measured on the monotonic clock (so a wall-clock step neither shrinks nor inflates
 *     it) plus, for a run restored after a restart, the time from {@code startedAt} to the restore;
 *     0 while pending
 * @param stalled whether the run is stalled now (then {@code status} is {@link
 *     ProgressStatus#STALLED})
 * @param stalledForSeconds seconds of running time since the last batch while stalled, 0 when not
 *     stalled
 * @param lastError the failure message of a failed run, truncated and free of secrets, or null
 * @param resumeAt while {@link ProgressStatus#RATE_LIMITED}, when the source said it would serve
 *     again (see {@link ScopeProgress#waitUntil}); null otherwise
 * @param waitReason while {@link ProgressStatus#RATE_LIMITED}, why the run waits, truncated and
 *     free of secrets; null otherwise
 * @param throughputPerSecond the rate the ETA divides by: throughput including the waits the source
 *     imposes (reported waits, learned as a budget); equal to {@code itemsPerSecond} until a wait
 *     has been reported
 */
public record ProgressSnapshot(
    String tenant,
    ScopeKey scopeKey,
    EntityType entityType,
    ProgressStatus status,
    long itemsDone,
    @Nullable Long itemsEstimate,
    @Nullable Double progressPct,
    double itemsPerSecond,
    @Nullable Long etaSeconds,
    boolean overrun,
    @Nullable Instant startedAt,
    @Nullable Instant lastProgressAt,
    @Nullable Instant finishedAt,
    long elapsedSeconds,
    boolean stalled,
    long stalledForSeconds,
    @Nullable String lastError,
    @Nullable Instant resumeAt,
    @Nullable String waitReason,
    double throughputPerSecond) {

  /**
   * Creates a snapshot of a run that is not waiting, with the throughput equal to the rate: the
   * components before {@code resumeAt}, for stores and callers written before they existed.
   *
   * @throws IllegalArgumentException as the canonical constructor
   */
  @SuppressWarnings("InlineMeSuggester")
  public ProgressSnapshot(
      String tenant,
      ScopeKey scopeKey,
      EntityType entityType,
      ProgressStatus status,
      long itemsDone,
      @Nullable Long itemsEstimate,
      @Nullable Double progressPct,
      double itemsPerSecond,
      @Nullable Long etaSeconds,
      boolean overrun,
      @Nullable Instant startedAt,
      @Nullable Instant lastProgressAt,
      @Nullable Instant finishedAt,
      long elapsedSeconds,
      boolean stalled,
      long stalledForSeconds,
      @Nullable String lastError) {
    this(
        tenant,
        scopeKey,
        entityType,
        status,
        itemsDone,
        itemsEstimate,
        progressPct,
        itemsPerSecond,
        etaSeconds,
        overrun,
        startedAt,
        lastProgressAt,
        finishedAt,
        elapsedSeconds,
        stalled,
        stalledForSeconds,
        lastError,
        null,
        null,
        itemsPerSecond);
  }

  /**
   * Validates the snapshot.
   *
   * @throws IllegalArgumentException if a count, rate or duration is negative, the percentage is
   *     outside [0, 100], {@code stalled} disagrees with {@code status}, or a wait's resume time or
   *     reason is given for a run that is not {@link ProgressStatus#RATE_LIMITED}
   */
  public ProgressSnapshot {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scopeKey, "scopeKey");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(status, "status");
    if (itemsDone < 0) {
      throw new IllegalArgumentException("itemsDone must be >= 0 but was " + itemsDone);
    }
    if (itemsEstimate != null && itemsEstimate < 0) {
      throw new IllegalArgumentException("itemsEstimate must be >= 0 but was " + itemsEstimate);
    }
    if (etaSeconds != null && etaSeconds < 0) {
      throw new IllegalArgumentException("etaSeconds must be >= 0 but was " + etaSeconds);
    }
    if (itemsPerSecond < 0 || Double.isNaN(itemsPerSecond)) {
      throw new IllegalArgumentException("itemsPerSecond must be >= 0 but was " + itemsPerSecond);
    }
    if (progressPct != null && (progressPct < 0 || progressPct > 100 || progressPct.isNaN())) {
      throw new IllegalArgumentException(
          "progressPct must be within [0, 100] but was " + progressPct);
    }
    if (elapsedSeconds < 0) {
      throw new IllegalArgumentException("elapsedSeconds must be >= 0 but was " + elapsedSeconds);
    }
    if (stalled != (status == ProgressStatus.STALLED)) {
      throw new IllegalArgumentException(
          "stalled must be true exactly when status is STALLED but was "
              + stalled
              + " with status "
              + status);
    }
    if (stalledForSeconds < 0) {
      throw new IllegalArgumentException(
          "stalledForSeconds must be >= 0 but was " + stalledForSeconds);
    }
    if (throughputPerSecond < 0 || Double.isNaN(throughputPerSecond)) {
      throw new IllegalArgumentException(
          "throughputPerSecond must be >= 0 but was " + throughputPerSecond);
    }
    if (status != ProgressStatus.RATE_LIMITED && (resumeAt != null || waitReason != null)) {
      throw new IllegalArgumentException(
          "resumeAt and waitReason must be null unless status is RATE_LIMITED but status was "
              + status);
    }
  }
}
