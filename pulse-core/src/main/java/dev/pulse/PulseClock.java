package dev.pulse;

import java.time.Instant;

/**
 * The source of time for every time-dependent Pulse class: wall time for timestamps and a monotonic
 * counter for durations, rates and timeouts.
 *
 * <p>Pulse never reads the system clock directly; builders take a {@code PulseClock} so tests can
 * drive time with a fake (the testkit's {@code FakeClock}) and never sleep. Implementations must be
 * thread-safe and cheap: the progress tracker reads the clock on every batch.
 */
public interface PulseClock {
  /**
   * Returns the current wall-clock time in milliseconds since the epoch. Use for timestamps only.
   *
   * @return epoch milliseconds
   */
  long wallTimeMillis();

  /**
   * Returns a monotonic time in nanoseconds with an arbitrary origin. Use for durations only.
   *
   * @return monotonic nanoseconds
   */
  long monotonicNanos();

  /**
   * Returns the current wall-clock time as an instant.
   *
   * @return the wall time
   */
  default Instant instant() {
    return Instant.ofEpochMilli(wallTimeMillis());
  }

  /**
   * Returns the clock backed by {@link System#currentTimeMillis()} and {@link System#nanoTime()}.
   *
   * @return the shared system clock
   */
  static PulseClock system() {
    return SystemClock.INSTANCE;
  }
}
