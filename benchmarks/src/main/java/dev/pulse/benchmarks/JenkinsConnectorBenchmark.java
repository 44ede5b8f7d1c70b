package dev.pulse.benchmarks;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.connectors.jenkins.JenkinsConnector;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.model.Deployment;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
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
 * Reading a whole Jenkins job through {@link JenkinsConnector} from the testkit's {@link
 * FakeJenkins} over loopback HTTP, newest first through the engine's batched iterator, no sink.
 *
 * <p>{@code readBuilds}: a freestyle job of {@code builds} finished builds, environment from the
 * job name; pages of 100 ({@code allBuilds[...]{M,M+101}} with git data) plus the running-build
 * probe; builds/s is {@code builds / (seconds per op)}. {@code readStages}: a pipeline job of
 * {@code stagedBuilds} builds with stage detection, so one {@code wfapi/describe} request per build
 * on top; the deployments are the deploy stages that ran. With {@code fakeCpus=inline} (the
 * default) the fake runs in the same JVM, so its JSON rendering is in both figures; with a CPU list
 * such as {@code -p fakeCpus=1} it runs in a child JVM pinned there ({@link BenchFake}). {@code
 * baseline} is empty. Run with:
 *
 * <pre>
 * ./mvnw -q -B -o -DskipTests package -pl benchmarks -am
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar JenkinsConnector -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class JenkinsConnectorBenchmark {
  private static final String JOB = BenchFake.JENKINS_JOB;
  private static final String PIPELINE = BenchFake.JENKINS_PIPELINE;

  /** How many builds the freestyle job holds. */
  @Param("20000")
  public int builds;

  /** How many builds the pipeline job holds. */
  @Param("2000")
  public int stagedBuilds;

  /** Where the fake server runs: {@code inline} or a {@code taskset} CPU list for a child JVM. */
  @Param(BenchFake.INLINE)
  public String fakeCpus = BenchFake.INLINE;

  private @Nullable BenchFake fake;
  private @Nullable JenkinsConnector plain;
  private @Nullable JenkinsConnector staged;

  /** Starts the fake (data generated once per trial) and two connectors. */
  @Setup(Level.Trial)
  public void start() {
    BenchFake started = BenchFake.start(fakeCpus, BenchFake.Kind.JENKINS, builds, stagedBuilds);
    fake = started;
    plain = connector(started).build();
    staged = connector(started).stageDetection(true).build();
  }

  private static JenkinsConnector.Builder connector(BenchFake fake) {
    return JenkinsConnector.builder()
        .baseUri(fake.uri())
        .credential("bench", FakeJenkins.USER, FakeJenkins.TOKEN)
        .requestTimeout(Duration.ofSeconds(60));
  }

  /** Stops them. */
  @TearDown(Level.Trial)
  public void stop() {
    for (AutoCloseable c : new AutoCloseable[] {plain, staged, fake}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static long read(JenkinsConnector connector, String job) {
    ScopeKey scope = ScopeKey.of("jenkins", "job", job);
    long read = 0;
    ReadOptions options =
        ReadOptions.builder().pageSize(100).prefetch(0).executor(Runnable::run).build();
    Watermark from = Watermark.none(ScopeId.of("bench", EntityType.DEPLOYMENTS, scope));
    try (BatchIterator<Deployment> batches = BatchIterator.open(connector, from, options)) {
      while (batches.hasNext()) {
        Batch<Deployment> batch = batches.next();
        read += batch.size();
      }
    }
    return read;
  }

  /**
   * Reads every build of the freestyle job.
   *
   * @return the number read, so the work is not eliminated
   */
  @Benchmark
  public long readBuilds() {
    long read = read(Objects.requireNonNull(plain), JOB);
    if (read != builds) {
      throw new IllegalStateException("read " + read + " of " + builds + " builds");
    }
    return read;
  }

  /**
   * Reads every build of the pipeline job with stage detection.
   *
   * @return the number of deployments read
   */
  @Benchmark
  public long readStages() {
    long read = read(Objects.requireNonNull(staged), PIPELINE);
    if (read == 0) {
      throw new IllegalStateException("no deployment read");
    }
    return read;
  }

  /** The empty baseline. */
  @Benchmark
  public void baseline() {}
}
