package dev.pulse.status;

import dev.pulse.model.internal.Checks;
import java.time.Duration;

/**
 * The thresholds that turn facts into health: how long a scope may go without catching up before it
 * is STALE, how many items it may be behind, and how many failed runs in a row make it ERROR.
 *
 * <p>Immutable. {@link #defaults()}: one hour, 10,000 items, one failed run (a run already retried
 * with backoff before it counts as failed).
 *
 * @param maxAge the longest time since a scope last caught up (or, after a restart, since its
 *     watermark moved) before it is STALE; positive
 * @param maxLagItems the most items a running scope may have left to read before it is STALE;
 *     positive
 * @param errorAfterFailures failed runs in a row that make a scope ERROR; at least 1
 */
public record StatusThresholds(Duration maxAge, long maxLagItems, int errorAfterFailures) {
  private static final StatusThresholds DEFAULTS =
      new StatusThresholds(Duration.ofHours(1), 10_000, 1);

  /**
   * Validates the thresholds.
   *
   * @throws IllegalArgumentException if a value is zero or negative
   */
  public StatusThresholds {
    Checks.requirePositive(maxAge, "maxAge");
    Checks.requirePositive(maxLagItems, "maxLagItems");
    Checks.requirePositive(errorAfterFailures, "errorAfterFailures");
  }

  /**
   * Returns the defaults.
   *
   * @return one hour, 10,000 items, one failed run
   */
  public static StatusThresholds defaults() {
    return DEFAULTS;
  }
}
