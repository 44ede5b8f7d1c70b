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
}
