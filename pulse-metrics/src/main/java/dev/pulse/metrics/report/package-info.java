/**
 * The metrics report: one call ({@link dev.pulse.metrics.report.MetricsReport#compute}) computes
 * the DORA and flow figures of a tenant, or of one of its teams, over a window, with breakdowns by
 * production environment, repository and team and weekly and monthly trends, from records in memory
 * or streamed from a store; {@link dev.pulse.metrics.report.ReportJson} renders it as JSON with a
 * documented schema.
 *
 * <p>Like the rest of {@code pulse-metrics} it aggregates by repository, environment, project and
 * team, never by person, and does no I/O besides iterating the sources it is given.
 */
@NullMarked
package dev.pulse.metrics.report;

import org.jspecify.annotations.NullMarked;
