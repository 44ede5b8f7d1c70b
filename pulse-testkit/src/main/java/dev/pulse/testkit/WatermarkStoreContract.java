package dev.pulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.spi.WatermarkStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WatermarkStore} must meet, as an abstract JUnit 5 suite for store
 * authors.
 *
 * <p>Extend it, return a fresh, empty store from {@link #createStore()} (one per test), and run the
 * subclass like any test class:
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
 * <p>The suite checks that a watermark never moves backwards (also when many threads race on one
 * scope), that items are counted exactly once per real advance and {@code updatedAt} is the {@code
 * at} of the last one, reset (after which an older position is a fresh start), bulk reads with
 * missing scopes, tenant and entity-type isolation, per-scope rows beside the global {@link
 * ScopeKey#GLOBAL} row, and argument validation. It also checks what SQL-backed stores tend to get
 * wrong: {@code _}, {@code %} and {@code \} in a {@link WatermarkStore#list list} prefix match
 * literally (not as {@code LIKE} wildcards or escapes); scope values with {@code :} and {@code /},
 * of about 400 characters, or in non-ASCII scripts round-trip char for char; and keys that differ
 * only in case or Unicode normalization stay distinct rows. It uses only the {@link WatermarkStore}
 * interface, never sleeps, and asserts nothing about timing.
 *
 * <p>It also pins what stores backed by other systems get wrong: a non-empty {@link
 * WatermarkStore#list list} prefix must not widen the query past its tenant and entity type (as
 * {@code WHERE tenant = ? AND type = ? OR scope LIKE ?} does); {@link WatermarkStore#getAll getAll}
 * must honour the entity type and tenant; positions and {@code updatedAt} keep at least millisecond
 * precision, so two advances within one second are told apart (a column of whole seconds is not
 * enough); and a {@link WatermarkStore#reset reset} racing an {@link WatermarkStore#advance
 * advance} ends as one of the two serial orders, never reviving the row the reset deleted (as a
 * read-then-write advance does).
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

  private static ScopeId key(ScopeKey scope) {
    return ScopeId.of(TENANT, EntityType.ISSUES, scope);
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
      assertEquals(5, stored.itemsStored());
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
      assertEquals(
          first, afterLowerTie, "a lower tie-breaker at the same instant must not move it back");
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
      assertEquals(7, moved.itemsStored());
      assertEquals(STORED_AT.plusSeconds(60), moved.updatedAt());
      assertEquals(at(11, ""), movedAgain.position());
      assertEquals(7, movedAgain.itemsStored());
      assertEquals(movedAgain, store.get(key(BG)));
    }

    @Test
    @DisplayName("numeric tie-breakers compare as numbers: 10 is after 9")
    void advance_numericTieBreaker_comparesAsNumber() {
      WatermarkStore store = createStore();
      Position nine = Position.at(T0.plusSeconds(10), 9);
      Position ten = Position.at(T0.plusSeconds(10), 10);
      store.advance(key(BG), nine, 1, STORED_AT);
      Watermark moved = store.advance(key(BG), ten, 1, STORED_AT);
      Watermark notBack = store.advance(key(BG), nine, 1, STORED_AT);

      assertEquals(ten, moved.position());
      assertEquals(ten, notBack.position());
      assertEquals(2, notBack.itemsStored());
    }

    @Test
    @DisplayName("text tie-breakers compare as text: \"BG-99\" is after \"BG-100\"")
    void advance_textTieBreaker_comparesAsText() {
      WatermarkStore store = createStore();
      store.advance(key(BG), at(10, "BG-100"), 1, STORED_AT);
      Watermark moved = store.advance(key(BG), at(10, "BG-99"), 1, STORED_AT);
      Watermark notBack = store.advance(key(BG), at(10, "BG-100"), 1, STORED_AT);

      assertEquals(at(10, "BG-99"), moved.position());
      assertEquals(at(10, "BG-99"), notBack.position());
    }

    @Test
    @DisplayName("a number and its digits are different tie-breakers, kept apart on a round trip")
    void advance_numberAndText_keepTheirKinds() {
      WatermarkStore store = createStore();
      Watermark number = store.advance(key(BG), Position.at(T0.plusSeconds(10), 7), 1, STORED_AT);
      Watermark text = store.advance(key(BG), at(10, "7"), 1, STORED_AT);

      assertEquals(Position.at(T0.plusSeconds(10), 7), number.position());
      assertEquals(at(10, "7"), text.position(), "a text sorts after every number");
      assertEquals(at(10, "7"), store.get(key(BG)).position());
    }

    @Test
    @DisplayName("token positions advance like instant positions")
    void advance_tokenPositions_moveForwardOnly() {
      // Equal-length digit tokens order the same numerically and as plain strings, so this test
      // does not
      // depend on how token cursors are compared beyond that.
      WatermarkStore store = createStore();
      store.advance(key(BG), Position.token("0041"), 1, STORED_AT);
      Watermark moved = store.advance(key(BG), Position.token("0100"), 1, STORED_AT);
      Watermark notBack = store.advance(key(BG), Position.token("0099"), 1, STORED_AT);

      assertEquals(Position.token("0100"), moved.position());
      assertEquals(moved, notBack);
    }

    @Test
    @DisplayName(
        "itemsStored is exactly the sum of itemsAdded over the advances that moved the position")
    void advance_mixedSequence_countsExactlyTheMovingAdvances() {
      WatermarkStore store = createStore();
      Random random = new Random(20261122L);
      Position highest = null;
      long expectedItems = 0;
      int moves = 0;
      for (int i = 0; i < 200; i++) {
        // Drifts upwards with jitter, so some advances move, some go back and some repeat a
        // position.
        Position requested =
            at(i / 3 + random.nextInt(3) - 1L, Integer.toString(random.nextInt(12)));
        long itemsAdded = random.nextInt(50);
        Watermark returned =
            store.advance(key(BG), requested, itemsAdded, STORED_AT.plusSeconds(i));
        if (highest == null || requested.isAfter(highest)) {
          highest = requested;
          expectedItems += itemsAdded;
          moves++;
        }

        assertEquals(highest, returned.position(), "advance " + i + " to " + requested);
        assertEquals(
            expectedItems,
            returned.itemsStored(),
            "after advance "
                + i
                + " to "
                + requested
                + " ("
                + moves
                + " of them moved the position)");
      }
      assertTrue(
          moves >= 20 && moves <= 180,
          "the sequence mixes moving and non-moving advances: " + moves);
      assertEquals(expectedItems, store.get(key(BG)).itemsStored());
    }

    @Test
    @DisplayName(
        "updatedAt is the `at` of the last advance that moved the position, even if `at` went back")
    void advance_updatedAt_isAtOfLastMovingAdvance() {
      WatermarkStore store = createStore();
      Instant first = STORED_AT;
      Instant second = STORED_AT.plusMillis(1_500);
      // A wall clock corrected backwards: the store records what it is given and does not keep the
      // maximum.
      Instant third = STORED_AT.minusSeconds(3_600);

      store.advance(key(BG), at(1, "1"), 1, first);
      Watermark moved = store.advance(key(BG), at(2, "1"), 1, second);
      Watermark rejectedLower = store.advance(key(BG), at(1, "9"), 1, STORED_AT.plusSeconds(60));
      Watermark rejectedEqual = store.advance(key(BG), at(2, "1"), 1, STORED_AT.plusSeconds(120));

      assertEquals(second, moved.updatedAt());
      assertEquals(
          second, rejectedLower.updatedAt(), "a rejected advance must not touch updatedAt");
      assertEquals(second, rejectedEqual.updatedAt(), "an equal position must not touch updatedAt");
      assertEquals(second, store.get(key(BG)).updatedAt());

      Watermark movedWithEarlierAt = store.advance(key(BG), at(3, "1"), 1, third);
      assertEquals(
          third, movedWithEarlierAt.updatedAt(), "updatedAt is the given `at`, not the latest one");
      assertEquals(third, store.get(key(BG)).updatedAt());
    }

    @Test
    @DisplayName("a position of another cursor kind is rejected with IllegalArgumentException")
    void advance_mismatchedCursorKind_rejected() {
      WatermarkStore store = createStore();
      Watermark stored = store.advance(key(BG), at(10, "7"), 5, STORED_AT);

      assertThrows(
          IllegalArgumentException.class,
          () -> store.advance(key(BG), Position.token("999"), 1, STORED_AT));
      assertEquals(
          stored, store.get(key(BG)), "a rejected advance must leave the watermark unchanged");
    }

    @Test
    @DisplayName("a negative item count is rejected with IllegalArgumentException")
    void advance_negativeItems_rejected() {
      WatermarkStore store = createStore();

      assertThrows(
          IllegalArgumentException.class, () -> store.advance(key(BG), at(10, "7"), -1, STORED_AT));
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
    @DisplayName(
        "many threads advancing one scope end at the maximum position, never observing a step back")
    void advance_concurrentWriters_endAtMaximum() throws Exception {
      WatermarkStore store = createStore();
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          results.add(
              pool.submit(
                  () -> {
                    ready.countDown();
                    start.await();
                    return advanceMany(store, thread);
                  }));
        }
        ready.await();
        start.countDown();
        List<String> problems = new ArrayList<>();
        for (Future<List<String>> result : results) {
          // The timeout only keeps a deadlocked store from hanging the build; nothing here measures
          // time.
          problems.addAll(result.get(5, TimeUnit.MINUTES));
        }

        assertEquals(
            List.of(),
            problems.size() > 10 ? problems.subList(0, 10) : problems,
            "advance returned a watermark behind one already observed or behind the requested position");
        Watermark survivor = store.get(key(BG));
        assertEquals(
            maximum(), survivor.position(), "the survivor of racing writers must be the maximum");
        assertTrue(
            survivor.itemsStored() >= 1
                && survivor.itemsStored() <= (long) THREADS * ADVANCES_PER_THREAD,
            "items are counted once per real advance, but itemsStored was "
                + survivor.itemsStored());
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @DisplayName(
        "threads each advancing strictly increasing positions end at the maximum, counting plausibly")
    void advance_concurrentIncreasingWriters_endAtMaximumWithPlausibleCount() throws Exception {
      WatermarkStore store = createStore();
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Long>> confirmed = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          confirmed.add(
              pool.submit(
                  () -> {
                    ready.countDown();
                    start.await();
                    return advanceIncreasing(store, thread);
                  }));
        }
        ready.await();
        start.countDown();
        long confirmedItems = 0;
        for (Future<Long> result : confirmed) {
          // The timeout only keeps a deadlocked store from hanging the build; nothing here measures
          // time.
          confirmedItems += result.get(5, TimeUnit.MINUTES);
        }

        long offered = 0;
        Position maximum = increasingPosition(0, 0);
        int winnerThread = 0;
        for (int t = 0; t < THREADS; t++) {
          for (int i = 0; i < ADVANCES_PER_THREAD; i++) {
            offered += increasingItems(i, t);
          }
          Position last = increasingPosition(ADVANCES_PER_THREAD - 1, t);
          if (last.isAfter(maximum)) {
            maximum = last;
            winnerThread = t;
          }
        }
        long winnerItems = increasingItems(ADVANCES_PER_THREAD - 1, winnerThread);
        Watermark survivor = store.get(key(BG));

        assertEquals(
            maximum, survivor.position(), "the survivor of racing writers must be the maximum");
        assertEquals(
            increasingAt(ADVANCES_PER_THREAD - 1, winnerThread),
            survivor.updatedAt(),
            "updatedAt is the `at` of the advance to the maximum, the last one that moved the position");
        assertTrue(
            survivor.itemsStored() <= offered,
            "itemsStored "
                + survivor.itemsStored()
                + " exceeds the "
                + offered
                + " items offered in total");
        assertTrue(
            survivor.itemsStored() >= winnerItems,
            "itemsStored "
                + survivor.itemsStored()
                + " lacks the "
                + winnerItems
                + " items of the winning advance");
        assertTrue(
            survivor.itemsStored() >= confirmedItems,
            "itemsStored "
                + survivor.itemsStored()
                + " lacks items of "
                + "advances whose returned watermark showed they moved the position ("
                + confirmedItems
                + ")");

        Watermark late =
            store.advance(
                key(BG),
                increasingPosition(ADVANCES_PER_THREAD / 2, 0),
                1_000,
                STORED_AT.plusSeconds(1_000_000));
        assertEquals(survivor, late, "after the race, a late lower advance is still a no-op");
      } finally {
        pool.shutdownNow();
      }
    }

    // Advances strictly increasing positions; returns the items of the advances that demonstrably
    // moved the
    // watermark: every offered position is distinct, so a returned position equal to the requested
    // one was set
    // by this very call.
    private long advanceIncreasing(WatermarkStore store, int thread) {
      long confirmed = 0;
      for (int i = 0; i < ADVANCES_PER_THREAD; i++) {
        Position requested = increasingPosition(i, thread);
        long items = increasingItems(i, thread);
        Watermark returned = store.advance(key(BG), requested, items, increasingAt(i, thread));
        if (requested.equals(returned.position())) {
          confirmed += items;
        }
      }
      return confirmed;
    }

    // Threads interleave on shared instants and differ by tie-breaker, so every position is
    // distinct.
    private Position increasingPosition(int step, int thread) {
      return at(step, Integer.toString(thread));
    }

    private long increasingItems(int step, int thread) {
      return 1 + (step * 7L + thread * 3L) % 5;
    }

    private Instant increasingAt(int step, int thread) {
      return STORED_AT.plusSeconds((long) step * THREADS + thread);
    }

    // Half the threads walk up and half walk down, so a store that lets the last writer win is
    // caught at once.
    private List<String> advanceMany(WatermarkStore store, int thread) {
      List<String> problems = new ArrayList<>();
      Position highestSeen = null;
      for (int i = 0; i < ADVANCES_PER_THREAD; i++) {
        int step = thread % 2 == 0 ? i : ADVANCES_PER_THREAD - 1 - i;
        Position requested = position(step, thread);
        Position returned =
            requirePosition(store.advance(key(BG), requested, 1, STORED_AT.plusSeconds(step)));
        if (returned.compareTo(requested) < 0) {
          problems.add(
              "thread " + thread + " advanced to " + requested + " but got back " + returned);
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
    private static final int RACE_ROUNDS = 200;

    @Test
    @DisplayName("reset makes the watermark none, and a later advance starts afresh")
    void reset_thenAdvance_startsOver() {
      WatermarkStore store = createStore();
      store.advance(key(BG), at(100, "50"), 40, STORED_AT);

      assertTrue(store.reset(key(BG)), "reset of a stored watermark returns true");
      assertEquals(Watermark.none(key(BG)), store.get(key(BG)));

      Watermark again = store.advance(key(BG), at(1, "1"), 3, STORED_AT.plusSeconds(5));
      assertEquals(
          at(1, "1"), again.position(), "after a reset a lower position is a real advance");
      assertEquals(3, again.itemsStored(), "after a reset items are counted from zero");
      assertEquals(again, store.get(key(BG)));
    }

    @Test
    @DisplayName(
        "after reset, older positions are accepted as a fresh start, then only forwards again")
    void reset_thenOlderPositions_acceptedAsFreshStart() {
      WatermarkStore store = createStore();
      store.advance(key(BG), at(100, "50"), 40, STORED_AT);
      Instant resetAt = STORED_AT.plusSeconds(10);

      assertTrue(store.reset(key(BG)));
      Watermark fresh = store.advance(key(BG), at(5, "3"), 2, resetAt);
      Watermark next = store.advance(key(BG), at(7, "1"), 4, resetAt.plusSeconds(1));
      Watermark back = store.advance(key(BG), at(6, "9"), 8, resetAt.plusSeconds(2));

      assertEquals(
          new Watermark(key(BG), at(5, "3"), 2, resetAt),
          fresh,
          "the first advance after a reset stores exactly what it is given");
      assertEquals(new Watermark(key(BG), at(7, "1"), 6, resetAt.plusSeconds(1)), next);
      assertEquals(next, back, "after the fresh start the watermark again moves forwards only");
      assertEquals(List.of(next), store.list(TENANT, EntityType.ISSUES, ""));
      assertEquals(Map.of(BG, next), store.getAll(TENANT, EntityType.ISSUES, List.of(BG)));
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
      assertTrue(ops.itemsStored() > 0);
    }

    @Test
    @DisplayName(
        "a reset racing an advance ends as one of the two serial orders, never reviving the deleted row")
    void reset_racingAdvance_endsAsASerialOrder() throws Exception {
      WatermarkStore store = createStore();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<String> problems = new ArrayList<>();
        for (int round = 0; round < RACE_ROUNDS; round++) {
          ScopeId raced = key(ScopeKey.of("jira", "project", "RACE-" + round));
          store.advance(raced, at(100, "50"), 100, STORED_AT);
          // Half the rounds advance past the stored position and half behind it.
          Position requested = round % 2 == 0 ? at(200, "1") : at(50, "1");
          Instant advancedAt = STORED_AT.plusSeconds(round);
          CyclicBarrier start = new CyclicBarrier(2);
          Future<Boolean> reset =
              pool.submit(
                  () -> {
                    start.await(5, TimeUnit.MINUTES);
                    return store.reset(raced);
                  });
          Future<Watermark> advance =
              pool.submit(
                  () -> {
                    start.await(5, TimeUnit.MINUTES);
                    return store.advance(raced, requested, 1, advancedAt);
                  });
          // The timeouts only keep a deadlocked store from hanging the build; nothing measures
          // time.
          boolean deleted = reset.get(5, TimeUnit.MINUTES);
          advance.get(5, TimeUnit.MINUTES);
          Watermark survivor = store.get(raced);
          Watermark resetFirst = new Watermark(raced, requested, 1, advancedAt);
          if (!deleted) {
            problems.add("round " + round + ": reset found no row to delete");
          }
          if (!survivor.isNone() && !survivor.equals(resetFirst)) {
            problems.add(
                "round "
                    + round
                    + ": after a reset racing an advance to "
                    + requested
                    + " the store holds "
                    + survivor
                    + "; only none (advance, then reset) or "
                    + resetFirst
                    + " (reset, then advance) are serial outcomes");
          }
        }

        assertEquals(
            List.of(),
            problems.size() > 5 ? problems.subList(0, 5) : problems,
            problems.size() + " rounds went wrong");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Instants keep their sub-second part. */
  @Nested
  @DisplayName("instant precision")
  class Precision {
    @Test
    @DisplayName(
        "positions and updatedAt with milliseconds round-trip exactly, and advances within one second are ordered")
    void advance_millisecondInstants_roundTripAndOrder() {
      WatermarkStore store = createStore();
      Position first = Position.at(T0.plusMillis(1), 5);
      Position second = Position.at(T0.plusMillis(999), 1);
      Position between = Position.at(T0.plusMillis(500), 9);
      Instant firstAt = STORED_AT.plusMillis(123);
      Instant secondAt = STORED_AT.plusMillis(456);

      Watermark stored = store.advance(key(BG), first, 1, firstAt);
      assertEquals(new Watermark(key(BG), first, 1, firstAt), stored);
      assertEquals(stored, store.get(key(BG)), "a read returns the milliseconds written");

      Watermark moved = store.advance(key(BG), second, 2, secondAt);
      assertEquals(
          new Watermark(key(BG), second, 3, secondAt),
          moved,
          "999 ms after the second is after 1 ms after it");
      Watermark notBack = store.advance(key(BG), between, 4, STORED_AT.plusSeconds(1));
      assertEquals(moved, notBack, "500 ms is before 999 ms within the same second");
      assertEquals(moved, store.get(key(BG)));
      assertEquals(List.of(moved), store.list(TENANT, EntityType.ISSUES, "jira:project:BG"));
      assertEquals(moved, store.getAll(TENANT, EntityType.ISSUES, List.of(BG)).get(BG));
    }
  }

  /** Reading many scopes in one call. */
  @Nested
  @DisplayName("bulk get")
  class BulkGet {
    @Test
    @DisplayName(
        "getAll returns one entry per distinct scope, in request order, with none for missing scopes")
    void getAll_missingScopes_noneInRequestOrder() {
      WatermarkStore store = createStore();
      Watermark bg = store.advance(key(BG), at(1, "1"), 1, STORED_AT);
      Watermark api = store.advance(key(API), at(2, "2"), 2, STORED_AT);
      ScopeKey missing = ScopeKey.of("jira", "project", "NOPE");

      Map<ScopeKey, Watermark> all =
          store.getAll(TENANT, EntityType.ISSUES, List.of(API, missing, BG, ScopeKey.GLOBAL, API));

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
      ScopeId acme = ScopeId.of("acme", EntityType.ISSUES, BG);
      ScopeId globex = ScopeId.of("globex", EntityType.ISSUES, BG);
      Watermark stored = store.advance(acme, at(10, "1"), 4, STORED_AT);

      assertTrue(store.get(globex).isNone());
      assertEquals(List.of(), store.list("globex", EntityType.ISSUES, ""));
      assertEquals(
          Map.of(BG, Watermark.none(globex)),
          store.getAll("globex", EntityType.ISSUES, List.of(BG)));
      assertFalse(store.reset(globex));

      Watermark other = store.advance(globex, at(1, "1"), 1, STORED_AT);
      assertEquals(
          at(1, "1"), other.position(), "another tenant's lower position is its own first advance");
      assertEquals(stored, store.get(acme));
      assertEquals(List.of(stored), store.list("acme", EntityType.ISSUES, ""));
    }

    @Test
    @DisplayName(
        "entity types of one tenant do not see, list, advance or reset each other's watermarks")
    void entityTypes_isolated() {
      WatermarkStore store = createStore();
      ScopeId issues = ScopeId.of(TENANT, EntityType.ISSUES, API);
      ScopeId pulls = ScopeId.of(TENANT, EntityType.PULL_REQUESTS, API);
      Watermark stored = store.advance(issues, at(10, "1"), 4, STORED_AT);

      assertTrue(store.get(pulls).isNone());
      assertEquals(List.of(), store.list(TENANT, EntityType.PULL_REQUESTS, ""));
      assertFalse(store.reset(pulls));

      Watermark other = store.advance(pulls, Position.token("5"), 1, STORED_AT);
      assertEquals(
          Position.token("5"),
          other.position(),
          "another entity type may even use another cursor kind");
      assertEquals(stored, store.get(issues));
      assertEquals(List.of(other), store.list(TENANT, EntityType.PULL_REQUESTS, ""));
    }
  }

  /** A query narrowed by prefix or by scopes stays inside its tenant and entity type. */
  @Nested
  @DisplayName("isolation under narrowed queries")
  class NarrowedIsolation {
    @Test
    @DisplayName(
        "list with a non-empty prefix returns only the asked tenant's and entity type's rows")
    void list_nonEmptyPrefix_staysInTenantAndEntityType() {
      WatermarkStore store = createStore();
      Watermark acme = store.advance(key(BG), at(1, "1"), 1, STORED_AT);
      Watermark globex =
          store.advance(ScopeId.of("globex", EntityType.ISSUES, OPS), at(2, "2"), 2, STORED_AT);
      Watermark pulls =
          store.advance(
              ScopeId.of(TENANT, EntityType.PULL_REQUESTS, OPS), at(3, "3"), 3, STORED_AT);

      assertEquals(List.of(acme), store.list(TENANT, EntityType.ISSUES, "jira:"));
      assertEquals(List.of(acme), store.list(TENANT, EntityType.ISSUES, "jira:project:"));
      assertEquals(List.of(globex), store.list("globex", EntityType.ISSUES, "jira:project:"));
      assertEquals(List.of(pulls), store.list(TENANT, EntityType.PULL_REQUESTS, "jira:"));
      assertEquals(List.of(), store.list("initech", EntityType.ISSUES, "jira:"));
      assertEquals(List.of(), store.list(TENANT, EntityType.SPRINTS, "j"));
    }

    @Test
    @DisplayName("getAll returns only the asked tenant's and entity type's rows")
    void getAll_otherTenantOrEntityType_none() {
      WatermarkStore store = createStore();
      Watermark issues = store.advance(key(BG), at(10, "1"), 4, STORED_AT);
      ScopeId pullsKey = ScopeId.of(TENANT, EntityType.PULL_REQUESTS, OPS);
      Watermark pulls = store.advance(pullsKey, at(20, "2"), 5, STORED_AT);

      assertEquals(
          Map.of(BG, Watermark.none(ScopeId.of(TENANT, EntityType.PULL_REQUESTS, BG)), OPS, pulls),
          store.getAll(TENANT, EntityType.PULL_REQUESTS, List.of(BG, OPS)),
          "BG is stored for issues only");
      assertEquals(
          Map.of(BG, issues, OPS, Watermark.none(key(OPS))),
          store.getAll(TENANT, EntityType.ISSUES, List.of(BG, OPS)),
          "OPS is stored for pull requests only");
      assertEquals(
          Map.of(BG, Watermark.none(ScopeId.of("globex", EntityType.ISSUES, BG))),
          store.getAll("globex", EntityType.ISSUES, List.of(BG)));
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
    @DisplayName(
        "list with prefix \"\" returns every row, the global one included, ordered by scope key")
    void list_emptyPrefix_includesGlobal() {
      WatermarkStore store = createStore();
      Watermark ops = store.advance(key(OPS), at(3, "3"), 3, STORED_AT);
      Watermark global = store.advance(key(ScopeKey.GLOBAL), at(4, "4"), 4, STORED_AT);
      Watermark api = store.advance(key(API), at(2, "2"), 2, STORED_AT);
      Watermark bg = store.advance(key(BG), at(1, "1"), 1, STORED_AT);

      assertEquals(List.of(global, api, bg, ops), store.list(TENANT, EntityType.ISSUES, ""));
    }

    @Test
    @DisplayName(
        "list with prefix \"jira:project:\" returns only those scoped rows, ordered by scope key")
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

  /** Scope keys are stored and matched exactly, whatever characters they hold. */
  @Nested
  @DisplayName("scope key values")
  class ScopeValues {
    @Test
    @DisplayName("list() matches `_` and `%` in the prefix literally, not as SQL LIKE wildcards")
    void list_prefixWithLikeWildcards_matchedLiterally() {
      WatermarkStore store = createStore();
      ScopeKey underscore = ScopeKey.of("x", "repo", "a_b");
      ScopeKey letter = ScopeKey.of("x", "repo", "aXb");
      ScopeKey percent = ScopeKey.of("x", "repo", "a%c");
      ScopeKey backslash = ScopeKey.of("x", "repo", "a\\d");
      Watermark a = store.advance(key(underscore), at(1, "1"), 1, STORED_AT);
      Watermark b = store.advance(key(letter), at(2, "2"), 2, STORED_AT);
      Watermark c = store.advance(key(percent), at(3, "3"), 3, STORED_AT);
      Watermark d = store.advance(key(backslash), at(4, "4"), 4, STORED_AT);

      assertEquals(
          List.of(a),
          store.list(TENANT, EntityType.ISSUES, "x:repo:a_"),
          "`_` must not match any one character");
      assertEquals(
          List.of(c),
          store.list(TENANT, EntityType.ISSUES, "x:repo:a%"),
          "`%` must not match any run of characters");
      assertEquals(List.of(), store.list(TENANT, EntityType.ISSUES, "x:repo:%"));
      assertEquals(List.of(), store.list(TENANT, EntityType.ISSUES, "x:repo:_Xb"));
      assertEquals(List.of(), store.list(TENANT, EntityType.ISSUES, "%"));
      assertEquals(
          List.of(d),
          store.list(TENANT, EntityType.ISSUES, "x:repo:a\\"),
          "`\\` (a common LIKE escape character) must be matched literally");
      assertEquals(
          List.of(c, b, d, a),
          store.list(TENANT, EntityType.ISSUES, "x:repo:a"),
          "rows are ordered by ScopeKey order, i.e. String order of the rendered key");
    }

    @Test
    @DisplayName("values with `:` and `/`, ~400 characters and non-ASCII text round-trip exactly")
    void advance_unusualValues_roundTripExactly() {
      WatermarkStore store = createStore();
      List<ScopeKey> scopes = unusualScopes();
      List<Watermark> advanced = new ArrayList<>();
      for (int i = 0; i < scopes.size(); i++) {
        Watermark stored =
            store.advance(
                key(scopes.get(i)), at(i, Integer.toString(i)), i + 1L, STORED_AT.plusSeconds(i));
        assertEquals(scopes.get(i), stored.key().scope(), "advance returns the key it was given");
        advanced.add(stored);
      }

      Map<ScopeKey, Watermark> all = store.getAll(TENANT, EntityType.ISSUES, scopes);
      assertEquals(
          scopes,
          new ArrayList<>(all.keySet()),
          "getAll keeps every distinct value, in request order");
      for (int i = 0; i < scopes.size(); i++) {
        ScopeKey scope = scopes.get(i);
        Watermark expected =
            new Watermark(key(scope), at(i, Integer.toString(i)), i + 1L, STORED_AT.plusSeconds(i));
        assertEquals(expected, advanced.get(i), "advance of " + scope);
        assertEquals(expected, store.get(key(scope)), "get of " + scope);
        assertEquals(expected, all.get(scope), "getAll of " + scope);
        assertEquals(
            scope.value(), store.get(key(scope)).key().scope().value(), "the value, char for char");
        assertEquals(
            List.of(expected),
            store.list(TENANT, EntityType.ISSUES, scope.toString()),
            "list with the whole key as prefix finds exactly " + scope);
      }
      List<Watermark> listed = store.list(TENANT, EntityType.ISSUES, "");
      assertEquals(
          Set.copyOf(advanced), Set.copyOf(listed), "list(\"\") returns every row unchanged");
      assertEquals(scopes.size(), listed.size(), "no two of these keys collapse into one row");
    }

    @Test
    @DisplayName("keys differing in case are different rows; NFC and NFD spellings are one row")
    void advance_caseVariantsDistinct_normalizationVariantsOneRow() {
      WatermarkStore store = createStore();
      ScopeKey upper = ScopeKey.of("jira", "project", "BG");
      ScopeKey lower = ScopeKey.of("jira", "project", "bg");
      ScopeKey composed = ScopeKey.of("jira", "project", "caf\u00e9");
      ScopeKey decomposed = ScopeKey.of("jira", "project", "cafe\u0301");
      assertEquals(composed, decomposed, "ScopeKey normalizes to NFC, so both spell one key");
      Watermark u = store.advance(key(upper), at(1, "1"), 1, STORED_AT);
      Watermark l = store.advance(key(lower), at(2, "2"), 2, STORED_AT);
      store.advance(key(composed), at(3, "3"), 3, STORED_AT);
      Watermark d = store.advance(key(decomposed), at(4, "4"), 4, STORED_AT);

      assertEquals(u, store.get(key(upper)));
      assertEquals(l, store.get(key(lower)), "scope keys are case-sensitive");
      assertEquals(7, d.itemsStored(), "the NFC and NFD spellings share one row");
      assertEquals(d, store.get(key(composed)));
      assertEquals(
          List.of(l),
          store.list(TENANT, EntityType.ISSUES, "jira:project:b"),
          "prefixes are case-sensitive");
      assertTrue(store.reset(key(lower)));
      assertEquals(u, store.get(key(upper)), "resetting one case variant leaves the other alone");
    }

    private List<ScopeKey> unusualScopes() {
      StringBuilder longValue = new StringBuilder("acme/");
      while (longValue.length() < 400) {
        longValue.append("segment-").append(longValue.length()).append('/');
      }
      return List.of(
          ScopeKey.of("github", "repo", "acme/api"),
          ScopeKey.of("github", "repo", "acme/web:v2/sub:path"),
          ScopeKey.of("gitlab", "project", "group/sub/group:repo::x//y"),
          ScopeKey.of("github", "repo", longValue.substring(0, 400)),
          ScopeKey.of("jira", "project", "\u00dcberg\u00f6\u00df\u00e9"),
          ScopeKey.of("jira", "project", "\u65e5\u672c\u8a9e/\u30d7\u30ed\u30b8\u30a7\u30af\u30c8"),
          ScopeKey.of("jira", "project", "emoji-\ud83d\ude80-\ud83d\udc4d"),
          ScopeKey.of(
              "jira",
              "project",
              "\u0627\u0644\u0639\u0631\u0628\u064a\u0629-\u05e2\u05d1\u05e8\u05d9\u05ea"));
    }
  }
}
