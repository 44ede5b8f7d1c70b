package dev.pulse.connectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class JsonTest {
  private static final String PAGE =
      "{\"startAt\":0,\"issues\":["
          + "{\"id\":\"1\",\"self\":\"/x/1\",\"n\":7,\"big\":12345678901,"
          + "\"huge\":123456789012345678901234567890,\"f\":1.5,\"t\":true,\"no\":false,"
          + "\"nil\":null,\"deep\":{\"author\":{\"name\":\"a\"},\"keep\":[1,\"two\",{\"self\":1}]}},"
          + "{\"id\":\"2\",\"author\":\"b\",\"items\":[]}"
          + "],\"isLast\":true,\"self\":\"/kept/at/the/top\"}";

  private static List<JsonNode> elements(Set<String> skip, List<JsonNode> into) throws IOException {
    JsonNode rest =
        Json.streamArray(PAGE.getBytes(StandardCharsets.UTF_8), "issues", skip, into::add);
    assertEquals(
        Json.MAPPER.readTree("{\"startAt\":0,\"isLast\":true,\"self\":\"/kept/at/the/top\"}"),
        rest);
    return into;
  }

  @Test
  void streamArray_withSkips_isTheTreeWithoutThoseFieldsAtAnyDepth() throws IOException {
    List<JsonNode> lean = elements(Set.of("self", "author"), new ArrayList<>());
    List<JsonNode> full = elements(Set.of(), new ArrayList<>());

    JsonNode expected = Json.MAPPER.readTree(PAGE).get("issues");
    for (JsonNode issue : expected) {
      ((ObjectNode) issue).remove(List.of("self", "author"));
    }
    ((ObjectNode) expected.get(0).get("deep")).remove("author");
    ((ObjectNode) expected.get(0).get("deep").get("keep").get(2)).remove("self");
    assertEquals(List.of(expected.get(0), expected.get(1)), lean);
    assertEquals(
        List.of(
            Json.MAPPER.readTree(PAGE).get("issues").get(0),
            Json.MAPPER.readTree(PAGE).get("issues").get(1)),
        full);
    assertEquals(
        Json.MAPPER.readTree(PAGE).get("issues").get(0).get("huge"), lean.get(0).get("huge"));
  }

  @Test
  void streamArray_cutOffBody_fails() {
    byte[] cut = PAGE.substring(0, 60).getBytes(StandardCharsets.UTF_8);
    assertThrows(IOException.class, () -> Json.streamArray(cut, "issues", Set.of("self"), n -> {}));
  }

  @Test
  void text_scalarsAsText_containersAndNullAsNull() throws IOException {
    JsonNode node =
        Json.MAPPER.readTree("{\"s\":\"x\",\"n\":3,\"b\":true,\"z\":null,\"o\":{},\"a\":[]}");
    assertEquals("x", Json.text(node, "s"));
    assertEquals("3", Json.text(node, "n"));
    assertEquals("true", Json.text(node, "b"));
    assertNull(Json.text(node, "z"));
    assertNull(Json.text(node, "o"));
    assertNull(Json.text(node, "a"));
    assertNull(Json.text(node, "missing"));
    assertNull(Json.text(null, "s"));
  }
}
