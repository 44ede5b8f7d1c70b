package dev.pulse.spi;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.progress.ProgressSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of the latest progress snapshot per (tenant, entity type, scope), read by status
 * endpoints.
 *
 * <p>Writes replace the previous snapshot of the same scope. All methods are thread-safe. The
 * {@link dev.pulse.progress.ProgressTracker} coalesces writes (at most one per scope per persist
 * interval, plus one per status change) and never lets a failing store fail ingestion;
 * implementations report failures as {@link dev.pulse.StoreException}, and the tracker counts, logs
 * and retries them.
 *
 * <p>The tracker calls {@link #save} synchronously, on the ingesting thread that made the write due
 * and while holding that scope's lock, so a save should be quick (one upsert) and must not call
 * back into the tracker. {@link #find} is read once per scope when a tracker first starts it, to
 * resume an unfinished run. {@link dev.pulse.progress.ProgressJson} renders and parses snapshots
 * for stores that keep JSON; {@link dev.pulse.inmemory.InMemoryProgressStore} is the in-memory
 * implementation.
 */
public interface ProgressStore {
  /**
   * Saves a snapshot, replacing the previous one of the same tenant, entity type and scope.
   *
   * @param snapshot the snapshot
   */
  void save(ProgressSnapshot snapshot);

  /**
   * Reads the latest snapshot of one scope.
   *
   * @param tenant the tenant
   * @param entityType the entity type
   * @param scope the scope
   * @return the snapshot, or empty if none was saved
   */
  Optional<ProgressSnapshot> find(String tenant, EntityType entityType, ScopeKey scope);

  /**
   * Lists the latest snapshots of a tenant.
   *
   * @param tenant the tenant
   * @return the snapshots ordered by entity type, then scope key
   */
  List<ProgressSnapshot> list(String tenant);
}
