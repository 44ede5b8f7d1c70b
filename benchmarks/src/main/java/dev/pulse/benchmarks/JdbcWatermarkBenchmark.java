package dev.pulse.benchmarks;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.jdbc.SqliteDataSources;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * Latency of one {@link JdbcWatermarkStore#advance} that moves the watermark: its own transaction
 * (a locked read, an update, a commit) on one held connection, as from a pool. {@code -p
 * database=sqlite} is a temporary file ({@link SqliteDataSources#file}: WAL, {@code
 * synchronous=NORMAL}); {@code -p database=postgres} starts an embedded PostgreSQL as {@link
 * JdbcUpsertBenchmark} does. Scores are microseconds per advance. Run with:
 *
 * <pre>
 * ./mvnw -B -o -q package -DskipTests -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar JdbcWatermarkBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JdbcWatermarkBenchmark {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final ScopeId KEY =
      ScopeId.of("acme", EntityType.ISSUES, ScopeKey.parse("jira:project:BG"));

  /** Which database: {@code sqlite} (temporary file) or {@code postgres} (embedded). */
  @Param({"sqlite", "postgres"})
  public String database = "sqlite";

  private @Nullable BenchDatabase bench;
  private @Nullable Connection connection;
  private @Nullable JdbcWatermarkStore store;
  private long next;

  /**
   * Starts or creates the database, migrates it and stores a first watermark.
   *
   * @throws IOException if the temporary directory or PostgreSQL cannot be created
   * @throws SQLException if the held connection cannot be opened
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException, SQLException {
    BenchDatabase opened = BenchDatabase.open(database, "pulse-watermark-bench");
    bench = opened;
    DataSource dataSource = opened.dataSource();
    JdbcDatabase.builder(dataSource).build().migrate();
    Connection held = dataSource.getConnection();
    connection = held;
    JdbcWatermarkStore s =
        new JdbcWatermarkStore(JdbcDatabase.builder(JdbcUpsertBenchmark.pooled(held)).build());
    store = s;
    s.advance(KEY, Position.at(T0, 0), 1, T0);
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

  /**
   * Advances the watermark one step past the stored one.
   *
   * @return the advanced watermark
   */
  @Benchmark
  public Watermark advance() {
    JdbcWatermarkStore s = store;
    if (s == null) {
      throw new IllegalStateException("setUp has not run");
    }
    long n = ++next;
    return s.advance(KEY, Position.at(T0.plusMillis(n), n), 1, T0);
  }
}
