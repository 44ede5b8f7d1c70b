/**
 * Pulse pipeline metrics on a Micrometer registry: {@link dev.pulse.micrometer.PipelineMetrics}
 * binds a {@link dev.pulse.pipeline.Pipeline}'s events, its sources' fetches and writes, and its
 * status to meters named {@code pulse.*} ({@code pulse_*} in Prometheus). The meter names, tags and
 * their cardinality are listed in {@code docs/operations.md}.
 */
@NullMarked
package dev.pulse.micrometer;

import org.jspecify.annotations.NullMarked;
