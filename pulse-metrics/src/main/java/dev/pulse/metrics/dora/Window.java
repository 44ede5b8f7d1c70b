package dev.pulse.metrics.dora;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open time window {@code [start, end)}: an instant {@code t} is inside when {@code start <=
 * t < end}.
 *
 * @param start the first instant inside the window
 * @param end the first instant after the window
 */
public record Window(Instant start, Instant end) {

  /**
   * Validates the window.
   *
   * @throws IllegalArgumentException if {@code end} is not after {@code start}
   */
  public Window {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "window end must be after start but was [" + start + ", " + end + ")");
    }
  }

  /**
   * Returns the window that ends at {@code end} and lasts {@code length}.
   *
   * @param end the first instant after the window
   * @param length the window's length, positive
   * @return {@code [end - length, end)}
   * @throws IllegalArgumentException if {@code length} is not positive
   */
  public static Window ending(Instant end, Duration length) {
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("length must be > 0 but was " + length);
    }
    return new Window(end.minus(length), end);
  }

  /**
   * Tells whether an instant is inside the window.
   *
   * @param instant the instant
   * @return {@code start <= instant < end}
   */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /**
   * Returns the window's length.
   *
   * @return {@code end - start}, positive
   */
  public Duration length() {
    return Duration.between(start, end);
  }
}
