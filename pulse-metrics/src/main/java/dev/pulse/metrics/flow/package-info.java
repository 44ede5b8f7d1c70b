/**
 * Flow (lean) metrics over issue status histories: cycle time, lead time, weekly throughput with a
 * four-week moving average, work in progress now and at a past instant, cumulative flow per day,
 * aging work in progress, and the lead-time distribution with its percentiles.
 *
 * <p>The entry point is {@link dev.pulse.metrics.flow.FlowMetrics}. Every figure aggregates a
 * {@link dev.pulse.metrics.flow.FlowScope} (one project, or all issues), never a person. The exact
 * definitions, bounds and tie rules are in {@code docs/metrics.md}, section "Flow metrics".
 */
@NullMarked
package dev.pulse.metrics.flow;

import org.jspecify.annotations.NullMarked;
