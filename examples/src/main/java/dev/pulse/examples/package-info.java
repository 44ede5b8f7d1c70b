/** Runnable example programs that show Pulse end to end. */
@NullMarked
package dev.pulse.examples;

import org.jspecify.annotations.NullMarked;
