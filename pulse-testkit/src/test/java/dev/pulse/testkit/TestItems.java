package dev.pulse.testkit;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryConnector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The data set the testkit's own connector tests load: items with ids 1..n, some sharing one
 * instant.
 */
final class TestItems {
  static final String SOURCE = "memory";
  static final ScopeKey SCOPE = ScopeKey.of(SOURCE, "project", "BG");
  static final ScopeKey OTHER_SCOPE = ScopeKey.of(SOURCE, "project", "OPS");
  static final EntityType ENTITY_TYPE = EntityType.ISSUES;
  private static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");

  /** A minimal record with a cursor and an id. */
  record Item(String id, Instant updatedAt) {}

  private TestItems() {}

  /**
   * Returns {@code count} items in serving order: distinct instants, then {@code sharing} items on
   * one instant, then distinct instants again. Ids are 1..count, so the shared group is ordered by
   * a numeric tie-breaker ("9" before "10").
   */
  static List<Item> ordered(int count, int sharing) {
    if (sharing < 0 || sharing > count) {
      throw new IllegalArgumentException(
          "sharing must be between 0 and " + count + " but was " + sharing);
    }
    int before = (count - sharing) / 2;
    List<Item> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long minute;
      if (i < before) {
        minute = i;
      } else if (i < before + sharing) {
        minute = before;
      } else {
        minute = before + 1L + (i - before - sharing);
      }
      items.add(new Item(Integer.toString(i + 1), T0.plusSeconds(60 * minute)));
    }
    return List.copyOf(items);
  }

  /** Returns the items in a fixed pseudo-random order, to show that the connector sorts them. */
  static List<Item> shuffled(List<Item> items) {
    List<Item> copy = new ArrayList<>(items);
    Collections.shuffle(copy, new Random(42));
    return copy;
  }

  static Position position(Item item) {
    return Position.at(item.updatedAt(), Long.parseLong(item.id()));
  }

  static InMemoryConnector<Item> connector(List<Item> items) {
    return InMemoryConnector.builder(SOURCE, ENTITY_TYPE, TestItems::position)
        .scope(SCOPE, shuffled(items))
        .scope(OTHER_SCOPE, ordered(3, 0))
        .build();
  }
}
