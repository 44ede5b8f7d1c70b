package dev.pulse.testkit;

import dev.pulse.ErrorCode;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.TieBreaker;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.testkit.TestItems.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Connectors broken on purpose, each in one way a real connector has been. */
final class BrokenConnectors {
  private BrokenConnectors() {}

  /** Passes everything but {@link #openScope} to a correct in-memory connector. */
  abstract static class OverInMemory extends ForwardingConnector<Item> {
    final InMemoryConnector<Item> reference;

    OverInMemory(List<Item> items) {
      this.reference = TestItems.connector(items);
    }

    @Override
    protected Connector<Item> delegate() {
      return reference;
    }
  }

  /**
   * Broken on purpose: says "more" only when a page is full, while its vendor caps pages at 50
   * items whatever is asked for, so a read at the default page size (100) ends after 50 items.
   */
  static final class FullPageMeansMoreConnector extends OverInMemory {
    static final int VENDOR_CAP = 50;

    FullPageMeansMoreConnector(List<Item> items) {
      super(items);
    }

    @Override
    public PageFetcher<Item> openScope(ScopeKey scope) {
      PageFetcher<Item> vendor = reference.openScope(scope);
      return new PageFetcher<>() {
        @Override
        public Page<Item> fetch(PageRequest request) throws Exception {
          Page<Item> page =
              vendor.fetch(
                  new PageRequest(
                      scope,
                      request.after(),
                      request.continuation(),
                      Math.min(request.pageSize(), VENDOR_CAP)));
          // The flaw: a short page is taken for the last one.
          boolean more = page.items().size() == request.pageSize();
          return new Page<>(page.items(), page.position(), more, null);
        }

        @Override
        public void close() {
          vendor.close();
        }
      };
    }
  }

  /**
   * Broken on purpose: the source sorts one instant's items by numeric id (9 before 10), but the
   * connector records the id as a text tie-breaker, under which "10" sorts before "9". Reads are
   * right; the positions it hands out go backwards where the ids gain a digit.
   */
  static final class TextTieBreakerConnector extends OverInMemory {
    TextTieBreakerConnector(List<Item> items) {
      super(items);
    }

    static Position textPosition(Item item) {
      return Position.at(item.updatedAt(), item.id());
    }

    @Override
    public PageFetcher<Item> openScope(ScopeKey scope) {
      PageFetcher<Item> source = reference.openScope(scope);
      return new PageFetcher<>() {
        @Override
        public Page<Item> fetch(PageRequest request) throws Exception {
          Position after = request.after();
          // The source's own filter compares the id as a number, so resuming is right.
          Position numeric =
              after == null
                  ? null
                  : Position.at(
                      Objects.requireNonNull(after.instant()),
                      TieBreaker.number(Long.parseLong(after.tieBreaker().text())));
          Page<Item> page =
              source.fetch(
                  new PageRequest(scope, numeric, request.continuation(), request.pageSize()));
          Position position =
              page.items().isEmpty()
                  ? null
                  : textPosition(page.items().get(page.items().size() - 1));
          return new Page<>(page.items(), position, page.hasMore(), page.continuation());
        }

        @Override
        public void close() {
          source.close();
        }
      };
    }
  }

  /**
   * Broken on purpose: a search that follows its own page token, an offset into the live result
   * list, instead of resuming from the last position; an item edited between pages moves to the end
   * of the list and shifts every unread item one place forwards, so one is skipped.
   */
  static final class TokenFollowingSearchConnector extends OverInMemory {
    private final List<Item> live = new ArrayList<>();

    TokenFollowingSearchConnector(List<Item> items) {
      super(items);
      live.addAll(items);
      live.sort(Comparator.comparing(TestItems::position));
    }

    synchronized void append(List<Item> items) {
      live.addAll(items);
      live.sort(Comparator.comparing(TestItems::position));
    }

    synchronized void update(Item old, Item edited) {
      live.remove(old);
      live.add(edited);
      live.sort(Comparator.comparing(TestItems::position));
    }

    private synchronized List<Item> snapshot() {
      return List.copyOf(live);
    }

    @Override
    public PageFetcher<Item> openScope(ScopeKey scope) {
      if (!scope.equals(TestItems.SCOPE)) {
        return reference.openScope(scope);
      }
      return request -> {
        List<Item> items = snapshot();
        int start;
        String token = request.continuation();
        if (token != null) {
          start = Integer.parseInt(token);
        } else {
          start = 0;
          Position after = request.after();
          while (after != null
              && start < items.size()
              && !TestItems.position(items.get(start)).isAfter(after)) {
            start++;
          }
        }
        int end = Math.min(items.size(), start + request.pageSize());
        List<Item> page = items.subList(start, end);
        if (page.isEmpty()) {
          return Page.last(List.of(), null);
        }
        Position last = TestItems.position(page.get(page.size() - 1));
        return end < items.size()
            ? Page.more(page, last, Integer.toString(end))
            : Page.last(page, last);
      };
    }
  }

  /**
   * Broken on purpose: remembers the scope last opened in a field and reads that one, so two scopes
   * read at once both read the one opened last.
   */
  static final class SharedCurrentScopeConnector extends OverInMemory {
    private volatile @Nullable ScopeKey current;

    SharedCurrentScopeConnector(List<Item> items) {
      super(items);
    }

    @Override
    public PageFetcher<Item> openScope(ScopeKey scope) {
      reference.openScope(scope).close();
      current = scope;
      return request -> {
        ScopeKey reading = Objects.requireNonNull(current);
        try (PageFetcher<Item> fetcher = reference.openScope(reading)) {
          return fetcher.fetch(
              new PageRequest(
                  reading, request.after(), request.continuation(), request.pageSize()));
        }
      };
    }
  }

  /**
   * Broken on purpose: a newest-first connector that takes the page offset as its position, as if
   * the listing were an append log: a page's position is how far into the walk it reached, and the
   * next run starts the walk at that offset. Once items are added at the newest end, that offset
   * points at items read before, and the new ones are never read.
   */
  static final class OffsetPositionNewestFirstConnector extends NewestFirstConnector {
    OffsetPositionNewestFirstConnector(List<Item> items) {
      super(NewestFirstConnector.of(items).scopesForSubclass());
    }

    @Override
    Page<Item> page(List<Item> oldestFirst, PageRequest request) {
      String token = request.continuation();
      Position after = request.after();
      int start =
          token != null
              ? Integer.parseInt(token)
              : after == null ? 0 : Integer.parseInt(Objects.requireNonNull(after.token()));
      List<Item> newestFirst = new ArrayList<>(oldestFirst);
      java.util.Collections.reverse(newestFirst);
      int end = Math.min(newestFirst.size(), start + request.pageSize());
      if (start >= end) {
        return Page.last(List.of(), null);
      }
      List<Item> page = newestFirst.subList(start, end);
      Position reached = Position.sequence(end);
      return end < newestFirst.size()
          ? Page.more(page, reached, Integer.toString(end))
          : Page.last(page, reached);
    }
  }

  /**
   * Broken on purpose: reports every failure of its vendor as {@code SOURCE_UNAVAILABLE} and drops
   * the retry-after, so the engine cannot tell bad credentials or a rate limit from an outage.
   */
  static final class UniformErrorConnector extends NewestFirstConnector {
    UniformErrorConnector(List<Item> items) {
      super(NewestFirstConnector.of(items).scopesForSubclass());
    }

    @Override
    SourceException toException(ScopeKey scope, SourceFailure failure) {
      return new SourceException(
          ErrorCode.SOURCE_UNAVAILABLE, source(), scope, "HTTP " + failure.status(), null);
    }
  }
}
