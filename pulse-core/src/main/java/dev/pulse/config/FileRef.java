package dev.pulse.config;

import java.util.Objects;

/**
 * A setting whose value is read from a file when the configuration is resolved, written {@code
 * {"file": "/run/secrets/jira-token"}} in JSON.
 *
 * @param path the file
 */
public record FileRef(String path) {
  /** Checks the path. */
  public FileRef {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) {
      throw new IllegalArgumentException("path must not be blank");
    }
  }
}
