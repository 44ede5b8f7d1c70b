package dev.pulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.testkit.TestItems.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Runs the {@link ConnectorContract} against the reference connector, plus its own behaviour. */
final class InMemoryConnectorTest extends ConnectorContract<Item> {
  private static final ReadOptions SAME_THREAD =
      ReadOptions.builder().pageSize(4).executor(Runnable::run).build();

  @Override
  protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
    return new Fixture<>(
        TestItems.connector(items),
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
    inMemory(fixture).append(fixture.scope(), added);
    return added;
  }

  // The in-memory source keeps the old version at its old position, which a resumed read is
  // already past; a real source would drop it, which a resumed read cannot tell apart.
  @Override
  protected Item updateItem(Fixture<Item> fixture, Item item) {
    Item edited = TestItems.edited(item);
    inMemory(fixture).append(fixture.scope(), List.of(edited));
    return edited;
  }

  @Override
  protected Fixture<Item> createMillisecondFixture(int itemCount) {
    List<Item> items = TestItems.millisecondsApart(itemCount);
    return new Fixture<>(TestItems.connector(items), TestItems.SCOPE, items);
  }

  private static InMemoryConnector<Item> inMemory(Fixture<Item> fixture) {
    return (InMemoryConnector<Item>) fixture.connector();
  }

  @Test
  void fetch_afterTieBoundary_returnsStrictlyLaterItems() throws Exception {
    List<Item> items = TestItems.ordered(20, 10);
    InMemoryConnector<Item> connector = TestItems.connector(items);
    try (PageFetcher<Item> fetcher = connector.openScope(TestItems.SCOPE)) {
      Position boundary = TestItems.position(items.get(8));

      Page<Item> page = fetcher.fetch(new PageRequest(TestItems.SCOPE, boundary, null, 3));

      assertEquals(items.subList(9, 12), page.items());
      assertEquals(TestItems.position(items.get(11)), page.position());
      assertTrue(page.hasMore());
    }
  }

  @Test
  void fetch_lastPage_hasNoMore() throws Exception {
    List<Item> items = TestItems.ordered(5, 0);
    InMemoryConnector<Item> connector = TestItems.connector(items);
    try (PageFetcher<Item> fetcher = connector.openScope(TestItems.SCOPE)) {
      Page<Item> exact = fetcher.fetch(new PageRequest(TestItems.SCOPE, null, null, 5));
      Page<Item> beyond =
          fetcher.fetch(new PageRequest(TestItems.SCOPE, exact.position(), null, 5));

      assertEquals(items, exact.items());
      assertEquals(
          false,
          exact.hasMore(),
          "a page that reaches the end says so, avoiding an empty extra fetch");
      assertEquals(Page.last(List.of(), null), beyond);
      assertEquals(2, connector.fetchCount());
    }
  }

  @Test
  void openScope_unknown_throwsScopeNotFound() {
    InMemoryConnector<Item> connector = TestItems.connector(TestItems.ordered(3, 0));
    ScopeKey unknown = ScopeKey.of(TestItems.SOURCE, "project", "NOPE");

    ScopeNotFoundException e =
        assertThrows(ScopeNotFoundException.class, () -> connector.openScope(unknown));
    assertEquals(unknown, e.scope());
  }

  @Test
  void openScope_afterClose_throwsIllegalState() {
    InMemoryConnector<Item> connector = TestItems.connector(TestItems.ordered(3, 0));
    connector.close();
    connector.close();

    assertTrue(connector.isClosed());
    assertThrows(IllegalStateException.class, () -> connector.openScope(TestItems.SCOPE));
  }

  @Test
  void builder_duplicatePosition_rejected() {
    Item item = new Item("1", Instant.parse("2026-01-01T00:00:00Z"));
    InMemoryConnector.Builder<Item> builder =
        InMemoryConnector.builder(TestItems.SOURCE, TestItems.ENTITY_TYPE, TestItems::position)
            .scope(TestItems.SCOPE, List.of(item, new Item("1", item.updatedAt())));

    assertThrows(IllegalArgumentException.class, builder::build);
  }

  @Test
  void builder_foreignScope_rejected() {
    InMemoryConnector.Builder<Item> builder =
        InMemoryConnector.builder(TestItems.SOURCE, TestItems.ENTITY_TYPE, TestItems::position);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.scope(ScopeKey.of("jira", "project", "BG"), List.of()));
    assertTrue(String.valueOf(e.getMessage()).contains("jira:project:BG"), e.getMessage());
  }

  @Test
  void builder_invalidSource_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> InMemoryConnector.builder("Not Valid", TestItems.ENTITY_TYPE, TestItems::position));
  }

  @Test
  void append_afterRead_resumedReadSeesOnlyNewItems() {
    List<Item> items = TestItems.ordered(10, 4);
    InMemoryConnector<Item> connector = TestItems.connector(items.subList(0, 6));
    List<Batch<Item>> first = read(connector, null);
    Position stored = first.get(first.size() - 1).position();

    connector.append(TestItems.SCOPE, items.subList(6, 10));
    List<Batch<Item>> second = read(connector, stored);

    assertEquals(items.subList(6, 10), itemsOf(second));
    assertEquals(ItemCount.exact(4), connector.preCount(TestItems.SCOPE, stored, Duration.ZERO));
    assertEquals(ItemCount.exact(10), connector.preCount(TestItems.SCOPE, null, Duration.ZERO));
  }

  @Test
  void read_closesEveryOpenedFetcher() {
    InMemoryConnector<Item> connector = TestItems.connector(TestItems.ordered(10, 4));
    read(connector, null);
    read(connector, null);

    assertEquals(2, connector.openCount());
    assertEquals(2, connector.closedFetcherCount());
  }

  @Test
  void discoverScopes_sortedAndComplete() {
    InMemoryConnector<Item> connector = TestItems.connector(TestItems.ordered(3, 0));

    assertEquals(List.of(TestItems.SCOPE, TestItems.OTHER_SCOPE), connector.discoverScopes());
  }

  private static List<Batch<Item>> read(
      InMemoryConnector<Item> connector, @Nullable Position after) {
    List<Batch<Item>> batches = new ArrayList<>();
    try (BatchIterator<Item> iterator =
        BatchIterator.open(
            connector.openScope(TestItems.SCOPE), TestItems.SCOPE, after, SAME_THREAD)) {
      iterator.forEachRemaining(batches::add);
    }
    return batches;
  }

  private static List<Item> itemsOf(List<Batch<Item>> batches) {
    List<Item> items = new ArrayList<>();
    batches.forEach(batch -> items.addAll(batch.items()));
    return items;
  }
}
