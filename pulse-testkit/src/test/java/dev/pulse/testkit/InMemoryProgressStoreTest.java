package dev.pulse.testkit;

import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.spi.ProgressStore;

final class InMemoryProgressStoreTest extends ProgressStoreContract {
  @Override
  protected ProgressStore createStore() {
    return new InMemoryProgressStore();
  }
}
