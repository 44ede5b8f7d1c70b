/** JMH benchmarks for Pulse; not published. */
@NullMarked
package dev.pulse.benchmarks;

import org.jspecify.annotations.NullMarked;
