package dev.pulse.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryConnector;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded service serves its pipeline's status and starts and stops with the service. */
final class StatusServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static InMemoryConnector<Long> connector() {
    Instant t = Instant.parse("2026-05-01T00:00:00Z");
    return InMemoryConnector.builder(
            "numbers", EntityType.of("numbers"), (Long n) -> Position.at(t.plusSeconds(n), n))
        .scope(ScopeKey.of("numbers", "range", "low"), List.of(1L, 2L, 3L))
        .scope(ScopeKey.of("numbers", "range", "high"), List.of(10L, 11L))
        .build();
  }

  private static JsonNode get(StatusService service) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(service.statusUri()).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    return JSON.readTree(response.body());
  }

  @Test
  void startAndStop_serveTheStatusOnlyWhileTheServiceRuns()
      throws IOException, InterruptedException {
    StatusService service = new StatusService(connector(), (key, batch) -> {}, 0);
    service.start();
    JsonNode status = get(service);
    assertEquals("embedded", status.get("pipeline").asText());
    assertEquals("platform", status.get("labels").get("team").asText());
    assertEquals("numbers/numbers", status.get("sources").get(0).get("source").asText());
    service.stop(Duration.ofSeconds(5));
    assertThrows(IOException.class, () -> get(service), "the port is closed after stop");
  }

  @Test
  void ingestOnce_thenTheStatusShowsWhatWasStored() throws IOException, InterruptedException {
    List<Long> stored = Collections.synchronizedList(new ArrayList<>());
    StatusService service =
        new StatusService(connector(), (key, batch) -> stored.addAll(batch.items()), 0);
    assertEquals(5, service.ingestOnce().itemsStored());
    assertEquals(List.of(1L, 2L, 3L, 10L, 11L), stored.stream().sorted().toList());
    service.start();
    try {
      JsonNode scopes = get(service).get("sources").get(0).get("scopes");
      assertEquals(2, scopes.size());
      assertEquals("numbers:range:high", scopes.get(0).get("scope").asText());
      assertEquals(2, scopes.get(0).get("itemsStored").asLong());
      assertEquals(3, scopes.get(1).get("itemsStored").asLong());
    } finally {
      service.stop(Duration.ofSeconds(5));
    }
  }
}
