package dev.pulse.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.spi.DeadLetter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class InMemoryDeadLetterStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final ScopeId BG =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.of("jira", "project", "BG"));
  private static final ScopeId PRS =
      ScopeId.of("acme", EntityType.PULL_REQUESTS, ScopeKey.of("github", "repo", "acme/api"));

  private final InMemoryDeadLetterStore store = new InMemoryDeadLetterStore();

  @Test
  void record_upsertsKeepingFirstSeenAndCountingAttempts() {
    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "bad date", "p1", T0);
    DeadLetter again =
        store.record(BG, "BG-1", ErrorCode.SINK_FAILED, "constraint", "p2", T0.plusSeconds(60));

    assertEquals(2, again.attempts());
    assertEquals(T0, again.firstSeen());
    assertEquals(T0.plusSeconds(60), again.lastSeen());
    assertEquals(ErrorCode.SINK_FAILED, again.reasonCode());
    assertEquals("p2", again.payload());
    assertEquals(again, store.find(BG, "BG-1").orElseThrow());
  }

  @Test
  void list_ordersByEntityTypeScopeAndKeyAndSeparatesTenants() {
    store.record(PRS, "7", ErrorCode.INVALID_DATA, "m", null, T0);
    store.record(BG, "BG-2", ErrorCode.INVALID_DATA, "m", null, T0);
    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    store.record(
        ScopeId.of("other", EntityType.ISSUES, BG.scope()),
        "BG-9",
        ErrorCode.INVALID_DATA,
        "m",
        null,
        T0);

    List<String> keys = store.list("acme").stream().map(DeadLetter::naturalKey).toList();

    assertEquals(List.of("BG-1", "BG-2", "7"), keys);
    assertEquals(2, store.count(BG));
    assertEquals(1, store.list("other").size());
  }

  @Test
  void discard_removesOnce() {
    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    assertTrue(store.discard(BG, "BG-1"));
    assertFalse(store.discard(BG, "BG-1"));
    assertEquals(0, store.count(BG));
  }

  @Test
  void deadLetter_masksSecretsAndValidates() {
    DeadLetter letter =
        store.record(
            BG, "BG-1", ErrorCode.INVALID_DATA, "Authorization: Bearer abcdefghijklmnop", null, T0);
    assertFalse(letter.message().contains("abcdefghijklmnop"), letter.message());
    assertThrows(
        IllegalArgumentException.class,
        () -> new DeadLetter(BG, " ", ErrorCode.INVALID_DATA, "m", T0, T0, 1, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DeadLetter(BG, "k", ErrorCode.INVALID_DATA, "m", T0, T0, 0, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DeadLetter(BG, "k", ErrorCode.INVALID_DATA, "m", T0, T0.minusSeconds(1), 1, null));
  }
}
