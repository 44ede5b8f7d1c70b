package dev.pulse.jdbc;

import dev.pulse.spi.WatermarkStore;
import dev.pulse.testkit.WatermarkStoreContract;

final class SqliteWatermarkStoreTest extends WatermarkStoreContract {
  @Override
  protected WatermarkStore createStore() {
    return new JdbcWatermarkStore(TestDatabases.freshSqlite());
  }
}
