package dev.pulse.micrometer;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.pipeline.PipelineTimer;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.Sink;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/** In-memory sources, sinks and a manual timer for pipelines measured in tests. */
final class Fakes {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final ReadOptions SAME_THREAD =
      ReadOptions.builder().pageSize(10).prefetch(0).executor(Runnable::run).build();

  record Ticket(String id, Instant updatedAt) {}

  private Fakes() {}

  static List<Ticket> tickets(String prefix, int count) {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      tickets.add(new Ticket(prefix + "-" + i, T0.plusSeconds(60L * i)));
    }
    return tickets;
  }

  static InMemoryConnector<Ticket> connector(String source, int perScope, String... scopes) {
    InMemoryConnector.Builder<Ticket> builder =
        InMemoryConnector.builder(
            source, EntityType.ISSUES, t -> Position.at(t.updatedAt(), t.id()));
    for (String scope : scopes) {
      builder.scope(ScopeKey.of(source, "project", scope), tickets(scope, perScope));
    }
    return builder.build();
  }

  /** A connector whose every page fetch takes {@code latency} on the fake clock. */
  static Connector<Ticket> slow(Connector<Ticket> delegate, FakeClock clock, Duration latency) {
    return new ForwardingConnector<>() {
      @Override
      protected Connector<Ticket> delegate() {
        return delegate;
      }

      @Override
      public PageFetcher<Ticket> openScope(ScopeKey scope) {
        PageFetcher<Ticket> fetcher = delegate.openScope(scope);
        return request -> {
          clock.advance(latency);
          return fetcher.fetch(request);
        };
      }
    };
  }

  static RandomGenerator fixedRandom(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  /** A thread-safe sink that records what it stored, each write taking {@code latency}. */
  static final class RecordingSink implements Sink<Ticket> {
    final List<Batch<Ticket>> batches = new CopyOnWriteArrayList<>();
    private final FakeClock clock;
    private final Duration latency;

    RecordingSink(FakeClock clock, Duration latency) {
      this.clock = clock;
      this.latency = latency;
    }

    @Override
    public void write(ScopeId key, Batch<Ticket> batch) {
      clock.advance(latency);
      batches.add(batch);
    }

    long items() {
      return batches.stream().mapToLong(Batch::size).sum();
    }
  }

  /** A {@link PipelineTimer} on a fake clock: tasks run only when the test advances time. */
  static final class ManualTimer implements PipelineTimer {
    private final FakeClock clock;
    private final List<Task> tasks = new ArrayList<>();

    private record Task(long due, Runnable task) {}

    ManualTimer(FakeClock clock) {
      this.clock = clock;
    }

    @Override
    public synchronized Scheduled schedule(Runnable task, Duration delay) {
      Task scheduled = new Task(clock.monotonicNanos() + delay.toNanos(), task);
      tasks.add(scheduled);
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
                  .filter(t -> t.due() <= target)
                  .min(Comparator.comparingLong(Task::due))
                  .orElse(null);
          if (next != null) {
            tasks.remove(next);
          }
        }
        if (next == null) {
          break;
        }
        next.task().run();
      }
      long now = clock.monotonicNanos();
      if (target > now) {
        clock.advance(Duration.ofNanos(target - now));
      }
    }
  }
}
