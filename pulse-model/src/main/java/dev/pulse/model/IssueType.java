package dev.pulse.model;

/** The normalized type of an issue. */
public enum IssueType {
  /** A defect. */
  BUG,
  /** A user story. */
  STORY,
  /** An epic grouping other issues. */
  EPIC,
  /** A sub-task of another issue. */
  SUBTASK,
  /** Anything else. */
  TASK
}
