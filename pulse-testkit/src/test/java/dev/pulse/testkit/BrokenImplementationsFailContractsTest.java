package dev.pulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.Connector;
import dev.pulse.spi.DeadLetterStore;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.WatermarkStore;
import dev.pulse.testkit.TestItems.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Shows that the contract suites catch what they are for: each broken store or connector (see
 * {@link BrokenStores} and {@link BrokenConnectors} for the newer ones) fails exactly the tests
 * aimed at its flaw and passes the rest, and the reference connectors (in-memory oldest first, and
 * the newest-first one) pass every test they opt into. The broken suites are static nested classes,
 * which Surefire does not run on its own; they are run here through the JUnit Platform Launcher,
 * and a test skipped by an assumption (an opt-in hook left out) counts as neither passed nor
 * failed.
 */
final class BrokenImplementationsFailContractsTest {
  // Its page positions are offsets: they go up as the walk goes back, are not the items'
  // positions, and after an append the next run starts at an offset that now holds old items.
  private static final Set<String> EXPECTED_OFFSET_POSITION =
      Set.of(
          "read_itemPositions_strictlyIncreaseAndMatchPages",
          "resume_afterAppend_yieldsExactlyTheNewItems",
          "resume_afterUpdate_yieldsTheEditedItem",
          "walk_fromStart_yieldsAllNewestFirst",
          "walk_toEveryPagePosition_yieldsExactlyTheNewer");
  // Where the ids on one instant gain a digit its positions go backwards; the engine then refuses
  // the page that does not move past the position it was asked for, which the resume tests meet.
  private static final Set<String> EXPECTED_TEXT_TIE_BREAKER =
      Set.of(
          "read_itemPositions_strictlyIncreaseAndMatchPages",
          "read_manyItemsOnOneInstant_batchPositionsIncrease",
          "resume_freshConnector_yieldsExactlyTheRest",
          "resume_fromEveryBatchPosition_yieldsExactlyTheRest");
  // Both fetchers are opened before either reads, so both read the scope opened last.
  private static final Set<String> EXPECTED_SHARED_SCOPE =
      Set.of(
          "read_twoScopesInterleaved_eachYieldsItsOwn",
          "read_twoScopesOnTwoThreads_eachYieldsItsOwn");

  @Test
  void watermarkStoreContract_backwardsStore_failsMonotonicityTests() {
    Outcome outcome = run(BackwardsStoreSuite.class);

    assertEquals(
        new TreeSet<>(
            List.of(
                "advance_lowerOrEqual_isNoOp",
                "advance_higher_addsItems",
                "advance_millisecondInstants_roundTripAndOrder",
                "advance_numericTieBreaker_comparesAsNumber",
                "advance_textTieBreaker_comparesAsText",
                "advance_tokenPositions_moveForwardOnly",
                "advance_concurrentWriters_endAtMaximum",
                "advance_concurrentIncreasingWriters_endAtMaximumWithPlausibleCount",
                "advance_mixedSequence_countsExactlyTheMovingAdvances",
                "advance_updatedAt_isAtOfLastMovingAdvance",
                "reset_thenOlderPositions_acceptedAsFreshStart")),
        outcome.failed(),
        "the tests a backwards-moving store must fail, and no others");
    assertTrue(outcome.succeeded() >= 13, "the other tests ran and passed: " + outcome.succeeded());
  }

  @Test
  void deadLetterStoreContract_replacingStore_failsTheCountingTests() {
    Outcome outcome = run(ReplacingDeadLetterStoreSuite.class);

    assertEquals(
        Set.of(
            "record_upsertsKeepingFirstSeenAndCountingAttempts",
            "record_outOfOrderRejection_countsButKeepsTheLaterLastSeen",
            "record_racingRejectionsOfOneRecord_addUpTheirAttempts"),
        outcome.failed(),
        "a store that replaces a letter on each rejection fails the counting tests, and no others");
    assertEquals(4, outcome.succeeded(), "the other tests ran and passed");
  }

  @Test
  void deadLetterStoreContract_unorderedListStore_failsTheOrderTest() {
    Outcome outcome = run(UnorderedListDeadLetterStoreSuite.class);

    assertEquals(
        Set.of("list_ordersByEntityTypeScopeAndKeyAndSeparatesTenants"),
        outcome.failed(),
        "a store listing letters in recording order fails only the order test");
    assertEquals(6, outcome.succeeded(), "the other tests ran and passed");
  }

