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
import dev.pulse.Watermark;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.testing.ManualExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
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
 * <p>Most reads use the same-thread executor {@code Runnable::run} or an executor the suite drains
 * by hand, so they are deterministic; some repeat on the default fetch pool. Nothing sleeps and
 * nothing asserts on elapsed time. Items are compared with {@link Object#equals(Object)}, so give
 * them value semantics (records do).
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
   * A connector under test, the scope it is pre-loaded with, and the items that scope must yield in
   * order.
   *
   * <p>Closing the fixture closes the connector.
   *
   * @param connector the connector under test
   * @param scope a scope the connector discovers and serves
   * @param items every item of that scope, in the (cursor, tie-breaker) order the connector must
   *     serve them
   * @param <T> the item type
   */
  public record Fixture<T>(Connector<T> connector, ScopeKey scope, List<T> items)
      implements AutoCloseable {
    /**
     * Validates the parts and copies the items.
     *
     * @throws IllegalArgumentException if the scope does not belong to the connector's source
     */
    public Fixture {
      Objects.requireNonNull(connector, "connector");
      Objects.requireNonNull(scope, "scope");
      items = List.copyOf(items);
      if (!scope.source().equals(connector.source())) {
        throw new IllegalArgumentException(
            "scope " + scope + " does not belong to source " + connector.source());
      }
    }

    /** Closes the connector. */
    @Override
    public void close() {
      connector.close();
    }
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
    return BatchIterator.open(fixture.connector(), Watermark.none(key(fixture)), options);
  }

  private static <T> CountingPageFetcher<T> countingFetcher(Fixture<T> fixture) {
    return new CountingPageFetcher<>(fixture.connector().openScope(fixture.scope()));
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
      readAll(open(fixture, sameThread(2, 1)));

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
}
