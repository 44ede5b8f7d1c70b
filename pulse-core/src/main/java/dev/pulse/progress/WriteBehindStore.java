package dev.pulse.progress;

import dev.pulse.EntityType;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.spi.ProgressStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes a tracker's snapshots to its store on an executor, so that ingestion threads never wait
 * for the store: a save only replaces the scope's pending snapshot (coalesced, latest wins) and
 * makes sure one drain is scheduled. A drain writes every pending snapshot; a failed write stays
 * pending (unless a newer snapshot replaced it) and is retried at the next save, {@link #kick()}
 * (the tracker's poll and flush) or drain. Reads see pending snapshots first, so the tracker reads
 * its own writes. Thread-safe.
 */
final class WriteBehindStore implements ProgressStore {
  private final ProgressStore delegate;
  private final Executor executor;
  private final FailureLog failures;
  private final Map<ScopeId, ProgressSnapshot> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  WriteBehindStore(ProgressStore delegate, Executor executor, FailureLog failures) {
    this.delegate = delegate;
    this.executor = executor;
    this.failures = failures;
  }

  @Override
  public void save(ProgressSnapshot snapshot) {
    // Saves of one scope come in order (under the scope's lock), so the last put is the newest.
    pending.put(idOf(snapshot), snapshot);
    kick();
  }

  /** Schedules a drain unless one is scheduled or running. */
  void kick() {
    if (pending.isEmpty() || !scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::drain);
    } catch (RuntimeException e) {
      scheduled.set(false);
      failures.failed("schedule a write of", "the pending snapshots", e);
    }
  }

  private void drain() {
    boolean failed = false;
    try {
      for (Map.Entry<ScopeId, ProgressSnapshot> entry : List.copyOf(pending.entrySet())) {
        ProgressSnapshot snapshot = entry.getValue();
        try {
          delegate.save(snapshot);
          pending.remove(entry.getKey(), snapshot);
        } catch (RuntimeException e) {
          failed = true;
          failures.failed("write", entry.getKey(), e);
        }
      }
    } finally {
      scheduled.set(false);
    }
    // Saves that arrived during the drain are written now; after a failure, only on the next
    // save, poll or flush, so a store that is down is not hammered in a loop.
    if (!failed) {
      kick();
    }
  }

  /** Returns how many scopes have a snapshot not yet written. */
  int pendingWrites() {
    return pending.size();
  }

  @Override
  public Optional<ProgressSnapshot> find(String tenant, EntityType entityType, ScopeKey scope) {
    ProgressSnapshot waiting = pending.get(ScopeId.of(tenant, entityType, scope));
    return waiting != null ? Optional.of(waiting) : delegate.find(tenant, entityType, scope);
  }

  @Override
  public List<ProgressSnapshot> list(String tenant) {
    Map<ScopeId, ProgressSnapshot> merged = new LinkedHashMap<>();
    for (ProgressSnapshot stored : delegate.list(tenant)) {
      merged.put(idOf(stored), stored);
    }
    for (ProgressSnapshot waiting : pending.values()) {
      if (waiting.tenant().equals(tenant)) {
        merged.put(idOf(waiting), waiting);
      }
    }
    return new ArrayList<>(merged.values());
  }

  private static ScopeId idOf(ProgressSnapshot snapshot) {
    return ScopeId.of(snapshot.tenant(), snapshot.entityType(), snapshot.scopeKey());
  }
}
