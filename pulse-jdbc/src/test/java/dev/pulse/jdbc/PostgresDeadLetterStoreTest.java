package dev.pulse.jdbc;

final class PostgresDeadLetterStoreTest extends JdbcDeadLetterStoreContract {
  @Override
  JdbcDatabase createDatabase() {
    return TestDatabases.freshPostgres();
  }
}
