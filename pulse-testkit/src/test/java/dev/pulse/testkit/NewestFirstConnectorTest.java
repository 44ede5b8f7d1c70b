package dev.pulse.testkit;

import dev.pulse.Position;
import dev.pulse.testkit.TestItems.Item;
import java.util.List;
import java.util.Map;

/** Runs the {@link ConnectorContract} against the newest-first reference connector. */
final class NewestFirstConnectorTest extends ConnectorContract<Item> {
  @Override
  protected Fixture<Item> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    List<Item> items = TestItems.ordered(itemCount, itemsSharingOneTimestamp);
    return new Fixture<>(
        NewestFirstConnector.of(TestItems.shuffled(items)),
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
    reference(fixture).append(fixture.scope(), added);
    return added;
  }

  @Override
  protected Item updateItem(Fixture<Item> fixture, Item item) {
    Item edited = TestItems.edited(item);
    reference(fixture).update(fixture.scope(), item, edited);
    return edited;
  }

  @Override
  protected void injectFailure(Fixture<Item> fixture, SourceFailure failure) {
    reference(fixture).failNext(failure);
  }

  @Override
  protected Fixture<Item> createMillisecondFixture(int itemCount) {
    List<Item> items = TestItems.millisecondsApart(itemCount);
    return new Fixture<>(NewestFirstConnector.of(items), TestItems.SCOPE, items);
  }

  private static NewestFirstConnector reference(Fixture<Item> fixture) {
    return (NewestFirstConnector) fixture.connector();
  }
}
