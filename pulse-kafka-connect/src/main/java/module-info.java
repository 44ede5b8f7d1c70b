/**
 * Runs any Pulse connector as a Kafka Connect source connector: scopes become source partitions,
 * positions source offsets, and each page one poll's records, exactly once.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.pulse.kafka.connect {
  requires transitive dev.pulse.core;
  requires static transitive org.jspecify;
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;
  // The Connect API and kafka-clients ship no module descriptor: these are their automatic names.
  requires transitive connect.api;
  requires transitive kafka.clients;

  exports dev.pulse.kafka.connect;

  uses dev.pulse.spi.ConnectorProvider;

  // Connect's workers find plugins through ServiceLoader (plugin.discovery=service_load).
  provides org.apache.kafka.connect.source.SourceConnector with
      dev.pulse.kafka.connect.PulseSourceConnector;
}
