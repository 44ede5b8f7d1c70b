/** Runs Pulse's scopes over many processes on db-scheduler, fenced in PostgreSQL. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.pulse.cluster {
  requires transitive dev.pulse.core;
  requires transitive dev.pulse.jdbc;
  requires transitive java.sql;
  requires static transitive org.jspecify;
  requires org.slf4j;
  // db-scheduler and Flyway ship no module descriptor: these are their automatic module names.
  requires com.github.kagkarlsson.scheduler;
  requires flyway.core;

  exports dev.pulse.cluster;
}
