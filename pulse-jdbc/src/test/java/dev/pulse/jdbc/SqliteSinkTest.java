package dev.pulse.jdbc;

final class SqliteSinkTest extends JdbcSinkContract {
  @Override
  JdbcDatabase createDatabase() {
    return TestDatabases.freshSqlite();
  }
}
