package dev.pulse;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How far ingestion of one (tenant, entity type, scope) has durably got: the position after the
 * last stored batch, how many items have been stored in total, and when the watermark last moved.
 *
 * <p>A watermark is advanced only after its batch is stored, and never moves backwards. {@link
 * #none(ScopeId)} is the watermark of a scope that has never been ingested: reading it starts from
 * the beginning.
 *
 * @param key the tenant, entity type and scope
 * @param position the position to resume after, or null when nothing has been stored
 * @param itemsStored the number of items stored under this watermark, never negative
 * @param updatedAt when the watermark last advanced, or null when nothing has been stored
 */
public record Watermark(
    ScopeId key, @Nullable Position position, long itemsStored, @Nullable Instant updatedAt) {

  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if {@code itemsStored} is negative, or a position is given
   *     without {@code updatedAt}
   */
  public Watermark {
    Objects.requireNonNull(key, "key");
    if (itemsStored < 0) {
      throw new IllegalArgumentException("itemsStored must be >= 0 but was " + itemsStored);
    }
    if (position != null && updatedAt == null) {
      throw new IllegalArgumentException("a watermark with a position needs updatedAt");
    }
  }

  /**
   * Returns the watermark of a scope that has never been ingested.
   *
   * @param key the tenant, entity type and scope
   * @return a watermark without a position
   */
  public static Watermark none(ScopeId key) {
    return new Watermark(key, null, 0, null);
  }

  /**
   * Tells whether nothing has been stored under this watermark yet.
   *
   * @return true when there is no position
   */
  public boolean isNone() {
    return position == null;
  }

  /**
   * Returns this watermark advanced to a position: the rule every {@link
   * dev.pulse.spi.WatermarkStore#advance} follows, kept in one place. A position that is not after
   * this one leaves the watermark unchanged (it never moves backwards, and the count grows only
   * when it moves); from {@link #isNone() none} any position is accepted.
   *
   * @param target the position to advance to
   * @param itemsAdded the items stored up to {@code target}, added only when the watermark moves
   * @param at the wall-clock time of the advance
   * @return the advanced watermark, or this one when {@code target} is not after its position
   * @throws IllegalArgumentException if {@code itemsAdded} is negative, or {@code target} is of the
   *     other cursor kind (instant against token) than the stored position
   * @throws ArithmeticException if the count would overflow
   */
  public Watermark advancedTo(Position target, long itemsAdded, Instant at) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(at, "at");
    if (itemsAdded < 0) {
      throw new IllegalArgumentException("itemsAdded must be >= 0 but was " + itemsAdded);
    }
    Position stored = position;
    if (stored == null) {
      return new Watermark(key, target, itemsAdded, at);
    }
    if (stored.isInstant() != target.isInstant()) {
      throw new IllegalArgumentException(
          "cannot advance "
              + key
              + " from "
              + stored
              + " to "
              + target
              + ": the cursor kinds differ");
    }
    if (!target.isAfter(stored)) {
      return this;
    }
    return new Watermark(key, target, Math.addExact(itemsStored, itemsAdded), at);
  }
}
