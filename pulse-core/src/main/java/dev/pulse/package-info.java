/**
 * The Pulse vocabulary: scope keys and scope ids, entity types, positions and watermarks, batches,
 * item counts, health, the clock seam, error codes and exceptions.
 *
 * <p>The ingestion engine lives in {@link dev.pulse.engine}, progress in {@link
 * dev.pulse.progress}, extension points for connector and store authors in {@link dev.pulse.spi},
 * reference in-memory implementations in {@link dev.pulse.inmemory}, and test helpers (a fake
 * clock, a manual executor) in {@link dev.pulse.testing}. The canonical records that connectors
 * produce and metrics consume live in the {@code pulse-model} module, package {@code
 * dev.pulse.model}.
 */
@NullMarked
package dev.pulse;

import org.jspecify.annotations.NullMarked;
