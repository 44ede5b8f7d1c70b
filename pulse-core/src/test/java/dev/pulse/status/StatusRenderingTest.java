package dev.pulse.status;

import static dev.pulse.status.StatusAssemblerTest.KEY;
import static dev.pulse.status.StatusAssemblerTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.progress.ProgressStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

final class StatusRenderingTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static PipelineStatus sample() {
    ScopeFacts scope =
        new ScopeFacts(
            KEY,
            StatusAssemblerTest.movedAgo(Duration.ofMinutes(7)),
            StatusAssemblerTest.progress(ProgressStatus.RUNNING, 400, 1_000L),
            NOW.minusSeconds(600),
            2,
            1,
            ErrorEnvelope.of(ErrorCode.SINK_FAILED, "sink failed for jira:project:BG: timeout"),
            3,
            true,
            null);
    SourceFacts source =
        new SourceFacts(
            "jira/issues",
            EntityType.ISSUES,
            Health.degraded("slow"),
            NOW.minusSeconds(60),
            NOW.minusSeconds(30),
            NOW.plusSeconds(240),
            null,
            null,
            List.of(scope));
    return new StatusAssembler(StatusThresholds.defaults())
        .assemble(
            "eng",
            Map.of("team", "core", "env", "prod"),
            Map.of("owner", "ops"),
            List.of(source),
            NOW);
  }

  @Test
  void json_usesTheDocumentedStableNames() throws Exception {
    JsonNode root = MAPPER.readTree(StatusJson.write(sample()));

    assertEquals(
        Set.of(
            "pipeline",
            "generatedAt",
            "health",
            "healthReason",
            "labels",
            "annotations",
            "sources"),
        names(root));
    JsonNode source = root.get("sources").get(0);
    assertEquals(
        Set.of(
            "source",
            "entityType",
            "health",
            "healthReason",
            "connectorHealth",
            "lastRunStartedAt",
            "lastRunFinishedAt",
            "nextRunAt",
            "rateLimitedUntil",
            "error",
            "scopes"),
        names(source));
    JsonNode scope = source.get("scopes").get(0);
    assertEquals(
        Set.of(
            "scope",
            "tenant",
            "health",
            "healthReason",
            "watermarkPosition",
            "watermarkUpdatedAt",
            "watermarkAgeSeconds",
            "itemsStored",
            "lagItems",
            "progressStatus",
            "itemsPerSecond",
            "etaSeconds",
            "stalled",
            "lastSuccessAt",
            "lastError",
            "deadLetters",
            "attempts",
            "consecutiveFailures",
            "retryAt"),
        names(scope));
    assertEquals(Set.of("code", "message"), names(scope.get("lastError")));
    assertEquals("SINK_FAILED", scope.get("lastError").get("code").asText());
    assertTrue(scope.get("retryAt").isNull(), "unknown values are present as null");
    assertEquals("ERROR", root.get("health").asText());
  }

  @Test
  void jsonAndText_carryTheSameFacts() throws Exception {
    PipelineStatus status = sample();
    JsonNode root = MAPPER.readTree(StatusJson.write(status));
    String text = StatusText.render(status);

    List<String> facts = new ArrayList<>();
    collectScalars(root, facts);
    for (String fact : facts) {
      assertTrue(text.contains(fact), "text lacks the JSON fact \"" + fact + "\":\n" + text);
    }
    assertTrue(facts.size() > 30, "the sample exercises most fields: " + facts.size());
  }

  private static void collectScalars(JsonNode node, List<String> out) {
    if (node.isObject()) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        JsonNode value = node.get(name);
        if (name.equals("stalled")) {
          out.add(value.asBoolean() ? "yes" : "no");
        } else {
          collectScalars(value, out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collectScalars(element, out));
    } else if (!node.isNull()) {
      out.add(node.asText());
    }
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