  @Test
  void watermarkStoreContract_likePatternStore_failsLiteralPrefixTest() {
    Outcome outcome = run(LikePatternStoreSuite.class);

    assertEquals(
        Set.of("list_prefixWithLikeWildcards_matchedLiterally"),
        outcome.failed(),
        "a store that matches list prefixes as SQL LIKE patterns fails only the literal-prefix test");
    assertTrue(outcome.succeeded() >= 20, "the other tests ran and passed: " + outcome.succeeded());
  }

  @Test
  void watermarkStoreContract_prefixLeakingStore_failsNarrowedListTest() {
    Outcome outcome = run(PrefixLeakingStoreSuite.class);

    assertEquals(
        Set.of("list_nonEmptyPrefix_staysInTenantAndEntityType"),
        outcome.failed(),
        "a store whose non-empty list prefix crosses tenants fails the narrowed-list test");
  }

  @Test
  void watermarkStoreContract_typeBlindBulkGetStore_failsNarrowedGetAllTest() {
    Outcome outcome = run(TypeBlindBulkGetStoreSuite.class);

    assertEquals(
        Set.of("getAll_otherTenantOrEntityType_none"),
        outcome.failed(),
        "a store whose getAll ignores the entity type fails the narrowed getAll test");
  }

  @Test
  void watermarkStoreContract_secondsTruncatingStore_failsPrecisionTest() {
    Outcome outcome = run(SecondsTruncatingStoreSuite.class);

    assertEquals(
        Set.of(
            "advance_millisecondInstants_roundTripAndOrder",
            "advance_updatedAt_isAtOfLastMovingAdvance"),
        outcome.failed(),
        "a store that keeps whole seconds fails the millisecond tests (positions and updatedAt)");
  }

  @Test
  void watermarkStoreContract_readThenWriteStore_failsResetRaceTest() {
    Outcome outcome = run(ReadThenWriteStoreSuite.class);

    assertEquals(
        Set.of("reset_racingAdvance_endsAsASerialOrder"),
        outcome.failed(),
        "a store whose reset can lose to a racing advance fails the reset race test");
  }

  @Test
  void watermarkStoreContract_inMemoryStore_passes() {
    Outcome outcome = run(InMemoryWatermarkStoreTest.class);

    assertEquals(Set.of(), outcome.failed());
    assertTrue(outcome.succeeded() >= 23, "every contract test ran: " + outcome.succeeded());
  }

  @Test
  void connectorContract_boundaryDroppingConnector_failsTieTests() {
    Outcome outcome = run(BoundaryDroppingConnectorSuite.class);

    assertEquals(
        new TreeSet<>(
            List.of(
                "read_untilExhausted_yieldsAllItemsInOrder",
                "read_defaultExecutor_yieldsAllItemsInOrder",
                "read_manyItemsOnOneInstant_batchPositionsIncrease",
                "read_stream_yieldsAllItemsAndCloses",
                "resume_afterAppend_yieldsExactlyTheNewItems",
                "resume_fromEveryBatchPosition_yieldsExactlyTheRest",
                "resume_freshConnector_yieldsExactlyTheRest",
                "prefetch_sameThread_boundRespected",
                "prefetch_manualExecutor_boundRespected",
                "nextAsync_sameThread_matchesBlocking",
                "nextAsync_defaultExecutor_matchesBlocking")),
        outcome.failed(),
        "the tests a connector that loses tied items must fail, and no others");
    assertTrue(outcome.succeeded() >= 7, "the other tests ran and passed: " + outcome.succeeded());
  }

  @Test
  void connectorContract_resumeOnlyBreakage_failsResumeTests() {
    Outcome outcome = run(ResumeDroppingConnectorSuite.class);

    assertEquals(
        new TreeSet<>(
            List.of(
                "resume_fromEveryBatchPosition_yieldsExactlyTheRest",
                "resume_freshConnector_yieldsExactlyTheRest")),
        outcome.failed(),
        "a connector that pages right but resumes wrong fails only the resume tests");
  }

  @Test
  void connectorContract_emptyPageInterleavingConnector_failsPrefetchTests() {
    Outcome outcome = run(EmptyPageInterleavingConnectorSuite.class);

    assertEquals(
        new TreeSet<>(
            List.of(
                "prefetch_sameThread_boundRespected", "prefetch_manualExecutor_boundRespected")),
        outcome.failed(),
        "a connector that spends a fetch on an empty page before every real page reads the "
            + "right items but breaks the prefetch bound, which counts every fetch call");
  }

