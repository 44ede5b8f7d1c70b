package dev.pulse.benchmarks;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.progress.ScopeProgress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the progress tracker's hot path, {@link ScopeProgress#tick(long)}, against a bare
 * read of the clock it uses, and the cost of a {@link ScopeProgress#snapshot()}.
 *
 * <p>{@code clockRead} is the baseline: {@code tick} reads the same clock once, so "tick /
 * clockRead" is the issue's "no more than about 2x a bare clock read". The {@code *TwoThreads}
 * variants tick one scope from two threads at once. Run with:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar ProgressTracker -prof gc -f 2 -wi 3 -i 5 -w 1 -r 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ProgressTrackerBenchmark {
  private final PulseClock clock = PulseClock.system();
  private ScopeProgress progress = newScope();
  private ScopeProgress ticked = newScope();

  private static ScopeProgress newScope() {
    ProgressTracker tracker = ProgressTracker.builder().store(new InMemoryProgressStore()).build();
    return tracker.start(
        "bench",
        EntityType.ISSUES,
        ScopeKey.parse("jira:project:BENCH"),
        ItemCount.approximate(Long.MAX_VALUE / 2));
  }

  /**
   * Starts each trial with a fresh scope, and a scope with a rate, an ETA and a last batch to
   * snapshot.
   */
  @Setup
  public void setUp() {
    progress = newScope();
    long[] nanos = {0};
    // A stepped clock gives the snapshot scope a real history (one batch a second) without waiting
    // for it.
    PulseClock stepped =
        new PulseClock() {
          @Override
          public long wallTimeMillis() {
            return 1_700_000_000_000L + nanos[0] / 1_000_000L;
          }

          @Override
          public long monotonicNanos() {
            return nanos[0];
          }
        };
    ProgressTracker tracker =
        ProgressTracker.builder().clock(stepped).store(new InMemoryProgressStore()).build();
    ticked =
        tracker.start(
            "bench",
            EntityType.ISSUES,
            ScopeKey.parse("jira:project:SNAP"),
            ItemCount.exact(1_000_000));
    for (int i = 0; i < 30; i++) {
      nanos[0] += 1_000_000_000L;
      ticked.tick(100);
    }
  }

  /**
   * Baseline: one monotonic clock read, as {@code tick} does.
   *
   * @return the time, so it is not eliminated
   */
  @Benchmark
  public long clockRead() {
    return clock.monotonicNanos();
  }

  /** One tick of one item. */
  @Benchmark
  public void tick() {
    progress.tick(1);
  }

  /**
   * Baseline for the contended case: clock reads from two threads.
   *
   * @return the time, so it is not eliminated
   */
  @Benchmark
  @Threads(2)
  public long clockReadTwoThreads() {
    return clock.monotonicNanos();
  }

  /** Ticks of one scope from two threads at once. */
  @Benchmark
  @Threads(2)
  public void tickTwoThreads() {
    progress.tick(1);
  }

  /**
   * A full snapshot of a running scope with 30 batches behind it: count, rate, ETA, stall state and
   * timestamps.
   *
   * @return the snapshot
   */
  @Benchmark
  public ProgressSnapshot snapshot() {
    return ticked.snapshot();
  }
}
