package dev.pulse.engine;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.Sink;
import dev.pulse.spi.WatermarkStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared items, connectors and sinks of the engine's regression tests. */
final class EngineFixtures {
  static final String SOURCE = "memory";
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final ReadOptions SAME_THREAD =
      ReadOptions.builder().pageSize(10).prefetch(1).executor(Runnable::run).build();

  private EngineFixtures() {}

  record Ticket(long id, Instant updatedAt) {
    Position position() {
      return Position.at(updatedAt, id);
    }
  }

  static ScopeKey scope(String name) {
    return ScopeKey.of(SOURCE, "project", name);
  }

  static ScopeId key(ScopeKey scope) {
    return ScopeId.of("acme", EntityType.ISSUES, scope);
  }

  /** Tickets {@code from..from+count-1}, one per second from {@link #T0}. */
  static List<Ticket> tickets(int from, int count) {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      tickets.add(new Ticket(i, T0.plusSeconds(i)));
    }
    return tickets;
  }

  static InMemoryConnector.Builder<Ticket> connector() {
    return InMemoryConnector.builder(SOURCE, EntityType.ISSUES, Ticket::position);
  }

  /** Throws a checked exception that the signature does not declare, as Kotlin code may. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }

  /** A sink that records every batch. */
  static class RecordingSink implements Sink<Ticket> {
    final List<Batch<Ticket>> batches = new CopyOnWriteArrayList<>();

    @Override
    public void write(ScopeId key, Batch<Ticket> batch) throws Exception {
      batches.add(batch);
    }

    List<Long> ids() {
      return batches.stream().flatMap(b -> b.items().stream()).map(Ticket::id).toList();
    }

    List<Long> idsOf(ScopeKey scope) {
      return batches.stream()
          .filter(b -> b.scope().equals(scope))
          .flatMap(b -> b.items().stream())
          .map(Ticket::id)
          .toList();
    }
  }

  /** A watermark store over an in-memory one; tests override the one method they break. */
  static class ForwardingStore implements WatermarkStore {
    final InMemoryWatermarkStore delegate = new InMemoryWatermarkStore();

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
      return delegate.list(tenant, entityType, scopePrefix);
    }
  }

  /** Forwards everything to another connector; tests override the one method they change. */
  static class Delegating extends ForwardingConnector<Ticket> {
    private final Connector<Ticket> delegate;

    Delegating(Connector<Ticket> delegate) {
      this.delegate = delegate;
    }

    @Override
    protected Connector<Ticket> delegate() {
      return delegate;
    }
  }
}
