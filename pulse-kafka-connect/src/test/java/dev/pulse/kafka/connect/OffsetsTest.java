package dev.pulse.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.TieBreaker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class OffsetsTest {
  private static final ScopeKey SCOPE = ScopeKey.of("ci", "repo", "r000");
  private static final Instant AT = Instant.parse("2026-01-01T00:00:10Z");

  @Test
  void aPartitionIsOneKeyNamingTheScope() {
    assertEquals(Map.of("scope", "ci:repo:r000"), Offsets.partition(SCOPE));
    assertEquals(SCOPE, Offsets.scope(Offsets.partition(SCOPE)));
  }

  @Test
  void everyKindOfPositionSurvivesTheRoundTrip() {
    for (Position position :
        List.of(
            Position.at(AT),
            Position.at(AT, 42),
            Position.at(AT, "r000-b10"),
            Position.sequence(7),
            Position.token("cursor|with,odd\"chars", TieBreaker.text("x")))) {
      Map<String, String> offset = Offsets.offset(position);
      assertEquals(1, offset.size());
      assertEquals(position, Offsets.position(SCOPE, offset));
    }
  }

  @Test
  void thePositionIsJsonAnOperatorCanWrite() {
    assertEquals(
        "{\"instant\":\"2026-01-01T00:00:10Z\",\"text\":\"r000-b10\"}",
        Offsets.encode(Position.at(AT, "r000-b10")));
    assertEquals(
        Position.at(AT, 5),
        Offsets.decode("{\"number\": 5, \"instant\": \"2026-01-01T00:00:10Z\"}"));
  }

  @Test
  void noOffsetMeansReadFromTheStart() {
    assertNull(Offsets.position(SCOPE, null));
    assertNull(Offsets.position(SCOPE, Map.of()));
  }

  @Test
  void aMalformedOffsetFailsNamingTheScope() {
    for (Map<String, ?> offset :
        List.of(
            Map.of("position", "not json"),
            Map.of("position", 12),
            Map.of("position", "{\"instant\":\"yesterday\"}"),
            Map.of("position", "{\"instant\":\"2026-01-01T00:00:10Z\",\"token\":\"t\"}"),
            Map.of("position", "{\"token\":\"t\",\"number\":1,\"text\":\"x\"}"))) {
      ConnectException e =
          assertThrows(ConnectException.class, () -> Offsets.position(SCOPE, offset));
      assertTrue(e.getMessage().startsWith("INVALID_DATA: "), e.getMessage());
      assertTrue(e.getMessage().contains("ci:repo:r000"), e.getMessage());
    }
  }

  @Test
  void aPartitionOfSeveralKeysIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Offsets.scope(Map.of("scope", "ci:repo:r000", "tenant", "a")));
    assertTrue(e.getMessage().contains("{\"scope\": \"<scope key>\"}"), e.getMessage());
  }
}
