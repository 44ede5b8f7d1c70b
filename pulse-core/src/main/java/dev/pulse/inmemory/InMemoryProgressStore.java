package dev.pulse.inmemory;

import dev.pulse.EntityType;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.spi.ProgressStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ProgressStore} that keeps the latest snapshot per scope in memory, for tests, examples
 * and single-process deployments whose status endpoint reads the same JVM. Thread-safe; never
 * fails.
 */
public final class InMemoryProgressStore implements ProgressStore {
  private final Map<ScopeId, ProgressSnapshot> snapshots = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryProgressStore() {}

  @Override
  public void save(ProgressSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    snapshots.put(
        new ScopeId(snapshot.tenant(), snapshot.entityType(), snapshot.scopeKey()), snapshot);
  }

  @Override
  public Optional<ProgressSnapshot> find(String tenant, EntityType entityType, ScopeKey scope) {
    return Optional.ofNullable(snapshots.get(new ScopeId(tenant, entityType, scope)));
  }

  @Override
  public List<ProgressSnapshot> list(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    List<ProgressSnapshot> result = new ArrayList<>();
    for (ProgressSnapshot snapshot : snapshots.values()) {
      if (snapshot.tenant().equals(tenant)) {
        result.add(snapshot);
      }
    }
    result.sort(
        Comparator.comparing(ProgressSnapshot::entityType)
            .thenComparing(ProgressSnapshot::scopeKey));
    return List.copyOf(result);
  }

  @Override
  public String toString() {
    return "InMemoryProgressStore[" + snapshots.size() + " scopes]";
  }
}
