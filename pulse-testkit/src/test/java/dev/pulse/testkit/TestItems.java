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
import java.util.concurrent.atomic.AtomicLong;

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
  // Appended and edited items come after every data set the tests build from T0.
  private static final Instant LATER_BASE = Instant.parse("2026-06-01T00:00:00Z");
  private static final AtomicLong LATER = new AtomicLong();

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
        .scope(OTHER_SCOPE, other())
        .build();
  }

  /**
   * Returns the items of {@link #OTHER_SCOPE}: 12 items with ids 1001..1012, none equal to an item
   * of {@link #SCOPE}, so a connector answering from the wrong scope is caught.
   */
  static List<Item> other() {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(new Item(Integer.toString(1001 + i), T0.minusSeconds(3_600L - 60L * i)));
    }
    return List.copyOf(items);
  }

  /** Returns {@code count} items 1 ms apart, all within one second. */
  static List<Item> millisecondsApart(int count) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(new Item(Integer.toString(i + 1), T0.plusMillis(100 + i)));
    }
    return List.copyOf(items);
  }

  /**
   * Returns {@code count} new items, each newer than every item made before (in any test), with ids
   * from 100001 up.
   */
  static List<Item> fresh(int count) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long n = LATER.incrementAndGet();
      items.add(new Item(Long.toString(100_000 + n), LATER_BASE.plusSeconds(60 * n)));
    }
    return List.copyOf(items);
  }

  /** Returns the item edited: same id, an instant newer than every item made before. */
  static Item edited(Item item) {
    return new Item(item.id(), LATER_BASE.plusSeconds(60 * LATER.incrementAndGet()));
  }
}
