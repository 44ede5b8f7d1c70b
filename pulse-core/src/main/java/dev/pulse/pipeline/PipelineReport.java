package dev.pulse.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link Pipeline#runOnce()}: one report per source.
 *
 * @param pipeline the pipeline's name
 * @param sources one report per source, in the order the sources were added
 * @param startedAt when the run started
 * @param finishedAt when its last source ended
 */
public record PipelineReport(
    String pipeline, List<SourceReport> sources, Instant startedAt, Instant finishedAt) {
  /** Copies the source list. */
  public PipelineReport {
    Objects.requireNonNull(pipeline, "pipeline");
    sources = List.copyOf(sources);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /**
   * Returns one source's report.
   *
   * @param source the source's id, {@code <source>/<entity type>}
   * @return the report, or empty
   */
  public Optional<SourceReport> source(String source) {
    return sources.stream().filter(s -> s.source().equals(source)).findFirst();
  }

  /**
   * Tells whether every source ran and every scope ended DONE.
   *
   * @return true when nothing was skipped, failed or cancelled
   */
  public boolean succeeded() {
    return sources.stream()
        .allMatch(
            s ->
                !s.skipped()
                    && s.scopes().stream()
                        .allMatch(r -> r.outcome() == dev.pulse.engine.ScopeResult.Outcome.DONE));
  }

  /**
   * Returns the items stored across all sources.
   *
   * @return the total
   */
  public long itemsStored() {
    return sources.stream().mapToLong(SourceReport::itemsStored).sum();
  }
}
