package dev.pulse.metrics.dora;

import java.util.Optional;

/** A DORA performance level, best first. */
public enum DoraLevel {
  /** The best-performing cluster. */
  ELITE,
  /** The second cluster. */
  HIGH,
  /** The third cluster. */
  MEDIUM,
  /** The lowest cluster. */
  LOW;

  /**
   * Returns the worse of two levels.
   *
   * @param other the other level
   * @return the level further from {@link #ELITE}
   */
  public DoraLevel worse(DoraLevel other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * Returns the worst of the given levels; the overall level of a set of metrics.
   *
   * @param levels the levels of the metrics that have one
   * @return the worst level, or empty when no metric has a level
   */
  @SafeVarargs
  public static Optional<DoraLevel> worst(Optional<DoraLevel>... levels) {
    DoraLevel worst = null;
    for (Optional<DoraLevel> level : levels) {
      if (level.isPresent()) {
        worst = worst == null ? level.get() : worst.worse(level.get());
      }
    }
    return Optional.ofNullable(worst);
  }
}
