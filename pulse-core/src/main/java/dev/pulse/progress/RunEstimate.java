package dev.pulse.progress;

import dev.pulse.ItemCount;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The estimate of one run and the single rule that turns it into the total a snapshot shows.
 *
 * <p>The estimate counts the items this run reads from its start: the pre-flight count of the items
 * after the watermark the run starts from. The total is the items done before the run (0 for a new
 * run; the restored count for a run resumed after a restart) plus that estimate, and the percentage
 * is the count over that total.
 *
 * @param itemsBeforeRun the count when the run began, never negative
 * @param itemsInRun the pre-flight count of the items this run reads, possibly unknown
 */
record RunEstimate(long itemsBeforeRun, ItemCount itemsInRun) {
  RunEstimate {
    if (itemsBeforeRun < 0) {
      throw new IllegalArgumentException("itemsBeforeRun must be >= 0 but was " + itemsBeforeRun);
    }
    Objects.requireNonNull(itemsInRun, "itemsInRun");
  }

  /** Returns the same run with a revised count of the items it reads. */
  RunEstimate withItemsInRun(ItemCount revised) {
    return new RunEstimate(itemsBeforeRun, revised);
  }

  /** Returns the expected total count at the end of the run, or null when unknown. */
  @Nullable Long total() {
    return itemsInRun.isKnown() ? itemsBeforeRun + itemsInRun.value() : null;
  }

  /**
   * Returns the percentage done: {@code 100 * count / total} capped at 100, 100 for a run that is
   * done or whose total is 0, or null when the total is unknown.
   */
  @Nullable Double percent(long count, boolean done) {
    @Nullable Long total = total();
    if (total == null) {
      return null;
    }
    return total == 0 || done ? 100.0 : Math.min(100.0, 100.0 * count / total);
  }
}
