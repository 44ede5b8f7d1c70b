/**
 * Pulse's vocabulary, SPIs, ingestion engine, progress tracking and reference in-memory
 * implementations. Depends on no Pulse module but {@code dev.pulse.model}.
 */
@SuppressWarnings(
    "module") // qualified exports name Pulse modules that are not on this module's path
module dev.pulse.core {
  requires transitive dev.pulse.model;
  requires static transitive org.jspecify;
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;
  // Only dev.pulse.status.StatusHttpHandler needs it; users who never load that class need not have
  // it.
  requires static transitive jdk.httpserver;

  exports dev.pulse;
  exports dev.pulse.config;
  exports dev.pulse.engine;
  exports dev.pulse.inmemory;
  exports dev.pulse.pipeline;
  exports dev.pulse.progress;
  exports dev.pulse.spi;
  exports dev.pulse.status;
  exports dev.pulse.testing;
  exports dev.pulse.internal to
      dev.pulse.connectors,
      dev.pulse.jdbc,
      dev.pulse.testkit,
      dev.pulse.cluster,
      dev.pulse.kafka.connect;

  uses dev.pulse.spi.ConnectorProvider;
}