  @Test
  void connectorContract_lenientUnknownScopeConnector_failsScopeNotFoundTest() {
    Outcome outcome = run(LenientUnknownScopeConnectorSuite.class);

    assertEquals(
        Set.of("openScope_unknownScope_throwsScopeNotFound"),
        outcome.failed(),
        "a connector that opens an unknown scope as empty fails only the unknown-scope test");
  }

  @Test
  void connectorContract_fullPageMeansMoreConnector_failsDefaultPageSizeTest() {
    Outcome outcome = run(FullPageMeansMoreConnectorSuite.class);

    assertEquals(
        Set.of("read_defaultPageSize_yieldsEveryItem"),
        outcome.failed(),
        "a connector that takes a page capped by its vendor for the last one fails the read at the default page size");
  }

  @Test
  void connectorContract_offsetPositionNewestFirstConnector_failsNewestFirstTests() {
    Outcome outcome = run(OffsetPositionNewestFirstConnectorSuite.class);

    assertEquals(
        EXPECTED_OFFSET_POSITION,
        outcome.failed(),
        "a newest-first connector whose position is a page offset fails the walk and append tests");
  }

  @Test
  void connectorContract_textTieBreakerConnector_failsPositionTests() {
    Outcome outcome = run(TextTieBreakerConnectorSuite.class);

    assertEquals(
        EXPECTED_TEXT_TIE_BREAKER,
        outcome.failed(),
        "a connector whose text tie-breakers disagree with its source's numeric sort fails the position tests");
  }

  @Test
  void connectorContract_tokenFollowingSearchConnector_failsUpdateBetweenPagesTest() {
    Outcome outcome = run(TokenFollowingSearchConnectorSuite.class);

    assertEquals(
        Set.of("read_updateBetweenPages_losesNothing"),
        outcome.failed(),
        "a search following an offset token loses an item when one already read is edited between pages");
  }

  @Test
  void connectorContract_sharedCurrentScopeConnector_failsConcurrentScopeTests() {
    Outcome outcome = run(SharedCurrentScopeConnectorSuite.class);

    assertEquals(
        EXPECTED_SHARED_SCOPE,
        outcome.failed(),
        "a connector keeping the current scope in a shared field fails the concurrent scope tests");
  }

  @Test
  void connectorContract_uniformErrorConnector_failsAuthAndRateLimitTests() {
    Outcome outcome = run(UniformErrorConnectorSuite.class);

    assertEquals(
        Set.of("fetch_unauthorized_authFailed", "fetch_rateLimited_rateLimitedWithRetryAfter"),
        outcome.failed(),
        "a connector reporting every vendor failure as SOURCE_UNAVAILABLE fails the 401 and 429 tests");
  }

  @Test
  void connectorContract_referenceConnectors_pass() {
    Outcome inMemory = run(InMemoryConnectorTest.class);
    Outcome newestFirst = run(NewestFirstConnectorTest.class);

    assertEquals(Set.of(), inMemory.failed());
    assertEquals(Set.of(), newestFirst.failed());
    assertTrue(inMemory.succeeded() >= 40, "contract tests ran: " + inMemory.succeeded());
    assertTrue(newestFirst.succeeded() >= 18, "contract tests ran: " + newestFirst.succeeded());
  }

  /**
   * The names of the failed tests (methods), plus any failed container, and the number of passed
   * tests.
   */
  private record Outcome(Set<String> failed, int succeeded) {}

