package dev.pulse.benchmarks;

import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.jdbc.SqliteDataSources;
import dev.pulse.model.EffortSource;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Upsert throughput of canonical issues through {@link JdbcSink}: {@code batched} writes 500 issues
 * as one sink call (one transaction, one JDBC batch), {@code rowByRow} (the baseline) writes the
 * same 500 issues as 500 sink calls of one issue each, so every row pays its own transaction and
 * statement round trips, as an upsert-per-row loop with autocommit would. Both go through the same
 * sink, SQL and tables, and borrow one held connection (as from a pool: {@link #pooled}), so the
 * difference is batching alone. Scores are rows per second.
 *
 * <p>Every invocation takes the next 500 of 5,000 issue keys with a newer {@code updatedAt} than
 * stored (built before the invocation, outside the measured time), so after the first pass each row
 * is a real update, and each issue replaces its two status transitions. {@code -p database=sqlite}
 * uses a temporary file ({@link SqliteDataSources#file}: WAL, {@code synchronous=NORMAL}); {@code
 * -p database=postgres} starts an embedded PostgreSQL (io.zonky; it started as root on the
 * measuring machine, where user namespaces are allowed; elsewhere run as an unprivileged user as
 * {@link MttrPostgresBenchmark} says) and connects with the driver's defaults (the sink needs no
 * driver setting). Run with:
 *
 * <pre>
 * ./mvnw -B -o -q package -DskipTests -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar JdbcUpsertBenchmark -f 1 -wi 3 -i 3 -w 4 -r 4
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JdbcUpsertBenchmark {
  /** Rows per sink call in {@code batched}, and per invocation of both methods. */
  static final int BATCH = 500;

  /** Distinct issue keys the invocations cycle through. */
  static final int KEYS = 5_000;

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final ScopeKey PROJECT = ScopeKey.parse("jira:project:BG");
  private static final ScopeId KEY = ScopeId.of("acme", EntityType.ISSUES, PROJECT);

  /** Which database: {@code sqlite} (temporary file) or {@code postgres} (embedded). */
  @Param({"sqlite", "postgres"})
  public String database = "sqlite";

  private @Nullable BenchDatabase bench;
  private @Nullable Connection connection;
  private @Nullable JdbcSink<Issue> sink;
  private List<Batch<Issue>> singles = List.of();
  private @Nullable Batch<Issue> batch;
  private int invocation;

  /**
   * Starts or creates the database and migrates it.
   *
   * @throws IOException if the temporary directory or PostgreSQL cannot be created
   * @throws SQLException if the held connection cannot be opened
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException, SQLException {
    BenchDatabase opened = BenchDatabase.open(database, "pulse-upsert-bench");
    bench = opened;
    DataSource dataSource = opened.dataSource();
    JdbcDatabase.builder(dataSource).build().migrate();
    Connection held = dataSource.getConnection();
    connection = held;
    JdbcDatabase db = JdbcDatabase.builder(pooled(held)).build();
    sink = JdbcSink.issues(new JdbcWatermarkStore(db));
  }

  /** Builds the next 500 issues, each newer than its stored version. */
  @Setup(Level.Invocation)
  public void nextRows() {
    int first = (invocation % (KEYS / BATCH)) * BATCH;
    Instant updatedAt = T0.plusSeconds(60L + invocation);
    invocation++;
    List<Issue> next = new ArrayList<>(BATCH);
    List<Batch<Issue>> one = new ArrayList<>(BATCH);
    Position position = Position.at(updatedAt);
    for (int n = first; n < first + BATCH; n++) {
      Issue issue = issue(n, updatedAt);
      next.add(issue);
      one.add(new Batch<>(PROJECT, List.of(issue), position, invocation));
    }
    singles = one;
    batch = new Batch<>(PROJECT, next, position, invocation);
  }

  /** Removes the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException, SQLException {
    Connection held = connection;
    if (held != null) {
      held.close();
    }
    BenchDatabase opened = bench;
    if (opened != null) {
      opened.close();
    }
  }

  /** 500 issues in one sink call: one transaction, one JDBC batch. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batched() {
    sink().write(KEY, requireBatch());
  }

  /** The baseline: the same 500 issues, one sink call (one transaction) per issue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rowByRow() {
    JdbcSink<Issue> s = sink();
    for (Batch<Issue> single : singles) {
      s.write(KEY, single);
    }
  }

  private JdbcSink<Issue> sink() {
    JdbcSink<Issue> s = sink;
    if (s == null) {
      throw new IllegalStateException("setUp has not run");
    }
    return s;
  }

  private Batch<Issue> requireBatch() {
    Batch<Issue> b = batch;
    if (b == null) {
      throw new IllegalStateException("nextRows has not run");
    }
    return b;
  }

  /**
   * A data source that lends one open connection and ignores its {@code close()}: what a connection
   * pool does for a single thread, so neither method pays a connection setup per call.
   */
  static DataSource pooled(Connection held) {
    Connection lent =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  try {
                    return method.invoke(held, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return lent;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  static Issue issue(int n, Instant updatedAt) {
    Instant created = T0.plusSeconds(n);
    return Issue.builder()
        .key("BG-" + n)
        .projectKey("BG")
        .type(n % 4 == 0 ? IssueType.BUG : IssueType.STORY)
        .rawStatus("Done")
        .status(NormalizedStatus.DONE)
        .transitions(
            List.of(
                StatusTransition.builder()
                    .status(NormalizedStatus.IN_PROGRESS)
                    .rawStatus("In Progress")
                    .enteredAt(created.plusSeconds(10))
                    .exitedAt(created.plusSeconds(20))
                    .build(),
                StatusTransition.builder()
                    .status(NormalizedStatus.DONE)
                    .rawStatus("Done")
                    .enteredAt(created.plusSeconds(20))
                    .build()))
        .effort((double) (n % 8), EffortSource.STORY_POINTS)
        .sprintIds(List.of("s" + (n % 10)))
        .createdAt(created)
        .startedAt(created.plusSeconds(10))
        .completedAt(created.plusSeconds(20))
        .updatedAt(updatedAt)
        .labels(List.of("backend"))
        .build();
  }
}
