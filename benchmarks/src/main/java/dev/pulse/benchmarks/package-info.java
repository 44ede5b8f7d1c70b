/** JMH benchmarks for Pulse; run from the shaded {@code benchmarks/target/benchmarks.jar}. */
@NullMarked
package dev.pulse.benchmarks;

import org.jspecify.annotations.NullMarked;
