/**
 * The {@code pulse} command line: validate a configuration, migrate the store, ingest, and read
 * status, metrics, resets and dead letters back from the database. {@link dev.pulse.cli.PulseCli}
 * is the entry point; everything else is package-private.
 */
@NullMarked
package dev.pulse.cli;

import org.jspecify.annotations.NullMarked;
