package dev.pulse.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ScopeKey;
import dev.pulse.model.Deployment;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
  private static final ScopeKey SCOPE = SyntheticDeployments.scope(3);

  @Test
  void aDeploymentIsKeyedAsItsStoresUpsertIt() {
    assertEquals(
        "r003/production/r003-b7", RecordJson.key(SyntheticDeployments.deployment(SCOPE, 7)));
  }

  @Test
  void theValueIsCanonicalJson() {
    Deployment deployment = SyntheticDeployments.deployment(SCOPE, 7);
    String json = RecordJson.value(deployment);
    assertEquals(
        "{\"buildId\":\"r003-b7\",\"commitSha\":null,\"components\":null,"
            + "\"environment\":\"production\","
            + "\"finishedAt\":\"2026-01-01T00:00:08Z\",\"ref\":null,\"repository\":\"r003\","
            + "\"result\":\"SUCCESS\",\"startedAt\":\"2026-01-01T00:00:07Z\","
            + "\"system\":{\"name\":\"jenkins\"},\"updatedAt\":\"2026-01-01T00:00:07Z\"}",
        json);
    assertEquals(json, RecordJson.value(deployment.toBuilder().build()));
  }

  @Test
  void aDeploymentsComponentsAreWrittenSorted() {
    Deployment deployment =
        SyntheticDeployments.deployment(SCOPE, 7).toBuilder()
            .components(java.util.List.of("web", "api"))
            .build();
    assertTrue(
        RecordJson.value(deployment).contains("\"components\":[\"api\",\"web\"]"),
        RecordJson.value(deployment));
    Deployment none = deployment.toBuilder().components(java.util.List.of()).build();
    assertTrue(RecordJson.value(none).contains("\"components\":[]"), "none changed: known");
  }

  @Test
  void mapsAreWrittenInKeyOrder() {
    assertEquals(
        "{\"id\":\"F-1\",\"values\":{\"a\":1,\"b\":2}}",
        RecordJson.value(new Flag("F-1", Map.of("b", 2, "a", 1))));
  }

  @Test
  void aCustomRecordIsKeyedByItsKeyOrIdComponent() {
    assertEquals("F-1", RecordJson.key(new Flag("F-1", Map.of())));
    assertEquals("k", RecordJson.key(new Keyed("k", "i")));
    assertNull(RecordJson.key(new Keyless(Instant.EPOCH)));
    assertNull(RecordJson.key("not a record"));
  }

  @Test
  void instantsAreIsoText() {
    assertTrue(RecordJson.value(new Keyless(Instant.EPOCH)).contains("\"1970-01-01T00:00:00Z\""));
  }

  /** A custom connector's record with an id. */
  public record Flag(String id, Map<String, Integer> values) {}

  /** A record with both a key and an id: the key wins. */
  public record Keyed(String key, String id) {}

  /** A record without a natural key. */
  public record Keyless(Instant at) {}
}
