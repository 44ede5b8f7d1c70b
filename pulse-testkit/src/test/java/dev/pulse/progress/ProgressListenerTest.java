package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.InMemoryWatermarkStore;
import dev.pulse.Ingestion;
import dev.pulse.Position;
import dev.pulse.ReadOptions;
import dev.pulse.ScopeKey;
import dev.pulse.testkit.FakeClock;
import dev.pulse.testkit.InMemoryConnector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProgressListenerTest {
  private static final ScopeKey BG = ScopeKey.of("memory", "project", "BG");
  private static final ScopeKey OPS = ScopeKey.of("memory", "project", "OPS");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  record Ticket(String id, Instant updatedAt) {}

  private final FakeClock clock = new FakeClock();
  private final ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();

  private static List<Ticket> tickets(int count) {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      tickets.add(new Ticket(Integer.toString(i), T0.plusSeconds(i)));
    }
    return tickets;
  }

  private Ingestion.Builder<Ticket> ingestion(dev.pulse.spi.Sink<Ticket> sink) {
    InMemoryConnector<Ticket> connector = InMemoryConnector
        .<Ticket>builder("memory", EntityType.ISSUES, t -> Position.at(t.updatedAt(), t.id()))
        .scope(BG, tickets(25))
        .scope(OPS, tickets(7))
        .build();
    return Ingestion.builder(connector, sink, new InMemoryWatermarkStore())
        .tenant("acme").clock(clock).listener(tracker.listener())
        .readOptions(ReadOptions.builder().pageSize(10).executor(Runnable::run).build());
  }

  @Test
  void listener_tracksEveryScopeToDoneWithItsPreCount() {
    ingestion((key, batch) -> clock.advanceSeconds(2)).build().run();

    ProgressSnapshot bg = tracker.snapshot("acme", EntityType.ISSUES, BG).orElseThrow();
    assertEquals(ProgressStatus.DONE, bg.status());
    assertEquals(25, bg.itemsDone());
    assertEquals(25L, bg.itemsEstimate());
    assertEquals(100.0, bg.progressPct());
    assertEquals(ProgressStatus.DONE, tracker.snapshot("acme", EntityType.ISSUES, OPS).orElseThrow().status());
  }

  @Test
  void listener_failedScope_isFailedWithItsErrorCode_andOthersAreDone() {
    ingestion((key, batch) -> {
      if (key.scope().equals(BG) && batch.sequence() == 1) {
        throw new java.io.IOException("password=hunter2");
      }
    }).build().run();

    ProgressSnapshot bg = tracker.snapshot("acme", EntityType.ISSUES, BG).orElseThrow();
    assertEquals(ProgressStatus.FAILED, bg.status());
    assertEquals(10, bg.itemsDone());
    String error = String.valueOf(bg.lastError());
    assertTrue(error.startsWith("SINK_FAILED"), error);
    assertTrue(!error.contains("hunter2"), error);
    assertEquals(ProgressStatus.DONE, tracker.snapshot("acme", EntityType.ISSUES, OPS).orElseThrow().status());
  }
}
