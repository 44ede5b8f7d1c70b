package dev.pulse.cli;

import dev.pulse.ErrorCode;

/**
 * The exit codes of {@code pulse}, documented in docs/getting-started.md; stable like the error
 * codes they come from.
 */
final class ExitCodes {
  /** Everything asked for was done. */
  static final int OK = 0;

  /** The command ran, but part of the work failed (a scope, a source, a dead letter replay). */
  static final int PARTIAL = 1;

  /** The command line itself was wrong: an unknown command or option, a malformed value. */
  static final int USAGE = 2;

  /** The configuration file is missing or invalid ({@code INVALID_CONFIG}, a bad scope key). */
  static final int CONFIG = 3;

  /** The database could not be reached, migrated, read or written ({@code STORE_FAILED}). */
  static final int STORE = 4;

  /** A scope, source, pipeline, team or dead letter that was named does not exist. */
  static final int NOT_FOUND = 5;

  /** A source refused or failed as a whole (auth, rate limit, unavailable). */
  static final int SOURCE = 6;

  /** Interrupted before it finished. */
  static final int CANCELLED = 130;

  /** A bug: an unexpected exception ({@code INTERNAL}). */
  static final int INTERNAL = 70;

  private ExitCodes() {}

  /**
   * Maps an error code to its exit code; a code added after this was written counts as a source
   * failure, the most common kind.
   */
  static int of(ErrorCode code) {
    String name = code.name();
    if (name.equals("INVALID_CONFIG") || name.equals("INVALID_SCOPE_KEY")) {
      return CONFIG;
    }
    if (name.equals("STORE_FAILED") || name.equals("SINK_FAILED")) {
      return STORE;
    }
    if (name.equals("SCOPE_NOT_FOUND")) {
      return NOT_FOUND;
    }
    if (name.equals("CANCELLED")) {
      return CANCELLED;
    }
    if (name.equals("INTERNAL")) {
      return INTERNAL;
    }
    return SOURCE;
  }
}
