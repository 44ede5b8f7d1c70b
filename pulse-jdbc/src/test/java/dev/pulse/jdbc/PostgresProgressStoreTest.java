package dev.pulse.jdbc;

import dev.pulse.spi.ProgressStore;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.ProgressStoreContract;

final class PostgresProgressStoreTest extends ProgressStoreContract {
  @Override
  protected ProgressStore createStore() {
    return new JdbcProgressStore(TestDatabases.freshPostgres(), new FakeClock());
  }
}
