/**
 * Pipelines: the runtime a service embeds to ingest several sources at once. A {@link
 * dev.pulse.pipeline.Pipeline} runs each {@link dev.pulse.pipeline.PipelineSource} (a connector and
 * its sink) through the single-connector engine {@link dev.pulse.engine.Ingestion}, one scope per
 * engine run, with per-source and global concurrency limits, retries with exponential backoff and
 * full jitter ({@link dev.pulse.pipeline.RetryPolicy}), dead letters, health skips, continuous
 * scheduling, stop and targeted resets; {@link dev.pulse.pipeline.Pipeline#status()} assembles one
 * {@link dev.pulse.status.PipelineStatus}.
 */
@NullMarked
package dev.pulse.pipeline;

import org.jspecify.annotations.NullMarked;
