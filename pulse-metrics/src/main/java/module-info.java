/**
 * Pure DORA and flow calculators over the canonical records. Depends on {@code dev.pulse.model}
 * only.
 */
module dev.pulse.metrics {
  requires transitive dev.pulse.model;
  requires static transitive org.jspecify;

  exports dev.pulse.metrics;
  exports dev.pulse.metrics.dora;
  exports dev.pulse.metrics.flow;
  exports dev.pulse.metrics.report;
}