  private static Outcome run(Class<?> suite) {
    Set<String> failed = ConcurrentHashMap.newKeySet();
    AtomicInteger succeeded = new AtomicInteger();
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
              if (id.isTest()) {
                succeeded.incrementAndGet();
              }
              return;
            }
            // A test skipped by an assumption (an opt-in hook left out) neither passes nor fails.
            if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
              return;
            }
            TestSource source = id.getSource().orElse(null);
            failed.add(
                source instanceof MethodSource method
                    ? method.getMethodName()
                    : "container " + id.getDisplayName());
          }
        };
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(suite))
            .build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, listener);
    return new Outcome(new TreeSet<>(failed), succeeded.get());
  }

  /** The contract run against a store whose non-empty list prefix leaks other tenants. */
  static final class ReplacingDeadLetterStoreSuite extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore createStore() {
      return new BrokenDeadLetterStores.ReplacingStore();
    }
  }

  static final class UnorderedListDeadLetterStoreSuite extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore createStore() {
      return new BrokenDeadLetterStores.UnorderedListStore();
    }
  }

  static final class PrefixLeakingStoreSuite extends WatermarkStoreContract {
    @Override
    protected WatermarkStore createStore() {
      return new BrokenStores.PrefixLeakingStore();
    }
  }

  /** The contract run against a store whose getAll ignores the entity type. */
  static final class TypeBlindBulkGetStoreSuite extends WatermarkStoreContract {
    @Override
    protected WatermarkStore createStore() {
      return new BrokenStores.TypeBlindBulkGetStore();
    }
  }

  /** The contract run against a store that truncates instants to whole seconds. */
  static final class SecondsTruncatingStoreSuite extends WatermarkStoreContract {
    @Override
    protected WatermarkStore createStore() {
      return new BrokenStores.SecondsTruncatingStore();
    }
  }

  /** The contract run against a store whose reset can lose to a racing advance. */
  static final class ReadThenWriteStoreSuite extends WatermarkStoreContract {
    @Override
    protected WatermarkStore createStore() {
      return new BrokenStores.ReadThenWriteStore();
    }
  }

  /** The contract run against a connector that says "more" only on full pages. */
  static final class FullPageMeansMoreConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(
          new BrokenConnectors.FullPageMeansMoreConnector(items), TestItems.SCOPE, items);
    }
  }

  /** The contract run against a newest-first connector using a page offset as its position. */
  static final class OffsetPositionNewestFirstConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(
          new BrokenConnectors.OffsetPositionNewestFirstConnector(items),
          TestItems.SCOPE,
          items,
          Map.of(TestItems.OTHER_SCOPE, TestItems.other()));
    }

    @Override
    protected Position positionOf(Item item) {
      return TestItems.position(item);
    }

    @Override
    protected List<Item> appendItems(Fixture<Item> fixture, int count) {
      List<Item> added = TestItems.fresh(count);
      ((NewestFirstConnector) fixture.connector()).append(fixture.scope(), added);
      return added;
    }

    @Override
    protected Item updateItem(Fixture<Item> fixture, Item item) {
      Item edited = TestItems.edited(item);
      ((NewestFirstConnector) fixture.connector()).update(fixture.scope(), item, edited);
      return edited;
    }
  }

  /** The contract run against a connector with text tie-breakers over a numeric sort. */
  static final class TextTieBreakerConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(
          new BrokenConnectors.TextTieBreakerConnector(items), TestItems.SCOPE, items);
    }

    @Override
    protected Position positionOf(Item item) {
      return BrokenConnectors.TextTieBreakerConnector.textPosition(item);
    }
  }

  /** The contract run against a search that follows an offset token between pages. */
  static final class TokenFollowingSearchConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(
          new BrokenConnectors.TokenFollowingSearchConnector(items), TestItems.SCOPE, items);
    }

    @Override
    protected Position positionOf(Item item) {
      return TestItems.position(item);
    }

    @Override
    protected List<Item> appendItems(Fixture<Item> fixture, int count) {
      List<Item> added = TestItems.fresh(count);
      ((BrokenConnectors.TokenFollowingSearchConnector) fixture.connector()).append(added);
      return added;
    }

    @Override
    protected Item updateItem(Fixture<Item> fixture, Item item) {
      Item edited = TestItems.edited(item);
      ((BrokenConnectors.TokenFollowingSearchConnector) fixture.connector()).update(item, edited);
      return edited;
    }
  }

  /** The contract run against a connector that keeps the current scope in a shared field. */
  static final class SharedCurrentScopeConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(
          new BrokenConnectors.SharedCurrentScopeConnector(items),
          TestItems.SCOPE,
          items,
          Map.of(TestItems.OTHER_SCOPE, TestItems.other()));
    }
  }

  /** The contract run against a connector that reports every failure as SOURCE_UNAVAILABLE. */
  static final class UniformErrorConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(
          new BrokenConnectors.UniformErrorConnector(items), TestItems.SCOPE, items);
    }

    @Override
    protected void injectFailure(Fixture<Item> fixture, SourceFailure failure) {
      ((NewestFirstConnector) fixture.connector()).failNext(failure);
    }
  }

  /** The contract run against a store that lets the last writer win. */
  static final class BackwardsStoreSuite extends WatermarkStoreContract {
    @Override
    protected WatermarkStore createStore() {
      return new BackwardsStore();
    }
  }

  /** The contract run against a connector that resumes with {@code updatedAt > after} only. */
  static final class BoundaryDroppingConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(new BoundaryDroppingConnector(items, false), TestItems.SCOPE, items);
    }
  }

  /**
   * The contract run against a connector that pages correctly but drops the boundary when resumed.
   */
  static final class ResumeDroppingConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(new BoundaryDroppingConnector(items, true), TestItems.SCOPE, items);
    }
  }

  /** The contract run against a store whose list() treats the prefix as a SQL LIKE pattern. */
  static final class LikePatternStoreSuite extends WatermarkStoreContract {
    @Override
    protected WatermarkStore createStore() {
      return new LikePatternStore();
    }
  }

  /**
   * The contract run against a connector that returns an empty page before every page with items.
   */
  static final class EmptyPageInterleavingConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(
          new EmptyPageInterleavingConnector(TestItems.connector(items)), TestItems.SCOPE, items);
    }
  }

  /**
   * The contract run against a connector that opens unknown scopes as empty instead of rejecting
   * them.
   */
  static final class LenientUnknownScopeConnectorSuite extends ConnectorContract<Item> {
    @Override
    protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
      List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
      return new Fixture<>(
          new LenientUnknownScopeConnector(TestItems.connector(items)), TestItems.SCOPE, items);
    }
  }

  /**
   * Broken on purpose: {@link #list} matches the prefix the way {@code scope LIKE :prefix || '%'}
   * would, with {@code _} matching any one character and {@code %} any run. Otherwise the correct
   * in-memory store.
   */
  static final class LikePatternStore implements WatermarkStore {
    private final InMemoryWatermarkStore delegate = new InMemoryWatermarkStore();

    @Override
    public Watermark get(ScopeId key) {
      return delegate.get(key);
    }

    @Override
    public Map<ScopeKey, Watermark> getAll(
        String tenant, EntityType entityType, Collection<ScopeKey> scopes) {
      return delegate.getAll(tenant, entityType, scopes);
    }

    @Override
    public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
      return delegate.advance(key, position, itemsAdded, at);
    }

    @Override
    public boolean reset(ScopeId key) {
      return delegate.reset(key);
    }

    @Override
    public List<Watermark> list(String tenant, EntityType entityType, String scopePrefix) {
      StringBuilder regex = new StringBuilder();
      scopePrefix
          .codePoints()
          .forEach(
              c -> {
                if (c == '_') {
                  regex.append('.');
                } else if (c == '%') {
                  regex.append(".*");
                } else {
                  regex.append(Pattern.quote(new String(Character.toChars(c))));
                }
              });
      Pattern like = Pattern.compile(regex.append(".*").toString(), Pattern.DOTALL);
      List<Watermark> result = new ArrayList<>();
      for (Watermark watermark : delegate.list(tenant, entityType, "")) {
        if (like.matcher(watermark.key().scope().toString()).matches()) {
          result.add(watermark);
        }
      }
      return result;
    }
  }

  /**
   * Broken on purpose: a connector that answers an empty, non-final page before every page with
   * items.
   */
  static final class EmptyPageInterleavingConnector extends DelegatingConnector {
    private static final String SKIPPED = "skipped-empty-page";

    EmptyPageInterleavingConnector(InMemoryConnector<Item> reference) {
      super(reference);
    }

    @Override
    public PageFetcher<Item> openScope(ScopeKey scope) {
      PageFetcher<Item> correct = reference.openScope(scope);
      return new PageFetcher<>() {
        @Override
        public Page<Item> fetch(PageRequest request) throws Exception {
          if (!SKIPPED.equals(request.continuation())) {
            return new Page<>(List.of(), null, true, SKIPPED);
          }
          return correct.fetch(
              new PageRequest(request.scope(), request.after(), null, request.pageSize()));
        }

        @Override
        public void close() {
          correct.close();
        }
      };
    }
  }

  /** Broken on purpose: opens a scope it does not hold as an empty scope instead of throwing. */
  static final class LenientUnknownScopeConnector extends DelegatingConnector {
    LenientUnknownScopeConnector(InMemoryConnector<Item> reference) {
      super(reference);
    }

    @Override
    public PageFetcher<Item> openScope(ScopeKey scope) {
      if (!reference.discoverScopes().contains(scope)) {
        return request -> Page.last(List.of(), null);
      }
      return reference.openScope(scope);
    }
  }

  /** Passes everything but {@link #openScope} to a correct reference connector. */
  abstract static class DelegatingConnector extends ForwardingConnector<Item> {
    final InMemoryConnector<Item> reference;

    DelegatingConnector(InMemoryConnector<Item> reference) {
      this.reference = reference;
    }

    @Override
    protected Connector<Item> delegate() {
      return reference;
    }
  }

  /**
   * Broken on purpose: {@link #advance} overwrites, so a watermark can move backwards. Otherwise
   * correct.
   */
  static final class BackwardsStore implements WatermarkStore {
    private final Map<ScopeId, Watermark> rows = new ConcurrentHashMap<>();

    @Override
    public Watermark get(ScopeId key) {
      return rows.getOrDefault(key, Watermark.none(key));
    }

    @Override
    public Map<ScopeKey, Watermark> getAll(
        String tenant, EntityType entityType, Collection<ScopeKey> scopes) {
      Map<ScopeKey, Watermark> result = new LinkedHashMap<>();
      for (ScopeKey scope : scopes) {
        result.putIfAbsent(scope, get(ScopeId.of(tenant, entityType, scope)));
      }
      return result;
    }

    @Override
    public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
      if (itemsAdded < 0) {
        throw new IllegalArgumentException("itemsAdded must be >= 0 but was " + itemsAdded);
      }
      return rows.compute(
          key,
          (k, current) -> {
            Position stored = current == null ? null : current.position();
            if (current == null || stored == null) {
              return new Watermark(key, position, itemsAdded, at);
            }
            if (stored.isInstant() != position.isInstant()) {
              throw new IllegalArgumentException("cursor kinds differ");
            }
            // The flaw: no check that the new position is after the stored one.
            return new Watermark(key, position, current.itemsStored() + itemsAdded, at);
          });
    }

    @Override
    public boolean reset(ScopeId key) {
      return rows.remove(key) != null;
    }

    @Override
    public List<Watermark> list(String tenant, EntityType entityType, String scopePrefix) {
      List<Watermark> result = new ArrayList<>();
      for (Watermark watermark : rows.values()) {
        ScopeId key = watermark.key();
        if (key.tenant().equals(tenant)
            && key.entityType().equals(entityType)
            && key.scope().toString().startsWith(scopePrefix)) {
          result.add(watermark);
        }
      }
      result.sort(Comparator.comparing(watermark -> watermark.key().scope()));
      return result;
    }
  }

  /**
   * Broken on purpose: resumes with {@code updatedAt > after.instant}, ignoring the tie-breaker, so
   * the items that share the boundary instant are lost. With {@code onlyWhenResumed}, the flaw
   * applies only to the first page of a read that starts from a stored position, the way a
   * connector that builds its first query differently from its follow-up queries would behave.
   */
  static final class BoundaryDroppingConnector extends ForwardingConnector<Item> {
    private final List<Item> items;
    private final boolean onlyWhenResumed;
    private final InMemoryConnector<Item> reference;

    BoundaryDroppingConnector(List<Item> items, boolean onlyWhenResumed) {
      this.items = List.copyOf(items);
      this.onlyWhenResumed = onlyWhenResumed;
      this.reference = TestItems.connector(items);
    }

    @Override
    protected Connector<Item> delegate() {
      return reference;
    }

    @Override
    public PageFetcher<Item> openScope(ScopeKey scope) {
      PageFetcher<Item> correct = reference.openScope(scope);
      return new PageFetcher<>() {
        private boolean first = true;

        @Override
        public Page<Item> fetch(PageRequest request) throws Exception {
          boolean broken = !onlyWhenResumed || first;
          first = false;
          Position after = request.after();
          if (!broken || after == null) {
            return correct.fetch(request);
          }
          List<Item> page = new ArrayList<>();
          boolean more = false;
          for (Item item : items) {
            if (item.updatedAt().isAfter(Objects.requireNonNull(after.instant()))) {
              if (page.size() == request.pageSize()) {
                more = true;
                break;
              }
              page.add(item);
            }
          }
          if (page.isEmpty()) {
            return Page.last(List.of(), null);
          }
          Position last = TestItems.position(page.get(page.size() - 1));
          return more ? Page.more(page, last) : Page.last(page, last);
        }

        @Override
        public void close() {
          correct.close();
        }
      };
    }
  }
}
