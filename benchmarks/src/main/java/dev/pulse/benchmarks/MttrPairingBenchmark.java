package dev.pulse.benchmarks;

import dev.pulse.metrics.dora.DeploymentPairer;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Pairing;
import dev.pulse.model.Deployment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of MTTR pairing: 1,000,000 deployments over 1,000 repositories x 3 environments, one
 * thread.
 *
 * <p>Scores are deployments per second ({@link OperationsPerInvocation} = deployment count), and
 * {@code gc.alloc.rate.norm} under {@code -prof gc} is bytes allocated per deployment.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar MttrPairing -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class MttrPairingBenchmark {
  static final int DEPLOYMENTS = 1_000_000;
  static final int REPOSITORIES = 1_000;

  private final DeploymentPairer pairer = DeploymentPairer.of(DoraOptions.defaults());
  private List<Deployment> ordered = List.of();
  private List<Deployment> unordered = List.of();

  /** Builds the data once per trial and collects garbage once, before any measurement. */
  @Setup
  public void setUp() {
    ordered = DoraData.sortedDeployments(DEPLOYMENTS, REPOSITORIES, 1);
    unordered = DoraData.shuffled(ordered, 2);
    // promote the data set now, so that the first collection inside a measured iteration does not
    // copy it
    System.gc();
  }

  /** Does nothing; the harness floor. */
  @Benchmark
  public void baseline() {
    // empty on purpose
  }

  /**
   * Pairs input already in pairing order (the order is verified, not assumed).
   *
   * @return the pairing
   */
  @Benchmark
  @OperationsPerInvocation(DEPLOYMENTS)
  public Pairing pairPreOrdered() {
    return pairer.pairSorted(ordered);
  }

  /**
   * Pairs shuffled input, sort included.
   *
   * @return the pairing
   */
  @Benchmark
  @OperationsPerInvocation(DEPLOYMENTS)
  public Pairing pairUnordered() {
    return pairer.pair(unordered);
  }
}
