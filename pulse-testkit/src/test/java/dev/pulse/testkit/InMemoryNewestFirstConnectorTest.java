package dev.pulse.testkit;

import dev.pulse.Position;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.spi.ReadOrder;
import dev.pulse.testkit.TestItems.Item;
import java.util.List;
import java.util.Map;

/** Runs the {@link ConnectorContract} against the in-memory connector in its newest-first mode. */
final class InMemoryNewestFirstConnectorTest extends ConnectorContract<Item> {
  @Override
  protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
    return new Fixture<>(
        newestFirst(TestItems.shuffled(items)),
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

  // As in InMemoryConnectorTest: the old version stays at its old position, below the watermark.
  @Override
  protected Item updateItem(Fixture<Item> fixture, Item item) {
    Item edited = TestItems.edited(item);
    inMemory(fixture).append(fixture.scope(), List.of(edited));
    return edited;
  }

  @Override
  protected Fixture<Item> createMillisecondFixture(int itemCount) {
    List<Item> items = TestItems.millisecondsApart(itemCount);
    return new Fixture<>(newestFirst(items), TestItems.SCOPE, items);
  }

  private static InMemoryConnector<Item> newestFirst(List<Item> items) {
    return InMemoryConnector.builder(TestItems.SOURCE, TestItems.ENTITY_TYPE, TestItems::position)
        .readOrder(ReadOrder.NEWEST_FIRST)
        .scope(TestItems.SCOPE, items)
        .scope(TestItems.OTHER_SCOPE, TestItems.other())
        .build();
  }

  @SuppressWarnings("unchecked")
  private static InMemoryConnector<Item> inMemory(Fixture<Item> fixture) {
    return (InMemoryConnector<Item>) fixture.connector();
  }
}
