/**
 * Pure metric calculators over the canonical records of {@link dev.pulse.model}: no I/O, no clocks, no
 * connectors.
 *
 * <p>Every calculator aggregates by repository, project or team, never by person: no input or output type has a
 * person-identifying component, and a structural test enforces it.
 */
@NullMarked
package dev.pulse.metrics;

import org.jspecify.annotations.NullMarked;
