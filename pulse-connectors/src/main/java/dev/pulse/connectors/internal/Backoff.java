package dev.pulse.connectors.internal;

import dev.pulse.model.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter and a cap: the delay before retry {@code n} (0-based) is
 * uniformly random in {@code [0, min(cap, base * 2^n)]}.
 *
 * <p>Full jitter spreads the retries of many clients hit by one outage instead of synchronising
 * them. The random source is injected so tests are deterministic. Thread-safe if the random source
 * is (use a {@code SplittableRandom} per client or a synchronized one).
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final RandomGenerator random;

  /**
   * Creates a backoff.
   *
   * @param base the ceiling of the first delay, positive
   * @param cap the largest ceiling, at least {@code base}
   * @param random the source of jitter
   * @throws IllegalArgumentException if {@code base} is not positive or {@code cap < base}
   */
  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    this.base = Checks.requirePositive(base, "base");
    this.cap = Checks.requirePositive(cap, "cap");
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("cap must be >= base " + base + " but was " + cap);
    }
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Returns the ceiling of the delay before retry {@code attempt}: {@code min(cap, base *
   * 2^attempt)}.
   *
   * @param attempt the 0-based retry number, not negative
   * @return the ceiling
   */
  public Duration ceiling(int attempt) {
    Checks.requireNonNegative(attempt, "attempt");
    long baseNanos = base.toNanos();
    long capNanos = cap.toNanos();
    int shift = Math.min(attempt, 62);
    long ceiling = baseNanos > (capNanos >> shift) ? capNanos : baseNanos << shift;
    return Duration.ofNanos(Math.min(ceiling, capNanos));
  }

  /**
   * Returns a random delay in {@code [0, ceiling(attempt)]}.
   *
   * @param attempt the 0-based retry number, not negative
   * @return the delay
   */
  public Duration delay(int attempt) {
    long ceiling = ceiling(attempt).toNanos();
    return Duration.ofNanos(random.nextLong(ceiling + 1));
  }

  @Override
  public String toString() {
    return "Backoff[base=" + base + ", cap=" + cap + ", full jitter]";
  }
}
