/**
 * The four DORA keys computed from canonical records: deployment frequency, lead time for changes,
 * change failure rate and time to restore (failed deployment recovery time), with
 * Elite/High/Medium/Low levels from a selectable DORA report ({@link
 * dev.pulse.metrics.dora.DoraThresholds}).
 *
 * <p>Every calculator is a pure function of its arguments. Metrics aggregate by repository and
 * environment, never by person: no input or output type here has a person-identifying component.
 * The rules, bounds, tie rules and rounding are defined in {@code docs/metrics.md}.
 */
@NullMarked
package dev.pulse.metrics.dora;

import org.jspecify.annotations.NullMarked;
