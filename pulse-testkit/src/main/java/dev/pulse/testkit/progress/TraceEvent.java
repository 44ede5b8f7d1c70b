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
   * A wait the source imposes and announces, such as a rate limit with a known reset time: the
   * caller reports it ({@link dev.pulse.progress.ProgressEstimator#beginWait}) and the next batch
   * ends it. {@link Trace#withoutWaits(String)} drops these events to replay the same batches
   * unreported.
   *
   * @param atNanos when the wait began
   * @param resumeAtNanos when the source said it would serve again; not before {@code atNanos}
   */
  record Wait(long atNanos, long resumeAtNanos) implements TraceEvent {
    /** Validates the wait. */
    public Wait {
      if (resumeAtNanos < atNanos) {
        throw new IllegalArgumentException(
            "resumeAtNanos must be >= atNanos (" + atNanos + ") but was " + resumeAtNanos);
      }
    }
  }

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
