package dev.pulse.jdbc;

final class PostgresSinkTest extends JdbcSinkContract {
  @Override
  JdbcDatabase createDatabase() {
    return TestDatabases.freshPostgres();
  }
}
