/**
 * Pure metric calculators over the canonical records of {@link dev.pulse.model}: no I/O, no clock,
 * no shared state. Every calculator takes its inputs as arguments and returns an immutable result.
 *
 * <p>Every calculator aggregates by repository, project or team, never by person: no input or
 * output type has a person-identifying component, and a structural test enforces it. Shared helpers
 * such as {@link dev.pulse.metrics.Percentiles} live here; the DORA metrics live in {@code
 * dev.pulse.metrics.dora} and the flow metrics in {@code dev.pulse.metrics.flow}.
 */
@NullMarked
package dev.pulse.metrics;

import org.jspecify.annotations.NullMarked;
