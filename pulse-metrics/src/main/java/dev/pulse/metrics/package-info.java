/**
 * Pure metric calculators over the canonical records of {@link dev.pulse.model}: no I/O, no clock, no shared
 * state. Every calculator takes its inputs as arguments and returns an immutable result.
 *
 * <p>Shared helpers such as {@link dev.pulse.metrics.Percentiles} live here; the DORA metrics live in
 * {@code dev.pulse.metrics.dora}.
 */
@NullMarked
package dev.pulse.metrics;

import org.jspecify.annotations.NullMarked;
