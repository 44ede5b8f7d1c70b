package dev.pulse.testing;

import dev.pulse.PulseClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PulseClock} that moves only when told to, so time-dependent code is tested without
 * sleeping.
 *
 * <p>Wall time and monotonic time advance together by {@link #advance(Duration)}; wall time alone
 * can be set with {@link #setWallTime(Instant)} (the monotonic counter never goes back).
 * Thread-safe.
 */
public final class FakeClock implements PulseClock {
  /** The wall time a new clock starts at: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicLong wallNanos;
  private final AtomicLong monotonicNanos = new AtomicLong();

  /** Creates a clock at {@link #DEFAULT_START}. */
  public FakeClock() {
    this(DEFAULT_START);
  }

  /**
   * Creates a clock at a given wall time.
   *
   * @param start the initial wall time
   */
  public FakeClock(Instant start) {
    this.wallNanos = new AtomicLong(toNanos(Objects.requireNonNull(start, "start")));
  }

  private static long toNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /**
   * Moves both wall and monotonic time forward.
   *
   * @param duration how far; must not be negative
   * @return this clock
   * @throws IllegalArgumentException if the duration is negative
   */
  public FakeClock advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "a clock cannot go back, but was asked to advance by " + duration);
    }
    long nanos = duration.toNanos();
    wallNanos.addAndGet(nanos);
    monotonicNanos.addAndGet(nanos);
    return this;
  }

  /**
   * Moves both clocks forward by a number of seconds.
   *
   * @param seconds how far; must not be negative
   * @return this clock
   */
  public FakeClock advanceSeconds(long seconds) {
    return advance(Duration.ofSeconds(seconds));
  }

  /**
   * Sets the wall time without touching monotonic time, e.g. to simulate an NTP correction.
   *
   * @param instant the new wall time
   * @return this clock
   */
  public FakeClock setWallTime(Instant instant) {
    wallNanos.set(toNanos(Objects.requireNonNull(instant, "instant")));
    return this;
  }

  @Override
  public long wallTimeMillis() {
    return Math.floorDiv(wallNanos.get(), 1_000_000L);
  }

  @Override
  public Instant instant() {
    long nanos = wallNanos.get();
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  @Override
  public long monotonicNanos() {
    return monotonicNanos.get();
  }

  @Override
  public String toString() {
    return "FakeClock[" + instant() + "]";
  }
}
