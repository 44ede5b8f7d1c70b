package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.engine.ReadOptions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ValuesTest {
  private static final ScopeId KEY =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"));

  @Test
  void entityType_builtInsAndCustom_compareByName() {
    assertEquals(EntityType.PULL_REQUESTS, EntityType.of("pull_requests"));
    assertEquals("feature_flags", EntityType.of("feature_flags").toString());
  }

  @Test
  void entityType_invalidName_rejectedWithTheName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EntityType.of("Pull-Requests"));
    assertTrue(e.getMessage().contains("\"Pull-Requests\""), e.getMessage());
  }

  @Test
  void watermarkKey_blankTenant_rejected() {
    assertThrows(
        IllegalArgumentException.class, () -> ScopeId.of(" ", EntityType.ISSUES, ScopeKey.GLOBAL));
    assertThrows(
        IllegalArgumentException.class,
        () -> ScopeId.of("a\u0000b", EntityType.ISSUES, ScopeKey.GLOBAL));
  }

  @Test
  void watermark_none_hasNoPosition() {
    Watermark none = Watermark.none(KEY);
    assertTrue(none.isNone());
    assertEquals(0, none.itemsStored());
  }

  @Test
  void watermark_positionWithoutUpdatedAt_rejected() {
    assertThrows(
        IllegalArgumentException.class, () -> new Watermark(KEY, Position.token("1"), 1, null));
    assertThrows(IllegalArgumentException.class, () -> new Watermark(KEY, null, -1, null));
  }

  @Test
  void itemCount_unknownWithValue_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new ItemCount(ItemCount.Kind.UNKNOWN, 3));
    assertThrows(IllegalArgumentException.class, () -> ItemCount.exact(-1));
    assertFalse(ItemCount.unknown().isKnown());
    assertTrue(ItemCount.approximate(10).isKnown());
  }

  @Test
  void health_downNeedsCode_upForbidsIt() {
    assertThrows(IllegalArgumentException.class, () -> new Health(Health.Status.DOWN, "x", null));
    assertThrows(
        IllegalArgumentException.class, () -> new Health(Health.Status.UP, "", ErrorCode.INTERNAL));
    assertFalse(Health.down(ErrorCode.AUTH_FAILED, "401").isUsable());
    assertTrue(Health.degraded("slow").isUsable());
  }

  @Test
  void readOptions_outOfRange_rejectedNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.builder().pageSize(0));
    assertTrue(e.getMessage().startsWith("pageSize must be"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReadOptions.builder().prefetch(-1));
    assertThrows(IllegalArgumentException.class, () -> ReadOptions.builder().prefetch(65));
    assertEquals(100, ReadOptions.defaults().pageSize());
    assertEquals(1, ReadOptions.defaults().prefetch());
  }

  @Test
  void batch_empty_rejected() {
    ScopeKey scope = ScopeKey.parse("github:repo:acme/api");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Batch<>(scope, List.of(), Position.at(Instant.EPOCH, ""), 0));
  }

  @Test
  void invalidConfig_reportsEveryProblem() {
    InvalidConfigException e =
        new InvalidConfigException(
            List.of("pageSize must be > 0 but was 0", "tenant must not be blank"));
    assertEquals(ErrorCode.INVALID_CONFIG, e.code());
    assertTrue(e.getMessage().contains("2 problems"), e.getMessage());
    assertTrue(e.getMessage().contains("tenant must not be blank"), e.getMessage());
  }

  @Test
  void sourceException_nonSourceCode_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SourceException(ErrorCode.SINK_FAILED, "jira", null, "x", null));
    SourceException e =
        new SourceException(
            ErrorCode.RATE_LIMITED,
            "github",
            null,
            "slow down",
            java.time.Duration.ofSeconds(30),
            null);
    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    assertEquals(java.time.Duration.ofSeconds(30), e.retryAfter());
  }

  @Test
  void health_detail_sanitizedOnConstruction() {
    Health health =
        Health.down(
            ErrorCode.AUTH_FAILED,
            "HTTP 401 from https://bob:Tr0ub4dor3@jira.example.com/rest?access_token=Zq8vAbCd\n"
                + "2026-01-01 INFO forged line");

    assertEquals(
        "HTTP 401 from https://***@jira.example.com/rest?access_token=*** 2026-01-01 INFO forged line",
        health.detail());
    assertEquals(500, Health.degraded("x".repeat(10_000)).detail().length());
  }
}
