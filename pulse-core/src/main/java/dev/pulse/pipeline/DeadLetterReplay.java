package dev.pulse.pipeline;

import dev.pulse.ScopeId;
import dev.pulse.status.ErrorEnvelope;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link Pipeline#retryDeadLetters}: how many letters of a scope were stored and
 * discarded, rejected again, or could not be replayed.
 *
 * @param scope the scope
 * @param stored letters whose record the sink stored; they were discarded
 * @param rejectedAgain letters the sink rejected again; each gained an attempt
 * @param notReplayable letters without a payload or codec, or that could not be decoded
 * @param error why nothing was replayed (the sink failed as a whole), or null
 */
public record DeadLetterReplay(
    ScopeId scope,
    int stored,
    int rejectedAgain,
    int notReplayable,
    @Nullable ErrorEnvelope error) {
  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public DeadLetterReplay {
    Objects.requireNonNull(scope, "scope");
    if (stored < 0 || rejectedAgain < 0 || notReplayable < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0 but were " + stored + ", " + rejectedAgain + ", " + notReplayable);
    }
  }
}
