package dev.pulse.jdbc;

final class SqliteDeadLetterStoreTest extends JdbcDeadLetterStoreContract {
  @Override
  JdbcDatabase createDatabase() {
    return TestDatabases.freshSqlite();
  }
}
