package dev.pulse.testkit;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.SourceException;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.ReadOrder;
import dev.pulse.testkit.TestItems.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The newest-first reference connector: a small fake of a source without a "since" filter (Jenkins
 * builds, GitHub's REST pull-request list), paged newest first by continuation.
 *
 * <p>As {@link ReadOrder#NEWEST_FIRST} describes: a walk starts at the newest item and follows each
 * page's continuation, which names the oldest item returned so far (not an offset, so items added
 * at the newest end meanwhile shift nothing); {@link PageRequest#after()} stays the watermark, and
 * the walk ends (a page without more) at the first item at or before it, which is not returned.
 * Each page's position is its newest item's. An edit moves an item to the newest end, as an
 * updated-at sort does. The fake vendor can be told to fail the next request with 401, 429 or 5xx.
 * Thread-safe.
 */
class NewestFirstConnector implements Connector<Item> {
  private static final Comparator<Item> OLDEST_FIRST = Comparator.comparing(TestItems::position);

  private final Map<ScopeKey, List<Item>> scopes = new LinkedHashMap<>();
  private @Nullable SourceFailure nextFailure;

  NewestFirstConnector(Map<ScopeKey, List<Item>> scopes) {
    scopes.forEach((scope, items) -> this.scopes.put(scope, sorted(items)));
  }

  static NewestFirstConnector of(List<Item> items) {
    Map<ScopeKey, List<Item>> scopes = new LinkedHashMap<>();
    scopes.put(TestItems.SCOPE, items);
    scopes.put(TestItems.OTHER_SCOPE, TestItems.other());
    return new NewestFirstConnector(scopes);
  }

  private static List<Item> sorted(Collection<Item> items) {
    List<Item> copy = new ArrayList<>(items);
    copy.sort(OLDEST_FIRST);
    return copy;
  }

  @Override
  public String source() {
    return TestItems.SOURCE;
  }

  @Override
  public EntityType entityType() {
    return TestItems.ENTITY_TYPE;
  }

  @Override
  public ReadOrder readOrder() {
    return ReadOrder.NEWEST_FIRST;
  }

  @Override
  public synchronized List<ScopeKey> discoverScopes() {
    return List.copyOf(scopes.keySet());
  }

  // Lets a broken subclass start from the same data.
  synchronized Map<ScopeKey, List<Item>> scopesForSubclass() {
    return new LinkedHashMap<>(scopes);
  }

  synchronized void append(ScopeKey scope, List<Item> items) {
    List<Item> all = scopes.get(scope);
    all.addAll(items);
    all.sort(OLDEST_FIRST);
  }

  synchronized void update(ScopeKey scope, Item old, Item edited) {
    List<Item> all = scopes.get(scope);
    all.remove(old);
    all.add(edited);
    all.sort(OLDEST_FIRST);
  }

  synchronized void failNext(SourceFailure failure) {
    nextFailure = failure;
  }

  @Override
  public PageFetcher<Item> openScope(ScopeKey scope) {
    synchronized (this) {
      if (!scopes.containsKey(scope)) {
        throw new ScopeNotFoundException(scope);
      }
    }
    return request -> {
      List<Item> snapshot;
      synchronized (this) {
        SourceFailure failure = nextFailure;
        nextFailure = null;
        if (failure != null) {
          throw toException(scope, failure);
        }
        snapshot = List.copyOf(scopes.get(scope));
      }
      return page(snapshot, request);
    };
  }

  /** Maps the vendor's failure answer to what the connector throws. */
  SourceException toException(ScopeKey scope, SourceFailure failure) {
    return new SourceException(
        failure.expectedCode(),
        source(),
        scope,
        "the vendor answered " + failure.status(),
        failure.retryAfter(),
        null);
  }

  /** Serves one page of a walk over the scope's items, given oldest first. */
  Page<Item> page(List<Item> oldestFirst, PageRequest request) {
    Position before = decode(request.continuation());
    Position after = request.after();
    List<Item> page = new ArrayList<>();
    boolean more = false;
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      Position position = TestItems.position(oldestFirst.get(i));
      if (before != null && !before.isAfter(position)) {
        continue;
      }
      if (after != null && !position.isAfter(after)) {
        break;
      }
      if (page.size() == request.pageSize()) {
        more = true;
        break;
      }
      page.add(oldestFirst.get(i));
    }
    if (page.isEmpty()) {
      return Page.last(List.of(), null);
    }
    Position newest = TestItems.position(page.get(0));
    return more
        ? Page.more(page, newest, encode(page.get(page.size() - 1)))
        : Page.last(page, newest);
  }

  private static String encode(Item item) {
    return item.updatedAt() + "|" + item.id();
  }

  private static @Nullable Position decode(@Nullable String continuation) {
    if (continuation == null) {
      return null;
    }
    int bar = continuation.indexOf('|');
    return Position.at(
        Instant.parse(continuation.substring(0, bar)),
        Long.parseLong(continuation.substring(bar + 1)));
  }
}
