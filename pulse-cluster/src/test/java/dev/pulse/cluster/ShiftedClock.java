package dev.pulse.cluster;

import dev.pulse.PulseClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset the test moves forward. The scheduler's waits and heartbeats run
 * in real time (its poll loop waits until its clock has moved, so a stopped fake clock would halt
 * it); jumping the offset by a source's interval makes every scope due again: the next cycle.
 */
final class ShiftedClock implements PulseClock {
  private final AtomicLong offsetNanos = new AtomicLong();

  void advance(Duration duration) {
    offsetNanos.addAndGet(duration.toNanos());
  }

  @Override
  public long wallTimeMillis() {
    return System.currentTimeMillis() + offsetNanos.get() / 1_000_000;
  }

  @Override
  public long monotonicNanos() {
    return System.nanoTime() + offsetNanos.get();
  }
}
