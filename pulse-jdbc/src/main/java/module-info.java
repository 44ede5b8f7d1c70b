/** PostgreSQL and SQLite stores and sinks over JDBC. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module dev.pulse.jdbc {
  requires transitive dev.pulse.core;
  requires transitive java.sql;
  requires static transitive org.jspecify;
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;
  // Flyway ships no module descriptor; its jar names give these automatic module names.
  requires flyway.core;
  requires org.xerial.sqlitejdbc;

  exports dev.pulse.jdbc;
  // Shared with other Pulse modules only; not an API.
  exports dev.pulse.jdbc.internal to
      dev.pulse.cluster;
}
