/**
 * Embedding Pulse in your own program: a service that runs a pipeline and serves its status, and
 * DORA computed from records you already have.
 */
@NullMarked
package dev.pulse.examples.embedding;

import org.jspecify.annotations.NullMarked;
