/**
 * Pulse pipeline metrics on a Micrometer {@code MeterRegistry} the user brings: counters, timers
 * with histograms and status gauges with Prometheus-friendly names.
 */
// micrometer-core ships no module descriptor (an automatic module); its types are in this API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.pulse.micrometer {
  requires transitive dev.pulse.core;
  requires transitive micrometer.core;
  requires static transitive org.jspecify;

  exports dev.pulse.micrometer;
}
