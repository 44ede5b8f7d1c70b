package dev.pulse.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.ReadOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory connector as the reference of each read mode. */
final class InMemoryConnectorReadModesTest {
  private static final ScopeKey JOBS = ScopeKey.of("memory", "job", "deploy");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  record Build(long number) {}

  private static Position positionOf(Build build) {
    return Position.at(T0.plusSeconds(build.number()), build.number());
  }

  private static List<Build> builds(int from, int to) {
    List<Build> builds = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      builds.add(new Build(i));
    }
    return builds;
  }

  private static InMemoryConnector<Build> newestFirst(int count) {
    return InMemoryConnector.builder(
            "memory", EntityType.DEPLOYMENTS, InMemoryConnectorReadModesTest::positionOf)
        .readOrder(ReadOrder.NEWEST_FIRST)
        .scope(JOBS, builds(1, count))
        .build();
  }

  private static List<Long> descending(long from, long to) {
    List<Long> numbers = new ArrayList<>();
    for (long i = from; i >= to; i--) {
      numbers.add(i);
    }
    return numbers;
  }

  private static List<Long> numbers(Page<Build> page) {
    return page.items().stream().map(Build::number).toList();
  }

  @Test
  void newestFirst_walksBackwardsToTheWatermark_andStopsBeforeIt() throws Exception {
    InMemoryConnector<Build> connector = newestFirst(25);
    Position watermark = positionOf(new Build(12));
    try (PageFetcher<Build> fetcher = connector.openScope(JOBS)) {
      Page<Build> first = fetcher.fetch(new PageRequest(JOBS, watermark, null, 10));
      assertEquals(descending(25, 16), numbers(first));
      assertEquals(positionOf(new Build(25)), first.position(), "a page ends at its newest item");
      assertTrue(first.hasMore());
      String continuation = first.continuation();
      assertNotNull(continuation);

      Page<Build> second = fetcher.fetch(new PageRequest(JOBS, watermark, continuation, 10));
      assertEquals(List.of(15L, 14L, 13L), numbers(second));
      assertEquals(positionOf(new Build(15)), second.position());
      assertFalse(second.hasMore(), "the walk ends at the watermark");
    }
    assertEquals(ReadOrder.NEWEST_FIRST, connector.readOrder());
  }

  @Test
  void newestFirst_itemsAppendedMidWalk_neitherShiftNorRepeatTheWalk() throws Exception {
    InMemoryConnector<Build> connector = newestFirst(20);
    try (PageFetcher<Build> fetcher = connector.openScope(JOBS)) {
      Page<Build> first = fetcher.fetch(new PageRequest(JOBS, null, null, 10));
      connector.append(JOBS, builds(21, 23));
      Page<Build> second = fetcher.fetch(new PageRequest(JOBS, null, first.continuation(), 10));

      assertEquals(descending(10, 1), numbers(second));
      assertFalse(second.hasMore());
      assertNull(second.continuation());
    }
  }

  @Test
  void newestFirst_nothingNew_isOneEmptyLastPage() throws Exception {
    InMemoryConnector<Build> connector = newestFirst(5);
    try (PageFetcher<Build> fetcher = connector.openScope(JOBS)) {
      Page<Build> page = fetcher.fetch(new PageRequest(JOBS, positionOf(new Build(5)), null, 10));

      assertTrue(page.items().isEmpty());
      assertFalse(page.hasMore());
    }
  }

  @Test
  void holdBack_isDeclared_andValidated() {
    InMemoryConnector.Builder<Build> builder =
        InMemoryConnector.builder(
            "memory", EntityType.DEPLOYMENTS, InMemoryConnectorReadModesTest::positionOf);

    assertEquals(Duration.ZERO, builder.build().holdBack());
    assertEquals(Duration.ofMinutes(5), builder.holdBack(Duration.ofMinutes(5)).build().holdBack());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class, () -> builder.holdBack(Duration.ofSeconds(-1)));
    assertTrue(negative.getMessage().contains("holdBack"), negative.getMessage());
    assertEquals(ReadOrder.OLDEST_FIRST, builder.build().readOrder());
  }
}
