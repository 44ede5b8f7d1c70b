package dev.pulse.kafka.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.ErrorCode;
import dev.pulse.InvalidScopeKeyException;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.TieBreaker;
import dev.pulse.internal.Sanitizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Connect's names for Pulse's progress: a scope is the source partition {@code {"scope": "<scope
 * key>"}} and a position the source offset {@code {"position": "<position as JSON>"}}.
 *
 * <p>Both maps have one key on purpose: Connect stores a partition map serialized as JSON, and a
 * map of several keys may serialize in a different order in another JVM, after which the stored
 * offset is no longer found. The position's JSON names its cursor ({@code instant} as ISO-8601 or
 * {@code token}) and its tie-breaker ({@code number} or {@code text}, absent for none), for example
 * {@code {"instant":"2026-01-01T00:00:10Z","text":"r000-b10"}}, so an operator can write one when
 * rewinding a scope through Connect's offsets API. Stateless and thread-safe.
 */
final class Offsets {
  static final String SCOPE = "scope";
  static final String POSITION = "position";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_QUOTED = 120;

  private Offsets() {}

  /** Returns the source partition of a scope. */
  static Map<String, String> partition(ScopeKey scope) {
    return Map.of(SCOPE, scope.toString());
  }

  /** Returns the source offset of a position. */
  static Map<String, String> offset(Position position) {
    return Map.of(POSITION, encode(position));
  }

  /**
   * Reads the position of a stored source offset.
   *
   * @param scope the scope the offset belongs to, for the message
   * @param offset the stored offset, or null when the scope has none
   * @return the position, or null when there is none (read the scope from its start)
   * @throws ConnectException with {@link ErrorCode#INVALID_DATA} if the offset is malformed
   */
  static @Nullable Position position(ScopeKey scope, @Nullable Map<String, ?> offset) {
    if (offset == null) {
      return null;
    }
    Object text = offset.get(POSITION);
    if (text == null) {
      return null;
    }
    if (!(text instanceof String json)) {
      throw malformed(scope, "its \"" + POSITION + "\" is not a string");
    }
    try {
      return decode(json);
    } catch (IllegalArgumentException e) {
      throw malformed(scope, e.getMessage() + " in \"" + Sanitizer.quote(json, MAX_QUOTED) + "\"");
    }
  }

  /**
   * Reads the scope of a source partition.
   *
   * @throws IllegalArgumentException if the partition is not {@code {"scope": "<scope key>"}}
   */
  static ScopeKey scope(Map<String, ?> partition) {
    Object text = partition.get(SCOPE);
    if (partition.size() != 1 || !(text instanceof String key)) {
      throw new IllegalArgumentException(
          "a source partition must be {\""
              + SCOPE
              + "\": \"<scope key>\"} but had "
              + partition.keySet());
    }
    try {
      return ScopeKey.parse(key);
    } catch (InvalidScopeKeyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Writes a position as compact JSON. */
  static String encode(Position position) {
    ObjectNode node = MAPPER.createObjectNode();
    Instant instant = position.instant();
    if (instant != null) {
      node.put("instant", instant.toString());
    } else {
      node.put("token", Objects.requireNonNull(position.token(), "token"));
    }
    TieBreaker tie = position.tieBreaker();
    switch (tie.kind()) {
      case NUMBER -> node.put("number", tie.number());
      case TEXT -> node.put("text", tie.text());
      case NONE -> {
        // No tie-breaker: the cursor alone orders the records.
      }
    }
    return node.toString();
  }

  /**
   * Reads a position written by {@link #encode}.
   *
   * @throws IllegalArgumentException if the text is not such a position; the message does not quote
   *     it
   */
  static Position decode(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the position is not JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the position is not a JSON object");
    }
    JsonNode number = node.get("number");
    JsonNode text = node.get("text");
    TieBreaker tie;
    if (number != null && text != null) {
      throw new IllegalArgumentException("the position has both \"number\" and \"text\"");
    } else if (number != null) {
      if (!number.canConvertToLong() || !number.isIntegralNumber()) {
        throw new IllegalArgumentException("the position's \"number\" is not a whole number");
      }
      tie = TieBreaker.number(number.longValue());
    } else if (text != null) {
      if (!text.isTextual() || text.textValue().isEmpty()) {
        throw new IllegalArgumentException("the position's \"text\" is not a non-empty string");
      }
      tie = TieBreaker.text(text.textValue());
    } else {
      tie = TieBreaker.none();
    }
    JsonNode instant = node.get("instant");
    JsonNode token = node.get("token");
    if ((instant == null) == (token == null)) {
      throw new IllegalArgumentException(
          "the position needs exactly one of \"instant\" and \"token\"");
    }
    if (instant != null) {
      if (!instant.isTextual()) {
        throw new IllegalArgumentException("the position's \"instant\" is not a string");
      }
      try {
        return Position.at(Instant.parse(instant.textValue()), tie);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("the position's \"instant\" is not ISO-8601", e);
      }
    }
    if (!token.isTextual()) {
      throw new IllegalArgumentException("the position's \"token\" is not a string");
    }
    return Position.token(token.textValue(), tie);
  }

  private static ConnectException malformed(ScopeKey scope, String why) {
    return new ConnectException(
        ErrorCode.INVALID_DATA
            + ": the stored source offset of scope "
            + scope
            + " is not a Pulse position: "
            + why
            + "; rewrite it through PATCH /connectors/<name>/offsets or reset it");
  }
}
