package dev.pulse.jdbc;

import dev.pulse.spi.WatermarkStore;
import dev.pulse.testkit.WatermarkStoreContract;

final class PostgresWatermarkStoreTest extends WatermarkStoreContract {
  @Override
  protected WatermarkStore createStore() {
    return new JdbcWatermarkStore(TestDatabases.freshPostgres());
  }
}
