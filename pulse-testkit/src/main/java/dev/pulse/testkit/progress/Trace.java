package dev.pulse.testkit.progress;

import dev.pulse.ItemCount;
import java.util.List;
import java.util.Objects;

/**
 * A recorded (or synthesized) ingestion run: the pre-flight estimate and the timed events that
 * followed.
 *
 * @param name a short name, e.g. {@code bursty}
 * @param description what the trace exercises, one sentence
 * @param estimate the pre-flight estimate given at the start
 * @param events the events in time order; the last batch marks the actual end
 */
public record Trace(String name, String description, ItemCount estimate, List<TraceEvent> events) {
  /**
   * Validates the trace and copies the events.
   *
   * @throws IllegalArgumentException if events are out of order or there is no batch
   */
  public Trace {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(estimate, "estimate");
    events = List.copyOf(events);
    long previous = Long.MIN_VALUE;
    boolean anyBatch = false;
    for (TraceEvent event : events) {
      if (event.atNanos() < previous) {
        throw new IllegalArgumentException(
            "events of trace " + name + " are out of order at " + event);
      }
      previous = event.atNanos();
      anyBatch |= event instanceof TraceEvent.Batch;
    }
    if (!anyBatch) {
      throw new IllegalArgumentException("trace " + name + " has no batch");
    }
  }

  /**
   * Returns the same trace with its reported waits dropped: the same batches, the waits now
   * unexplained gaps.
   *
   * @param newName the name of the copy
   * @return the copy
   */
  public Trace withoutWaits(String newName) {
    return new Trace(
        newName,
        description + "; waits not reported",
        estimate,
        events.stream().filter(e -> !(e instanceof TraceEvent.Wait)).toList());
  }

  /**
   * Tells whether the trace reports any wait.
   *
   * @return true if a {@link TraceEvent.Wait} is among the events
   */
  public boolean reportsWaits() {
    return events.stream().anyMatch(e -> e instanceof TraceEvent.Wait);
  }

  /**
   * Returns the actual number of items, the sum of all batches.
   *
   * @return the true total
   */
  public long totalItems() {
    long total = 0;
    for (TraceEvent event : events) {
      if (event instanceof TraceEvent.Batch batch) {
        total += batch.items();
      }
    }
    return total;
  }

  /**
   * Returns the time of the last batch, the run's actual end.
   *
   * @return nanoseconds since the trace started
   */
  public long endNanos() {
    long end = 0;
    for (TraceEvent event : events) {
      if (event instanceof TraceEvent.Batch) {
        end = event.atNanos();
      }
    }
    return end;
  }
}
