/**
 * Watermark, progress, dead-letter and record stores over JDBC: PostgreSQL 14+, and SQLite as the
 * embedded default.
 *
 * <p>Start with {@link dev.pulse.jdbc.JdbcDatabase} (give it a {@link javax.sql.DataSource}, call
 * {@code migrate()}), then create {@link dev.pulse.jdbc.JdbcWatermarkStore}, {@link
 * dev.pulse.jdbc.JdbcProgressStore}, a {@link dev.pulse.jdbc.JdbcSink} per entity type and a {@link
 * dev.pulse.jdbc.JdbcRecordReader} over it. docs/guarantees.md says what survives a crash.
 */
@NullMarked
package dev.pulse.jdbc;

import org.jspecify.annotations.NullMarked;
