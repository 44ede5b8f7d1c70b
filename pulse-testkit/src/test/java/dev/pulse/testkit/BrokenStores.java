package dev.pulse.testkit;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.WatermarkStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Watermark stores broken on purpose, each in one way a real store has been. */
final class BrokenStores {
  private BrokenStores() {}

  /** Passes every call to a correct in-memory store unless a subclass overrides it. */
  abstract static class ForwardingStore implements WatermarkStore {
    final InMemoryWatermarkStore delegate = new InMemoryWatermarkStore();
    final Set<ScopeId> written = ConcurrentHashMap.newKeySet();

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
      Watermark stored = delegate.advance(key, position, itemsAdded, at);
      written.add(key);
      return stored;
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

  /**
   * Broken on purpose: with a non-empty prefix, {@link #list} matches the prefix over every tenant
   * and entity type, as {@code WHERE tenant = ? AND type = ? OR scope LIKE ?} does.
   */
  static final class PrefixLeakingStore extends ForwardingStore {
    @Override
    public List<Watermark> list(String tenant, EntityType entityType, String scopePrefix) {
      if (scopePrefix.isEmpty()) {
        return delegate.list(tenant, entityType, scopePrefix);
      }
      List<Watermark> result = new ArrayList<>();
      for (ScopeId key : written) {
        Watermark watermark = delegate.get(key);
        if (!watermark.isNone() && key.scope().toString().startsWith(scopePrefix)) {
          result.add(watermark);
        }
      }
      result.sort(Comparator.comparing(watermark -> watermark.key().scope()));
      return result;
    }
  }

  /**
   * Broken on purpose: {@link #getAll} finds rows by tenant and scope, ignoring the entity type.
   */
  static final class TypeBlindBulkGetStore extends ForwardingStore {
    @Override
    public Map<ScopeKey, Watermark> getAll(
        String tenant, EntityType entityType, Collection<ScopeKey> scopes) {
      Map<ScopeKey, Watermark> result = new LinkedHashMap<>();
      for (ScopeKey scope : scopes) {
        Watermark found = Watermark.none(ScopeId.of(tenant, entityType, scope));
        for (ScopeId key : written) {
          Watermark stored = delegate.get(key);
          if (key.tenant().equals(tenant) && key.scope().equals(scope) && !stored.isNone()) {
            found = stored;
          }
        }
        result.putIfAbsent(scope, found);
      }
      return result;
    }
  }

  /** Broken on purpose: keeps instants to whole seconds, like a {@code TIMESTAMP(0)} column. */
  static final class SecondsTruncatingStore extends ForwardingStore {
    @Override
    public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
      Instant instant = position.instant();
      Position truncated =
          instant == null
              ? position
              : Position.at(instant.truncatedTo(ChronoUnit.SECONDS), position.tieBreaker());
      return super.advance(key, truncated, itemsAdded, at.truncatedTo(ChronoUnit.SECONDS));
    }
  }

  /**
   * Broken on purpose: advances are serialized with each other (read, then write, under one lock)
   * but a reset deletes outside that lock, so an advance that read the row before the delete writes
   * it back after it. The store widens that window (a bounded spin, only while a reset and an
   * advance overlap) so the race shows in a few rounds rather than in a few thousand.
   */
  static final class ReadThenWriteStore extends ForwardingStore {
    private static final long WINDOW_NANOS = 2_000_000;
    private final Map<ScopeId, Watermark> rows = new ConcurrentHashMap<>();
    private final Object advanceLock = new Object();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean resetting;

    @Override
    public Watermark get(ScopeId key) {
      return rows.getOrDefault(key, Watermark.none(key));
    }

    @Override
    public Map<ScopeKey, Watermark> getAll(
        String tenant, EntityType entityType, Collection<ScopeKey> scopes) {
      Map<ScopeKey, Watermark> result = new LinkedHashMap<>();
      for (ScopeKey scope : scopes) {
        result.putIfAbsent(scope, get(ScopeId.of(tenant, entityType, scope)));
      }
      return result;
    }

    @Override
    public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
      if (itemsAdded < 0) {
        throw new IllegalArgumentException("itemsAdded must be >= 0 but was " + itemsAdded);
      }
      synchronized (advanceLock) {
        Watermark current = get(key);
        reads.incrementAndGet();
        spinWhile(() -> resetting);
        Position stored = current.position();
        Watermark next;
        if (stored == null) {
          next = new Watermark(key, position, itemsAdded, at);
        } else if (stored.isInstant() != position.isInstant()) {
          throw new IllegalArgumentException("cursor kinds differ");
        } else if (position.isAfter(stored)) {
          next = new Watermark(key, position, current.itemsStored() + itemsAdded, at);
        } else {
          next = current;
        }
        // The flaw: the row read above is written back even if a reset deleted it meanwhile.
        rows.put(key, next);
        return next;
      }
    }

    @Override
    public boolean reset(ScopeId key) {
      int seen = reads.get();
      resetting = true;
      try {
        spinWhile(() -> reads.get() == seen);
        return rows.remove(key) != null;
      } finally {
        resetting = false;
      }
    }

    @Override
    public List<Watermark> list(String tenant, EntityType entityType, String scopePrefix) {
      List<Watermark> result = new ArrayList<>();
      for (Watermark watermark : rows.values()) {
        ScopeId key = watermark.key();
        if (key.tenant().equals(tenant)
            && key.entityType().equals(entityType)
            && key.scope().toString().startsWith(scopePrefix)) {
          result.add(watermark);
        }
      }
      result.sort(Comparator.comparing(watermark -> watermark.key().scope()));
      return result;
    }

    private static void spinWhile(java.util.function.BooleanSupplier condition) {
      long deadline = System.nanoTime() + WINDOW_NANOS;
      while (condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
        Thread.onSpinWait();
      }
    }
  }
}
