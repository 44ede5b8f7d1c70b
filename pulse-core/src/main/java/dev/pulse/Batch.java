package dev.pulse;

import java.util.List;
import java.util.Objects;

/**
 * One page of items read from a scope, with the position to resume after it.
 *
 * <p>Storing a batch and then advancing the scope's watermark to {@link #position()} is what makes
 * ingestion resumable: reopening the scope from that position yields exactly the items after this
 * batch.
 *
 * @param scope the scope the items came from
 * @param items the items, in the source's (cursor, tie-breaker) order; never empty
 * @param position the position after the last item
 * @param sequence the batch's number within this read, starting at 0
 * @param <T> the item type
 */
public record Batch<T>(ScopeKey scope, List<T> items, Position position, long sequence) {
  /**
   * Validates the batch and copies its items.
   *
   * @throws IllegalArgumentException if there are no items or the sequence is negative
   */
  public Batch {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(position, "position");
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a batch must hold at least one item");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0 but was " + sequence);
    }
  }

  /**
   * Returns the number of items.
   *
   * @return at least 1
   */
  public int size() {
    return items.size();
  }

  @Override
  public String toString() {
    return "Batch["
        + scope
        + " #"
        + sequence
        + ", "
        + items.size()
        + " items, up to "
        + position
        + "]";
  }
}
