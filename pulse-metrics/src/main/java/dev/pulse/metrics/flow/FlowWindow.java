package dev.pulse.metrics.flow;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval of time {@code [from, to)}: it contains {@code from} and excludes {@code
 * to}.
 *
 * @param from the first instant inside the window
 * @param to the first instant after the window
 */
public record FlowWindow(Instant from, Instant to) {

  /**
   * Validates the window.
   *
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public FlowWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("window end " + to + " must be after its start " + from);
    }
  }

  /**
   * Tells whether an instant lies in the window.
   *
   * @param instant the instant
   * @return true if {@code from <= instant < to}
   */
  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }
}
