/**
 * Helpers for testing code that uses Pulse: a {@link dev.pulse.testing.FakeClock} that only moves
 * when told to, and a {@link dev.pulse.testing.ManualExecutor} that runs tasks when the test says
 * so.
 */
@NullMarked
package dev.pulse.testing;

import org.jspecify.annotations.NullMarked;
