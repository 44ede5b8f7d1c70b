package dev.pulse.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link PipelineStatus} as JSON with stable camelCase names: exactly the component names
 * of {@link PipelineStatus}, {@link SourceStatus}, {@link ScopeStatus} and {@link ErrorEnvelope}.
 *
 * <p>The schema (documented in {@code docs/operations.md}): instants are ISO-8601 strings, health
 * states and codes are enum names, every field is present and unknown values are {@code null},
 * errors are {@code {"code": ..., "message": ...}}. Fields may be added; none is renamed or
 * removed. Thread-safe.
 */
public final class StatusJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatusJson() {}

  /**
   * Renders a status.
   *
   * @param status the status
   * @return pretty-printed JSON
   */
  public static String write(PipelineStatus status) {
    try {
      return MAPPER.writeValueAsString(toTree(status));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a status tree could not be rendered", e);
    }
  }

  private static ObjectNode toTree(PipelineStatus status) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("pipeline", status.pipeline());
    instant(root, "generatedAt", status.generatedAt());
    root.put("health", status.health().name());
    root.put("healthReason", status.healthReason());
    map(root.putObject("labels"), status.labels());
    map(root.putObject("annotations"), status.annotations());
    ArrayNode sources = root.putArray("sources");
    for (SourceStatus source : status.sources()) {
      ObjectNode node = sources.addObject();
      node.put("source", source.source());
      node.put("entityType", source.entityType());
      node.put("health", source.health().name());
      node.put("healthReason", source.healthReason());
      node.put("connectorHealth", source.connectorHealth());
      instant(node, "lastRunStartedAt", source.lastRunStartedAt());
      instant(node, "lastRunFinishedAt", source.lastRunFinishedAt());
      instant(node, "nextRunAt", source.nextRunAt());
      instant(node, "rateLimitedUntil", source.rateLimitedUntil());
      error(node, "error", source.error());
      ArrayNode scopes = node.putArray("scopes");
      for (ScopeStatus scope : source.scopes()) {
        scope(scopes.addObject(), scope);
      }
    }
    return root;
  }

  private static void scope(ObjectNode node, ScopeStatus scope) {
    node.put("scope", scope.scope());
    node.put("tenant", scope.tenant());
    node.put("health", scope.health().name());
    node.put("healthReason", scope.healthReason());
    node.put("watermarkPosition", scope.watermarkPosition());
    instant(node, "watermarkUpdatedAt", scope.watermarkUpdatedAt());
    node.put("watermarkAgeSeconds", scope.watermarkAgeSeconds());
    node.put("itemsStored", scope.itemsStored());
    node.put("lagItems", scope.lagItems());
    node.put("progressStatus", scope.progressStatus());
    node.put("itemsPerSecond", scope.itemsPerSecond());
    node.put("etaSeconds", scope.etaSeconds());
    node.put("stalled", scope.stalled());
    instant(node, "lastSuccessAt", scope.lastSuccessAt());
    error(node, "lastError", scope.lastError());
    node.put("deadLetters", scope.deadLetters());
    node.put("attempts", scope.attempts());
    node.put("consecutiveFailures", scope.consecutiveFailures());
    instant(node, "retryAt", scope.retryAt());
  }

  private static void instant(ObjectNode node, String name, @Nullable Instant value) {
    node.put(name, value == null ? null : value.toString());
  }

  private static void error(ObjectNode node, String name, @Nullable ErrorEnvelope error) {
    if (error == null) {
      node.putNull(name);
    } else {
      ObjectNode envelope = node.putObject(name);
      envelope.put("code", error.code().name());
      envelope.put("message", error.message());
    }
  }

  private static void map(ObjectNode node, Map<String, String> values) {
    values.forEach(node::put);
  }
}
