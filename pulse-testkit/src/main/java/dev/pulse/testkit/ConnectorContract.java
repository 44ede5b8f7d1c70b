package dev.pulse.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.PulseException;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.SourceException;
import dev.pulse.Watermark;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.ReadOrder;
import dev.pulse.testing.ManualExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Connector} must meet, as an abstract JUnit 5 suite for connector
 * authors.
 *
 * <p>Extend it and implement {@link #createFixture(int, int)}: return a connector pre-loaded
 * (typically through a fake vendor server) with a known data set in one scope, together with the
 * items it must serve, in order. The suite reads that scope through {@link
 * BatchIterator#open(Connector, Watermark, ReadOptions)} and checks: paging until exhausted yields
 * every item once, in order; resuming from every returned batch position yields exactly the
 * remaining items, also when many items share one timestamp; cancellation mid-scope stops fetching;
 * {@code close()} is idempotent and closes the fetcher once; at most {@code prefetch} fetches are
 * made ahead of the consumer, counting every fetch call, empty pages included (the "prefetch" group
 * documents the exact bound); a fetch that throws ends the read with a {@link PulseException} of
 * code {@link ErrorCode#SOURCE_UNAVAILABLE} and no further fetch; opening an unknown scope throws
 * {@link ScopeNotFoundException}; the asynchronous view yields what the blocking view yields;
 * discovered scopes belong to the connector's source; and a pre-count with a tiny budget returns
 * instead of blocking.
 *
 * <p>It also checks what real connectors get wrong: with 120 items on one instant (ids crossing
 * 9/10 and 99/100) batch positions strictly increase; a read of more than two pages at {@link
 * ReadOptions#DEFAULT_PAGE_SIZE} yields every item, so a connector that takes a page its vendor
 * capped below the requested size for the last one is caught; and two scopes read page by page in
 * turn, and on two threads, each yield their own items, so a connector keeping "current scope"
 * state in a field is caught.
 *
 * <p><b>Opt-in hooks.</b> Some checks need more than a fixture. Each has a method whose default
 * skips the tests that need it (through {@link Assumptions}), so a connector author overrides what
 * the connector's fake vendor can do:
 *
 * <ul>
 *   <li>{@link #positionOf(Object)}: the position of an item; the suite checks that item positions
 *       strictly increase in serving order and that each batch's position is its last item's (for a
 *       newest-first walk, each page's position is its first item's).
 *   <li>{@link #appendItems(Fixture, int)} and {@link #updateItem(Fixture, Object)}: add items, or
 *       edit one so it becomes the newest; called between runs (the next run, resumed from where
 *       the first ended, must yield exactly the new or edited items) and between two pages of one
 *       read (no item may be lost, which catches a search that follows an offset token while an
 *       item it already read moves to the end of the result list).
 *   <li>{@link #injectFailure(Fixture, SourceFailure)}: make the vendor answer the next request
 *       with 401, 429 with a retry-after, or 503; the fetch must fail with {@link
 *       ErrorCode#AUTH_FAILED}, {@link ErrorCode#RATE_LIMITED} carrying that {@link
 *       SourceException#retryAfter()}, or {@link ErrorCode#SOURCE_UNAVAILABLE}, and the next read
 *       must succeed.
 *   <li>{@link #createMillisecondFixture(int)}: items 1 ms apart within one second; reading and
 *       resuming from every page must neither lose nor repeat any.
 *   <li>{@link Fixture#otherScopes()}: list another scope to run the concurrent-scope tests.
 * </ul>
 *
 * <p><b>Newest-first connectors.</b> For a connector whose {@link Connector#readOrder()} is {@link
 * ReadOrder#NEWEST_FIRST} the suite drives the {@link PageFetcher} itself, as {@link ReadOrder}
 * describes the walk (the request's {@code after} stays the watermark, the continuation moves on):
 * a walk yields every item newest first with strictly decreasing page positions, and a walk back to
 * any page's position yields exactly the newer items (it may end with the one item at or before
 * it). The groups that read through the engine's batched iterator (paging, resuming, cancellation,
 * prefetch, failure, async view) are skipped; the groups above run for both orders.
 *
 * <p>Most reads use the same-thread executor {@code Runnable::run} or an executor the suite drains
 * by hand, so they are deterministic; some repeat on the default fetch pool, and one reads two
 * scopes on two threads. Nothing sleeps and nothing asserts on elapsed time. Items are compared
 * with {@link Object#equals(Object)}, so give them value semantics (records do).
 *
 * <pre>{@code
 * final class JiraConnectorTest extends ConnectorContract<Issue> {
 *   @Override
 *   protected Fixture<Issue> createFixture(int itemCount, int itemsSharingOneTimestamp) {
 *     List<Issue> issues = FakeJira.issues(itemCount, itemsSharingOneTimestamp);
 *     FakeJira server = FakeJira.start(issues);
 *     return new Fixture<>(new JiraConnector(server.settings()), ScopeKey.of("jira", "project", "BG"), issues);
 *   }
 * }
 * }</pre>
 *
 * @param <T> the item type of the connector under test
 */
@DisplayName("Connector contract")
public abstract class ConnectorContract<T> {
  private static final String TENANT = "contract";
  private static final Instant RESUMED_AT = Instant.parse("2026-01-01T00:00:00Z");
  // Keeps a connector that blocks from hanging the build; no test measures or expects any duration.
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  // A read of the suite's data sets takes at most a few hundred pages; more means it never ends.
  private static final int MAX_PAGES = 10_000;

  /** Creates a suite; subclasses supply the fixture. */
  protected ConnectorContract() {}

  /**
   * Creates a fresh connector holding a known data set in one scope. Called once per test.
   *
   * <p>The scope must hold exactly {@code itemCount} items, of which {@code
   * itemsSharingOneTimestamp} share one cursor value (one instant, say) and so are told apart only
   * by their tie-breaker; the other items have distinct cursor values. Placing the shared group in
   * the middle of the scope, with items before and after it, makes the suite strongest.
   *
   * @param itemCount the number of items in the scope, {@code >= 0}
   * @param itemsSharingOneTimestamp how many of them share one cursor value, between 0 and {@code
   *     itemCount}
   * @return the connector, the scope it serves and the items it must yield from that scope, in
   *     order
   */
  protected abstract Fixture<T> createFixture(int itemCount, int itemsSharingOneTimestamp);

  /**
   * A connector under test, the scope it is pre-loaded with, the items that scope must yield in
   * order, and optionally other scopes with their items.
   *
   * <p>Closing the fixture closes the connector.
   *
   * @param connector the connector under test
   * @param scope a scope the connector discovers and serves
   * @param items every item of that scope, in the (cursor, tie-breaker) order the connector must
   *     serve them (oldest first, also for a {@link ReadOrder#NEWEST_FIRST} connector)
   * @param otherScopes other scopes the connector serves, each with its items in the same order;
   *     when not empty, the suite reads two scopes concurrently. Give them items different from the
   *     main scope's, so that a connector answering from the wrong scope is caught
   * @param <T> the item type
   */
  public record Fixture<T>(
      Connector<T> connector, ScopeKey scope, List<T> items, Map<ScopeKey, List<T>> otherScopes)
      implements AutoCloseable {
    /**
     * Validates the parts and copies the items.
     *
     * @throws IllegalArgumentException if a scope does not belong to the connector's source, or the
     *     main scope is also listed among the other scopes
     */
    public Fixture {
      Objects.requireNonNull(connector, "connector");
      Objects.requireNonNull(scope, "scope");
      items = List.copyOf(items);
      Map<ScopeKey, List<T>> others = new LinkedHashMap<>();
      for (Map.Entry<ScopeKey, List<T>> entry : otherScopes.entrySet()) {
        others.put(entry.getKey(), List.copyOf(entry.getValue()));
      }
      otherScopes = Collections.unmodifiableMap(others);
      if (otherScopes.containsKey(scope)) {
        throw new IllegalArgumentException("scope " + scope + " is also listed as another scope");
      }
      for (ScopeKey key : concat(List.of(scope), otherScopes.keySet())) {
        if (!key.source().equals(connector.source())) {
          throw new IllegalArgumentException(
              "scope " + key + " does not belong to source " + connector.source());
        }
      }
    }

    /**
     * Creates a fixture of one scope.
     *
     * @param connector the connector under test
     * @param scope a scope the connector discovers and serves
     * @param items every item of that scope, in order
     */
    public Fixture(Connector<T> connector, ScopeKey scope, List<T> items) {
      this(connector, scope, items, Map.of());
    }

    private static List<ScopeKey> concat(List<ScopeKey> first, Collection<ScopeKey> rest) {
      List<ScopeKey> all = new ArrayList<>(first);
      all.addAll(rest);
      return all;
    }

    /** Closes the connector. */
    @Override
    public void close() {
      connector.close();
    }
  }

  /**
   * Gives an item its position, to check that positions strictly increase across a read and that
   * every batch's position is its last item's (for a newest-first connector, every page's position
   * is its first, newest item's). Opt-in: the default skips the tests that need it.
   *
   * @param item an item the connector served
   * @return the position the connector gives that item
   */
  protected Position positionOf(T item) {
    return Assumptions.abort("positionOf(item) is not implemented; override it to run this test");
  }

  /**
   * Adds new items to the fixture's scope at the source (its fake vendor), each newer than every
   * item the scope holds, as if created after the last read; the suite calls it between runs and
   * between the pages of one read. Opt-in: the default skips the tests that need it.
   *
   * @param fixture the fixture to change
   * @param count how many items to add, at least 1
   * @return the added items, in the order the connector must serve them
   */
  protected List<T> appendItems(Fixture<T> fixture, int count) {
    return Assumptions.abort("appendItems is not implemented; override it to run this test");
  }

  /**
   * Edits one item of the fixture's scope at the source so that it becomes the newest item (its
   * updated-at moves past every other item's), as an edit made after the last read; the suite calls
   * it between runs and between the pages of one read. Opt-in: the default skips the tests that
   * need it.
   *
   * @param fixture the fixture to change
   * @param item the item to edit, one of the fixture's items
   * @return the item as the connector must now serve it
   */
  protected T updateItem(Fixture<T> fixture, T item) {
    return Assumptions.abort("updateItem is not implemented; override it to run this test");
  }

  /**
   * Makes the source (its fake vendor) answer the next request for the fixture's scope with a
   * failure; the requests after it succeed again. The suite checks that the fetch fails with {@link
   * SourceFailure#expectedCode()} and, for 429, a {@link SourceException#retryAfter()} equal to the
   * one the vendor sent. Opt-in: the default skips these tests, which is right for a connector with
   * no remote source.
   *
   * @param fixture the fixture whose source fails
   * @param failure the failure to answer with
   */
  protected void injectFailure(Fixture<T> fixture, SourceFailure failure) {
    Assumptions.abort("injectFailure is not implemented; override it to run this test");
  }

  /**
   * Creates a fixture whose {@code itemCount} items have distinct instants within one second, one
   * millisecond apart, so that a connector that truncates instants to seconds (in its query or in
   * its positions) is caught. Opt-in: the default skips the test that needs it.
   *
   * @param itemCount the number of items, {@code >= 2}
   * @return the fixture
   */
  protected Fixture<T> createMillisecondFixture(int itemCount) {
    return Assumptions.abort("createMillisecondFixture is not implemented; override it to run");
  }

  private Fixture<T> fixture(int itemCount, int itemsSharingOneTimestamp) {
    return Objects.requireNonNull(
        createFixture(itemCount, itemsSharingOneTimestamp), "createFixture returned null");
  }

  private static ReadOptions sameThread(int pageSize, int prefetch) {
    return ReadOptions.builder()
        .pageSize(pageSize)
        .prefetch(prefetch)
        .executor(Runnable::run)
        .build();
  }

  private static ReadOptions defaultPool(int pageSize, int prefetch) {
    return ReadOptions.builder().pageSize(pageSize).prefetch(prefetch).build();
  }

  private static <T> ScopeId key(Fixture<T> fixture) {
    return ScopeId.of(TENANT, fixture.connector().entityType(), fixture.scope());
  }

  private static <T> BatchIterator<T> open(Fixture<T> fixture, ReadOptions options) {
    assumeOldestFirst(fixture);
    return BatchIterator.open(fixture.connector(), Watermark.none(key(fixture)), options);
  }

  private static <T> CountingPageFetcher<T> countingFetcher(Fixture<T> fixture) {
    assumeOldestFirst(fixture);
    return new CountingPageFetcher<>(fixture.connector().openScope(fixture.scope()));
  }

  // The engine's batched read is checked on oldest-first connectors; newest-first walks are checked
  // page by page in the "newest first" group, which does not depend on how the engine drives them.
  private static <T> void assumeOldestFirst(Fixture<T> fixture) {
    Assumptions.assumeTrue(
        fixture.connector().readOrder() == ReadOrder.OLDEST_FIRST,
        "this test reads oldest first through the engine");
  }

  private static <T> boolean newestFirst(Fixture<T> fixture) {
    return fixture.connector().readOrder() == ReadOrder.NEWEST_FIRST;
  }

  private static <T> List<Batch<T>> readAll(BatchIterator<T> iterator) {
    List<Batch<T>> batches = new ArrayList<>();
    try (iterator) {
      while (iterator.hasNext()) {
        batches.add(iterator.next());
      }
    }
    return batches;
  }

  private static <T> List<T> itemsOf(List<Batch<T>> batches) {
    return batches.stream().flatMap(batch -> batch.items().stream()).collect(Collectors.toList());
  }

  private static <T> void assertWellFormed(
      Fixture<T> fixture, List<Batch<T>> batches, int pageSize) {
    Position previous = null;
    for (int i = 0; i < batches.size(); i++) {
      Batch<T> batch = batches.get(i);
      assertEquals(fixture.scope(), batch.scope(), "batch " + i + " names the wrong scope");
      assertEquals(i, batch.sequence(), "batches are numbered 0, 1, 2, ...");
      assertTrue(
          batch.size() <= pageSize,
          "batch " + i + " holds " + batch.size() + " items, page size " + pageSize);
      if (previous != null) {
        assertTrue(
            batch.position().isAfter(previous),
            "batch positions must increase, but " + batch.position() + " follows " + previous);
      }
      previous = batch.position();
    }
  }

  /** Reading a scope from the start until it is exhausted. */
  @Nested
  @DisplayName("paging")
  class Paging {
    @Test
    @DisplayName(
        "paging until exhausted yields all items, in order, exactly once (same-thread executor)")
    void read_untilExhausted_yieldsAllItemsInOrder() {
      for (int pageSize : new int[] {1, 7, 100}) {
        try (Fixture<T> fixture = fixture(40, 10)) {
          List<Batch<T>> batches = readAll(open(fixture, sameThread(pageSize, 1)));

          assertEquals(fixture.items(), itemsOf(batches), "items read with page size " + pageSize);
          assertWellFormed(fixture, batches, pageSize);
        }
      }
    }

    @Test
    @DisplayName(
        "paging until exhausted yields all items, in order, exactly once (default executor)")
    void read_defaultExecutor_yieldsAllItemsInOrder() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        List<Batch<T>> batches =
            assertTimeoutPreemptively(HANG_GUARD, () -> readAll(open(fixture, defaultPool(7, 2))));

        assertEquals(fixture.items(), itemsOf(batches));
        assertWellFormed(fixture, batches, 7);
      }
    }

    @Test
    @DisplayName("the stream view yields all items and closing it closes the fetcher")
    void read_stream_yieldsAllItemsAndCloses() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        CountingPageFetcher<T> fetcher = countingFetcher(fixture);
        List<T> items;
        try (Stream<Batch<T>> stream =
            BatchIterator.open(fetcher, fixture.scope(), null, sameThread(7, 1)).stream()) {
          items = stream.flatMap(batch -> batch.items().stream()).collect(Collectors.toList());
        }

        assertEquals(fixture.items(), items);
        assertEquals(1, fetcher.closes(), "closing the stream closes the fetcher exactly once");
      }
    }

    @Test
    @DisplayName("an empty scope yields no batch")
    void read_emptyScope_yieldsNothing() {
      try (Fixture<T> fixture = fixture(0, 0)) {
        assertEquals(List.of(), fixture.items(), "the fixture of an empty scope lists no items");
        assertEquals(List.of(), readAll(open(fixture, sameThread(7, 1))));
      }
    }
  }

  /** Reopening a scope from a stored position. */
  @Nested
  @DisplayName("resuming")
  class Resuming {
    @Test
    @DisplayName(
        "resuming from every batch position yields exactly the remaining items, with 50 items on one instant")
    void resume_fromEveryBatchPosition_yieldsExactlyTheRest() {
      for (int pageSize : new int[] {7, 1}) {
        try (Fixture<T> fixture = fixture(60, 50)) {
          List<Batch<T>> batches = readAll(open(fixture, sameThread(pageSize, 1)));
          assertEquals(fixture.items(), itemsOf(batches), "a full read with page size " + pageSize);

          int consumed = 0;
          for (Batch<T> batch : batches) {
            consumed += batch.size();
            Watermark from = new Watermark(key(fixture), batch.position(), consumed, RESUMED_AT);
            List<T> rest =
                itemsOf(
                    readAll(
                        BatchIterator.open(fixture.connector(), from, sameThread(pageSize, 1))));

            assertEquals(
                fixture.items().subList(consumed, fixture.items().size()),
                rest,
                "resuming after batch "
                    + batch.sequence()
                    + " ("
                    + batch.position()
                    + ", page size "
                    + pageSize
                    + ") must yield exactly the items after it");
          }
        }
      }
    }

    @Test
    @DisplayName(
        "resuming in a fresh connector from a stored position yields exactly the remaining items")
    void resume_freshConnector_yieldsExactlyTheRest() {
      Position stored;
      int consumed;
      try (Fixture<T> first = fixture(60, 50)) {
        try (BatchIterator<T> iterator = open(first, sameThread(7, 0))) {
          Batch<T> a = iterator.next();
          Batch<T> b = iterator.next();
          Batch<T> c = iterator.next();
          stored = c.position();
          consumed = a.size() + b.size() + c.size();
        }
      }
      try (Fixture<T> second = fixture(60, 50)) {
        Watermark from = new Watermark(key(second), stored, consumed, RESUMED_AT);
        List<T> rest =
            itemsOf(readAll(BatchIterator.open(second.connector(), from, sameThread(7, 1))));

        assertEquals(second.items().subList(consumed, second.items().size()), rest);
      }
    }
  }

  /** Stopping a read part-way. */
  @Nested
  @DisplayName("cancellation")
  class Cancellation {
    @Test
    @DisplayName("after cancel() mid-scope, hasNext() is false and no further page is fetched")
    void cancel_midScope_stopsFetching() {
      for (int prefetch : new int[] {0, 1, 3}) {
        try (Fixture<T> fixture = fixture(40, 10)) {
          CountingPageFetcher<T> fetcher = countingFetcher(fixture);
          BatchIterator<T> iterator =
              BatchIterator.open(fetcher, fixture.scope(), null, sameThread(5, prefetch));
          try (iterator) {
            Batch<T> first = iterator.next();
            assertEquals(fixture.items().subList(0, first.size()), first.items());
            int fetchesAtCancel = fetcher.fetches();

            iterator.cancel();

            assertTrue(iterator.isCancelled());
            assertFalse(
                iterator.hasNext(),
                "a cancelled iterator has no next batch (prefetch " + prefetch + ")");
            Optional<Batch<T>> async = iterator.nextAsync().toCompletableFuture().join();
            assertEquals(Optional.empty(), async);
            assertEquals(fetchesAtCancel, fetcher.fetches(), "no page is fetched after cancel()");
          }
          assertEquals(1, fetcher.closes());
        }
      }
    }

    @Test
    @DisplayName(
        "cancel() during an in-flight fetch completes the waiting consumer empty and drops the page")
    void cancel_whileFetching_completesEmpty() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        CountingPageFetcher<T> fetcher = countingFetcher(fixture);
        ManualExecutor executor = new ManualExecutor();
        ReadOptions options =
            ReadOptions.builder().pageSize(5).prefetch(1).executor(executor).build();
        try (BatchIterator<T> iterator =
            BatchIterator.open(fetcher, fixture.scope(), null, options)) {
          CompletionStage<Optional<Batch<T>>> pending = iterator.nextAsync();
          assertFalse(
              pending.toCompletableFuture().isDone(), "nothing is fetched until the executor runs");

          iterator.cancel();

          assertEquals(Optional.empty(), pending.toCompletableFuture().getNow(Optional.empty()));
          assertTrue(
              pending.toCompletableFuture().isDone(), "cancel() completes the waiting stage");
          while (executor.runNext()) {
            // Let the in-flight fetch finish; it must not start another.
          }
          assertTrue(
              fetcher.fetches() <= 1,
              "no page is fetched after cancel(), but " + fetcher.fetches() + " were");
          assertFalse(iterator.hasNext());
          assertEquals(0, executor.pending(), "hasNext() after cancel() submits no fetch");
        }
      }
    }
  }

  /** Releasing resources. */
  @Nested
  @DisplayName("close")
  class Close {
    @Test
    @DisplayName("close() is idempotent and closes the fetcher exactly once")
    void close_twice_closesFetcherOnce() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        CountingPageFetcher<T> fetcher = countingFetcher(fixture);
        BatchIterator<T> iterator =
            BatchIterator.open(fetcher, fixture.scope(), null, sameThread(5, 1));
        iterator.next();

        iterator.close();
        iterator.close();

        assertEquals(1, fetcher.closes(), "the fetcher is closed exactly once");
        assertTrue(iterator.isCancelled(), "close() cancels");
        assertFalse(iterator.hasNext());
      }
    }

    @Test
    @DisplayName("the connector's close() is idempotent")
    void connectorClose_twice_doesNotThrow() {
      Fixture<T> fixture = fixture(3, 0);
      assertYields(
          fixture,
          fixture.items(),
          fixture.items(),
          read(fixture, null, 2, null).items(),
          "a read");

      assertDoesNotThrow(
          () -> {
            fixture.connector().close();
            fixture.connector().close();
          });
    }
  }

  /**
   * Pulling, not pushing: pages are fetched only on demand plus a bounded prefetch.
   *
   * <p>The bound, checked only when no fetch is running or queued (a same-thread executor, or a
   * {@link ManualExecutor} drained after every request): every {@link
   * dev.pulse.spi.PageFetcher#fetch} call counts, empty pages included. After the consumer has
   * received {@code consumed} batches, at most {@code consumed + prefetch} fetches have been made;
   * once the read has ended, at most {@code consumed + prefetch + 1}: the extra one is the
   * on-demand fetch that finds the end, needed when {@code prefetch} is 0 or the source answers a
   * full last page with "more" and then an empty page. So a connector that returns empty pages that
   * are not the last one fails: each is a round trip nobody asked for.
   */
  @Nested
  @DisplayName("prefetch")
  class Prefetch {
    @Test
    @DisplayName(
        "at most consumed + prefetch fetches are made, for prefetch 0, 1 and 3 (same-thread executor)")
    void prefetch_sameThread_boundRespected() {
      for (int prefetch : new int[] {0, 1, 3}) {
        try (Fixture<T> fixture = fixture(40, 10)) {
          CountingPageFetcher<T> fetcher = countingFetcher(fixture);
          List<T> items = new ArrayList<>();
          int consumed = 0;
          try (BatchIterator<T> iterator =
              BatchIterator.open(fetcher, fixture.scope(), null, sameThread(3, prefetch))) {
            assertFetchBound(fetcher, 0, prefetch, "after open");
            while (iterator.hasNext()) {
              items.addAll(iterator.next().items());
              consumed++;
              assertFetchBound(fetcher, consumed, prefetch, "after taking batch " + consumed);
            }
            assertFetchBound(
                fetcher, consumed + 1, prefetch, "after the end (" + consumed + " batches)");
          }
          assertEquals(
              fixture.items(), items, "prefetch " + prefetch + " must not change what is read");
        }
      }
    }

    @Test
    @DisplayName(
        "at most consumed + prefetch fetches are made, for prefetch 0, 1 and 3 (executor drained by hand)")
    void prefetch_manualExecutor_boundRespected() {
      for (int prefetch : new int[] {0, 1, 3}) {
        try (Fixture<T> fixture = fixture(40, 10)) {
          CountingPageFetcher<T> fetcher = countingFetcher(fixture);
          ManualExecutor executor = new ManualExecutor();
          ReadOptions options =
              ReadOptions.builder().pageSize(3).prefetch(prefetch).executor(executor).build();
          List<T> items = new ArrayList<>();
          int consumed = 0;
          try (BatchIterator<T> iterator =
              BatchIterator.open(fetcher, fixture.scope(), null, options)) {
            drain(executor);
            assertFetchBound(fetcher, 0, prefetch, "after open");
            while (true) {
              CompletableFuture<Optional<Batch<T>>> next =
                  iterator.nextAsync().toCompletableFuture();
              drain(executor);
              assertTrue(next.isDone(), "with every fetch run, the request is answered");
              Optional<Batch<T>> batch = next.join();
              if (batch.isEmpty()) {
                break;
              }
              items.addAll(batch.get().items());
              consumed++;
              assertFetchBound(fetcher, consumed, prefetch, "after taking batch " + consumed);
            }
            assertFetchBound(
                fetcher, consumed + 1, prefetch, "after the end (" + consumed + " batches)");
            assertEquals(0, executor.pending(), "nothing is fetched after the end");
          }
          assertEquals(
              fixture.items(), items, "prefetch " + prefetch + " must not change what is read");
        }
      }
    }

    private void drain(ManualExecutor executor) {
      int ran = 0;
      while (executor.runNext()) {
        ran++;
        assertTrue(ran <= 10_000, "fetches keep scheduling fetches without the consumer asking");
      }
    }

    private void assertFetchBound(
        CountingPageFetcher<T> fetcher, int allowedByDemand, int prefetch, String when) {
      int fetches = fetcher.fetches();
      assertTrue(
          fetches <= allowedByDemand + prefetch,
          when
              + " with prefetch "
              + prefetch
              + ", "
              + fetches
              + " fetches were made, more than "
              + allowedByDemand
              + " + "
              + prefetch);
    }
  }

  /** A fetch that fails ends the read. */
  @Nested
  @DisplayName("failure")
  class Failure {
    @Test
    @DisplayName(
        "a RuntimeException from a fetch mid-scope is rethrown as SOURCE_UNAVAILABLE; nothing more is fetched")
    void fetchThrows_midScope_rethrownAsSourceUnavailable() {
      for (int prefetch : new int[] {0, 1, 3}) {
        try (Fixture<T> fixture = fixture(40, 10)) {
          IllegalStateException boom =
              new IllegalStateException("connection reset by the contract suite");
          FailingPageFetcher<T> fetcher =
              new FailingPageFetcher<>(countingFetcher(fixture), 3, boom);
          List<T> items = new ArrayList<>();
          try (BatchIterator<T> iterator =
              BatchIterator.open(fetcher, fixture.scope(), null, sameThread(5, prefetch))) {
            PulseException failure =
                assertThrows(
                    PulseException.class,
                    () -> {
                      while (iterator.hasNext()) {
                        items.addAll(iterator.next().items());
                      }
                    },
                    "a failing fetch must not end the read silently (prefetch " + prefetch + ")");

            assertEquals(ErrorCode.SOURCE_UNAVAILABLE, failure.code(), "prefetch " + prefetch);
            assertTrue(
                causes(failure).contains(boom), "the fetcher's exception is kept as the cause");
            assertEquals(
                3,
                fetcher.fetches(),
                "the failing fetch is the last one (prefetch " + prefetch + ")");
            assertEquals(
                fixture.items().subList(0, items.size()),
                items,
                "the batches before the failure are delivered intact");
            assertThrows(PulseException.class, iterator::hasNext, "a failed read stays failed");
            assertEquals(
                3, fetcher.fetches(), "no fetch after the failure (prefetch " + prefetch + ")");
          }
          assertEquals(1, fetcher.closes(), "closing a failed read closes the fetcher once");
        }
      }
    }

    @Test
    @DisplayName(
        "opening a scope the connector does not hold throws ScopeNotFoundException naming it")
    void openScope_unknownScope_throwsScopeNotFound() {
      try (Fixture<T> fixture = fixture(5, 0)) {
        ScopeKey unknown =
            ScopeKey.of(fixture.connector().source(), "contract", "no-such-scope-7f3a9c");
        assertFalse(
            fixture.connector().discoverScopes().contains(unknown),
            "the fixture must not hold " + unknown);

        ScopeNotFoundException direct =
            assertThrows(
                ScopeNotFoundException.class, () -> fixture.connector().openScope(unknown));
        ScopeNotFoundException viaIterator =
            assertThrows(
                ScopeNotFoundException.class,
                () ->
                    BatchIterator.open(
                            fixture.connector(),
                            Watermark.none(
                                ScopeId.of(TENANT, fixture.connector().entityType(), unknown)),
                            sameThread(5, 1))
                        .close());

        assertEquals(unknown, direct.scope());
        assertEquals(ErrorCode.SCOPE_NOT_FOUND, direct.code());
        assertEquals(unknown, viaIterator.scope());
        assertTrue(
            String.valueOf(direct.getMessage()).contains(unknown.toString()), direct.getMessage());
      }
    }

    private List<Throwable> causes(Throwable failure) {
      List<Throwable> chain = new ArrayList<>();
      for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
        chain.add(t);
      }
      return chain;
    }
  }

  /**
   * Delegates to a counting fetcher until the failing call, which throws; every call is counted,
   * the failing one included.
   */
  private static final class FailingPageFetcher<T> implements PageFetcher<T> {
    private final CountingPageFetcher<T> delegate;
    private final int failingCall;
    private final RuntimeException failure;
    private final AtomicInteger calls = new AtomicInteger();

    FailingPageFetcher(CountingPageFetcher<T> delegate, int failingCall, RuntimeException failure) {
      this.delegate = delegate;
      this.failingCall = failingCall;
      this.failure = failure;
    }

    @Override
    public Page<T> fetch(PageRequest request) throws Exception {
      if (calls.incrementAndGet() >= failingCall) {
        throw failure;
      }
      return delegate.fetch(request);
    }

    int fetches() {
      return calls.get();
    }

    int closes() {
      return delegate.closes();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** The CompletionStage view. */
  @Nested
  @DisplayName("async view")
  class AsyncView {
    @Test
    @DisplayName("nextAsync() yields the same batches as the blocking view (same-thread executor)")
    void nextAsync_sameThread_matchesBlocking() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        List<Batch<T>> blocking = readAll(open(fixture, sameThread(6, 1)));
        List<Batch<T>> async = readAllAsync(open(fixture, sameThread(6, 1)));

        assertEquals(fixture.items(), itemsOf(async));
        assertEquals(blocking, async);
      }
    }

    @Test
    @DisplayName("nextAsync() yields the same items as the blocking view (default executor)")
    void nextAsync_defaultExecutor_matchesBlocking() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        List<Batch<T>> async =
            assertTimeoutPreemptively(
                HANG_GUARD, () -> readAllAsync(open(fixture, defaultPool(6, 2))));

        assertEquals(fixture.items(), itemsOf(async));
      }
    }

    private List<Batch<T>> readAllAsync(BatchIterator<T> iterator) {
      List<Batch<T>> batches = new ArrayList<>();
      try (iterator) {
        while (true) {
          Optional<Batch<T>> next = iterator.nextAsync().toCompletableFuture().join();
          if (next.isEmpty()) {
            return batches;
          }
          batches.add(next.get());
        }
      }
    }
  }

  /** What a connector tells about its source before reading. */
  @Nested
  @DisplayName("discovery and pre-count")
  class Discovery {
    @Test
    @DisplayName(
        "discoverScopes() returns the fixture's scope, and every key's source is the connector's")
    void discoverScopes_sourceMatches() {
      try (Fixture<T> fixture = fixture(5, 0)) {
        List<ScopeKey> scopes = fixture.connector().discoverScopes();

        assertTrue(
            scopes.contains(fixture.scope()), "discovered " + scopes + " lacks " + fixture.scope());
        for (ScopeKey scope : scopes) {
          assertEquals(fixture.connector().source(), scope.source(), "discovered scope " + scope);
        }
        assertNotNull(fixture.connector().entityType());
        assertNotNull(fixture.connector().checkHealth());
      }
    }

    @Test
    @DisplayName("preCount() with a tiny budget returns (unknown is fine) instead of blocking")
    void preCount_tinyBudget_returns() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        for (Duration budget : new Duration[] {Duration.ZERO, Duration.ofNanos(1)}) {
          ItemCount count =
              assertTimeoutPreemptively(
                  HANG_GUARD, () -> fixture.connector().preCount(fixture.scope(), null, budget));

          assertCountPlausible(count, 40, "budget " + budget);
        }
      }
    }

    @Test
    @DisplayName("preCount() is exact when it says so, from the start and after a position")
    void preCount_exact_matchesItems() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        Batch<T> first;
        try (BatchIterator<T> iterator = open(fixture, sameThread(7, 0))) {
          first = iterator.next();
        }
        ItemCount all =
            assertTimeoutPreemptively(
                HANG_GUARD,
                () -> fixture.connector().preCount(fixture.scope(), null, Duration.ofSeconds(10)));
        ItemCount rest =
            assertTimeoutPreemptively(
                HANG_GUARD,
                () ->
                    fixture
                        .connector()
                        .preCount(fixture.scope(), first.position(), Duration.ofSeconds(10)));

        assertCountPlausible(all, 40, "all items");
        assertCountPlausible(rest, 40 - first.size(), "items after the first batch");
      }
    }

    private void assertCountPlausible(@Nullable ItemCount count, int expected, String what) {
      assertNotNull(count, "preCount must not return null");
      if (count != null && count.kind() == ItemCount.Kind.EXACT) {
        assertEquals(expected, count.value(), "an exact count of " + what);
      }
    }
  }

  // ---- Reading helpers shared by both read orders ----

  /** What one read of a scope returned: its items in the order served, and where to resume. */
  private record Read<T>(
      List<T> items, List<Position> pagePositions, @Nullable Position resumeFrom) {}

  /**
   * Reads a scope to its end from {@code after}: oldest first through the engine (prefetch 0 on the
   * calling thread, so {@code betweenPages} runs after exactly one page has been fetched), newest
   * first as a walk of the fetcher. The resume position is the last batch's position, or for a walk
   * the highest page position, as the engine stores it.
   */
  private static <T> Read<T> read(
      Fixture<T> fixture, @Nullable Position after, int pageSize, @Nullable Runnable betweenPages) {
    if (newestFirst(fixture)) {
      List<Page<T>> pages = walk(fixture, fixture.scope(), after, pageSize, betweenPages);
      List<T> items = new ArrayList<>();
      List<Position> positions = new ArrayList<>();
      Position highest = after;
      for (Page<T> page : pages) {
        items.addAll(page.items());
        Position position = page.position();
        if (position != null && !page.items().isEmpty()) {
          positions.add(position);
          if (highest == null || position.isAfter(highest)) {
            highest = position;
          }
        }
      }
      return new Read<>(items, positions, highest);
    }
    Watermark from =
        after == null
            ? Watermark.none(key(fixture))
            : new Watermark(key(fixture), after, 0, RESUMED_AT);
    List<T> items = new ArrayList<>();
    List<Position> positions = new ArrayList<>();
    Position resume = after;
    try (BatchIterator<T> iterator =
        BatchIterator.open(fixture.connector(), from, sameThread(pageSize, 0))) {
      boolean first = true;
      while (iterator.hasNext()) {
        Batch<T> batch = iterator.next();
        items.addAll(batch.items());
        positions.add(batch.position());
        resume = batch.position();
        if (first && betweenPages != null) {
          betweenPages.run();
        }
        first = false;
      }
    }
    return new Read<>(items, positions, resume);
  }

  /** Walks a newest-first scope: {@code after} stays the watermark, the continuation moves on. */
  private static <T> List<Page<T>> walk(
      Fixture<T> fixture,
      ScopeKey scope,
      @Nullable Position after,
      int pageSize,
      @Nullable Runnable betweenPages) {
    List<Page<T>> pages = new ArrayList<>();
    try (PageFetcher<T> fetcher = fixture.connector().openScope(scope)) {
      String continuation = null;
      while (true) {
        Page<T> page = fetchPage(fetcher, new PageRequest(scope, after, continuation, pageSize));
        pages.add(page);
        assertTrue(
            page.items().size() <= pageSize,
            "page "
                + pages.size()
                + " holds "
                + page.items().size()
                + " items, page size "
                + pageSize);
        if (!page.hasMore()) {
          return pages;
        }
        assertNotNull(
            page.continuation(), "a newest-first page with more must hand on a continuation");
        assertTrue(pages.size() <= MAX_PAGES, "the walk did not end after " + MAX_PAGES + " pages");
        continuation = page.continuation();
        if (pages.size() == 1 && betweenPages != null) {
          betweenPages.run();
        }
      }
    }
  }

  private static <T> Page<T> fetchPage(PageFetcher<T> fetcher, PageRequest request) {
    try {
      return Objects.requireNonNull(fetcher.fetch(request), "fetch returned null");
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("fetch failed: " + e, e);
    }
  }

  /**
   * Asserts that a read from a position yielded exactly the expected items: in order when oldest
   * first; newest first (reversed) for a walk, which may end with the one item at or before the
   * position it walked back to.
   */
  private static <T> void assertYields(
      Fixture<T> fixture, List<T> expected, List<T> all, List<T> actual, String what) {
    if (!newestFirst(fixture)) {
      assertEquals(expected, actual, what);
      return;
    }
    List<T> reversed = new ArrayList<>(expected);
    Collections.reverse(reversed);
    int boundaryIndex = all.size() - expected.size() - 1;
    if (actual.size() == reversed.size() + 1 && boundaryIndex >= 0) {
      reversed.add(all.get(boundaryIndex));
    }
    assertEquals(reversed, actual, what + " (newest first)");
  }

  private static <T> List<T> plus(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static <T> void assertContainsAll(List<T> expected, List<T> actual, String what) {
    List<T> missing = new ArrayList<>();
    for (T item : expected) {
      if (!actual.contains(item)) {
        missing.add(item);
      }
    }
    assertEquals(List.of(), missing, what + ": items lost");
  }

  /** Positions: one total order, also where many items share one instant. */
  @Nested
  @DisplayName("positions")
  class Positions {
    @Test
    @DisplayName(
        "with 120 items on one instant (ids crossing 9/10 and 99/100), batch positions strictly increase and every item is read once")
    void read_manyItemsOnOneInstant_batchPositionsIncrease() {
      for (int pageSize : new int[] {7, 1}) {
        try (Fixture<T> fixture = fixture(130, 120)) {
          List<Batch<T>> batches = readAll(open(fixture, sameThread(pageSize, 1)));

          assertEquals(fixture.items(), itemsOf(batches), "items read with page size " + pageSize);
          assertWellFormed(fixture, batches, pageSize);
        }
      }
    }

    @Test
    @DisplayName(
        "item positions strictly increase in serving order, and each page's position is its edge item's")
    void read_itemPositions_strictlyIncreaseAndMatchPages() {
      try (Fixture<T> fixture = fixture(130, 120)) {
        Position previous = null;
        for (T item : fixture.items()) {
          Position position = Objects.requireNonNull(positionOf(item), "positionOf returned null");
          if (previous != null) {
            assertTrue(
                position.isAfter(previous),
                "item positions must strictly increase, but " + position + " follows " + previous);
          }
          previous = position;
        }
        if (newestFirst(fixture)) {
          for (Page<T> page : walk(fixture, fixture.scope(), null, 7, null)) {
            if (!page.items().isEmpty()) {
              assertEquals(
                  positionOf(page.items().get(0)),
                  page.position(),
                  "a newest-first page's position is its first (newest) item's");
            }
          }
        } else {
          for (Batch<T> batch : readAll(open(fixture, sameThread(7, 1)))) {
            assertEquals(
                positionOf(batch.items().get(batch.size() - 1)),
                batch.position(),
                "a batch's position is its last item's");
          }
        }
        Read<T> read = read(fixture, null, 7, null);
        assertYields(fixture, fixture.items(), fixture.items(), read.items(), "a full read");
      }
    }
  }

  /** A read of many pages at the size the engine asks for when nobody configures one. */
  @Nested
  @DisplayName("default page size")
  class DefaultPageSize {
    @Test
    @DisplayName(
        "a read of more than two pages at the default page size yields every item (vendors may cap pages lower)")
    void read_defaultPageSize_yieldsEveryItem() {
      int count = 2 * ReadOptions.DEFAULT_PAGE_SIZE + 25;
      try (Fixture<T> fixture = fixture(count, 10)) {
        Read<T> read = read(fixture, null, ReadOptions.DEFAULT_PAGE_SIZE, null);

        assertYields(fixture, fixture.items(), fixture.items(), read.items(), "a full read");
        assertTrue(
            read.pagePositions().size() >= 3,
            count + " items in pages of at most " + ReadOptions.DEFAULT_PAGE_SIZE);
      }
    }
  }

  /** The source changes between two runs; the second resumes where the first ended. */
  @Nested
  @DisplayName("changes between runs")
  class BetweenRuns {
    @Test
    @DisplayName("after a full read, resuming with nothing changed yields nothing")
    void resume_nothingChanged_yieldsNothing() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        Read<T> first = read(fixture, null, 7, null);
        Read<T> second = read(fixture, first.resumeFrom(), 7, null);

        assertYields(fixture, List.of(), fixture.items(), second.items(), "a second run");
      }
    }

    @Test
    @DisplayName("items appended after a read are exactly what the next run yields")
    void resume_afterAppend_yieldsExactlyTheNewItems() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        Read<T> first = read(fixture, null, 7, null);
        assertYields(fixture, fixture.items(), fixture.items(), first.items(), "the first run");
        List<T> appended = appendItems(fixture, 5);

        Read<T> second = read(fixture, first.resumeFrom(), 7, null);

        assertYields(
            fixture, appended, plus(fixture.items(), appended), second.items(), "the next run");
      }
    }

    @Test
    @DisplayName("an item edited after a read is exactly what the next run yields")
    void resume_afterUpdate_yieldsTheEditedItem() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        Read<T> first = read(fixture, null, 7, null);
        T updated = updateItem(fixture, fixture.items().get(3));

        Read<T> second = read(fixture, first.resumeFrom(), 7, null);

        assertYields(
            fixture,
            List.of(updated),
            plus(fixture.items(), List.of(updated)),
            second.items(),
            "the next run");
      }
    }
  }

  /** The source changes while a read is between two pages. */
  @Nested
  @DisplayName("changes between pages")
  class BetweenPages {
    @Test
    @DisplayName("items appended between two pages of a read lose no item")
    void read_appendBetweenPages_losesNothing() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        List<List<T>> appended = new ArrayList<>();
        Read<T> read = read(fixture, null, 7, () -> appended.add(appendItems(fixture, 3)));

        assertEquals(1, appended.size(), "the read had a second page");
        if (newestFirst(fixture)) {
          assertContainsAll(fixture.items(), read.items(), "a walk with items appended meanwhile");
        } else {
          assertEquals(plus(fixture.items(), appended.get(0)), read.items());
        }
      }
    }

    @Test
    @DisplayName("an item already read and edited between two pages loses no other item")
    void read_updateBetweenPages_losesNothing() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        // An item of the first page: oldest first that is the third item, newest first the third
        // newest.
        T edited =
            newestFirst(fixture)
                ? fixture.items().get(fixture.items().size() - 3)
                : fixture.items().get(2);
        List<T> updated = new ArrayList<>();
        Read<T> read = read(fixture, null, 7, () -> updated.add(updateItem(fixture, edited)));

        assertEquals(1, updated.size(), "the read had a second page");
        if (newestFirst(fixture)) {
          assertContainsAll(fixture.items(), read.items(), "a walk with an item edited meanwhile");
        } else {
          assertEquals(plus(fixture.items(), updated), read.items());
        }
      }
    }
  }

  /**
   * Steps through one scope page by page, oldest first (after = the previous page's position) or
   * newest first (after fixed, continuation moving on), so two scopes can be interleaved.
   */
  private static final class Stepper<T> implements AutoCloseable {
    private final ScopeKey scope;
    private final PageFetcher<T> fetcher;
    private final boolean newestFirst;
    private final List<T> items = new ArrayList<>();
    private @Nullable Position after;
    private @Nullable String continuation;
    private boolean done;
    private int pages;

    Stepper(Fixture<T> fixture, ScopeKey scope) {
      this.scope = scope;
      this.fetcher = fixture.connector().openScope(scope);
      this.newestFirst = newestFirst(fixture);
    }

    boolean step(int pageSize) {
      if (done) {
        return false;
      }
      Page<T> page = fetchPage(fetcher, new PageRequest(scope, after, continuation, pageSize));
      items.addAll(page.items());
      if (!newestFirst && page.position() != null) {
        after = page.position();
      }
      continuation = page.continuation();
      done = !page.hasMore();
      assertTrue(++pages <= MAX_PAGES, "the read of " + scope + " did not end");
      return true;
    }

    List<T> readToEnd(int pageSize) {
      while (step(pageSize)) {
        // keep reading
      }
      return items;
    }

    @Override
    public void close() {
      fetcher.close();
    }
  }

  /** Scopes are independent: reading one never changes what another yields. */
  @Nested
  @DisplayName("concurrent scopes")
  class ConcurrentScopes {
    @Test
    @DisplayName(
        "two scopes opened together and read page by page in turn each yield their own items")
    void read_twoScopesInterleaved_eachYieldsItsOwn() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        Map.Entry<ScopeKey, List<T>> other = otherScope(fixture);
        try (Stepper<T> a = new Stepper<>(fixture, fixture.scope());
            Stepper<T> b = new Stepper<>(fixture, other.getKey())) {
          boolean more = true;
          while (more) {
            more = a.step(3);
            more |= b.step(3);
          }

          assertYields(
              fixture, fixture.items(), fixture.items(), a.items, "scope " + fixture.scope());
          assertYields(
              fixture, other.getValue(), other.getValue(), b.items, "scope " + other.getKey());
        }
      }
    }

    @Test
    @DisplayName("two scopes read on two threads at once each yield their own items")
    void read_twoScopesOnTwoThreads_eachYieldsItsOwn() throws Exception {
      try (Fixture<T> fixture = fixture(40, 10)) {
        Map.Entry<ScopeKey, List<T>> other = otherScope(fixture);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          CyclicBarrier start = new CyclicBarrier(2);
          Future<List<T>> a = pool.submit(() -> readOnThread(fixture, fixture.scope(), start));
          Future<List<T>> b = pool.submit(() -> readOnThread(fixture, other.getKey(), start));

          assertYields(
              fixture,
              fixture.items(),
              fixture.items(),
              a.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS),
              "scope " + fixture.scope());
          assertYields(
              fixture,
              other.getValue(),
              other.getValue(),
              b.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS),
              "scope " + other.getKey());
        } finally {
          pool.shutdownNow();
        }
      }
    }

    private List<T> readOnThread(Fixture<T> fixture, ScopeKey scope, CyclicBarrier start)
        throws Exception {
      try (Stepper<T> stepper = new Stepper<>(fixture, scope)) {
        start.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        return List.copyOf(stepper.readToEnd(2));
      }
    }

    private Map.Entry<ScopeKey, List<T>> otherScope(Fixture<T> fixture) {
      Assumptions.assumeFalse(
          fixture.otherScopes().isEmpty(),
          "the fixture lists no other scope; list one in Fixture.otherScopes to run this test");
      return fixture.otherScopes().entrySet().iterator().next();
    }
  }

  /** What the connector reports when its source refuses. */
  @Nested
  @DisplayName("source failures")
  class SourceFailures {
    @Test
    @DisplayName("a 401 from the source fails the fetch with AUTH_FAILED")
    void fetch_unauthorized_authFailed() {
      assertFailureReported(SourceFailure.unauthorized());
    }

    @Test
    @DisplayName("a 429 with retry-after fails the fetch with RATE_LIMITED and that retry-after")
    void fetch_rateLimited_rateLimitedWithRetryAfter() {
      assertFailureReported(SourceFailure.rateLimited(Duration.ofMinutes(47)));
    }

    @Test
    @DisplayName("a 5xx from the source fails the fetch with SOURCE_UNAVAILABLE")
    void fetch_serverError_sourceUnavailable() {
      assertFailureReported(SourceFailure.serverError());
    }

    private void assertFailureReported(SourceFailure failure) {
      try (Fixture<T> fixture = fixture(10, 0)) {
        injectFailure(fixture, failure);
        PulseException thrown;
        try (PageFetcher<T> fetcher = fixture.connector().openScope(fixture.scope())) {
          thrown =
              assertThrows(
                  PulseException.class,
                  () -> fetcher.fetch(new PageRequest(fixture.scope(), null, null, 5)),
                  "a " + failure.status() + " must fail the fetch with a PulseException");
        }

        assertEquals(failure.expectedCode(), thrown.code(), "the code for " + failure.status());
        if (failure.retryAfter() != null) {
          assertTrue(
              thrown instanceof SourceException,
              "a rate limit is reported as a SourceException, was " + thrown.getClass());
          assertEquals(
              failure.retryAfter(),
              ((SourceException) thrown).retryAfter(),
              "the retry-after the source sent");
        }
        Read<T> again = read(fixture, null, 5, null);
        assertYields(
            fixture, fixture.items(), fixture.items(), again.items(), "a read after the failure");
      }
    }
  }

  /** Instants that differ by milliseconds stay apart. */
  @Nested
  @DisplayName("millisecond instants")
  class MillisecondInstants {
    @Test
    @DisplayName(
        "with items 1 ms apart, a read yields all and resuming from every page yields exactly the rest")
    void resume_millisecondInstants_yieldsExactlyTheRest() {
      try (Fixture<T> fixture =
          Objects.requireNonNull(createMillisecondFixture(30), "createMillisecondFixture")) {
        List<T> items = fixture.items();
        if (newestFirst(fixture)) {
          List<Page<T>> pages = walk(fixture, fixture.scope(), null, 4, null);
          int walked = 0;
          for (Page<T> page : pages) {
            walked += page.items().size();
            if (page.items().isEmpty()) {
              continue;
            }
            // The page's newest item is the (walked - size)-th newest; resuming after it yields
            // the newer ones.
            int newest = items.size() - (walked - page.items().size());
            Read<T> rest = read(fixture, page.position(), 4, null);
            assertYields(
                fixture,
                items.subList(newest, items.size()),
                items,
                rest.items(),
                "resuming after " + page.position());
          }
          return;
        }
        List<Batch<T>> batches = readAll(open(fixture, sameThread(4, 1)));
        assertEquals(items, itemsOf(batches));
        int consumed = 0;
        for (Batch<T> batch : batches) {
          consumed += batch.size();
          Read<T> rest = read(fixture, batch.position(), 4, null);
          assertEquals(
              items.subList(consumed, items.size()),
              rest.items(),
              "resuming after " + batch.position());
        }
      }
    }
  }

  /** A newest-first connector walks back from the newest record to the watermark. */
  @Nested
  @DisplayName("newest first")
  class NewestFirst {
    @Test
    @DisplayName(
        "a walk from the start yields every item newest first, page positions strictly decreasing")
    void walk_fromStart_yieldsAllNewestFirst() {
      for (int pageSize : new int[] {1, 7, 100}) {
        try (Fixture<T> fixture = fixture(40, 10)) {
          assumeNewestFirst(fixture);
          List<Page<T>> pages = walk(fixture, fixture.scope(), null, pageSize, null);
          List<T> items = new ArrayList<>();
          Position previous = null;
          for (Page<T> page : pages) {
            items.addAll(page.items());
            Position position = page.position();
            if (page.items().isEmpty() || position == null) {
              continue;
            }
            if (previous != null) {
              assertTrue(
                  previous.isAfter(position),
                  "newest-first page positions must decrease, but "
                      + position
                      + " follows "
                      + previous);
            }
            previous = position;
          }

          assertYields(
              fixture,
              fixture.items(),
              fixture.items(),
              items,
              "a walk with page size " + pageSize);
        }
      }
    }

    @Test
    @DisplayName("a walk back to any page's position yields exactly the items newer than it")
    void walk_toEveryPagePosition_yieldsExactlyTheNewer() {
      try (Fixture<T> fixture = fixture(40, 10)) {
        assumeNewestFirst(fixture);
        List<T> items = fixture.items();
        int walked = 0;
        for (Page<T> page : walk(fixture, fixture.scope(), null, 7, null)) {
          walked += page.items().size();
          if (page.items().isEmpty()) {
            continue;
          }
          int newest = items.size() - (walked - page.items().size());
          List<T> rest = read(fixture, page.position(), 7, null).items();

          assertYields(
              fixture,
              items.subList(newest, items.size()),
              items,
              rest,
              "walking back to " + page.position());
        }
      }
    }

    private void assumeNewestFirst(Fixture<T> fixture) {
      Assumptions.assumeTrue(newestFirst(fixture), "the connector reads oldest first");
    }
  }
}
