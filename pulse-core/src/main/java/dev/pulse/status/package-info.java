/**
 * One status for every surface: {@link dev.pulse.status.StatusAssembler} turns a pipeline's facts
 * into an immutable {@link dev.pulse.status.PipelineStatus} whose health is LIVE, SYNCING, STALE or
 * ERROR; {@link dev.pulse.status.StatusJson} and {@link dev.pulse.status.StatusText} render the
 * same facts as JSON and as text for a terminal; {@link dev.pulse.status.LabelSelector} picks
 * pipelines by label. Every failure shown is an {@link dev.pulse.status.ErrorEnvelope}.
 */
@NullMarked
package dev.pulse.status;

import org.jspecify.annotations.NullMarked;
