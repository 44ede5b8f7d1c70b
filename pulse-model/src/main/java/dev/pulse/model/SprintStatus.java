package dev.pulse.model;

/** The normalized state of a sprint. */
public enum SprintStatus {
  /** Under way. */
  ACTIVE,
  /** Ended. */
  CLOSED,
  /** Planned. */
  FUTURE
}
