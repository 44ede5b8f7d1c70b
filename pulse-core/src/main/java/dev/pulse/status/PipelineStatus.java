package dev.pulse.status;

import dev.pulse.internal.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The status of one pipeline at one instant: its health, its labels and annotations, and one row
 * per source and scope. Built by {@link StatusAssembler}; rendered by {@link StatusJson} and {@link
 * StatusText}, which carry the same facts.
 *
 * <p>Immutable; labels and annotations are sorted by key, and annotation values are sanitized
 * ({@link Redaction#sanitize}) because they are free text.
 *
 * @param pipeline the pipeline's name
 * @param generatedAt when the status was assembled
 * @param health the pipeline's health, its worst source's
 * @param healthReason why
 * @param labels the pipeline's labels
 * @param annotations the pipeline's annotations
 * @param sources its sources, in the order they were added
 */
public record PipelineStatus(
    String pipeline,
    Instant generatedAt,
    HealthState health,
    String healthReason,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<SourceStatus> sources) {
  /** Copies and sorts the maps and copies the sources. */
  public PipelineStatus {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(healthReason, "healthReason");
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    TreeMap<String, String> safe = new TreeMap<>();
    // Annotations are free text an operator typed; a pasted token must not reach a status page.
    annotations.forEach(
        (key, value) ->
            safe.put(key, Objects.requireNonNullElse(Redaction.sanitize(value, 1_000), "")));
    annotations = java.util.Collections.unmodifiableSortedMap(safe);
    sources = List.copyOf(sources);
  }
}
