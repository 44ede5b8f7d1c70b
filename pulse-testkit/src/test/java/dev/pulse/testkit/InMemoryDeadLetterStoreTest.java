package dev.pulse.testkit;

import dev.pulse.inmemory.InMemoryDeadLetterStore;
import dev.pulse.spi.DeadLetterStore;

/** Runs the {@link DeadLetterStoreContract} against the in-memory store. */
final class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
  @Override
  protected DeadLetterStore createStore() {
    return new InMemoryDeadLetterStore();
  }
}
