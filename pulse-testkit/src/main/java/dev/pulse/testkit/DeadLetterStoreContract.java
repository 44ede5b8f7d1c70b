package dev.pulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.spi.DeadLetter;
import dev.pulse.spi.DeadLetterStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DeadLetterStore} must meet, as an abstract JUnit 5 suite for store
 * authors.
 *
 * <p>Extend it and return a fresh, empty store from {@link #createStore()} (one per test):
 *
 * <pre>{@code
 * final class JdbcDeadLetterStoreTest extends DeadLetterStoreContract {
 *   @Override
 *   protected DeadLetterStore createStore() {
 *     return new JdbcDeadLetterStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>The suite checks that a repeated rejection of one record is one letter whose attempts add up,
 * whose first-seen time stays and whose last-seen time never moves backwards (also for a late,
 * out-of-order rejection), and whose reason, message and payload are the latest; that racing
 * rejections of one record from several threads add up exactly (an upsert that reads and then
 * writes loses some); that times keep nanosecond precision and a null payload round-trips; that
 * messages are stored sanitized (no bearer token survives); that lists are ordered by entity type,
 * scope and natural key and tenants stay apart; and that discard removes a letter once. It uses
 * only the {@link DeadLetterStore} interface and never sleeps.
 */
@DisplayName("DeadLetterStore contract")
public abstract class DeadLetterStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00.123456789Z");
  private static final ScopeId BG =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.of("jira", "project", "BG"));
  private static final ScopeId PRS =
      ScopeId.of("acme", EntityType.PULL_REQUESTS, ScopeKey.of("github", "repo", "acme/api"));

  private @Nullable DeadLetterStore current;

  /** Creates a suite; subclasses supply the store(). */
  protected DeadLetterStoreContract() {}

  /**
   * Creates the store under test: fresh, empty and not shared with any other test.
   *
   * @return the store
   */
  protected abstract DeadLetterStore createStore();

  /**
   * Returns the store of the running test, created before it.
   *
   * @return the store
   */
  protected final DeadLetterStore store() {
    DeadLetterStore store = current;
    if (store == null) {
      throw new IllegalStateException("createStore() has not run");
    }
    return store;
  }

  @BeforeEach
  final void createStoreForTest() {
    current = createStore();
  }

  @Test
  @DisplayName("a repeated rejection adds an attempt, keeps first-seen and takes the latest reason")
  void record_upsertsKeepingFirstSeenAndCountingAttempts() {
    DeadLetter first = store().record(BG, "BG-1", ErrorCode.INVALID_DATA, "bad date", "p1", T0);
    DeadLetter again =
        store().record(BG, "BG-1", ErrorCode.SINK_FAILED, "constraint", "p2", T0.plusSeconds(60));

    assertEquals(1, first.attempts());
    assertEquals(T0, first.firstSeen());
    assertEquals(2, again.attempts());
    assertEquals(T0, again.firstSeen());
    assertEquals(T0.plusSeconds(60), again.lastSeen());
    assertEquals(ErrorCode.SINK_FAILED, again.reasonCode());
    assertEquals("constraint", again.message());
    assertEquals("p2", again.payload());
    assertEquals(again, store().find(BG, "BG-1").orElseThrow());
  }

  @Test
  @DisplayName("a late, out-of-order rejection counts but never moves last-seen backwards")
  void record_outOfOrderRejection_countsButKeepsTheLaterLastSeen() {
    store().record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0.plusNanos(5));
    DeadLetter late = store().record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);

    assertEquals(2, late.attempts());
    assertEquals(T0.plusNanos(5), late.lastSeen());
    assertEquals(T0.plusNanos(5), late.firstSeen());
  }

  @Test
  @DisplayName("a null payload round-trips")
  void record_nullPayload_roundTrips() {
    store().record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    assertNull(store().find(BG, "BG-1").orElseThrow().payload());
  }

  @Test
  @DisplayName("lists are ordered by entity type, scope and key, and tenants stay apart")
  void list_ordersByEntityTypeScopeAndKeyAndSeparatesTenants() {
    store().record(PRS, "7", ErrorCode.INVALID_DATA, "m", null, T0);
    store().record(BG, "BG-2", ErrorCode.INVALID_DATA, "m", null, T0);
    store().record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    ScopeId other = ScopeId.of("other", EntityType.ISSUES, BG.scope());
    store().record(other, "BG-9", ErrorCode.INVALID_DATA, "m", null, T0);

    List<String> keys = store().list("acme").stream().map(DeadLetter::naturalKey).toList();

    assertEquals(List.of("BG-1", "BG-2", "7"), keys);
    assertEquals(
        List.of("BG-1", "BG-2"), store().list(BG).stream().map(DeadLetter::naturalKey).toList());
    assertEquals(2, store().count(BG));
    assertEquals(1, store().list("other").size());
    assertTrue(store().find(other, "BG-1").isEmpty());
  }

  @Test
  @DisplayName("discard removes a letter once")
  void discard_removesOnce() {
    store().record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    assertTrue(store().discard(BG, "BG-1"));
    assertFalse(store().discard(BG, "BG-1"));
    assertEquals(0, store().count(BG));
    assertTrue(store().find(BG, "BG-1").isEmpty());
  }

  @Test
  @DisplayName("messages are stored sanitized")
  void record_secretInMessage_storedMasked() {
    DeadLetter letter =
        store()
            .record(
                BG,
                "BG-1",
                ErrorCode.INVALID_DATA,
                "Authorization: Bearer abcdefghijklmnop",
                null,
                T0);

    assertFalse(letter.message().contains("abcdefghijklmnop"), letter.message());
    String stored = store().find(BG, "BG-1").orElseThrow().message();
    assertFalse(stored.contains("abcdefghijklmnop"), stored);
  }

  @Test
  @DisplayName("racing rejections of one record add up their attempts exactly")
  void record_racingRejectionsOfOneRecord_addUpTheirAttempts() throws Exception {
    DeadLetterStore store = store();
    int writers = 4;
    int each = 5;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(writers * each, store.find(BG, "BG-1").orElseThrow().attempts());
  }
}
