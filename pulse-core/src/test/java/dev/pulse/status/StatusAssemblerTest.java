package dev.pulse.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class StatusAssemblerTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final ScopeKey BG = ScopeKey.of("jira", "project", "BG");
  static final ScopeId KEY = ScopeId.of("acme", EntityType.ISSUES, BG);

  private final StatusAssembler assembler = new StatusAssembler(StatusThresholds.defaults());

  static Watermark movedAgo(Duration ago) {
    Instant at = NOW.minus(ago);
    return new Watermark(KEY, Position.at(at, "BG-7"), 42, at);
  }

  static ProgressSnapshot progress(ProgressStatus status, long done, @Nullable Long estimate) {
    boolean stalled = status == ProgressStatus.STALLED;
    return new ProgressSnapshot(
        "acme",
        BG,
        EntityType.ISSUES,
        status,
        done,
        estimate,
        null,
        12.5,
        estimate == null ? null : 30L,
        false,
        NOW.minusSeconds(100),
        NOW.minusSeconds(5),
        null,
        100,
        stalled,
        stalled ? 90 : 0,
        null);
  }

  static ScopeFacts facts(
      Watermark watermark,
      @Nullable ProgressSnapshot progress,
      @Nullable Instant lastSuccessAt,
      int failures,
      boolean reading,
      @Nullable Instant retryAt) {
    ErrorEnvelope error =
        failures > 0 || retryAt != null
            ? ErrorEnvelope.of(ErrorCode.SOURCE_UNAVAILABLE, "connection reset")
            : null;
    return new ScopeFacts(
        KEY, watermark, progress, lastSuccessAt, 1, failures, error, 0, reading, retryAt);
  }

  private ScopeStatus one(ScopeFacts scope) {
    return one(assembler, scope);
  }

  private static ScopeStatus one(StatusAssembler assembler, ScopeFacts scope) {
    PipelineStatus status =
        assembler.assemble(
            "eng",
            Map.of(),
            Map.of(),
            List.of(
                new SourceFacts(
                    "jira/issues",
                    EntityType.ISSUES,
                    Health.up(),
                    NOW.minusSeconds(60),
                    NOW.minusSeconds(30),
                    null,
                    null,
                    null,
                    List.of(scope))),
            NOW);
    assertEquals(status.health(), status.sources().get(0).health(), "pipeline = worst source");
    assertEquals(
        status.sources().get(0).health(), scopeOf(status).health(), "source = worst scope");
    return scopeOf(status);
  }

  private static ScopeStatus scopeOf(PipelineStatus status) {
    return status.sources().get(0).scopes().get(0);
  }

  @Test
  void live_caughtUpRecently() {
    ScopeStatus scope =
        one(facts(movedAgo(Duration.ofMinutes(3)), null, NOW.minusSeconds(60), 0, false, null));
    assertEquals(HealthState.LIVE, scope.health());
    assertEquals(180L, scope.watermarkAgeSeconds());
    assertEquals("2026-03-01T11:57:00Z#\"BG-7\"", scope.watermarkPosition());
  }

  @Test
  void live_afterARestartWhileTheWatermarkIsFresh() {
    ScopeStatus scope = one(facts(movedAgo(Duration.ofMinutes(3)), null, null, 0, false, null));
    assertEquals(HealthState.LIVE, scope.health());
  }

  @Test
  void syncing_notReadYet() {
    ScopeStatus scope = one(facts(Watermark.none(KEY), null, null, 0, false, null));
    assertEquals(HealthState.SYNCING, scope.health());
    assertEquals("not read yet", scope.healthReason());
    assertNull(scope.watermarkAgeSeconds());
  }

  @Test
  void syncing_backfillingWithItsLag() {
    ScopeStatus scope =
        one(
            facts(
                Watermark.none(KEY),
                progress(ProgressStatus.RUNNING, 400, 1_000L),
                null,
                0,
                true,
                null));
    assertEquals(HealthState.SYNCING, scope.health());
    assertEquals(600L, scope.lagItems());
    assertEquals("RUNNING", scope.progressStatus());
    assertEquals(30L, scope.etaSeconds());
  }

  @Test
  void syncing_whileARetryWaits() {
    ScopeStatus scope =
        one(
            facts(
                movedAgo(Duration.ofMinutes(1)),
                null,
                NOW.minusSeconds(60),
                0,
                true,
                NOW.plusSeconds(2)));
    assertEquals(HealthState.SYNCING, scope.health());
    assertTrue(scope.healthReason().contains("retrying at 2026-03-01T12:00:02Z"));
    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, scope.lastError().code());
  }

  @Test
  void stale_notCaughtUpForLongerThanMaxAge() {
    ScopeStatus scope =
        one(facts(movedAgo(Duration.ofHours(3)), null, NOW.minusSeconds(3_601), 0, false, null));
    assertEquals(HealthState.STALE, scope.health());
    assertTrue(scope.healthReason().contains("3601 s ago"), scope.healthReason());
  }

  @Test
  void stale_tooFarBehind() {
    ScopeStatus scope =
        one(
            facts(
                movedAgo(Duration.ofMinutes(1)),
                progress(ProgressStatus.RUNNING, 0, 20_000L),
                NOW.minusSeconds(60),
                0,
                true,
                null));
    assertEquals(HealthState.STALE, scope.health());
    assertEquals(20_000L, scope.lagItems());
  }

  @Test
  void stale_stalled() {
    ScopeStatus scope =
        one(
            facts(
                movedAgo(Duration.ofMinutes(1)),
                progress(ProgressStatus.STALLED, 10, 20L),
                null,
                0,
                true,
                null));
    assertEquals(HealthState.STALE, scope.health());
    assertTrue(scope.stalled());
    assertEquals("stalled for 90 s", scope.healthReason());
  }

  @Test
  void error_failedRunsReachTheThreshold() {
    ScopeStatus scope =
        one(facts(movedAgo(Duration.ofMinutes(1)), null, NOW.minusSeconds(60), 1, false, null));
    assertEquals(HealthState.ERROR, scope.health());
    assertTrue(scope.healthReason().contains("SOURCE_UNAVAILABLE: connection reset"));
  }

  @Test
  void worstFirst_errorWinsOverStaleAndStalled() {
    ScopeStatus scope =
        one(
            facts(
                movedAgo(Duration.ofHours(5)),
                progress(ProgressStatus.STALLED, 10, 50_000L),
                NOW.minusSeconds(9_000),
                2,
                true,
                null));
    assertEquals(HealthState.ERROR, scope.health());
  }

  @Test
  void thresholds_areConfigurable() {
    StatusAssembler lenient =
        new StatusAssembler(new StatusThresholds(Duration.ofHours(6), 100_000, 3));
    ScopeFacts twoFailuresThreeHoursOld =
        facts(movedAgo(Duration.ofHours(3)), null, NOW.minus(Duration.ofHours(3)), 2, false, null);

    assertEquals(HealthState.LIVE, one(lenient, twoFailuresThreeHoursOld).health());
    assertEquals(HealthState.ERROR, one(assembler, twoFailuresThreeHoursOld).health());
  }

  @Test
  void source_downIsErrorAndRateLimitedShowsItsResumeTime() {
    ScopeFacts fine = facts(movedAgo(Duration.ofMinutes(1)), null, NOW, 0, false, null);
    SourceFacts down =
        new SourceFacts(
            "jira/issues",
            EntityType.ISSUES,
            Health.down(ErrorCode.SOURCE_UNAVAILABLE, "503"),
            NOW,
            NOW,
            null,
            null,
            ErrorEnvelope.of(ErrorCode.SOURCE_UNAVAILABLE, "unhealthy: 503"),
            List.of(fine));
    SourceFacts limited =
        new SourceFacts(
            "github/pull_requests",
            EntityType.PULL_REQUESTS,
            Health.down(ErrorCode.RATE_LIMITED, "secondary rate limit"),
            NOW,
            NOW,
            NOW.plusSeconds(300),
            NOW.plusSeconds(120),
            ErrorEnvelope.of(ErrorCode.RATE_LIMITED, "unhealthy: secondary rate limit"),
            List.of());

    PipelineStatus status =
        assembler.assemble("eng", Map.of(), Map.of(), List.of(limited, down), NOW);

    assertEquals(HealthState.SYNCING, status.sources().get(0).health());
    assertEquals(NOW.plusSeconds(120), status.sources().get(0).rateLimitedUntil());
    assertTrue(status.sources().get(0).healthReason().contains("rate-limited until"));
    assertEquals(HealthState.ERROR, status.sources().get(1).health());
    assertEquals("DOWN", status.sources().get(1).connectorHealth());
    assertEquals(HealthState.ERROR, status.health());
    assertTrue(status.healthReason().startsWith("source jira/issues: source is down"));
  }

  @Test
  void source_neverRunIsSyncingAndEmptyPipelineIsLive() {
    SourceFacts fresh =
        new SourceFacts(
            "jira/issues", EntityType.ISSUES, null, null, null, null, null, null, List.of());
    assertEquals(
        HealthState.SYNCING,
        assembler.assemble("eng", Map.of(), Map.of(), List.of(fresh), NOW).health());
    assertEquals(
        HealthState.LIVE, assembler.assemble("eng", Map.of(), Map.of(), List.of(), NOW).health());
  }

  @Test
  void thresholds_rejectNonPositiveValues() {
    assertTrue(
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new StatusThresholds(Duration.ZERO, 1, 1))
            .getMessage()
            .contains("maxAge"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new StatusThresholds(Duration.ofHours(1), 0, 1));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new StatusThresholds(Duration.ofHours(1), 1, 0));
  }
}
