package dev.pulse.testkit.progress;

import dev.pulse.ItemCount;
import java.util.Objects;

/** One event of a {@link Trace}, at a monotonic time in nanoseconds from the trace's start. */
public sealed interface TraceEvent {
  /**
   * Returns when the event happens.
   *
   * @return nanoseconds since the trace started
   */
  long atNanos();

  /**
   * A stored batch.
   *
   * @param atNanos when the batch was stored
   * @param items how many items it held; positive
   */
  record Batch(long atNanos, long items) implements TraceEvent {
    /** Validates the batch. */
    public Batch {
      if (items <= 0) {
        throw new IllegalArgumentException("items must be > 0 but was " + items);
      }
    }
  }

  /**
   * A deliberate pause (for example, the source reported itself unhealthy).
   *
   * @param atNanos when the pause began
   */
  record Pause(long atNanos) implements TraceEvent {}

  /**
   * The end of a pause.
   *
   * @param atNanos when the run resumed
   */
  record Resume(long atNanos) implements TraceEvent {}

  /**
   * A revised pre-flight estimate.
   *
   * @param atNanos when the estimate was revised
   * @param estimate the new estimate
   */
  record Revise(long atNanos, ItemCount estimate) implements TraceEvent {
    /** Validates the revision. */
    public Revise {
      Objects.requireNonNull(estimate, "estimate");
    }
  }
}
