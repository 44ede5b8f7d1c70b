package dev.pulse.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.internal.SafeJson;
import dev.pulse.internal.Sanitizer;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@link ProgressSnapshot}s as JSON for status endpoints, CLIs and stores, and reads them
 * back.
 *
 * <p>Field names are the record's component names (camelCase); every field is always present,
 * {@code null} when unknown. {@code scopeKey} is the canonical key ({@code jira:project:BG}),
 * {@code entityType} its name, {@code status} the lower-case status name ({@code running}, {@code
 * stalled}, ...), times ISO-8601 UTC ({@code 2026-01-01T00:00:00Z}). For example:
 *
 * <pre>{@code
 * {"tenant":"acme","scopeKey":"jira:project:BG","entityType":"issues","status":"running","itemsDone":1200,
 *  "itemsEstimate":5000,"progressPct":24.0,"itemsPerSecond":40.0,"etaSeconds":95,"overrun":false,
 *  "startedAt":"2026-01-01T00:00:00Z","lastProgressAt":"2026-01-01T00:00:30Z","finishedAt":null,
 *  "elapsedSeconds":30,"stalled":false,"stalledForSeconds":0,"lastError":null,"resumeAt":null,
 *  "waitReason":null,"throughputPerSecond":40.0}
 * }</pre>
 *
 * <p>{@code resumeAt}, {@code waitReason} and {@code throughputPerSecond} came later than the other
 * keys: {@link #fromJson} reads JSON without them as a run that is not waiting, with the throughput
 * equal to {@code itemsPerSecond}.
 *
 * <p>Thread-safe. Jackson is an implementation detail and appears in no signature.
 */
public final class ProgressJson {
  // Safe to inline in a page: <, >, &, U+2028/2029 and control characters are escaped.
  private static final ObjectMapper MAPPER = SafeJson.newMapper();

  private ProgressJson() {}

  /**
   * Renders one snapshot as a JSON object.
   *
   * @param snapshot the snapshot
   * @return compact JSON
   */
  public static String toJson(ProgressSnapshot snapshot) {
    return write(node(Objects.requireNonNull(snapshot, "snapshot")));
  }

  /**
   * Renders snapshots as a JSON array, in the given order.
   *
   * @param snapshots the snapshots
   * @return compact JSON
   */
  public static String toJson(List<ProgressSnapshot> snapshots) {
    ArrayNode array = MAPPER.createArrayNode();
    for (ProgressSnapshot snapshot : snapshots) {
      array.add(node(snapshot));
    }
    return write(array);
  }

  /**
   * Reads a snapshot written by {@link #toJson(ProgressSnapshot)}.
   *
   * @param json the JSON object
   * @return the snapshot
   * @throws IllegalArgumentException if the text is not such an object
   */
  public static ProgressSnapshot fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a JSON progress snapshot: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON progress snapshot: expected an object");
    }
    try {
      return new ProgressSnapshot(
          text(node, "tenant"),
          ScopeKey.parse(text(node, "scopeKey")),
          EntityType.of(text(node, "entityType")),
          ProgressStatus.valueOf(text(node, "status").toUpperCase(Locale.ROOT)),
          required(node, "itemsDone").asLong(),
          optionalLong(node, "itemsEstimate"),
          isNull(node, "progressPct") ? null : required(node, "progressPct").asDouble(),
          required(node, "itemsPerSecond").asDouble(),
          optionalLong(node, "etaSeconds"),
          required(node, "overrun").asBoolean(),
          instant(node, "startedAt"),
          instant(node, "lastProgressAt"),
          instant(node, "finishedAt"),
          node.path("elapsedSeconds").asLong(0),
          required(node, "stalled").asBoolean(),
          required(node, "stalledForSeconds").asLong(),
          isNull(node, "lastError") ? null : required(node, "lastError").asText(),
          instant(node, "resumeAt"),
          isNull(node, "waitReason") ? null : required(node, "waitReason").asText(),
          isNull(node, "throughputPerSecond")
              ? required(node, "itemsPerSecond").asDouble()
              : required(node, "throughputPerSecond").asDouble());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a valid progress snapshot: " + Sanitizer.sanitize(e.getMessage(), 300), e);
    }
  }

  private static ObjectNode node(ProgressSnapshot s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("tenant", s.tenant());
    node.put("scopeKey", s.scopeKey().toString());
    node.put("entityType", s.entityType().name());
    node.put("status", s.status().name().toLowerCase(Locale.ROOT));
    node.put("itemsDone", s.itemsDone());
    node.put("itemsEstimate", s.itemsEstimate());
    node.put("progressPct", s.progressPct());
    node.put("itemsPerSecond", s.itemsPerSecond());
    node.put("etaSeconds", s.etaSeconds());
    node.put("overrun", s.overrun());
    node.put("startedAt", iso(s.startedAt()));
    node.put("lastProgressAt", iso(s.lastProgressAt()));
    node.put("finishedAt", iso(s.finishedAt()));
    node.put("elapsedSeconds", s.elapsedSeconds());
    node.put("stalled", s.stalled());
    node.put("stalledForSeconds", s.stalledForSeconds());
    node.put("lastError", s.lastError());
    node.put("resumeAt", iso(s.resumeAt()));
    node.put("waitReason", s.waitReason());
    node.put("throughputPerSecond", s.throughputPerSecond());
    return node;
  }

  private static @Nullable String iso(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return value;
  }

  private static boolean isNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull();
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  private static @Nullable Long optionalLong(JsonNode node, String field) {
    return isNull(node, field) ? null : required(node, field).asLong();
  }

  private static @Nullable Instant instant(JsonNode node, String field) {
    return isNull(node, field) ? null : Instant.parse(required(node, field).asText());
  }
}
