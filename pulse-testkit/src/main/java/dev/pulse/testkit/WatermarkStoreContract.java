package dev.pulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.WatermarkKey;
import dev.pulse.spi.WatermarkStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WatermarkStore} must meet, as an abstract JUnit 5 suite for store authors.
 *
 * <p>Extend it, return a fresh, empty store from {@link #createStore()} (one per test), and run the subclass
 * like any test class:
 *
 * <pre>{@code
 * final class JdbcWatermarkStoreTest extends WatermarkStoreContract {
 *   @Override
 *   protected WatermarkStore createStore() {
 *     return new JdbcWatermarkStore(freshDataSource());
 *   }
 * }
 * }</pre>
 *
 * <p>The suite checks that a watermark never moves backwards (also when many threads race on one scope), that
 * items are counted only on real advances, reset, bulk reads with missing scopes, tenant and entity-type
 * isolation, per-scope rows beside the global {@link ScopeKey#GLOBAL} row, and argument validation. It uses
 * only the {@link WatermarkStore} interface, never sleeps, and asserts nothing about timing.
 */
@DisplayName("WatermarkStore contract")
public abstract class WatermarkStoreContract {
  private static final String TENANT = "acme";
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant STORED_AT = Instant.parse("2026-03-02T00:00:00Z");
  private static final ScopeKey BG = ScopeKey.of("jira", "project", "BG");
  private static final ScopeKey OPS = ScopeKey.of("jira", "project", "OPS");
  private static final ScopeKey API = ScopeKey.of("github", "repo", "acme/api");

  /** Creates a suite; subclasses supply the store. */
  protected WatermarkStoreContract() {}

  /**
   * Creates the store under test: fresh, empty and not shared with any other test.
   *
   * @return a new store
   */
  protected abstract WatermarkStore createStore();

  private static WatermarkKey key(ScopeKey scope) {
    return WatermarkKey.of(TENANT, EntityType.ISSUES, scope);
  }

  private static Position at(long seconds, String id) {
    return Position.at(T0.plusSeconds(seconds), id);
  }

  private static Position requirePosition(Watermark watermark) {
    Position position = watermark.position();
    if (position == null) {
      throw new AssertionError("expected a position but the watermark was none: " + watermark);
    }
    return position;
  }

  /** Advancing moves forwards only, and counts items only when it moves. */
  @Nested
  @DisplayName("advance")
  class Advance {
    @Test
    @DisplayName("the first advance stores the position, the items and the time")
    void advance_fromNone_storesEverything() {
      WatermarkStore store = createStore();
      Watermark stored = store.advance(key(BG), at(10, "7"), 5, STORED_AT);

      assertEquals(at(10, "7"), stored.position());
      assertEquals(5, stored.itemsSeen());
      assertEquals(STORED_AT, stored.updatedAt());
      assertEquals(key(BG), stored.key());
      assertEquals(stored, store.get(key(BG)));
    }

    @Test
    @DisplayName("a lower or equal position is a no-op that returns the stored watermark")
    void advance_lowerOrEqual_isNoOp() {
      WatermarkStore store = createStore();
      Watermark first = store.advance(key(BG), at(10, "7"), 5, STORED_AT);

      Watermark afterLower = store.advance(key(BG), at(9, "99"), 3, STORED_AT.plusSeconds(1));
      Watermark afterLowerTie = store.advance(key(BG), at(10, "6"), 3, STORED_AT.plusSeconds(2));
      Watermark afterEqual = store.advance(key(BG), at(10, "7"), 3, STORED_AT.plusSeconds(3));

      assertEquals(first, afterLower, "a lower instant must not move the watermark back");
      assertEquals(first, afterLowerTie, "a lower tie-breaker at the same instant must not move it back");
      assertEquals(first, afterEqual, "an equal position must not count its items again");
      assertEquals(first, store.get(key(BG)));
    }

    @Test
    @DisplayName("items are counted only on real advances")
    void advance_higher_addsItems() {
      WatermarkStore store = createStore();
      store.advance(key(BG), at(10, "7"), 5, STORED_AT);
      store.advance(key(BG), at(5, "1"), 100, STORED_AT);
      Watermark moved = store.advance(key(BG), at(10, "8"), 2, STORED_AT.plusSeconds(60));
      Watermark movedAgain = store.advance(key(BG), at(11, ""), 0, STORED_AT.plusSeconds(120));

      assertEquals(at(10, "8"), moved.position());
      assertEquals(7, moved.itemsSeen());
      assertEquals(STORED_AT.plusSeconds(60), moved.updatedAt());
      assertEquals(at(11, ""), movedAgain.position());
      assertEquals(7, movedAgain.itemsSeen());
      assertEquals(movedAgain, store.get(key(BG)));
    }

    @Test
    @DisplayName("tie-breakers compare numeric-aware: \"10\" is after \"9\"")
    void advance_numericTieBreaker_comparesAsNumber() {
      WatermarkStore store = createStore();
      store.advance(key(BG), at(10, "9"), 1, STORED_AT);
      Watermark moved = store.advance(key(BG), at(10, "10"), 1, STORED_AT);
      Watermark notBack = store.advance(key(BG), at(10, "9"), 1, STORED_AT);

      assertEquals(at(10, "10"), moved.position());
      assertEquals(at(10, "10"), notBack.position());
      assertEquals(2, notBack.itemsSeen());
    }

    @Test
    @DisplayName("token positions advance like instant positions")
    void advance_tokenPositions_moveForwardOnly() {
      WatermarkStore store = createStore();
      store.advance(key(BG), Position.token("41", ""), 1, STORED_AT);
      Watermark moved = store.advance(key(BG), Position.token("100", ""), 1, STORED_AT);
      Watermark notBack = store.advance(key(BG), Position.token("99", ""), 1, STORED_AT);

      assertEquals(Position.token("100", ""), moved.position());
      assertEquals(moved, notBack);
    }

    @Test
    @DisplayName("a position of another cursor kind is rejected with IllegalArgumentException")
    void advance_mismatchedCursorKind_rejected() {
      WatermarkStore store = createStore();
      Watermark stored = store.advance(key(BG), at(10, "7"), 5, STORED_AT);

      assertThrows(IllegalArgumentException.class,
          () -> store.advance(key(BG), Position.token("999", ""), 1, STORED_AT));
      assertEquals(stored, store.get(key(BG)), "a rejected advance must leave the watermark unchanged");
    }

    @Test
    @DisplayName("a negative item count is rejected with IllegalArgumentException")
    void advance_negativeItems_rejected() {
      WatermarkStore store = createStore();

      assertThrows(IllegalArgumentException.class, () -> store.advance(key(BG), at(10, "7"), -1, STORED_AT));
      assertTrue(store.get(key(BG)).isNone(), "a rejected advance must not store anything");
    }
  }

  /** Racing writers of one scope. */
  @Nested
  @DisplayName("concurrency")
  class Concurrency {
    private static final int THREADS = 8;
    private static final int ADVANCES_PER_THREAD = 500;

    @Test
    @DisplayName("many threads advancing one scope end at the maximum position, never observing a step back")
    void advance_concurrentWriters_endAtMaximum() throws Exception {
      WatermarkStore store = createStore();
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          results.add(pool.submit(() -> {
            ready.countDown();
            start.await();
            return advanceMany(store, thread);
          }));
        }
        ready.await();
        start.countDown();
        List<String> problems = new ArrayList<>();
        for (Future<List<String>> result : results) {
          // The timeout only keeps a deadlocked store from hanging the build; nothing here measures time.
          problems.addAll(result.get(5, TimeUnit.MINUTES));
        }

        assertEquals(List.of(), problems.size() > 10 ? problems.subList(0, 10) : problems,
            "advance returned a watermark behind one already observed or behind the requested position");
        Watermark survivor = store.get(key(BG));
        assertEquals(maximum(), survivor.position(), "the survivor of racing writers must be the maximum");
        assertTrue(survivor.itemsSeen() >= 1 && survivor.itemsSeen() <= (long) THREADS * ADVANCES_PER_THREAD,
            "items are counted once per real advance, but itemsSeen was " + survivor.itemsSeen());
      } finally {
        pool.shutdownNow();
      }
    }

    // Half the threads walk up and half walk down, so a store that lets the last writer win is caught at once.
    private List<String> advanceMany(WatermarkStore store, int thread) {
      List<String> problems = new ArrayList<>();
      Position highestSeen = null;
      for (int i = 0; i < ADVANCES_PER_THREAD; i++) {
        int step = thread % 2 == 0 ? i : ADVANCES_PER_THREAD - 1 - i;
        Position requested = position(step, thread);
        Position returned = requirePosition(store.advance(key(BG), requested, 1, STORED_AT.plusSeconds(step)));
        if (returned.compareTo(requested) < 0) {
          problems.add("thread " + thread + " advanced to " + requested + " but got back " + returned);
        }
        if (highestSeen != null && returned.compareTo(highestSeen) < 0) {
          problems.add("thread " + thread + " saw " + returned + " after " + highestSeen);
        }
        if (highestSeen == null || returned.compareTo(highestSeen) > 0) {
          highestSeen = returned;
        }
      }
      return problems;
    }

    // Steps share instants in pairs and threads differ by tie-breaker, so ties are exercised too.
    private Position position(int step, int thread) {
      return at(step / 2, Integer.toString((step % 2) * THREADS + thread));
    }

    private Position maximum() {
      Position max = position(0, 0);
      for (int t = 0; t < THREADS; t++) {
        Position candidate = position(ADVANCES_PER_THREAD - 1, t);
        if (candidate.isAfter(max)) {
          max = candidate;
        }
      }
      return max;
    }
  }

  /** Deleting a watermark for a targeted re-backfill. */
  @Nested
  @DisplayName("reset")
  class Reset {
    @Test
    @DisplayName("reset makes the watermark none, and a later advance starts afresh")
    void reset_thenAdvance_startsOver() {
      WatermarkStore store = createStore();
      store.advance(key(BG), at(100, "50"), 40, STORED_AT);

      assertTrue(store.reset(key(BG)), "reset of a stored watermark returns true");
      assertEquals(Watermark.none(key(BG)), store.get(key(BG)));

      Watermark again = store.advance(key(BG), at(1, "1"), 3, STORED_AT.plusSeconds(5));
      assertEquals(at(1, "1"), again.position(), "after a reset a lower position is a real advance");
      assertEquals(3, again.itemsSeen(), "after a reset items are counted from zero");
      assertEquals(again, store.get(key(BG)));
    }

    @Test
    @DisplayName("reset of a missing watermark returns false, and reset touches only its own scope")
    void reset_missingOrOther_isolated() {
      WatermarkStore store = createStore();
      Watermark ops = store.advance(key(OPS), at(1, "1"), 1, STORED_AT);

      assertFalse(store.reset(key(BG)));
      assertTrue(store.reset(key(OPS)));
      assertFalse(store.reset(key(OPS)), "a second reset has nothing to delete");
      store.advance(key(OPS), at(2, "2"), 1, STORED_AT);
      store.advance(key(BG), at(2, "2"), 1, STORED_AT);
      assertTrue(store.reset(key(BG)));
      assertEquals(at(2, "2"), store.get(key(OPS)).position());
      assertNull(store.get(key(BG)).position());
      assertTrue(ops.itemsSeen() > 0);
    }
  }

  /** Reading many scopes in one call. */
  @Nested
  @DisplayName("bulk get")
  class BulkGet {
    @Test
    @DisplayName("getAll returns one entry per distinct scope, in request order, with none for missing scopes")
    void getAll_missingScopes_noneInRequestOrder() {
      WatermarkStore store = createStore();
      Watermark bg = store.advance(key(BG), at(1, "1"), 1, STORED_AT);
      Watermark api = store.advance(key(API), at(2, "2"), 2, STORED_AT);
      ScopeKey missing = ScopeKey.of("jira", "project", "NOPE");

      Map<ScopeKey, Watermark> all = store.getAll(TENANT, EntityType.ISSUES,
          List.of(API, missing, BG, ScopeKey.GLOBAL, API));

      assertEquals(List.of(API, missing, BG, ScopeKey.GLOBAL), new ArrayList<>(all.keySet()));
      assertEquals(api, all.get(API));
      assertEquals(bg, all.get(BG));
      assertEquals(Watermark.none(key(missing)), all.get(missing));
      assertEquals(Watermark.none(key(ScopeKey.GLOBAL)), all.get(ScopeKey.GLOBAL));
    }

    @Test
    @DisplayName("getAll of no scopes is empty")
    void getAll_noScopes_empty() {
      WatermarkStore store = createStore();
      store.advance(key(BG), at(1, "1"), 1, STORED_AT);

      assertTrue(store.getAll(TENANT, EntityType.ISSUES, List.of()).isEmpty());
    }
  }

  /** Rows of one tenant or entity type are invisible to the others. */
  @Nested
  @DisplayName("isolation")
  class Isolation {
    @Test
    @DisplayName("tenants do not see, list, advance or reset each other's watermarks")
    void tenants_isolated() {
      WatermarkStore store = createStore();
      WatermarkKey acme = WatermarkKey.of("acme", EntityType.ISSUES, BG);
      WatermarkKey globex = WatermarkKey.of("globex", EntityType.ISSUES, BG);
      Watermark stored = store.advance(acme, at(10, "1"), 4, STORED_AT);

      assertTrue(store.get(globex).isNone());
      assertEquals(List.of(), store.list("globex", EntityType.ISSUES, ""));
      assertEquals(Map.of(BG, Watermark.none(globex)), store.getAll("globex", EntityType.ISSUES, List.of(BG)));
      assertFalse(store.reset(globex));

      Watermark other = store.advance(globex, at(1, "1"), 1, STORED_AT);
      assertEquals(at(1, "1"), other.position(), "another tenant's lower position is its own first advance");
      assertEquals(stored, store.get(acme));
      assertEquals(List.of(stored), store.list("acme", EntityType.ISSUES, ""));
    }

    @Test
    @DisplayName("entity types of one tenant do not see, list, advance or reset each other's watermarks")
    void entityTypes_isolated() {
      WatermarkStore store = createStore();
      WatermarkKey issues = WatermarkKey.of(TENANT, EntityType.ISSUES, API);
      WatermarkKey pulls = WatermarkKey.of(TENANT, EntityType.PULL_REQUESTS, API);
      Watermark stored = store.advance(issues, at(10, "1"), 4, STORED_AT);

      assertTrue(store.get(pulls).isNone());
      assertEquals(List.of(), store.list(TENANT, EntityType.PULL_REQUESTS, ""));
      assertFalse(store.reset(pulls));

      Watermark other = store.advance(pulls, Position.token("5", ""), 1, STORED_AT);
      assertEquals(Position.token("5", ""), other.position(),
          "another entity type may even use another cursor kind");
      assertEquals(stored, store.get(issues));
      assertEquals(List.of(other), store.list(TENANT, EntityType.PULL_REQUESTS, ""));
    }
  }

  /** Per-scope rows live beside the global row and are listed by prefix. */
  @Nested
  @DisplayName("global and per-scope rows")
  class GlobalAndScoped {
    @Test
    @DisplayName("the global row and per-scope rows are independent")
    void global_besideScopes_independent() {
      WatermarkStore store = createStore();
      Watermark global = store.advance(key(ScopeKey.GLOBAL), at(500, "9"), 9, STORED_AT);
      Watermark bg = store.advance(key(BG), at(1, "1"), 1, STORED_AT);

      assertEquals(global, store.get(key(ScopeKey.GLOBAL)));
      assertEquals(bg, store.get(key(BG)));
      assertTrue(store.reset(key(ScopeKey.GLOBAL)));
      assertEquals(bg, store.get(key(BG)), "resetting the global row leaves scoped rows alone");
    }

    @Test
    @DisplayName("list with prefix \"\" returns every row, the global one included, ordered by scope key")
    void list_emptyPrefix_includesGlobal() {
      WatermarkStore store = createStore();
      Watermark ops = store.advance(key(OPS), at(3, "3"), 3, STORED_AT);
      Watermark global = store.advance(key(ScopeKey.GLOBAL), at(4, "4"), 4, STORED_AT);
      Watermark api = store.advance(key(API), at(2, "2"), 2, STORED_AT);
      Watermark bg = store.advance(key(BG), at(1, "1"), 1, STORED_AT);

      assertEquals(List.of(global, api, bg, ops), store.list(TENANT, EntityType.ISSUES, ""));
    }

    @Test
    @DisplayName("list with prefix \"jira:project:\" returns only those scoped rows, ordered by scope key")
    void list_scopePrefix_onlyMatchingScopes() {
      WatermarkStore store = createStore();
      Watermark ops = store.advance(key(OPS), at(3, "3"), 3, STORED_AT);
      store.advance(key(ScopeKey.GLOBAL), at(4, "4"), 4, STORED_AT);
      store.advance(key(API), at(2, "2"), 2, STORED_AT);
      Watermark bg = store.advance(key(BG), at(1, "1"), 1, STORED_AT);
      store.advance(key(ScopeKey.of("jira", "board", "7")), at(1, "1"), 1, STORED_AT);

      assertEquals(List.of(bg, ops), store.list(TENANT, EntityType.ISSUES, "jira:project:"));
      assertEquals(List.of(), store.list(TENANT, EntityType.ISSUES, "jenkins:"));
    }
  }
}
