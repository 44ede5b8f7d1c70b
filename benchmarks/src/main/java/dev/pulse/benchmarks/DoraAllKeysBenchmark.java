package dev.pulse.benchmarks;

import dev.pulse.metrics.dora.Dora;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DoraReport;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.Deployment;
import dev.pulse.model.PullRequest;
import java.time.Duration;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to compute all four DORA keys ({@link Dora#compute}) over 1,000,000 deployments and
 * 1,000,000 merged pull requests (1,000 repositories), on one thread, over a one-year window: once
 * with the deployments shuffled (the pairing sort included) and once with them already in pairing
 * order (as an {@code ORDER BY} query returns them).
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar DoraAllKeys -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class DoraAllKeysBenchmark {
  private final DoraOptions options = DoraOptions.defaults();
  private final Window window =
      new Window(DoraData.START, DoraData.START.plus(Duration.ofDays(365)));
  private List<Deployment> deployments = List.of();
  private List<Deployment> orderedDeployments = List.of();
  private List<PullRequest> pullRequests = List.of();

  /** Builds the data once per trial and collects garbage once, before any measurement. */
  @Setup
  public void setUp() {
    orderedDeployments = DoraData.sortedDeployments(1_000_000, 1_000, 1);
    deployments = DoraData.shuffled(orderedDeployments, 2);
    pullRequests = DoraData.pullRequests(1_000_000, 1_000, 3);
    // promote the data set now, so that the first collection inside a measured iteration does not
    // copy it
    System.gc();
  }

  /**
   * Computes deployment frequency, lead time, change failure rate and time to restore from shuffled
   * deployments.
   *
   * @return the report
   */
  @Benchmark
  public DoraReport allFourKeysUnordered() {
    return Dora.compute(deployments, pullRequests, window, options);
  }

  /**
   * Computes the four keys from deployments already in pairing order.
   *
   * @return the report
   */
  @Benchmark
  public DoraReport allFourKeysPreOrdered() {
    return Dora.compute(orderedDeployments, pullRequests, window, options);
  }
}
