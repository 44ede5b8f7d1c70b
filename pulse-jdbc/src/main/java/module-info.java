/** PostgreSQL and SQLite stores and sinks over JDBC. */
module dev.pulse.jdbc {
  requires transitive dev.pulse.core;
  requires static transitive org.jspecify;
// Its packages are exported once they hold API (the connectors and JDBC issues).

}
