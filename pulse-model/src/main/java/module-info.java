/**
 * The canonical records Pulse ingests and computes metrics over. Depends on nothing but JSpecify's
 * annotations, so metrics users pull in no JSON or logging library.
 */
@SuppressWarnings(
    "module") // qualified exports name Pulse modules that are not on this module's path
module dev.pulse.model {
  requires static transitive org.jspecify;

  exports dev.pulse.model;
  exports dev.pulse.model.internal to
      dev.pulse.core,
      dev.pulse.metrics,
      dev.pulse.connectors,
      dev.pulse.jdbc,
      dev.pulse.testkit,
      dev.pulse.cluster,
      dev.pulse.micrometer;
}
