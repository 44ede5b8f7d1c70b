package dev.pulse.engine;

import static dev.pulse.engine.EngineFixtures.SAME_THREAD;
import static dev.pulse.engine.EngineFixtures.key;
import static dev.pulse.engine.EngineFixtures.scope;
import static dev.pulse.engine.EngineFixtures.tickets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.StoreException;
import dev.pulse.engine.EngineFixtures.RecordingSink;
import dev.pulse.engine.EngineFixtures.Ticket;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryDeadLetterStore;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressStatus;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.DeadLetterStore;
import dev.pulse.spi.FetchContext;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Issues 13 and 9: what a fetcher reports through its {@link FetchContext} (waits, unmappable
 * records) reaches the listener, the progress tracker and the dead-letter store.
 */
final class FetchContextTest {
  private static final ScopeKey BG = scope("BG");
  private static final ScopeKey OPS = scope("OPS");

  private final FakeClock clock = new FakeClock(EngineFixtures.T0.plusSeconds(3_600));
  private final ProgressTracker tracker = ProgressTracker.builder().clock(clock).build();
  private final InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
  private final RecordingSink sink = new RecordingSink();

  /** A connector whose n-th fetch (1-based, all scopes) first runs {@code duringFetch}. */
  private static Connector<Ticket> hooked(
      InMemoryConnector<Ticket> inner, BiConsumer<Integer, ScopeKey> duringFetch) {
    AtomicInteger fetches = new AtomicInteger();
    return new ForwardingConnector<>() {
      @Override
      protected Connector<Ticket> delegate() {
        return inner;
      }

      @Override
      public PageFetcher<Ticket> openScope(ScopeKey scope) {
        PageFetcher<Ticket> fetcher = inner.openScope(scope);
        return request -> {
          duringFetch.accept(fetches.incrementAndGet(), scope);
          return fetcher.fetch(request);
        };
      }
    };
  }

  private Ingestion.Builder<Ticket> ingestion(Connector<Ticket> connector) {
    return Ingestion.builder(connector, sink, watermarks)
        .tenant("acme")
        .clock(clock)
        .readOptions(SAME_THREAD)
        .preCountExecutor(Runnable::run)
        .listener(tracker.listener());
  }

  private ProgressSnapshot snapshot(ScopeKey scope) {
    return tracker.snapshot("acme", key(scope).entityType(), scope).orElseThrow();
  }

  @Test
  void waiting_insideAFetch_showsRateLimitedWithResumeTimeAndTheEtaCountsDown() {
    InMemoryConnector<Ticket> inner = EngineFixtures.connector().scope(BG, tickets(0, 100)).build();
    List<ProgressSnapshot> during = new ArrayList<>();
    Instant[] resumeAt = new Instant[1];
    Connector<Ticket> connector =
        hooked(
            inner,
            (n, scope) -> {
              clock.advanceSeconds(10);
              if (n == 4) {
                // Ten minutes: far past the 60 s stall floor.
                resumeAt[0] = clock.instant().plus(Duration.ofMinutes(10));
                FetchContext.current().waiting(resumeAt[0], "rate limited");
                // Minutes 1 to 9: at the resume time itself the wait is over.
                for (int minute = 1; minute < 10; minute++) {
                  clock.advanceSeconds(60);
                  during.add(snapshot(scope));
                }
                FetchContext.current().resumed();
              }
            });

    IngestionReport report = ingestion(connector).build().run();

    assertEquals(100, report.itemsStored());
    assertEquals(9, during.size());
    Long previousEta = null;
    for (ProgressSnapshot snapshot : during) {
      assertEquals(ProgressStatus.RATE_LIMITED, snapshot.status());
      assertFalse(snapshot.stalled());
      assertEquals(resumeAt[0], snapshot.resumeAt());
      assertEquals("rate limited", snapshot.waitReason());
      Long eta = snapshot.etaSeconds();
      assertNotNull(eta);
      if (previousEta != null) {
        assertTrue(eta < previousEta, "the ETA counts down during the wait: " + during);
      }
      previousEta = eta;
    }
    assertEquals(ProgressStatus.DONE, snapshot(BG).status());
  }

