package dev.pulse.benchmarks;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.connectors.github.GitHubConnector;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.model.PullRequest;
import dev.pulse.testkit.fake.github.FakeGitHub;
import java.time.Duration;
import java.util.List;
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
 * Reading a whole repository's pull requests through {@link GitHubConnector} from the testkit's
 * {@link FakeGitHub} over loopback HTTP: GraphQL pages of 100 pull requests (with reviews, labels,
 * first commit, ready-for-review events), JSON parsing and normalization (reviews by others,
 * approvals, reverts, issue keys, NUL stripping); no sink. One operation reads all {@code
 * pullRequests}, so pull requests/s is {@code pullRequests / (seconds per op)} and bytes per pull
 * request is {@code gc.alloc.rate.norm / pullRequests}. With {@code fakeCpus=inline} (the default)
 * the fake server runs in the same JVM, so its JSON rendering is in both figures (an upper bound
 * for the connector alone); with a CPU list such as {@code -p fakeCpus=1} it runs in a child JVM
 * pinned there ({@link BenchFake}). {@code baseline} is empty. Run with:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar GitHubConnectorBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class GitHubConnectorBenchmark {
  private static final ScopeKey SCOPE = ScopeKey.of("github", "repo", "acme/api");

  /** How many pull requests the repository holds. */
  @Param("20000")
  public int pullRequests;

  /** Where the fake server runs: {@code inline} or a {@code taskset} CPU list for a child JVM. */
  @Param(BenchFake.INLINE)
  public String fakeCpus = BenchFake.INLINE;

  private @Nullable BenchFake fake;
  private @Nullable GitHubConnector connector;

  /** Starts the fake (data generated once per trial) and the connector. */
  @Setup(Level.Trial)
  public void start() {
    BenchFake started = BenchFake.start(fakeCpus, BenchFake.Kind.GITHUB, pullRequests);
    fake = started;
    connector =
        GitHubConnector.builder()
            .apiUri(started.uri())
            .token("bench", FakeGitHub.TOKEN)
            .repositories(List.of("acme/api"))
            .maxPageSize(100)
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
   * Reads every pull request of the repository.
   *
   * @return the number read, so the work is not eliminated
   */
  @Benchmark
  public long readRepository() {
    long read = 0;
    ReadOptions options =
        ReadOptions.builder().pageSize(100).prefetch(0).executor(Runnable::run).build();
    Watermark from = Watermark.none(ScopeId.of("bench", EntityType.PULL_REQUESTS, SCOPE));
    try (BatchIterator<PullRequest> batches =
        BatchIterator.open(Objects.requireNonNull(connector), from, options)) {
      while (batches.hasNext()) {
        Batch<PullRequest> batch = batches.next();
        read += batch.size();
      }
    }
    if (read != pullRequests) {
      throw new IllegalStateException("read " + read + " of " + pullRequests + " pull requests");
    }
    return read;
  }

  /** The empty baseline. */
  @Benchmark
  public void baseline() {}
}
