/** Connectors for Jira, GitHub and Jenkins over HTTP. */
module dev.pulse.connectors {
  requires transitive dev.pulse.core;
  requires static transitive org.jspecify;
// Its packages are exported once they hold API (the connectors and JDBC issues).

}
