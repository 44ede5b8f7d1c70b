package dev.pulse.spi;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Durable storage of watermarks, one per (tenant, entity type, scope).
 *
 * <p>Contract (checked by {@code dev.pulse.testkit.WatermarkStoreContract}): a watermark never
 * moves backwards, even when several writers race to advance one scope, so the survivor is always
 * the maximum position; tenants and entity types are isolated; per-scope rows live beside the
 * global {@link ScopeKey#GLOBAL} row. All methods are thread-safe. Failures are reported as {@link
 * dev.pulse.StoreException}.
 */
public interface WatermarkStore {
  /**
   * Reads one watermark.
   *
   * @param key the watermark's identity
   * @return the stored watermark, or {@link Watermark#none(ScopeId)} if there is none
   */
  Watermark get(ScopeId key);

  /**
   * Reads the watermarks of many scopes in one call.
   *
   * @param tenant the tenant
   * @param entityType the entity type
   * @param scopes the scopes to read
   * @return a map with exactly one entry per distinct requested scope, in request order; scopes
   *     without a row map to {@link Watermark#none(ScopeId)}
   */
  Map<ScopeKey, Watermark> getAll(
      String tenant, EntityType entityType, Collection<ScopeKey> scopes);

  /**
   * Advances a watermark, atomically and only forwards.
   *
   * <p>When {@code position} is strictly after the stored position (or nothing is stored), the
   * watermark moves to it, {@code itemsAdded} is added to its item count and its update time
   * becomes {@code at}. Otherwise nothing changes. Either way the stored watermark is returned.
   *
   * @param key the watermark's identity
   * @param position the position after the batch just stored
   * @param itemsAdded how many items that batch held, {@code >= 0}
   * @param at when the batch was stored
   * @return the watermark as stored after the call
   * @throws IllegalArgumentException if {@code itemsAdded < 0} or the position's cursor kind
   *     differs from the stored one
   */
  Watermark advance(ScopeId key, Position position, long itemsAdded, Instant at);

  /**
   * Deletes one watermark so that its scope is read again from the beginning (a targeted
   * re-backfill).
   *
   * <p>Reset a scope only while no run is reading it: a run in progress would advance the watermark
   * again from its own position with its next batch, silently undoing the reset.
   *
   * @param key the watermark's identity
   * @return true if a watermark was deleted
   */
  boolean reset(ScopeId key);

  /**
   * Lists the stored watermarks of a tenant and entity type whose scope key, rendered with {@link
   * ScopeKey#toString()}, starts with a prefix.
   *
   * @param tenant the tenant
   * @param entityType the entity type
   * @param scopePrefix the prefix, e.g. {@code jira:project:}; empty for all, including the global
   *     row
   * @return the watermarks ordered by scope key
   */
  List<Watermark> list(String tenant, EntityType entityType, String scopePrefix);
}
