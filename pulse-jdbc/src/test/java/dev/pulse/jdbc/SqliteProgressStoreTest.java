package dev.pulse.jdbc;

import dev.pulse.spi.ProgressStore;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.ProgressStoreContract;

final class SqliteProgressStoreTest extends ProgressStoreContract {
  @Override
  protected ProgressStore createStore() {
    return new JdbcProgressStore(TestDatabases.freshSqlite(), new FakeClock());
  }
}
