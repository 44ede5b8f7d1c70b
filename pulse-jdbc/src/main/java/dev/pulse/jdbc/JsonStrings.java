package dev.pulse.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.SprintChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Lists of strings, and an issue's sprint changes, as JSON arrays in one text column, readable in
 * SQL.
 */
final class JsonStrings {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  /**
   * What most rows hold (no components, no sprint changes): read and written without a JSON parser
   * or generator, which would cost a few hundred bytes per row on every streamed read.
   */
  private static final String EMPTY = "[]";

  private static final String SPRINT = "sprint";
  private static final String ACTION = "action";
  private static final String AT = "at_us";

  private JsonStrings() {}

  /**
   * Writes sprint changes as {@code [{"sprint": "12", "action": "JOINED", "at_us":
   * 1767225600000000}]}; times in microseconds since the epoch, as every time column, finer digits
   * dropped.
   */
  static String encodeSprintChanges(List<SprintChange> changes) {
    if (changes.isEmpty()) {
      return EMPTY;
    }
    ArrayNode array = MAPPER.createArrayNode();
    for (SprintChange change : changes) {
      ObjectNode node = array.addObject();
      node.put(SPRINT, change.sprintId());
      node.put(ACTION, change.action().name());
      node.put(AT, Rows.micros(change.at()));
    }
    return array.toString();
  }

  /**
   * Reads sprint changes written by {@link #encodeSprintChanges}.
   *
   * @throws IllegalArgumentException if the column does not hold them; the message never quotes it
   */
  static List<SprintChange> decodeSprintChanges(String json) {
    if (json.equals(EMPTY)) {
      return List.of();
    }
    JsonNode array;
    try {
      array = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON array of sprint changes", e);
    }
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("not a JSON array of sprint changes");
    }
    List<SprintChange> out = new ArrayList<>(array.size());
    for (JsonNode node : array) {
      JsonNode sprint = node.get(SPRINT);
      JsonNode action = node.get(ACTION);
      JsonNode at = node.get(AT);
      if (sprint == null
          || !sprint.isTextual()
          || action == null
          || !action.isTextual()
          || at == null
          || !at.canConvertToLong()) {
        throw new IllegalArgumentException("not a JSON array of sprint changes");
      }
      SprintChange.Action kind;
      try {
        kind = SprintChange.Action.valueOf(action.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a sprint change with an unknown action", e);
      }
      out.add(new SprintChange(sprint.asText(), kind, Rows.instant(at.asLong())));
    }
    return out;
  }

  static String encode(Collection<String> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings could not be written as JSON", e);
    }
  }

  /**
   * Reads a JSON array of strings.
   *
   * @throws IllegalArgumentException if the column does not hold one; the message never quotes it
   */
  static List<String> decode(String json) {
    if (json.equals(EMPTY)) {
      return List.of();
    }
    try {
      List<String> values = MAPPER.readValue(json, STRINGS);
      if (values == null || values.contains(null)) {
        throw new IllegalArgumentException("not a JSON array of strings");
      }
      return List.copyOf(values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON array of strings", e);
    }
  }
}
