package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.JavadocExamples;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the progress package's Javadoc examples and checks the Javadoc shows exactly that code. */
final class ProgressSnippetsTest {
  private static final Path MAIN = Path.of("src/main/java/dev/pulse/progress");
  private static final Path SNIPPETS =
      Path.of("src/test/java/dev/pulse/progress/ProgressSnippets.java");
  private static final ScopeKey SCOPE = ScopeKey.parse("jira:project:BG");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  record Ticket(String id, Instant updatedAt) {
    Position position() {
      return Position.at(updatedAt, id);
    }
  }

  private final FakeClock clock = new FakeClock();
  private final InMemoryProgressStore store = new InMemoryProgressStore();
  private final List<Ticket> tickets = new ArrayList<>();
  private final InMemoryConnector<Ticket> connector;

  ProgressSnippetsTest() {
    for (int i = 1; i <= 25; i++) {
      tickets.add(new Ticket(Integer.toString(i), T0.plusSeconds(i)));
    }
    connector =
        InMemoryConnector.<Ticket>builder("jira", EntityType.ISSUES, Ticket::position)
            .scope(SCOPE, tickets)
            .build();
  }

  /** The 15 tickets after a watermark at ticket 10, in batches of 5. */
  private List<Batch<Ticket>> batchesAfterTen() {
    List<Batch<Ticket>> batches = new ArrayList<>();
    for (int from = 10; from < 25; from += 5) {
      List<Ticket> items = tickets.subList(from, from + 5);
      batches.add(new Batch<>(SCOPE, items, items.get(4).position(), batches.size()));
    }
    return batches;
  }

  private Watermark watermarkAtTen() {
    Ticket tenth = tickets.get(9);
    return new Watermark(
        ScopeId.of("acme", EntityType.ISSUES, SCOPE), tenth.position(), 10, tenth.updatedAt());
  }

  @Test
  void javadocExamples_areTheSnippetRegions() {
    JavadocExamples.assertExamplesAreRegions(
        MAIN.resolve("ProgressTracker.java"), SNIPPETS, "trackOneScope");
  }

  @Test
  void trackOneScope_everyBatchStored_doneWithTheRunsItems() throws Exception {
    List<Integer> written = new ArrayList<>();

    ProgressTracker tracker =
        ProgressSnippets.trackOneScope(
            clock,
            store,
            connector,
            SCOPE,
            watermarkAtTen(),
            batchesAfterTen(),
            (key, batch) -> {
              clock.advanceSeconds(1);
              written.add(batch.size());
            });

    ProgressSnapshot snapshot = store.find("acme", EntityType.ISSUES, SCOPE).orElseThrow();
    assertEquals(ProgressStatus.DONE, snapshot.status());
    assertEquals(15, snapshot.itemsDone());
    assertEquals(15L, snapshot.itemsEstimate());
    assertEquals(List.of(5, 5, 5), written);
    assertEquals(snapshot, tracker.snapshot("acme", EntityType.ISSUES, SCOPE).orElseThrow());
  }

  @Test
  void trackOneScope_sinkFails_failedAndRethrown() {
    IllegalStateException boom = new IllegalStateException("disk full");
    List<Batch<Ticket>> batches = batchesAfterTen();

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                ProgressSnippets.trackOneScope(
                    clock,
                    store,
                    connector,
                    SCOPE,
                    watermarkAtTen(),
                    batches,
                    (key, batch) -> {
                      if (batch.sequence() == 1) {
                        throw boom;
                      }
                    }));

    assertSame(boom, thrown);
    ProgressSnapshot snapshot = store.find("acme", EntityType.ISSUES, SCOPE).orElseThrow();
    assertEquals(ProgressStatus.FAILED, snapshot.status());
    assertEquals(5, snapshot.itemsDone());
    assertEquals("IllegalStateException: disk full", snapshot.lastError());
  }

  @Test
  void progressJsonExample_readsAndRendersToItself() {
    List<String> examples = JavadocExamples.examples(MAIN.resolve("ProgressJson.java"));

    assertEquals(1, examples.size());
    String json = examples.get(0);
    String rendered = ProgressJson.toJson(ProgressJson.fromJson(json));
    assertEquals(JavadocExamples.normalize(json), JavadocExamples.normalize(rendered));
    assertTrue(rendered.contains("\"status\":\"running\""), rendered);
  }
}
