package dev.pulse.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.testing.JavadocExamples;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Javadoc example of {@link InMemoryConnector} compiles, runs and is the region below. */
final class InMemoryConnectorSnippetsTest {
  record Ticket(long id, Instant updatedAt) {}

  @Test
  void example_buildsAConnectorOverAList() {
    List<Ticket> tickets = List.of(new Ticket(9, Instant.EPOCH), new Ticket(10, Instant.EPOCH));
    // @start region=build
    InMemoryConnector<Ticket> connector =
        InMemoryConnector.builder(
                "memory", EntityType.ISSUES, (Ticket t) -> Position.at(t.updatedAt(), t.id()))
            .scope(ScopeKey.of("memory", "project", "BG"), tickets)
            .build();
    // @end
    assertEquals(List.of(ScopeKey.of("memory", "project", "BG")), connector.discoverScopes());
  }

  @Test
  void javadocExample_isTheRegion() {
    JavadocExamples.assertExamplesAreRegions(
        Path.of("src/main/java/dev/pulse/inmemory/InMemoryConnector.java"),
        Path.of("src/test/java/dev/pulse/inmemory/InMemoryConnectorSnippetsTest.java"),
        "build");
  }
}
