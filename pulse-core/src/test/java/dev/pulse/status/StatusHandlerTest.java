package dev.pulse.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.ErrorCode;
import dev.pulse.testing.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StatusHandlerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static ScopeStatus scope(String key, HealthState health, boolean stalled) {
    return new ScopeStatus(
        key,
        "acme",
        health,
        "because",
        null,
        null,
        null,
        5,
        null,
        "RUNNING",
        1.5,
        60L,
        stalled,
        null,
        health == HealthState.ERROR ? ErrorEnvelope.of(ErrorCode.SINK_FAILED, "disk full") : null,
        0,
        1,
        health == HealthState.ERROR ? 1 : 0,
        null);
  }

  static SourceStatus source(String id, String entityType, ScopeStatus... scopes) {
    HealthState worst = HealthState.LIVE;
    for (ScopeStatus s : scopes) {
      worst = worst.worse(s.health());
    }
    return new SourceStatus(
        id, entityType, worst, "worst scope", "UP", NOW, NOW, null, null, null, List.of(scopes));
  }

  /** Two pipelines: eng (team=core, env=prod) with jira and github, ops (team=ops) with jenkins. */
  static List<PipelineStatus> fleet() {
    PipelineStatus eng =
        new PipelineStatus(
            "eng",
            NOW,
            HealthState.ERROR,
            "worst source",
            Map.of("team", "core", "env", "prod"),
            Map.of("owner", "someone"),
            List.of(
                source(
                    "jira/issues",
                    "issues",
                    scope("jira:project:A", HealthState.LIVE, false),
                    scope("jira:project:B", HealthState.ERROR, false)),
                source(
                    "github/pull_requests",
                    "pull_requests",
                    scope("github:repo:x", HealthState.STALE, true))));
    PipelineStatus ops =
        new PipelineStatus(
            "ops",
            NOW,
            HealthState.SYNCING,
            "worst source",
            Map.of("team", "ops"),
            Map.of(),
            List.of(
                source(
                    "jenkins/deployments",
                    "deployments",
                    scope("jenkins:job:deploy", HealthState.SYNCING, false))));
    return List.of(eng, ops);
  }

  private final StatusHandler handler =
      StatusHandler.builder().pipelines(StatusHandlerTest::fleet).clock(new FakeClock(NOW)).build();

  private static List<String> scopes(StatusHandler.Response response) throws Exception {
    assertEquals(200, response.status(), response.body());
    List<String> out = new ArrayList<>();
    for (JsonNode pipeline : MAPPER.readTree(response.body()).path("pipelines")) {
      for (JsonNode source : pipeline.path("sources")) {
        for (JsonNode scope : source.path("scopes")) {
          out.add(pipeline.path("pipeline").asText() + " " + scope.path("scope").asText());
        }
      }
    }
    return out;
  }

  private static JsonNode envelope(StatusHandler.Response response, int status) throws Exception {
    assertEquals(status, response.status(), response.body());
    assertEquals(StatusHandler.JSON, response.contentType());
    return MAPPER.readTree(response.body());
  }

  @Test
  void status_servesEveryPipelineInTheStatusJsonSchema() throws Exception {
    StatusHandler.Response response = handler.handle("GET", "/status", null);

    assertEquals(StatusHandler.JSON, response.contentType());
    JsonNode root = MAPPER.readTree(response.body());
    assertEquals(NOW.toString(), root.path("generatedAt").asText());
    assertEquals(MAPPER.readTree(StatusJson.write(fleet().get(0))), root.path("pipelines").get(0));
    assertEquals(4, scopes(response).size());
  }

  @Test
  void status_selectsPipelinesByLabelsWithAnd() throws Exception {
    assertEquals(
        List.of("eng jira:project:A", "eng jira:project:B", "eng github:repo:x"),
        scopes(handler.handle("GET", "/status", "selector=team%3Dcore,env")));
    assertEquals(List.of(), scopes(handler.handle("GET", "/status", "selector=team=core,env=dev")));
    assertEquals(4, scopes(handler.handle("GET", "/status", "selector=team")).size());
  }

  @Test
  void status_filtersByHealthSourceAndEntityType() throws Exception {
    assertEquals(
        List.of("eng jira:project:B", "eng github:repo:x"),
        scopes(handler.handle("GET", "/status", "health=ERROR,stale")));
    assertEquals(
        List.of("eng jira:project:A", "eng jira:project:B"),
        scopes(handler.handle("GET", "/status", "source=jira")));
    assertEquals(
        List.of("eng github:repo:x"),
        scopes(handler.handle("GET", "/status", "source=github/pull_requests")));
    assertEquals(
        List.of("ops jenkins:job:deploy"),
        scopes(handler.handle("GET", "/status", "entityType=deployments&health=SYNCING")));
    assertEquals(List.of(), scopes(handler.handle("GET", "/status", "source=jira&health=SYNCING")));
  }

  @Test
  void status_rejectsBadParametersWithAnEnvelope() throws Exception {
    JsonNode health = envelope(handler.handle("GET", "/status", "health=GREEN"), 400);
    assertEquals("INVALID_CONFIG", health.path("code").asText());
    assertTrue(health.path("message").asText().contains("GREEN"), health.toString());
    JsonNode unknown = envelope(handler.handle("GET", "/status", "team=core"), 400);
    assertTrue(
        unknown.path("message").asText().contains("unknown parameter \"team\""),
        unknown.toString());
    JsonNode selector = envelope(handler.handle("GET", "/status", "selector=%3Dcore"), 400);
    assertTrue(selector.path("message").asText().contains("label selector"), selector.toString());
    JsonNode twice = envelope(handler.handle("GET", "/status", "source=a&source=b"), 400);
    assertTrue(twice.path("message").asText().contains("twice"), twice.toString());
  }

  @Test
  void handle_answersUnknownPathsMethodsAndFailuresWithoutLeaking() throws Exception {
    assertEquals(
        "INVALID_CONFIG",
        envelope(handler.handle("GET", "/nope", null), 404).path("code").asText());
    assertEquals(405, handler.handle("POST", "/status", null).status());
    assertEquals(404, handler.handle("GET", "/metrics", null).status(), "no metrics configured");
    StatusHandler failing =
        StatusHandler.builder()
            .pipelines(
                () -> {
                  throw new IllegalStateException("password=hunter2 at db");
                })
            .build();
    JsonNode error = envelope(failing.handle("GET", "/status", null), 500);
    assertEquals("INTERNAL", error.path("code").asText());
    assertFalse(error.toString().contains("hunter2"), error.toString());
  }

  @Test
  void page_isOneSelfContainedFileThatPollsStatus() {
    StatusHandler.Response page = handler.handle("GET", "/", null);

    assertEquals(StatusHandler.HTML, page.contentType());
    assertEquals(page, handler.handle("GET", "/status.html", null));
    String html = page.body();
    assertTrue(html.contains("fetch(url"), "polls the status JSON");
    assertTrue(html.contains("\"status\""), "relative to where it is served");
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no CDN, works offline");
    assertFalse(html.contains("annotations"), "annotations are free text and may name people");
  }

  @Test
  void metrics_servesTheGivenTextWithItsContentType() {
    StatusHandler withMetrics =
        StatusHandler.builder()
            .pipelines(List::of)
            .metrics("text/plain; version=0.0.4", () -> "pulse_up 1\n")
            .build();

    StatusHandler.Response response = withMetrics.handle("GET", "/metrics", null);

    assertEquals(
        new StatusHandler.Response(200, "text/plain; version=0.0.4", "pulse_up 1\n"), response);
  }

  @Test
  void builder_requiresAStatusSupplierAndRejectsBadInput() {
    assertThrows(IllegalStateException.class, () -> StatusHandler.builder().build());
    assertThrows(
        IllegalArgumentException.class, () -> StatusHandler.builder().metrics(" ", () -> ""));
    IllegalArgumentException status =
        assertThrows(IllegalArgumentException.class, () -> new StatusHandler.Response(42, "x", ""));
    assertTrue(status.getMessage().contains("42"), status.getMessage());
  }
}
