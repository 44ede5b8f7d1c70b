package dev.pulse.inmemory;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.internal.Tenants;
import dev.pulse.spi.WatermarkStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link WatermarkStore} that keeps its watermarks in memory, for tests, demos and single-process
 * embeddings where re-reading every scope after a restart is acceptable.
 *
 * <p>Nothing survives the process. The store is thread-safe and lock-free on the read path:
 * watermarks live in one concurrent map per (tenant, entity type), and {@link #advance} is a single
 * atomic {@link ConcurrentMap#compute} on one scope's entry, so racing writers of one scope
 * serialize on that entry only and the survivor is always the maximum position. Writers of
 * different scopes never contend. Share one instance among everything that reads and writes the
 * same watermarks.
 */
public final class InMemoryWatermarkStore implements WatermarkStore {
  private final ConcurrentMap<Partition, ConcurrentMap<ScopeKey, Watermark>> partitions =
      new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryWatermarkStore() {}

  @Override
  public Watermark get(ScopeId key) {
    Objects.requireNonNull(key, "key");
    Map<ScopeKey, Watermark> rows = partitions.get(new Partition(key.tenant(), key.entityType()));
    Watermark stored = rows == null ? null : rows.get(key.scope());
    return stored != null ? stored : Watermark.none(key);
  }

  @Override
  public Map<ScopeKey, Watermark> getAll(
      String tenant, EntityType entityType, Collection<ScopeKey> scopes) {
    Partition partition = new Partition(tenant, entityType);
    Objects.requireNonNull(scopes, "scopes");
    Map<ScopeKey, Watermark> rows = partitions.get(partition);
    Map<ScopeKey, Watermark> result = new LinkedHashMap<>();
    for (ScopeKey scope : scopes) {
      Objects.requireNonNull(scope, "scopes must not contain null");
      if (!result.containsKey(scope)) {
        Watermark stored = rows == null ? null : rows.get(scope);
        result.put(
            scope,
            stored != null ? stored : Watermark.none(new ScopeId(tenant, entityType, scope)));
      }
    }
    return Collections.unmodifiableMap(result);
  }

  @Override
  public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(at, "at");
    if (itemsAdded < 0) {
      throw new IllegalArgumentException("itemsAdded must be >= 0 but was " + itemsAdded);
    }
    ConcurrentMap<ScopeKey, Watermark> rows =
        partitions.computeIfAbsent(
            new Partition(key.tenant(), key.entityType()), p -> new ConcurrentHashMap<>());
    // compute() is atomic per entry: a racing writer sees either the old or the new watermark,
    // never a mix.
    // An exception thrown by advancedTo (mismatched cursor kind) leaves the entry unchanged.
    return rows.compute(
        key.scope(),
        (scope, current) ->
            (current == null ? Watermark.none(key) : current).advancedTo(position, itemsAdded, at));
  }

  @Override
  public boolean reset(ScopeId key) {
    Objects.requireNonNull(key, "key");
    Map<ScopeKey, Watermark> rows = partitions.get(new Partition(key.tenant(), key.entityType()));
    return rows != null && rows.remove(key.scope()) != null;
  }

  @Override
  public List<Watermark> list(String tenant, EntityType entityType, String scopePrefix) {
    Partition partition = new Partition(tenant, entityType);
    Objects.requireNonNull(scopePrefix, "scopePrefix");
    Map<ScopeKey, Watermark> rows = partitions.get(partition);
    if (rows == null) {
      return List.of();
    }
    List<Watermark> result = new ArrayList<>();
    for (Watermark watermark : rows.values()) {
      if (watermark.key().scope().toString().startsWith(scopePrefix)) {
        result.add(watermark);
      }
    }
    result.sort(Comparator.comparing(watermark -> watermark.key().scope()));
    return List.copyOf(result);
  }

  @Override
  public String toString() {
    int size = 0;
    for (Map<ScopeKey, Watermark> rows : partitions.values()) {
      size += rows.size();
    }
    return "InMemoryWatermarkStore[" + size + " watermarks]";
  }

  private record Partition(String tenant, EntityType entityType) {
    Partition {
      tenant = Tenants.requireValid(tenant);
      Objects.requireNonNull(entityType, "entityType");
    }
  }
}
