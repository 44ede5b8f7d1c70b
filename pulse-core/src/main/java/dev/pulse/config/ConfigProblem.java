package dev.pulse.config;

import dev.pulse.ErrorCode;
import dev.pulse.internal.Redaction;
import java.util.Objects;

/**
 * One problem found in a pipeline configuration: where (a JSON path such as {@code
 * $.pipelines[0].sources[1].settings.token}), its stable code and what is wrong.
 *
 * <p>This is the pipeline-level view of a problem: where {@link dev.pulse.spi.ConfigProblem} names
 * a key of one connector's configuration (as the connector's {@link
 * dev.pulse.spi.ConnectorProvider} reports it), this names the place in the whole document. The
 * validator reports each connector problem here with its key turned into a path under the source's
 * {@code settings}, keeping its code; problems of the pipeline itself (names, limits, references,
 * scope keys) exist only at this level.
 *
 * <p>Messages never quote a secret's value; they are sanitized on construction as well. Immutable.
 *
 * @param path the JSON path of the offending value, {@code $} for the document
 * @param code {@link ErrorCode#INVALID_CONFIG}, or {@link ErrorCode#INVALID_SCOPE_KEY} for a
 *     malformed scope key
 * @param message what is wrong and what is expected
 */
public record ConfigProblem(String path, ErrorCode code, String message) {
  /** Checks the parts and sanitizes the message. */
  public ConfigProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    message = Objects.requireNonNullElse(Redaction.sanitize(message, 500), "");
  }

  @Override
  public String toString() {
    return path + ": [" + code + "] " + message;
  }
}
