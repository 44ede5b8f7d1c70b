package dev.pulse.connectors.internal;

import java.time.Duration;

/**
 * Waits for a duration: the one seam through which the HTTP layer passes time while backing off or
 * waiting out a rate limit.
 *
 * <p>Production uses {@link #system()}; tests pass a sleeper that advances a {@code FakeClock} and
 * records the delay, so nothing really sleeps. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for the duration.
   *
   * @param duration how long, zero or positive
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns the sleeper backed by {@link Thread#sleep(long, int)}.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return duration -> {
      if (!duration.isZero() && !duration.isNegative()) {
        Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
      }
    };
  }
}
