package dev.pulse.benchmarks;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcRecordReader;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.jdbc.RecordQuery;
import dev.pulse.jdbc.SqliteDataSources;
import dev.pulse.metrics.dora.DeploymentPairer;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Pairing;
import dev.pulse.model.Deployment;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
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
 * Reading 1,000,000 stored deployments back from SQLite or PostgreSQL through {@link
 * JdbcRecordReader} (a cursor with a fetch size, one tenant over a one-year window) and pairing
 * them for MTTR with {@link DeploymentPairer} from pulse-metrics: {@code readBack} streams and
 * counts the rows, {@code readBackAndPair} reads them into a list and pairs it (sort included, as
 * the reader's order is the table's, not the pairing order). The data is {@link DoraData}'s (1,000
 * repositories x 3 environments over one year), stored once per trial through {@link JdbcSink}.
 * {@code -p database=sqlite} uses a temporary file ({@link SqliteDataSources#file}); {@code -p
 * database=postgres} starts an embedded PostgreSQL (io.zonky, as {@link JdbcUpsertBenchmark} does)
 * and reads over a local TCP connection with the driver's defaults. Scores are milliseconds per
 * pass over the 1,000,000 rows. Run with:
 *
 * <pre>
 * ./mvnw -B -o -q package -DskipTests -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar JdbcReadBackBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
public class JdbcReadBackBenchmark {
  static final int DEPLOYMENTS = 1_000_000;
  private static final String TENANT = "acme";
  private static final int WRITE_BATCH = 5_000;

  /** Which database: {@code sqlite} (temporary file) or {@code postgres} (embedded). */
  @Param({"sqlite", "postgres"})
  public String database = "sqlite";

  private final DeploymentPairer pairer = DeploymentPairer.of(DoraOptions.defaults());
  private @Nullable BenchDatabase bench;
  private @Nullable JdbcRecordReader reader;
  private final RecordQuery year =
      RecordQuery.of(
          TENANT,
          // a day either side: the first deployments start up to a minute before the year does
          DoraData.START.minusSeconds(86_400),
          DoraData.START.plusSeconds(DoraData.YEAR_SECONDS + 86_400));

  /**
   * Creates the SQLite file or starts PostgreSQL, and stores the deployments.
   *
   * @throws IOException if the temporary directory or PostgreSQL cannot be created
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    BenchDatabase opened = BenchDatabase.open(database, "pulse-readback-bench");
    bench = opened;
    DataSource dataSource = opened.dataSource();
    JdbcDatabase db = JdbcDatabase.builder(dataSource).build();
    db.migrate();
    JdbcSink<Deployment> sink = JdbcSink.deployments(new JdbcWatermarkStore(db));
    List<Deployment> all = DoraData.sortedDeployments(DEPLOYMENTS, 1_000, 1);
    ScopeKey scope = ScopeKey.of("jenkins", "server", "ci");
    ScopeId key = ScopeId.of(TENANT, EntityType.DEPLOYMENTS, scope);
    for (int from = 0; from < all.size(); from += WRITE_BATCH) {
      List<Deployment> part = all.subList(from, Math.min(all.size(), from + WRITE_BATCH));
      sink.write(key, new Batch<>(scope, part, Position.sequence(from), from));
    }
    reader = new JdbcRecordReader(db);
    long stored;
    try (Stream<Deployment> rows = reader().deployments(year)) {
      stored = rows.count();
    }
    if (stored != DEPLOYMENTS) {
      throw new IllegalStateException("stored " + stored + " deployments, not " + DEPLOYMENTS);
    }
    System.gc();
  }

  /** Removes the SQLite file or stops PostgreSQL. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchDatabase opened = bench;
    if (opened != null) {
      opened.close();
    }
  }

  /**
   * Streams every deployment of the year back and counts them.
   *
   * @return the count
   */
  @Benchmark
  public long readBack() {
    try (Stream<Deployment> rows = reader().deployments(year)) {
      return rows.count();
    }
  }

  /**
   * Reads every deployment of the year back and pairs them for MTTR.
   *
   * @return the pairing
   */
  @Benchmark
  public Pairing readBackAndPair() {
    List<Deployment> rows;
    try (Stream<Deployment> stream = reader().deployments(year)) {
      rows = stream.toList();
    }
    return pairer.pair(rows);
  }

  private JdbcRecordReader reader() {
    JdbcRecordReader r = reader;
    if (r == null) {
      throw new IllegalStateException("setUp has not run");
    }
    return r;
  }
}
