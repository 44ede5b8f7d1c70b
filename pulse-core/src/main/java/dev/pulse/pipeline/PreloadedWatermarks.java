package dev.pulse.pipeline;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.spi.WatermarkStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A watermark store that answers each scope's first read of a run from one bulk {@link
 * WatermarkStore#getAll} call, and everything else from the real store.
 *
 * <p>Each preloaded watermark is served once: a retry of the scope reads the store again, because
 * the failed attempt may have advanced it.
 */
final class PreloadedWatermarks implements WatermarkStore {
  private final WatermarkStore store;
  private final Map<ScopeId, Watermark> preloaded = new ConcurrentHashMap<>();

  PreloadedWatermarks(WatermarkStore store, Collection<Watermark> preloaded) {
    this.store = store;
    for (Watermark watermark : preloaded) {
      this.preloaded.put(watermark.key(), watermark);
    }
  }

  @Override
  public Watermark get(ScopeId key) {
    Watermark first = preloaded.remove(key);
    return first != null ? first : store.get(key);
  }

  @Override
  public Map<ScopeKey, Watermark> getAll(
      String tenant, EntityType entityType, Collection<ScopeKey> scopes) {
    return store.getAll(tenant, entityType, scopes);
  }

  @Override
  public Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at) {
    preloaded.remove(key);
    return store.advance(key, position, itemsAdded, at);
  }

  @Override
  public boolean reset(ScopeId key) {
    preloaded.remove(key);
    return store.reset(key);
  }

  @Override
  public List<Watermark> list(String tenant, EntityType entityType, String scopePrefix) {
    return store.list(tenant, entityType, scopePrefix);
  }
}
