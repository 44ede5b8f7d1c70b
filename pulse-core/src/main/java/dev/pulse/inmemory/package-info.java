/**
 * Reference implementations that keep everything in memory: a watermark store, a progress store and
 * a connector over lists. They are complete and thread-safe, suited to tests, demos and
 * single-process use where nothing has to survive a restart.
 */
@NullMarked
package dev.pulse.inmemory;

import org.jspecify.annotations.NullMarked;
