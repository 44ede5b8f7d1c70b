package dev.pulse.connectors.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The module's one Jackson mapper and the helpers that read vendor JSON leniently. */
public final class Json {
  /** Shared and thread-safe once configured; never handed out of the module. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode streamArray(
      byte[] body, String arrayField, Set<String> skip, Consumer<JsonNode> each)
      throws IOException {
    ObjectNode rest = MAPPER.createObjectNode();
    try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new com.fasterxml.jackson.core.JsonParseException(parser, "expected an object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(arrayField) && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode element = skip.isEmpty() ? MAPPER.readTree(parser) : read(parser, skip);
            each.accept(element);
          }
        } else {
          JsonNode node = MAPPER.readTree(parser);
          rest.set(field, node);
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(parser, "trailing content");
      }
    }
    return rest;
  }

  /**
   * Reads the value at the parser's current token as {@code readTree} does, leaving out every field
   * whose name is in {@code skip} (its value is skipped unparsed).
   */
  private static JsonNode read(JsonParser parser, Set<String> skip) throws IOException {
    JsonNodeFactory nodes = MAPPER.getNodeFactory();
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected end of input");
    }
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if (skip.contains(name)) {
            parser.skipChildren();
          } else {
            object.set(name, read(parser, skip));
          }
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser, skip));
        }
        return array;
      }
      case VALUE_STRING -> {
        return nodes.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> nodes.numberNode(parser.getIntValue());
          case LONG -> nodes.numberNode(parser.getLongValue());
          default -> nodes.numberNode(parser.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return nodes.numberNode(parser.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return nodes.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return nodes.booleanNode(false);
      }
      case VALUE_NULL -> {
        return nodes.nullNode();
      }
      default ->
          throw new com.fasterxml.jackson.core.JsonParseException(
              parser, "unexpected token " + token);
    }
  }

  /**
   * Returns a field's text, or null when it is missing, null or not a scalar.
   *
   * @param node the object
   * @param field the field name
   * @return the text or null
   */
  public static @Nullable String text(@Nullable JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    // One call to learn the kind instead of three (this runs for nearly every field read).
    return switch (value.getNodeType()) {
      case STRING -> value.textValue();
      case NULL, OBJECT, ARRAY -> null;
      default -> value.asText();
    };
  }

  /**
   * Returns a field's text with every NUL (0x00) removed, or null when it is missing, null or not a
   * scalar. PostgreSQL rejects NUL in text, and one bad row would fail a whole batch upsert
   * downstream, so texts that leave a connector go through this or {@link #stripNul(String)}.
   *
   * @param node the object
   * @param field the field name
   * @return the text without NUL bytes, or null
   */
  public static @Nullable String cleanText(@Nullable JsonNode node, String field) {
    String text = text(node, field);
    return text == null ? null : stripNul(text);
  }

  /**
   * Removes every NUL (0x00) from a text.
   *
   * @param text the text
   * @return the text without NUL bytes; the same instance when it has none
   */
  public static String stripNul(String text) {
    return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
  }

  /**
   * Returns a child object or array, or null when it is missing or JSON null.
   *
   * @param node the object
   * @param field the field name
   * @return the child or null
   */
  public static @Nullable JsonNode child(@Nullable JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }
}
