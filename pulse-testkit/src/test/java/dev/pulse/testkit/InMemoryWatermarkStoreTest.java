package dev.pulse.testkit;

import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.spi.WatermarkStore;

/** Runs the {@link WatermarkStoreContract} against the in-memory store. */
final class InMemoryWatermarkStoreTest extends WatermarkStoreContract {
  @Override
  protected WatermarkStore createStore() {
    return new InMemoryWatermarkStore();
  }
}
