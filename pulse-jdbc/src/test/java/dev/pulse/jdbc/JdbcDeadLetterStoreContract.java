package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.spi.DeadLetter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviours of InMemoryDeadLetterStoreTest, plus durability details, on one database. */
abstract class JdbcDeadLetterStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00.123456789Z");
  private static final ScopeId BG =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.of("jira", "project", "BG"));
  private static final ScopeId PRS =
      ScopeId.of("acme", EntityType.PULL_REQUESTS, ScopeKey.of("github", "repo", "acme/api"));

  private JdbcDatabase database;
  private JdbcDeadLetterStore store;

  abstract JdbcDatabase createDatabase();

  @BeforeEach
  void setUp() {
    database = createDatabase();
    store = new JdbcDeadLetterStore(database);
  }

  @Test
  void record_upsertsKeepingFirstSeenAndCountingAttempts() {
    DeadLetter first = store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "bad date", "p1", T0);
    DeadLetter again =
        store.record(BG, "BG-1", ErrorCode.SINK_FAILED, "constraint", "p2", T0.plusSeconds(60));

    assertEquals(1, first.attempts());
    assertEquals(2, again.attempts());
    assertEquals(T0, again.firstSeen());
    assertEquals(T0.plusSeconds(60), again.lastSeen());
    assertEquals(ErrorCode.SINK_FAILED, again.reasonCode());
    assertEquals("constraint", again.message());
    assertEquals("p2", again.payload());
    assertEquals(again, store.find(BG, "BG-1").orElseThrow());
  }

  @Test
  void record_outOfOrderRejection_countsButKeepsTheLaterLastSeen() {
    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0.plusNanos(5));
    DeadLetter late = store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);

    assertEquals(2, late.attempts());
    assertEquals(T0.plusNanos(5), late.lastSeen());
    assertEquals(T0.plusNanos(5), late.firstSeen());
  }

  @Test
  void record_nullPayload_roundTrips() {
    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    assertNull(store.find(BG, "BG-1").orElseThrow().payload());
  }

  @Test
  void list_ordersByEntityTypeScopeAndKeyAndSeparatesTenants() {
    store.record(PRS, "7", ErrorCode.INVALID_DATA, "m", null, T0);
    store.record(BG, "BG-2", ErrorCode.INVALID_DATA, "m", null, T0);
    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    store.record(
        ScopeId.of("other", EntityType.ISSUES, BG.scope()),
        "BG-9",
        ErrorCode.INVALID_DATA,
        "m",
        null,
        T0);

    List<String> keys = store.list("acme").stream().map(DeadLetter::naturalKey).toList();

    assertEquals(List.of("BG-1", "BG-2", "7"), keys);
    assertEquals(
        List.of("BG-1", "BG-2"), store.list(BG).stream().map(DeadLetter::naturalKey).toList());
    assertEquals(2, store.count(BG));
    assertEquals(1, store.list("other").size());
    assertTrue(store.find(ScopeId.of("other", EntityType.ISSUES, BG.scope()), "BG-1").isEmpty());
  }

  @Test
  void discard_removesOnce() {
    store.record(BG, "BG-1", ErrorCode.INVALID_DATA, "m", null, T0);
    assertTrue(store.discard(BG, "BG-1"));
    assertFalse(store.discard(BG, "BG-1"));
    assertEquals(0, store.count(BG));
    assertTrue(store.find(BG, "BG-1").isEmpty());
  }

  @Test
  void record_storesTheSanitizedMessageOnly() throws SQLException {
    DeadLetter letter =
        store.record(
            BG, "BG-1", ErrorCode.INVALID_DATA, "Authorization: Bearer abcdefghijklmnop", null, T0);

    assertFalse(letter.message().contains("abcdefghijklmnop"), letter.message());
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT message FROM " + database.names().table("dead_letters"));
        ResultSet rows = statement.executeQuery()) {
      assertTrue(rows.next());
      assertEquals(letter.message(), rows.getString(1));
    }
  }

  @Test
  void record_racingRejectionsOfOneRecord_addUpTheirAttempts() throws Exception {
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
