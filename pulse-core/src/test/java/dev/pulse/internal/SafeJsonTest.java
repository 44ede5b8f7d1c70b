package dev.pulse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SafeJsonTest {
  private static final String HOSTILE =
      "</script><img src=x onerror=alert(1)>&'\u2028\u2029\u0000\u007f\u0085\u200b\u202e\ud83d\ude00";

  @Test
  void writeValueAsString_escapesInlineHazards() throws Exception {
    String json = SafeJson.newMapper().writeValueAsString(Map.of("k<", HOSTILE));

    assertEquals(
        "{\"k\\u003C\":\"\\u003C/script\\u003E\\u003Cimg src=x onerror=alert(1)\\u003E\\u0026\\u0027"
            + "\\u2028\\u2029\\u0000\\u007F\\u0085\\u200b\\u202e\\ud83d\\ude00\"}",
        json);
  }

  @Test
  void writeValueAsBytes_escapesAndRoundTrips() throws Exception {
    ObjectMapper mapper = SafeJson.newMapper();
    byte[] bytes = mapper.writeValueAsBytes(Map.of("v", HOSTILE));
    String json = new String(bytes, StandardCharsets.UTF_8);

    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      int type = Character.getType(c);
      boolean raw =
          c == '<'
              || c == '>'
              || c == '&'
              || c == '\u2028'
              || c == '\u2029'
              || type == Character.CONTROL
              || type == Character.FORMAT;
      assertEquals(false, raw, "raw character at " + i + " in " + json);
    }
    assertEquals(HOSTILE, new ObjectMapper().readValue(bytes, Map.class).get("v"));
  }

  @Test
  void loneSurrogate_writtenEscapedNotRejected() throws Exception {
    String json = SafeJson.newMapper().writeValueAsString("a\ud800b");

    assertEquals("\"a\\ud800b\"", json);
  }
}
