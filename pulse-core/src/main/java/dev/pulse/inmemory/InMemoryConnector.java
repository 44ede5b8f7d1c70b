package dev.pulse.inmemory;

import dev.pulse.EntityType;
import dev.pulse.Health;
import dev.pulse.InvalidScopeKeyException;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.model.internal.Checks;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.ReadOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A reference {@link Connector} that serves items held in memory, for tests of the engine, of sinks
 * and of stores, and as the model implementation of the {@link PageFetcher} contract.
 *
 * <p>Each item's {@link Position} (its cursor plus tie-breaker, typically {@code
 * Position.at(updatedAt, id)}) comes from a key function; within a scope items are served in
 * ascending position order, and a page requested after a position holds only items
 * <em>strictly</em> after it, so items that share one instant are neither lost nor repeated across
 * pages. {@link #preCount} is exact and instant. Every page fetch is counted ({@link
 * #fetchCount()}), and {@link #append} adds items to a live scope to simulate a source that grows
 * between runs.
 *
 * <p>It is the reference connector of each read mode. By default it reads {@linkplain
 * ReadOrder#OLDEST_FIRST oldest first}. Built with {@code .readOrder(ReadOrder.NEWEST_FIRST)} it
 * serves a scope as a source without a "since" filter does: pages run from the newest item
 * backwards, each page's position is that of its newest item, the walk continues through the page's
 * continuation (which names the oldest item served so far, so items appended between pages are
 * neither lost nor repeated in that walk) and ends at the first item at or before the request's
 * {@code after} position, which is not served. Built with {@code .holdBack(duration)} it declares
 * that hold-back (see {@link Connector#holdBack()}); the engine applies it.
 *
 * <p>Thread-safe: scopes may be read, appended to and discovered concurrently. {@link #close()} is
 * idempotent; after it, {@link #openScope} fails with {@link IllegalStateException}.
 *
 * <pre>{@code
 * InMemoryConnector<Ticket> connector =
 *     InMemoryConnector.builder(
 *             "memory", EntityType.ISSUES, (Ticket t) -> Position.at(t.updatedAt(), t.id()))
 *         .scope(ScopeKey.of("memory", "project", "BG"), tickets)
 *         .build();
 * }</pre>
 *
 * @param <T> the item type
 */
public final class InMemoryConnector<T> implements Connector<T> {
  private final String source;
  private final EntityType entityType;
  private final Function<? super T, Position> positionOf;
  private final ReadOrder readOrder;
  private final Duration holdBack;
  private final ConcurrentSkipListMap<ScopeKey, ConcurrentSkipListMap<Position, T>> scopes;
  private final AtomicLong fetches = new AtomicLong();
  private final AtomicLong opened = new AtomicLong();
  private final AtomicLong fetchersClosed = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private InMemoryConnector(Builder<T> builder) {
    this.source = builder.source;
    this.entityType = builder.entityType;
    this.positionOf = builder.positionOf;
    this.readOrder = builder.readOrder;
    this.holdBack = builder.holdBack;
    this.scopes = new ConcurrentSkipListMap<>();
    for (Map.Entry<ScopeKey, List<T>> entry : builder.scopes.entrySet()) {
      ConcurrentSkipListMap<Position, T> items = new ConcurrentSkipListMap<>();
      scopes.put(entry.getKey(), items);
      insert(entry.getKey(), items, entry.getValue());
    }
  }

  /**
   * Returns a builder.
   *
   * @param source the source name, the first part of every scope key of this connector
   * @param entityType the entity type served
   * @param positionOf gives each item its position, e.g. {@code item ->
   *     Position.at(item.updatedAt(), item.id())}; positions within a scope must be distinct and of
   *     one cursor kind
   * @param <T> the item type
   * @return a new builder
   */
  public static <T> Builder<T> builder(
      String source, EntityType entityType, Function<? super T, Position> positionOf) {
    return new Builder<>(source, entityType, positionOf);
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public EntityType entityType() {
    return entityType;
  }

  @Override
  public List<ScopeKey> discoverScopes() {
    return List.copyOf(scopes.keySet());
  }

  /**
   * Counts the items of a scope after a position, exactly and at once.
   *
   * @param scope the scope to count
   * @param after count only items strictly after this position, or null for all
   * @param budget ignored: counting in memory never waits
   * @return an exact count
   * @throws ScopeNotFoundException if the connector holds no such scope
   */
  @Override
  public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
    Objects.requireNonNull(budget, "budget");
    NavigableMap<Position, T> items = itemsOf(scope);
    return ItemCount.exact(after == null ? items.size() : items.tailMap(after, false).size());
  }

  @Override
  public Health checkHealth() {
    return Health.up();
  }

  @Override
  public ReadOrder readOrder() {
    return readOrder;
  }

  @Override
  public Duration holdBack() {
    return holdBack;
  }

  @Override
  public PageFetcher<T> openScope(ScopeKey scope) {
    if (closed.get()) {
      throw new IllegalStateException("the connector " + source + " is closed");
    }
    ConcurrentNavigableMap<Position, T> items = itemsOf(scope);
    opened.incrementAndGet();
    return new Fetcher(scope, items);
  }

  /**
   * Adds items to a scope, creating the scope if needed; readers see them on their next page.
   *
   * @param scope the scope, whose source must be this connector's
   * @param items the items to add
   * @throws IllegalArgumentException if the scope belongs to another source, or an item's position
   *     is already taken or of another cursor kind
   */
  public void append(ScopeKey scope, Collection<? extends T> items) {
    requireOwnScope(source, scope);
    Objects.requireNonNull(items, "items");
    insert(scope, scopes.computeIfAbsent(scope, s -> new ConcurrentSkipListMap<>()), items);
  }

  private void insert(
      ScopeKey scope, ConcurrentSkipListMap<Position, T> target, Collection<? extends T> items) {
    for (T item : items) {
      Objects.requireNonNull(item, "items must not contain null");
      Position position =
          Objects.requireNonNull(positionOf.apply(item), "positionOf returned null");
      if (!target.isEmpty() && target.firstKey().isInstant() != position.isInstant()) {
        throw new IllegalArgumentException("scope " + scope + " mixes cursor kinds: " + position);
      }
      if (target.putIfAbsent(position, item) != null) {
        throw new IllegalArgumentException(
            "two items of " + scope + " share the position " + position);
      }
    }
  }

  /**
   * Returns how many pages have been fetched from this connector, over all scopes and reads.
   *
   * @return the number of {@link PageFetcher#fetch} calls
   */
  public long fetchCount() {
    return fetches.get();
  }

  /**
   * Returns how many fetchers {@link #openScope} has handed out.
   *
   * @return the number of opened fetchers
   */
  public long openCount() {
    return opened.get();
  }

  /**
   * Returns how many of the opened fetchers have been closed, each counted once.
   *
   * @return the number of closed fetchers
   */
  public long closedFetcherCount() {
    return fetchersClosed.get();
  }

  /**
   * Tells whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    closed.set(true);
  }

  @Override
  public String toString() {
    return "InMemoryConnector["
        + source
        + ", "
        + entityType
        + ", "
        + scopes.size()
        + " scopes, "
        + readOrder
        + (holdBack.isZero() ? "" : ", hold-back " + holdBack)
        + "]";
  }

  private ConcurrentNavigableMap<Position, T> itemsOf(ScopeKey scope) {
    Objects.requireNonNull(scope, "scope");
    ConcurrentNavigableMap<Position, T> items = scopes.get(scope);
    if (items == null) {
      throw new ScopeNotFoundException(scope);
    }
    return items;
  }

  private static void requireOwnScope(String source, ScopeKey scope) {
    Objects.requireNonNull(scope, "scope");
    if (!scope.source().equals(source)) {
      throw new IllegalArgumentException("scope " + scope + " does not belong to source " + source);
    }
  }

  private final class Fetcher implements PageFetcher<T> {
    private final ScopeKey scope;
    private final ConcurrentNavigableMap<Position, T> items;
    private final AtomicBoolean fetcherClosed = new AtomicBoolean();
    // Newest first: each continuation names the oldest item served so far in this walk.
    private final Map<String, Position> walk = new ConcurrentHashMap<>();
    private final AtomicLong walkTokens = new AtomicLong();

    Fetcher(ScopeKey scope, ConcurrentNavigableMap<Position, T> items) {
      this.scope = scope;
      this.items = items;
    }

    @Override
    public Page<T> fetch(PageRequest request) {
      if (!request.scope().equals(scope)) {
        throw new IllegalArgumentException(
            "this fetcher reads " + scope + " but was asked for " + request.scope());
      }
      if (fetcherClosed.get()) {
        throw new IllegalStateException("the fetcher of " + scope + " is closed");
      }
      fetches.incrementAndGet();
      return readOrder == ReadOrder.NEWEST_FIRST ? newestFirst(request) : oldestFirst(request);
    }

    private Page<T> oldestFirst(PageRequest request) {
      Position after = request.after();
      NavigableMap<Position, T> remaining = after == null ? items : items.tailMap(after, false);
      List<T> page = new ArrayList<>(Math.min(request.pageSize(), 64));
      Position last = null;
      Iterator<Map.Entry<Position, T>> it = remaining.entrySet().iterator();
      while (page.size() < request.pageSize() && it.hasNext()) {
        Map.Entry<Position, T> entry = it.next();
        page.add(entry.getValue());
        last = entry.getKey();
      }
      if (last == null) {
        return Page.last(List.of(), null);
      }
      return it.hasNext() ? Page.more(page, last) : Page.last(page, last);
    }

    private Page<T> newestFirst(PageRequest request) {
      Position after = request.after();
      String continuation = request.continuation();
      NavigableMap<Position, T> older;
      if (continuation == null) {
        older = items;
      } else {
        Position resume = walk.get(continuation);
        if (resume == null) {
          throw new IllegalArgumentException(
              "unknown continuation \"" + continuation + "\" for " + scope);
        }
        older = items.headMap(resume, false);
      }
      Iterator<Map.Entry<Position, T>> it = older.descendingMap().entrySet().iterator();
      List<T> page = new ArrayList<>(Math.min(request.pageSize(), 64));
      Position newest = null;
      Position oldest = null;
      boolean reachedWatermark = false;
      while (page.size() < request.pageSize() && it.hasNext()) {
        Map.Entry<Position, T> entry = it.next();
        if (after != null && !entry.getKey().isAfter(after)) {
          reachedWatermark = true;
          break;
        }
        page.add(entry.getValue());
        if (newest == null) {
          newest = entry.getKey();
        }
        oldest = entry.getKey();
      }
      if (newest == null || oldest == null) {
        return Page.last(List.of(), null);
      }
      boolean more = !reachedWatermark && it.hasNext();
      if (more && after != null) {
        // Peek: when the next older item is already stored, this page ends the walk.
        Map.Entry<Position, T> next = older.lowerEntry(oldest);
        more = next != null && next.getKey().isAfter(after);
      }
      if (!more) {
        return Page.last(page, newest);
      }
      String token = Long.toString(walkTokens.incrementAndGet());
      walk.put(token, oldest);
      return Page.more(page, newest, token);
    }

    @Override
    public void close() {
      if (fetcherClosed.compareAndSet(false, true)) {
        fetchersClosed.incrementAndGet();
      }
    }
  }

  /**
   * A builder of {@link InMemoryConnector}; not thread-safe.
   *
   * @param <T> the item type
   */
  public static final class Builder<T> {
    private final String source;
    private final EntityType entityType;
    private final Function<? super T, Position> positionOf;
    private final Map<ScopeKey, List<T>> scopes = new LinkedHashMap<>();
    private ReadOrder readOrder = ReadOrder.OLDEST_FIRST;
    private Duration holdBack = Duration.ZERO;

    private Builder(
        String source, EntityType entityType, Function<? super T, Position> positionOf) {
      this.source = Objects.requireNonNull(source, "source");
      try {
        ScopeKey.of(source, "scope", "check");
      } catch (InvalidScopeKeyException e) {
        throw new IllegalArgumentException(
            "source must be a valid scope key source but was \"" + source + "\"", e);
      }
      this.entityType = Objects.requireNonNull(entityType, "entityType");
      this.positionOf = Objects.requireNonNull(positionOf, "positionOf");
    }

    /**
     * Adds a scope with its items, in any order; calling it again for the same scope adds more
     * items.
     *
     * @param scope the scope, whose source must be the connector's
     * @param items the items; may be empty
     * @return this builder
     * @throws IllegalArgumentException if the scope belongs to another source
     */
    public Builder<T> scope(ScopeKey scope, Collection<? extends T> items) {
      requireOwnScope(source, scope);
      Objects.requireNonNull(items, "items");
      scopes.computeIfAbsent(scope, s -> new ArrayList<>()).addAll(items);
      return this;
    }

    /**
     * Sets the order pages are served in; see the class documentation.
     *
     * @param readOrder {@link ReadOrder#OLDEST_FIRST} (the default) or {@link
     *     ReadOrder#NEWEST_FIRST}
     * @return this builder
     */
    public Builder<T> readOrder(ReadOrder readOrder) {
      this.readOrder = Objects.requireNonNull(readOrder, "readOrder");
      return this;
    }

    /**
     * Sets the hold-back the connector declares, as an eventually consistent source would.
     *
     * @param holdBack zero (the default) or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder<T> holdBack(Duration holdBack) {
      this.holdBack = Checks.requireNonNegative(holdBack, "holdBack");
      return this;
    }

    /**
     * Builds the connector; may be called more than once, each call giving an independent
     * connector.
     *
     * @return the connector
     * @throws IllegalArgumentException if two items of one scope share a position or mix cursor
     *     kinds
     */
    public InMemoryConnector<T> build() {
      return new InMemoryConnector<>(this);
    }
  }
}
