package dev.pulse.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;

/** Lists of strings as JSON arrays in one text column, readable in SQL. */
final class JsonStrings {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private JsonStrings() {}

  static String encode(Collection<String> values) {
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
