/**
 * Per-scope ingestion progress: the lifecycle of a scope's run, its rate, ETA and stall state, as
 * immutable snapshots that a status endpoint or CLI can render.
 */
@NullMarked
package dev.pulse.progress;

import org.jspecify.annotations.NullMarked;
