package dev.pulse.connectors.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.EffortSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class EffortChainTest {
  private static final JiraFields FIELDS =
      new JiraFields(
          "customfield_10020", "customfield_20000", List.of("customfield_1", "customfield_2"));

  private static EffortChain.Estimate estimate(String json) throws Exception {
    JsonNode fields = Json.MAPPER.readTree(json);
    return new EffortChain(FIELDS).estimate(fields);
  }

  @Test
  void storyPoints_discoveredFieldFirst_thenDefaults_positiveOnly() throws Exception {
    assertEquals(
        new EffortChain.Estimate(8.0, EffortSource.STORY_POINTS),
        estimate("{\"customfield_20000\": 8, \"customfield_10016\": 3}"));
    assertEquals(
        new EffortChain.Estimate(3.0, EffortSource.STORY_POINTS),
        estimate("{\"customfield_20000\": 0, \"customfield_10016\": 3}"),
        "0 is not estimated and falls through");
    assertEquals(
        new EffortChain.Estimate(5.0, EffortSource.STORY_POINTS),
        estimate("{\"customfield_10016\": -2, \"customfield_10028\": \"5\"}"));
    assertEquals(
        new EffortChain.Estimate(2.0, EffortSource.STORY_POINTS),
        estimate(
            "{\"customfield_10016\": \"\", \"customfield_10028\": \"x\", \"story_points\": 2}"));
  }

  @Test
  void tshirt_everySize_fromStringOrOptionObject() throws Exception {
    Map<String, Double> sizes =
        Map.ofEntries(
            Map.entry("PP", 1.0),
            Map.entry("P", 2.0),
            Map.entry("M", 3.0),
            Map.entry("G", 5.0),
            Map.entry("GG", 8.0),
            Map.entry("GGG", 13.0),
            Map.entry("XS", 1.0),
            Map.entry("S", 2.0),
            Map.entry("L", 5.0),
            Map.entry("XL", 8.0),
            Map.entry("XXL", 13.0));
    for (Map.Entry<String, Double> size : sizes.entrySet()) {
      assertEquals(
          new EffortChain.Estimate(size.getValue(), EffortSource.TSHIRT_TO_POINTS),
          estimate(
              "{\"customfield_1\": \"" + size.getKey().toLowerCase(java.util.Locale.ROOT) + "\"}"),
          size.getKey());
    }
    assertEquals(3.0, estimate("{\"customfield_1\": {\"value\": \" M \"}}").points());
    assertEquals(5.0, estimate("{\"customfield_1\": {\"name\": \"G\"}}").points());
    assertEquals(8.0, estimate("{\"customfield_1\": {\"displayName\": \"XL\"}}").points());
    assertEquals(
        2.0,
        estimate("{\"customfield_1\": {\"value\": \"huge\"}, \"customfield_2\": \"P\"}").points(),
        "an unknown label falls through to the next field");
  }

  @Test
  void originalEstimate_hourBuckets_atEveryBoundary() throws Exception {
    double[][] cases = {
      {1, 1}, {4, 1}, {4.01, 2}, {8, 2}, {16, 3}, {16.5, 5}, {24, 5}, {40, 8}, {80, 13}, {81, 21}
    };
    for (double[] c : cases) {
      long seconds = Math.round(c[0] * 3600);
      assertEquals(
          new EffortChain.Estimate(c[1], EffortSource.HOURS_TO_POINTS),
          estimate("{\"timeoriginalestimate\": " + seconds + "}"),
          c[0] + " h");
    }
  }

  @Test
  void nothing_isUnestimated_andEveryCallIsCounted() throws Exception {
    EffortChain chain = new EffortChain(FIELDS);
    chain.estimate(Json.MAPPER.readTree("{\"timeoriginalestimate\": 0}"));
    chain.estimate(Json.MAPPER.readTree("{\"customfield_1\": {\"value\": \"\"}}"));
    chain.estimate(Json.MAPPER.readTree("{\"customfield_10016\": 1}"));

    assertEquals(
        Map.of(
            EffortSource.STORY_POINTS, 1L,
            EffortSource.TSHIRT_TO_POINTS, 0L,
            EffortSource.HOURS_TO_POINTS, 0L,
            EffortSource.UNESTIMATED, 2L),
        chain.counts());
  }

  @Test
  void fieldDiscovery_byName_firstSprintAndStoryPoints_everyTshirt() throws Exception {
    JiraFields fields =
        JiraFields.discover(
            Json.MAPPER.readTree(
                "[{\"id\":\"summary\",\"name\":\"Sprint\"},"
                    + "{\"id\":\"customfield_1\",\"name\":\"Sprint\"},"
                    + "{\"id\":\"customfield_2\",\"name\":\"sprint\"},"
                    + "{\"id\":\"customfield_3\",\"name\":\"Story point estimate\"},"
                    + "{\"id\":\"customfield_4\",\"name\":\"Story Points\"},"
                    + "{\"id\":\"customfield_5\",\"name\":\"Squad T-Shirt Size\"},"
                    + "{\"id\":\"customfield_6\",\"name\":\"Tamanho/Impacto\"},"
                    + "{\"id\":\"customfield_7\",\"name\":\"TShirt size\"}]"));

    assertEquals(
        new JiraFields(
            "customfield_1",
            "customfield_3",
            List.of("customfield_5", "customfield_6", "customfield_7")),
        fields);
  }
}
