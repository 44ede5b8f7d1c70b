/**
 * Watermark, progress and record stores over JDBC: PostgreSQL, and SQLite as the embedded default.
 *
 * <p>The stores are not written yet; this module fixes their place in the build and their allowed
 * dependencies (pulse-core, slf4j and the JDBC drivers).
 */
@NullMarked
package dev.pulse.jdbc;

import org.jspecify.annotations.NullMarked;