  @Test
  void engineRateLimitWait_beforeTheNextScope_showsThatScopeRateLimited() {
    InMemoryConnector<Ticket> inner =
        EngineFixtures.connector().scope(BG, tickets(0, 5)).scope(OPS, tickets(10, 5)).build();
    Connector<Ticket> connector =
        hooked(
            inner,
            (n, scope) -> {
              if (scope.equals(BG)) {
                throw new SourceException(
                    ErrorCode.RATE_LIMITED,
                    "memory",
                    scope,
                    "slow down",
                    Duration.ofMinutes(5),
                    null);
              }
            });
    List<ProgressSnapshot> duringPause = new ArrayList<>();
    Pauser pauser =
        duration -> {
          duringPause.add(snapshot(OPS));
          clock.advance(duration);
        };

    IngestionReport report = ingestion(connector).pauser(pauser).build().run();

    assertEquals(ScopeResult.Outcome.FAILED, report.scopes().get(0).outcome());
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(1).outcome());
    assertEquals(1, duringPause.size());
    assertEquals(ProgressStatus.RATE_LIMITED, duringPause.get(0).status());
    assertEquals(report.scopes().get(0).resumeAt(), duringPause.get(0).resumeAt());
    assertEquals(ProgressStatus.DONE, snapshot(OPS).status());
    assertEquals(5, snapshot(OPS).itemsDone());
  }

  @Test
  void waiting_reportedAfterTheScopeEnded_doesNotReopenItsProgress() {
    InMemoryConnector<Ticket> inner = EngineFixtures.connector().scope(BG, tickets(0, 5)).build();
    List<FetchContext> contexts = new ArrayList<>();
    Connector<Ticket> connector = hooked(inner, (n, scope) -> contexts.add(FetchContext.current()));

    ingestion(connector).build().run();
    contexts.get(0).waiting(clock.instant().plusSeconds(600), "rate limited");

    assertEquals(ProgressStatus.DONE, snapshot(BG).status());
    assertSame(FetchContext.NONE, FetchContext.current(), "no context outside a fetch");
  }

  @Test
  void unmappable_becomesADeadLetterWhileThePageProceeds() {
    InMemoryConnector<Ticket> inner = EngineFixtures.connector().scope(BG, tickets(0, 25)).build();
    InMemoryDeadLetterStore letters = new InMemoryDeadLetterStore();
    List<String> heard = new ArrayList<>();
    Connector<Ticket> connector =
        hooked(
            inner,
            (n, scope) -> {
              if (n == 2) {
                FetchContext.current()
                    .unmappable("BG-7", ErrorCode.INVALID_DATA, "no status; token=s3cr3t-value");
              }
            });
    IngestionListener listener =
        new IngestionListener() {
          @Override
          public void deadLettered(ScopeId key, String naturalKey, ErrorCode code) {
            heard.add(key.scope() + " " + naturalKey + " " + code);
          }
        };

    IngestionReport report =
        ingestion(connector).listener(listener).deadLetters(letters).build().run();

    assertEquals(25, report.itemsStored());
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(0).outcome());
    Optional<DeadLetter> letter = letters.find(key(BG), "BG-7");
    assertTrue(letter.isPresent());
    assertEquals(ErrorCode.INVALID_DATA, letter.get().reasonCode());
    assertFalse(letter.get().message().contains("s3cr3t-value"), letter.get().message());
    assertEquals(List.of(BG + " BG-7 INVALID_DATA"), heard);
  }

  @Test
  void unmappable_whenTheDeadLetterStoreFails_failsTheScopeWithoutPassingThePage() {
    InMemoryConnector<Ticket> inner = EngineFixtures.connector().scope(BG, tickets(0, 25)).build();
    DeadLetterStore failing =
        new DeadLetterStore() {
          @Override
          public DeadLetter record(
              ScopeId scope,
              String naturalKey,
              ErrorCode reasonCode,
              String message,
              @Nullable String payload,
              Instant at) {
            throw new StoreException("dead-letter table is gone", null);
          }

          @Override
          public Optional<DeadLetter> find(ScopeId scope, String naturalKey) {
            return Optional.empty();
          }

          @Override
          public List<DeadLetter> list(ScopeId scope) {
            return List.of();
          }

          @Override
          public List<DeadLetter> list(String tenant) {
            return List.of();
          }

          @Override
          public boolean discard(ScopeId scope, String naturalKey) {
            return false;
          }
        };
    Connector<Ticket> connector =
        hooked(
            inner,
            (n, scope) -> {
              if (n == 2) {
                FetchContext.current().unmappable("BG-17", ErrorCode.INVALID_DATA, "no status");
              }
            });

    IngestionReport report = ingestion(connector).deadLetters(failing).build().run();

    ScopeResult result = report.scopes().get(0);
    assertEquals(ScopeResult.Outcome.FAILED, result.outcome());
    assertEquals(ErrorCode.STORE_FAILED, result.errorCode());
    assertEquals(10, result.itemsStored(), "only the page before the unkept record");
    assertEquals(10, watermarks.get(key(BG)).itemsStored());
  }

  @Test
  void cancel_beforeRunStarts_cancelsThatRunAndOnlyThatRun() {
    InMemoryConnector<Ticket> inner =
        EngineFixtures.connector().scope(BG, tickets(0, 5)).scope(OPS, tickets(10, 5)).build();
    Ingestion<Ticket> ingestion = ingestion(inner).build();

    ingestion.cancel();
    IngestionReport cancelled = ingestion.run();
    long fetchedByTheCancelledRun = inner.fetchCount();
    IngestionReport next = ingestion.run();

    assertEquals(2, cancelled.scopes().size());
    for (ScopeResult result : cancelled.scopes()) {
      assertEquals(ScopeResult.Outcome.CANCELLED, result.outcome());
    }
    assertEquals(0, fetchedByTheCancelledRun, "a cancelled run reads nothing");
    assertEquals(10, next.itemsStored(), "the cancel applied to one run only");
  }
}
