/**
 * The ingestion engine: it reads a connector's scopes batch by batch, stores each batch in a sink
 * and only then advances the scope's watermark, and reports what happened to listeners and in an
 * {@link dev.pulse.engine.IngestionReport}.
 */
@NullMarked
package dev.pulse.engine;

import org.jspecify.annotations.NullMarked;
