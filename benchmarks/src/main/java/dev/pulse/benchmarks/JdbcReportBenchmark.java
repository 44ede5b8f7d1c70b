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
import dev.pulse.metrics.report.MetricsReport;
import dev.pulse.metrics.report.Report;
import dev.pulse.metrics.report.ReportOptions;
import dev.pulse.metrics.report.ReportSources;
import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import java.io.IOException;
import java.time.Duration;
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
 * The full metrics report ({@link MetricsReport#compute}) over records streamed from the database:
 * {@link MetricsReportBenchmark}'s data and options ({@code records} deployments, merged pull
 * requests and issues with their status transitions, 10 teams), stored once per trial through
 * {@link JdbcSink}, then each invocation opens one {@link JdbcRecordReader} stream per kind (a
 * cursor with a fetch size of 1,000) and hands them to the report as {@link ReportSources#of}, so
 * no list of every record is built. {@code -p database=postgres} starts an embedded PostgreSQL
 * (io.zonky), {@code -p database=sqlite} uses a temporary file. Scores are milliseconds per report.
 * Run with:
 *
 * <pre>
 * ./mvnw -B -o -q package -DskipTests -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar JdbcReportBenchmark -f 1 -wi 1 -i 3
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
public class JdbcReportBenchmark {
  private static final String TENANT = "bench";
  private static final int WRITE_BATCH = 5_000;

  /** Which database: {@code postgres} (embedded) or {@code sqlite} (temporary file). */
  @Param({"postgres", "sqlite"})
  public String database = "postgres";

  /** Records of each kind: deployments, pull requests and issues. */
  @Param({"1000000"})
  public int records = 1_000_000;

  private final ReportOptions options = MetricsReportBenchmark.reportOptions();

  /** Every stored record: a year either side of the benchmark year. */
  private final RecordQuery everything =
      RecordQuery.of(
          TENANT,
          DoraData.START.minus(Duration.ofDays(366)),
          DoraData.START.plus(Duration.ofDays(2 * 366)));

  private @Nullable BenchDatabase bench;
  private @Nullable JdbcRecordReader reader;

  /**
   * Starts or creates the database and stores the records.
   *
   * @throws IOException if the temporary directory or PostgreSQL cannot be created
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    BenchDatabase opened = BenchDatabase.open(database, "pulse-report-bench");
    bench = opened;
    DataSource dataSource = opened.dataSource();
    JdbcDatabase db = JdbcDatabase.builder(dataSource).build();
    db.migrate();
    JdbcWatermarkStore watermarks = new JdbcWatermarkStore(db);
    store(
        JdbcSink.deployments(watermarks),
        EntityType.DEPLOYMENTS,
        ScopeKey.of("jenkins", "server", "ci"),
        DoraData.sortedDeployments(records, 1_000, 1));
    store(
        JdbcSink.pullRequests(watermarks),
        EntityType.PULL_REQUESTS,
        ScopeKey.of("github", "org", "acme"),
        DoraData.pullRequests(records, 1_000, 3));
    store(
        JdbcSink.issues(watermarks),
        EntityType.ISSUES,
        ScopeKey.of("jira", "site", "acme"),
        MetricsReportBenchmark.issues(records, 100, 4));
    JdbcRecordReader r = new JdbcRecordReader(db);
    reader = r;
    try (Stream<Issue> issues = r.issues(everything)) {
      long stored = issues.count();
      if (stored != records) {
        throw new IllegalStateException("stored " + stored + " issues, not " + records);
      }
    }
    System.gc();
  }

  private static <T> void store(JdbcSink<T> sink, EntityType type, ScopeKey scope, List<T> all) {
    ScopeId key = ScopeId.of(TENANT, type, scope);
    for (int from = 0; from < all.size(); from += WRITE_BATCH) {
      List<T> part = all.subList(from, Math.min(all.size(), from + WRITE_BATCH));
      sink.write(key, new Batch<>(scope, part, Position.sequence(from), from));
    }
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
   * Streams every record from the database into the full report.
   *
   * @return the report
   */
  @Benchmark
  public Report streamedReport() {
    JdbcRecordReader r = reader;
    if (r == null) {
      throw new IllegalStateException("setUp has not run");
    }
    try (Stream<Deployment> deployments = r.deployments(everything);
        Stream<PullRequest> pullRequests = r.pullRequests(everything);
        Stream<Issue> issues = r.issues(everything);
        Stream<Incident> incidents = r.incidents(everything)) {
      return MetricsReport.compute(
          ReportSources.of(deployments, pullRequests, issues, incidents), options);
    }
  }
}
