package dev.pulse.benchmarks;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.connectors.jira.JiraConnector;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.model.Issue;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a whole Jira project through {@link JiraConnector} from the testkit's {@link FakeJira}
 * over loopback HTTP: search pages of 100 with inlined change logs (about one issue in ten
 * truncated and completed through the bulk change-log endpoint), JSON parsing, status normalization
 * of every transition, the effort chain; no sink. One operation reads all {@code issues} issues, so
 * issues/s is {@code issues / (seconds per op)} and bytes per issue is {@code gc.alloc.rate.norm /
 * issues}. With {@code fakeCpus=inline} (the default) the fake server runs in the same JVM, so its
 * JSON rendering is in both figures (an upper bound for the connector alone); with a CPU list such
 * as {@code -p fakeCpus=1} it runs in a child JVM pinned there ({@link BenchFake}), and the figures
 * are the connector's alone. {@code baseline} is empty. Run with:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar JiraConnector -prof gc -p fakeCpus=1
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class JiraConnectorBenchmark {
  private static final ScopeKey SCOPE = ScopeKey.of("jira", "project", "BG");

  /** How many issues the project holds. */
  @Param("100000")
  public int issues;

  /** Where the fake server runs: {@code inline} or a {@code taskset} CPU list for a child JVM. */
  @Param(BenchFake.INLINE)
  public String fakeCpus = BenchFake.INLINE;

  private @Nullable BenchFake fake;
  private @Nullable JiraConnector connector;

  /** Starts the fake (data generated once per trial) and the connector. */
  @Setup(Level.Trial)
  public void start() {
    BenchFake started = BenchFake.start(fakeCpus, BenchFake.Kind.JIRA, issues);
    fake = started;
    connector =
        JiraConnector.builder()
            .baseUri(started.uri())
            .credential("bench", FakeJira.EMAIL, FakeJira.TOKEN)
            .requestTimeout(Duration.ofSeconds(60))
            .build();
  }

  /** Stops both. */
  @TearDown(Level.Trial)
  public void stop() {
    if (connector != null) {
      connector.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /**
   * Reads every issue of the project.
   *
   * @return the number read, so the work is not eliminated
   */
  @Benchmark
  public long readProject() {
    long read = 0;
    ReadOptions options =
        ReadOptions.builder().pageSize(100).prefetch(0).executor(Runnable::run).build();
    Watermark from = Watermark.none(ScopeId.of("bench", EntityType.ISSUES, SCOPE));
    try (BatchIterator<Issue> batches =
        BatchIterator.open(Objects.requireNonNull(connector), from, options)) {
      while (batches.hasNext()) {
        Batch<Issue> batch = batches.next();
        read += batch.size();
      }
    }
    if (read != issues) {
      throw new IllegalStateException("read " + read + " of " + issues + " issues");
    }
    return read;
  }

  /** The empty baseline. */
  @Benchmark
  public void baseline() {}
}
