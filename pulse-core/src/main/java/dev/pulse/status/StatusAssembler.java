package dev.pulse.status;

import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.Position;
import dev.pulse.Watermark;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one place that turns a pipeline's facts into a {@link PipelineStatus}.
 *
 * <p>A scope's health is found by rules evaluated worst first; the first that holds wins:
 *
 * <ol>
 *   <li><b>ERROR</b>: its runs ended FAILED (after their retries) {@link
 *       StatusThresholds#errorAfterFailures} times in a row;
 *   <li><b>STALE</b>: its run is stalled; or it has more than {@link StatusThresholds#maxLagItems}
 *       items left to read; or it last caught up (or, when unknown, its watermark last moved) more
 *       than {@link StatusThresholds#maxAge} ago;
 *   <li><b>SYNCING</b>: a failed attempt waits for its retry; or it has never caught up and is
 *       being read or has no watermark yet (a first backfill, or a re-backfill after a reset);
 *   <li><b>LIVE</b>: otherwise.
 * </ol>
 *
 * <p>A source whose health check found it DOWN, or whose scopes could not be listed, is ERROR
 * (rate-limited: SYNCING until its age makes it STALE); otherwise a source is as bad as its worst
 * scope, and a pipeline as its worst source. Immutable and thread-safe.
 */
public final class StatusAssembler {
  private final StatusThresholds thresholds;

  /**
   * Creates an assembler.
   *
   * @param thresholds the thresholds
   */
  public StatusAssembler(StatusThresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
  }

  /**
   * Returns the thresholds.
   *
   * @return the thresholds
   */
  public StatusThresholds thresholds() {
    return thresholds;
  }

  /**
   * Assembles a status.
   *
   * @param pipeline the pipeline's name
   * @param labels its labels
   * @param annotations its annotations
   * @param sources the facts of its sources, in order
   * @param now the instant the status describes
   * @return the status
   */
  public PipelineStatus assemble(
      String pipeline,
      Map<String, String> labels,
      Map<String, String> annotations,
      List<SourceFacts> sources,
      Instant now) {
    Objects.requireNonNull(now, "now");
    List<SourceStatus> rows = new ArrayList<>(sources.size());
    HealthState health = HealthState.LIVE;
    String reason = sources.isEmpty() ? "no sources" : "every source is live";
    for (SourceFacts source : sources) {
      SourceStatus row = source(source, now);
      rows.add(row);
      if (row.health().compareTo(health) > 0) {
        health = row.health();
        reason = "source " + row.source() + ": " + row.healthReason();
      }
    }
    return new PipelineStatus(pipeline, now, health, reason, labels, annotations, rows);
  }

  private SourceStatus source(SourceFacts facts, Instant now) {
    List<ScopeStatus> scopes = new ArrayList<>(facts.scopes().size());
    for (ScopeFacts scope : facts.scopes()) {
      scopes.add(scope(scope, now));
    }
    scopes.sort(Comparator.comparing(ScopeStatus::scope));
    Health connector = facts.connectorHealth();
    HealthState health;
    String reason;
    ErrorEnvelope error = facts.error();
    if (connector != null && !connector.isUsable() && connector.code() == ErrorCode.RATE_LIMITED) {
      health = HealthState.SYNCING;
      Instant until = facts.rateLimitedUntil();
      reason = until == null ? "rate-limited" : "rate-limited until " + until;
    } else if (connector != null && !connector.isUsable()) {
      health = HealthState.ERROR;
      reason = "source is down: " + (error != null ? error.message() : connector.detail());
    } else if (error != null) {
      health = HealthState.ERROR;
      reason = error.code() + ": " + error.message();
    } else if (facts.lastRunStartedAt() == null && scopes.isEmpty()) {
      health = HealthState.SYNCING;
      reason = "not run yet";
    } else {
      health = HealthState.LIVE;
      reason = scopes.isEmpty() ? "no scopes" : "every scope is live";
    }
    for (ScopeStatus scope : scopes) {
      if (scope.health().compareTo(health) > 0) {
        health = scope.health();
        reason = "scope " + scope.scope() + ": " + scope.healthReason();
      }
    }
    return new SourceStatus(
        facts.source(),
        facts.entityType().toString(),
        health,
        reason,
        connector == null ? null : connector.status().name(),
        facts.lastRunStartedAt(),
        facts.lastRunFinishedAt(),
        facts.nextRunAt(),
        facts.rateLimitedUntil(),
        error,
        scopes);
  }

  private ScopeStatus scope(ScopeFacts facts, Instant now) {
    Watermark watermark = facts.watermark();
    Instant updatedAt = watermark.updatedAt();
    Long age = updatedAt == null ? null : secondsBetween(updatedAt, now);
    ProgressSnapshot progress = facts.progress();
    Long lag = lagOf(progress);
    boolean stalled = progress != null && progress.stalled();
    Verdict verdict = judge(facts, progress, lag, stalled, now);
    Position position = watermark.position();
    return new ScopeStatus(
        facts.key().scope().toString(),
        facts.key().tenant(),
        verdict.health,
        verdict.reason,
        position == null ? null : position.toString(),
        updatedAt,
        age,
        watermark.itemsStored(),
        lag,
        progress == null ? null : progress.status().name(),
        progress == null ? null : progress.itemsPerSecond(),
        progress == null ? null : progress.etaSeconds(),
        stalled,
        facts.lastSuccessAt(),
        facts.lastError(),
        facts.deadLetters(),
        facts.attempts(),
        facts.consecutiveFailures(),
        facts.retryAt());
  }

  private Verdict judge(
      ScopeFacts facts,
      @Nullable ProgressSnapshot progress,
      @Nullable Long lag,
      boolean stalled,
      Instant now) {
    ErrorEnvelope error = facts.lastError();
    if (facts.consecutiveFailures() >= thresholds.errorAfterFailures()) {
      return new Verdict(
          HealthState.ERROR,
          "failed "
              + facts.consecutiveFailures()
              + " run(s) in a row"
              + (error == null ? "" : ": " + error.code() + ": " + error.message()));
    }
    if (stalled && progress != null) {
      return new Verdict(HealthState.STALE, "stalled for " + progress.stalledForSeconds() + " s");
    }
    if (lag != null && lag > thresholds.maxLagItems()) {
      return new Verdict(
          HealthState.STALE, lag + " items behind (more than " + thresholds.maxLagItems() + ")");
    }
    Instant lastSuccess = facts.lastSuccessAt();
    Instant reference = lastSuccess != null ? lastSuccess : facts.watermark().updatedAt();
    if (reference != null) {
      Duration age = Duration.between(reference, now);
      if (age.compareTo(thresholds.maxAge()) > 0) {
        return new Verdict(
            HealthState.STALE,
            (lastSuccess != null ? "last caught up " : "watermark last moved ")
                + age.toSeconds()
                + " s ago (more than "
                + thresholds.maxAge().toSeconds()
                + " s)");
      }
    }
    Instant retryAt = facts.retryAt();
    if (retryAt != null) {
      return new Verdict(
          HealthState.SYNCING,
          "attempt "
              + facts.attempts()
              + " failed"
              + (error == null ? "" : " (" + error.code() + ")")
              + "; retrying at "
              + retryAt);
    }
    if (lastSuccess == null && (facts.reading() || facts.watermark().isNone())) {
      return new Verdict(
          HealthState.SYNCING, facts.reading() ? "backfilling, not caught up yet" : "not read yet");
    }
    if (reference == null) {
      return new Verdict(HealthState.LIVE, "caught up, nothing stored yet");
    }
    return new Verdict(
        HealthState.LIVE,
        (lastSuccess != null ? "caught up " : "watermark moved ")
            + Duration.between(reference, now).toSeconds()
            + " s ago");
  }

  private static @Nullable Long lagOf(@Nullable ProgressSnapshot progress) {
    if (progress == null) {
      return null;
    }
    ProgressStatus status = progress.status();
    Long estimate = progress.itemsEstimate();
    if (estimate == null || status.isFinished()) {
      return null;
    }
    return Math.max(0, estimate - progress.itemsDone());
  }

  private static long secondsBetween(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toSeconds());
  }

  private record Verdict(HealthState health, String reason) {}
}
