package dev.pulse.progress;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.StoreException;
import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.spi.ProgressStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store that records every save and can be told to fail. */
class RecordingProgressStore implements ProgressStore {
  final InMemoryProgressStore delegate = new InMemoryProgressStore();
  final List<ProgressSnapshot> saves = new CopyOnWriteArrayList<>();
  volatile boolean failing;

  @Override
  public void save(ProgressSnapshot snapshot) {
    if (failing) {
      throw new StoreException("database unavailable, password=hunter2", null);
    }
    saves.add(snapshot);
    delegate.save(snapshot);
  }

  @Override
  public Optional<ProgressSnapshot> find(String tenant, EntityType entityType, ScopeKey scope) {
    if (failing) {
      throw new StoreException("database unavailable", null);
    }
    return delegate.find(tenant, entityType, scope);
  }

  @Override
  public List<ProgressSnapshot> list(String tenant) {
    return delegate.list(tenant);
  }

  ProgressStatus lastStatus() {
    return saves.get(saves.size() - 1).status();
  }
}
