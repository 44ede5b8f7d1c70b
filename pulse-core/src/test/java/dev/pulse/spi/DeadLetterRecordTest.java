package dev.pulse.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The {@link DeadLetter} record's own rules; what stores do with letters is the testkit's
 * DeadLetterStoreContract.
 */
final class DeadLetterRecordTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final ScopeId BG =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.of("jira", "project", "BG"));

  @Test
  void new_secretInMessage_masked() {
    DeadLetter letter =
        new DeadLetter(
            BG,
            "BG-1",
            ErrorCode.INVALID_DATA,
            "Authorization: Bearer abcdefghijklmnop",
            T0,
            T0,
            1,
            null);
    assertFalse(letter.message().contains("abcdefghijklmnop"), letter.message());
  }

  @Test
  void new_invalidArguments_rejected() {
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
