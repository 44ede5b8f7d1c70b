package dev.pulse.testkit.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON reader and writer of the fake servers, over Jackson.
 *
 * <p>Values are {@link Map} (insertion-ordered), {@link List}, {@link String}, {@link Number}
 * ({@link java.math.BigDecimal} for decimals when read), {@link Boolean} and null. Writing escapes
 * every control character, so a NUL byte in a string is sent as {@code \u0000}, exactly as a vendor
 * would. Stateless and thread-safe.
 */
public final class FakeJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private FakeJson() {}

  /**
   * Writes a value as JSON.
   *
   * @param value a map, list, string, number, boolean or null
   * @return the JSON text
   * @throws IllegalArgumentException for a value Jackson cannot write
   */
  public static String write(@Nullable Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON text.
   *
   * @param text the JSON
   * @return the value
   * @throws IllegalArgumentException if the text is not JSON
   */
  public static @Nullable Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
