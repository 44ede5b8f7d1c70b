package dev.pulse.pipeline;

import static dev.pulse.pipeline.Fixtures.SAME_THREAD;
import static dev.pulse.pipeline.Fixtures.connector;
import static dev.pulse.pipeline.Fixtures.key;
import static dev.pulse.pipeline.Fixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryDeadLetterStore;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.pipeline.Fixtures.RecordingSink;
import dev.pulse.pipeline.Fixtures.Ticket;
import dev.pulse.spi.DeadLetter;
import dev.pulse.status.ScopeStatus;
import dev.pulse.testing.FakeClock;
import dev.pulse.testing.ManualExecutor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

final class DeadLetterTest {
  private final FakeClock clock = new FakeClock();
  private final ManualExecutor executor = new ManualExecutor();
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
  private final InMemoryDeadLetterStore letters = new InMemoryDeadLetterStore();
  private final RecordingSink stored = new RecordingSink();
  private final Set<String> poison = ConcurrentHashMap.newKeySet();

  /** A sink that rejects the poisoned ids and stores the rest. */
  private final RejectingSink<Ticket> sink =
      (key, batch, rejections) -> {
        for (Ticket ticket : batch.items()) {
          if (poison.contains(ticket.id())) {
            rejections.reject(
                ticket, ErrorCode.INVALID_DATA, "constraint violated; password=hunter2secret");
          } else {
            stored.items.add(ticket);
          }
        }
      };

  private Pipeline pipeline(boolean withCodec) {
    PipelineSource.Builder<Ticket> source =
        PipelineSource.rejecting(connector("alpha", 25, "A"), sink)
            .readOptions(SAME_THREAD)
            .naturalKey(Ticket::id);
    if (withCodec) {
      source.codec(Ticket::encode, Ticket::decode);
    }
    return Pipeline.builder("eng")
        .tenant("acme")
        .clock(clock)
        .timer(new ManualTimer(clock))
        .executor(executor)
        .watermarks(watermarks)
        .deadLetters(letters)
        .source(source.build())
        .build();
  }

  @Test
  void rejectedRecords_becomeDeadLettersWhileTheirBatchProceeds() {
    poison.add("A-3");
    poison.add("A-17");
    Pipeline pipeline = pipeline(true);

    CompletableFuture<PipelineReport> run = pipeline.runOnce();
    executor.runAll();

    ScopeRun scope = run.join().sources().get(0).scopes().get(0);
    assertEquals(ScopeResult.Outcome.DONE, scope.outcome());
    assertEquals(2, scope.deadLetters());
    assertEquals(23, stored.items.size());
    assertEquals(25, watermarks.get(key("alpha", "A")).itemsStored(), "the watermark advanced");
    DeadLetter letter = letters.find(key("alpha", "A"), "A-3").orElseThrow();
    assertEquals(ErrorCode.INVALID_DATA, letter.reasonCode());
    assertEquals(1, letter.attempts());
    assertEquals(clock.instant(), letter.firstSeen());
    assertFalse(letter.message().contains("hunter2secret"), letter.message());
    assertFalse(letter.toString().contains("A-3|"), "the payload stays out of toString");
    ScopeStatus status = pipeline.status().sources().get(0).scopes().get(0);
    assertEquals(2, status.deadLetters());
    assertEquals(2, pipeline.deadLetters().size());
  }

  @Test
  void retry_rejectedAgainGainsAnAttemptThenStoredIsDiscarded() {
    poison.add("A-3");
    Pipeline pipeline = pipeline(true);
    assertTrue(pipeline.runOnce() != null);
    executor.runAll();
    clock.advance(Duration.ofMinutes(10));

    DeadLetterReplay again = pipeline.retryDeadLetters(EntityType.ISSUES, scope("alpha", "A"));

    assertEquals(1, again.rejectedAgain());
    DeadLetter letter = letters.find(key("alpha", "A"), "A-3").orElseThrow();
    assertEquals(2, letter.attempts());
    assertEquals(clock.instant(), letter.lastSeen());
    assertEquals(clock.instant().minus(Duration.ofMinutes(10)), letter.firstSeen());

    poison.clear();
    DeadLetterReplay fixed = pipeline.retryDeadLetters(EntityType.ISSUES, scope("alpha", "A"));

    assertEquals(1, fixed.stored());
    assertNull(fixed.error());
    assertTrue(stored.ids().contains("A-3"));
    assertEquals(0, letters.count(key("alpha", "A")));
  }

  @Test
  void retry_withoutACodecLeavesLettersForAnOperator() {
    poison.add("A-5");
    Pipeline pipeline = pipeline(false);
    assertTrue(pipeline.runOnce() != null);
    executor.runAll();

    DeadLetterReplay replay = pipeline.retryDeadLetters(EntityType.ISSUES, scope("alpha", "A"));

    assertEquals(1, replay.notReplayable());
    assertEquals(1, letters.count(key("alpha", "A")));
    assertTrue(pipeline.discardDeadLetter(EntityType.ISSUES, scope("alpha", "A"), "A-5"));
    assertEquals(0, letters.count(key("alpha", "A")));
  }
}
