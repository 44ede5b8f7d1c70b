package dev.pulse.pipeline;

import dev.pulse.model.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a failed scope is retried within one run: up to {@code maxAttempts} attempts in all, waiting
 * before attempt {@code n + 1} a random duration in {@code [0, min(maxBackoff, initialBackoff *
 * 2^(n-1))]} ("exponential backoff with full jitter", so sources that failed together do not come
 * back together).
 *
 * <p>Immutable. {@link #defaults()} is 3 attempts, 1 s initial backoff, 5 min cap. One attempt
 * means no retry.
 *
 * @param maxAttempts the attempts in all, between 1 and 100
 * @param initialBackoff the backoff cap before the second attempt, positive
 * @param maxBackoff the largest backoff cap, at least {@code initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(5));

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public RetryPolicy {
    Checks.requireBetween(maxAttempts, 1, 100, "maxAttempts");
    Checks.requirePositive(initialBackoff, "initialBackoff");
    Checks.requirePositive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be >= initialBackoff (" + initialBackoff + ") but was " + maxBackoff);
    }
  }

  /**
   * Returns the default policy.
   *
   * @return 3 attempts, 1 s initial backoff, 5 min cap
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a policy that never retries.
   *
   * @return one attempt
   */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  /**
   * Returns the cap of the backoff after a number of failed attempts, before jitter.
   *
   * @param failedAttempts the attempts that failed so far, at least 1
   * @return {@code min(maxBackoff, initialBackoff * 2^(failedAttempts-1))}
   */
  public Duration backoffCap(int failedAttempts) {
    Checks.requirePositive(failedAttempts, "failedAttempts");
    long cap = maxBackoff.toNanos();
    long nanos = initialBackoff.toNanos();
    for (int i = 1; i < failedAttempts && nanos < cap; i++) {
      nanos = nanos > cap / 2 ? cap : nanos * 2;
    }
    return Duration.ofNanos(Math.min(nanos, cap));
  }

  /**
   * Returns the wait before the next attempt: uniform in {@code [0, backoffCap(failedAttempts)]}.
   *
   * @param failedAttempts the attempts that failed so far, at least 1
   * @param random the source of jitter; its {@code nextDouble()} must be in {@code [0, 1)}
   * @return the wait
   */
  public Duration backoff(int failedAttempts, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    long cap = backoffCap(failedAttempts).toNanos();
    double fraction = Math.min(1.0, Math.max(0.0, random.nextDouble()));
    return Duration.ofNanos((long) (fraction * cap));
  }
}
