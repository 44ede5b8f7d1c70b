package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProgressJsonTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static ProgressSnapshot running() {
    return new ProgressSnapshot(
        "acme",
        ScopeKey.parse("jira:project:BG"),
        EntityType.ISSUES,
        ProgressStatus.RUNNING,
        1200,
        5000L,
        24.0,
        40.0,
        95L,
        false,
        START,
        START.plusSeconds(30),
        null,
        30,
        false,
        0,
        null);
  }

  @Test
  void toJson_running_camelCaseWithExplicitNulls() {
    String json = ProgressJson.toJson(running());

    assertEquals(
        "{\"tenant\":\"acme\",\"scopeKey\":\"jira:project:BG\",\"entityType\":\"issues\","
            + "\"status\":\"running\",\"itemsDone\":1200,\"itemsEstimate\":5000,\"progressPct\":24.0,"
            + "\"itemsPerSecond\":40.0,\"etaSeconds\":95,\"overrun\":false,\"startedAt\":\"2026-01-01T00:00:00Z\","
            + "\"lastProgressAt\":\"2026-01-01T00:00:30Z\",\"finishedAt\":null,\"elapsedSeconds\":30,"
            + "\"stalled\":false,\"stalledForSeconds\":0,\"lastError\":null,\"resumeAt\":null,"
            + "\"waitReason\":null,\"throughputPerSecond\":40.0}",
        json);
  }

  @Test
  void fromJson_roundTrip_equal() {
    ProgressSnapshot failed =
        new ProgressSnapshot(
            "acme",
            ScopeKey.parse("github:repo:acme/api"),
            EntityType.PULL_REQUESTS,
            ProgressStatus.FAILED,
            10,
            null,
            null,
            0.5,
            null,
            false,
            START,
            null,
            START.plusSeconds(9),
            9,
            false,
            0,
            "IOException: \"quoted\"");

    assertEquals(failed, ProgressJson.fromJson(ProgressJson.toJson(failed)));
    assertEquals(running(), ProgressJson.fromJson(ProgressJson.toJson(running())));
  }

  @Test
  void toJson_list_array() {
    String json = ProgressJson.toJson(List.of(running(), running()));

    assertTrue(json.startsWith("[{\"tenant\":\"acme\""), json);
    assertEquals(2, json.split("\"scopeKey\"").length - 1);
  }

  @Test
  void fromJson_garbage_rejected() {
    assertThrows(IllegalArgumentException.class, () -> ProgressJson.fromJson("[1]"));
    assertThrows(IllegalArgumentException.class, () -> ProgressJson.fromJson("{\"tenant\":\"a\"}"));
    assertThrows(IllegalArgumentException.class, () -> ProgressJson.fromJson("{"));
  }

  @Test
  void snapshot_stalledFlagDisagreesWithStatus_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ProgressSnapshot(
                    "acme",
                    ScopeKey.parse("jira:project:BG"),
                    EntityType.ISSUES,
                    ProgressStatus.RUNNING,
                    0,
                    null,
                    null,
                    0,
                    null,
                    false,
                    START,
                    null,
                    null,
                    0,
                    true,
                    5,
                    null));
    assertTrue(String.valueOf(e.getMessage()).contains("stalled"), e.getMessage());
  }
}
