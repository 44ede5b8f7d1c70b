package dev.pulse.pipeline;

import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link PipelineTimer} on a {@link FakeClock}: tasks run only when the test advances time. */
final class ManualTimer implements PipelineTimer {
  private final FakeClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private long sequence;

  ManualTimer(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Scheduled schedule(Runnable task, Duration delay) {
    Task scheduled = new Task(clock.monotonicNanos() + delay.toNanos(), sequence++, task);
    tasks.add(scheduled);
    delays.add(delay);
    return () -> {
      synchronized (this) {
        tasks.remove(scheduled);
      }
    };
  }

  /** Moves the clock forward and runs every task that became due, in due order. */
  void advance(Duration duration) {
    long target = clock.monotonicNanos() + duration.toNanos();
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> t.due <= target)
                .min(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.sequence))
                .orElse(null);
        if (next != null) {
          tasks.remove(next);
        }
      }
      if (next == null) {
        break;
      }
      long now = clock.monotonicNanos();
      if (next.due > now) {
        clock.advance(Duration.ofNanos(next.due - now));
      }
      next.task.run();
    }
    long now = clock.monotonicNanos();
    if (target > now) {
      clock.advance(Duration.ofNanos(target - now));
    }
  }

  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }

  synchronized int pending() {
    return tasks.size();
  }

  private record Task(long due, long sequence, Runnable task) {}
}
