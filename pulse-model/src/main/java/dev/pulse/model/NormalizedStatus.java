package dev.pulse.model;

/**
 * The four status buckets every source's workflow status is normalized into; the flow metrics use
 * them.
 */
public enum NormalizedStatus {
  /** Not started. */
  TODO,
  /** Being worked on. */
  IN_PROGRESS,
  /** Waiting for or under review or test. */
  IN_REVIEW,
  /** Finished, including cancelled, rejected and duplicate. */
  DONE;

  /**
   * Tells whether work on the item has started and not finished.
   *
   * @return true for {@link #IN_PROGRESS} and {@link #IN_REVIEW}
   */
  public boolean isActive() {
    return this == IN_PROGRESS || this == IN_REVIEW;
  }
}
