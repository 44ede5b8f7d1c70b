package dev.pulse;

/**
 * A stable, machine-readable code for every failure Pulse reports.
 *
 * <p>Codes appear in status JSON, CLI output and HTTP error envelopes ({@code {code, message}}), so
 * automation may switch on them. They are part of the public API: new codes may be added, existing
 * codes are never renamed or removed.
 */
public enum ErrorCode {
  /** A scope key names a scope that the source or store does not know. */
  SCOPE_NOT_FOUND,
  /** A scope key string is not of the form {@code <source>:<dimension>:<value>} or {@code *}. */
  INVALID_SCOPE_KEY,
  /** Configuration is missing, malformed or contradictory. */
  INVALID_CONFIG,
  /** A source could not be reached or answered with a server error. */
  SOURCE_UNAVAILABLE,
  /** A source rejected the credentials. */
  AUTH_FAILED,
  /** A source asked the caller to slow down. */
  RATE_LIMITED,
  /** A source answered with data Pulse cannot interpret. */
  INVALID_DATA,
  /** A sink failed to store a batch; its watermark was not advanced. */
  SINK_FAILED,
  /** A watermark or progress store failed. */
  STORE_FAILED,
  /** The work was cancelled before it finished. */
  CANCELLED,
  /** An unexpected internal error; a bug in Pulse or in a plugin. */
  INTERNAL,
  /** A wait ran out of time: a page fetch past its timeout, or a scope past its time budget. */
  TIMED_OUT,
  /** A source kept answering pages that promised more but held nothing, past the allowed limit. */
  NO_PROGRESS
}
