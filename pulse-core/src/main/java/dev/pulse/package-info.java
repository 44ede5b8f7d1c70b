/**
 * The Pulse API: scope keys, entity types, watermarks, batches, the clock seam, errors and the ingestion
 * engine that moves batches from a connector to a sink while advancing watermarks and reporting progress.
 *
 * <p>Extension points for connector and store authors live in {@link dev.pulse.spi}; the canonical records that
 * connectors produce and metrics consume live in {@link dev.pulse.model}.
 */
@NullMarked
package dev.pulse;

import org.jspecify.annotations.NullMarked;
