package dev.pulse.benchmarks;

import dev.pulse.metrics.dora.DeploymentPairer;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Pairing;
import dev.pulse.model.Deployment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
import org.postgresql.PGConnection;

/**
 * The origin's MTTR pairing in SQL (one CTE: {@code LAG} finds chain heads, a correlated subquery
 * walks back from a back-to-back failure to its chain's anchor, and a {@code LATERAL} join finds
 * the next success within 7 days) against Pulse's pairer, on the same deployments ({@code -p
 * deployments=N}, default 100,000; 1,000 per repository over 3 environments, the density of the
 * 1,000,000-deployment pairing benchmark) in an embedded PostgreSQL.
 *
 * <p>The SQL groups by (repository, environment), as Pulse does, and every subquery is served by
 * the index on (repo, environment, result, finished_at), so both produce the same classification
 * with SQL given its best case; the setup checks that the resolved, open and superseded counts
 * agree before measuring. Scores are milliseconds per full pass over all deployments. PostgreSQL
 * refuses to run as root, so run this as an unprivileged user (here with the pairing benchmarks in
 * the same run, on the same 1,000,000 deployments, pinned to one core):
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * runuser -u nobody -- taskset -c 0 java -Djava.io.tmpdir=/tmp/pulse-pg -jar benchmarks/target/benchmarks.jar \
 *     'MttrPostgres|MttrPairingBenchmark.pair' -p deployments=1000000 -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class MttrPostgresBenchmark {
  /** How many deployments both sides classify; 1,000 of them per repository. */
  @Param("100000")
  public int deployments;

  static final String ORIGIN_SQL =
      """
      WITH ordered AS (
        SELECT id, repo, environment, result, finished_at,
               LAG(result) OVER (PARTITION BY repo, environment ORDER BY finished_at, id) AS prev_result
        FROM eng_deployments
        WHERE result IN ('SUCCESS', 'FAILURE')
      ),
      failures AS (
        SELECT o.id, o.repo, o.environment, o.finished_at,
               CASE WHEN o.prev_result = 'FAILURE' THEN (
                 SELECT a.id FROM eng_deployments a
                 WHERE a.repo = o.repo AND a.environment = o.environment AND a.result = 'FAILURE'
                   AND a.finished_at > COALESCE((
                     SELECT MAX(s.finished_at) FROM eng_deployments s
                     WHERE s.repo = o.repo AND s.environment = o.environment AND s.result = 'SUCCESS'
                       AND s.finished_at < o.finished_at), '-infinity'::timestamptz)
                 ORDER BY a.finished_at, a.id
                 LIMIT 1)
               ELSE o.id END AS anchor_id
        FROM ordered o
        WHERE o.result = 'FAILURE'
      )
      SELECT f.id,
             CASE WHEN f.anchor_id <> f.id THEN 'superseded'
                  WHEN s.id IS NOT NULL THEN 'resolved'
                  ELSE 'open' END AS incident_status,
             CASE WHEN f.anchor_id <> f.id THEN f.anchor_id END AS superseded_by_deploy_id,
             s.id AS recovered_by_deploy_id,
             EXTRACT(EPOCH FROM s.finished_at - f.finished_at) / 3600.0 AS recovery_time_hours
      FROM failures f
      LEFT JOIN LATERAL (
        SELECT d.id, d.finished_at FROM eng_deployments d
        WHERE f.anchor_id = f.id AND d.repo = f.repo AND d.environment = f.environment
          AND d.result = 'SUCCESS' AND d.finished_at > f.finished_at
          AND d.finished_at <= f.finished_at + INTERVAL '7 days'
        ORDER BY d.finished_at
        LIMIT 1) s ON TRUE
      """;

  private final DeploymentPairer pairer = DeploymentPairer.of(DoraOptions.defaults());
  private List<Deployment> unordered = List.of();
  private @Nullable EmbeddedPostgres postgres;
  private @Nullable Connection connection;

  /**
   * Starts PostgreSQL, loads the deployments with COPY, indexes them, and checks both approaches
   * agree.
   *
   * @throws IOException if PostgreSQL cannot start
   * @throws SQLException if loading fails
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException, SQLException {
    if ("root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(
          "PostgreSQL refuses to run as root; run this benchmark as an unprivileged user,"
              + " e.g. runuser -u nobody -- java -Djava.io.tmpdir=/tmp/pulse-pg -jar benchmarks/target/benchmarks.jar"
              + " MttrPostgres");
    }
    List<Deployment> ordered = DoraData.sortedDeployments(deployments, deployments / 1_000, 1);
    unordered = DoraData.shuffled(ordered, 2);
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    postgres = pg;
    Connection c = pg.getPostgresDatabase().getConnection();
    connection = c;
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE eng_deployments (id BIGINT PRIMARY KEY, repo TEXT NOT NULL, "
              + "environment TEXT NOT NULL, result TEXT NOT NULL, finished_at TIMESTAMPTZ NOT NULL)");
    }
    StringBuilder csv = new StringBuilder(deployments * 64);
    for (int i = 0; i < unordered.size(); i++) {
      Deployment d = unordered.get(i);
      csv.append(i)
          .append(',')
          .append(d.repository())
          .append(',')
          .append(d.environment())
          .append(',')
          .append(d.result().name())
          .append(',')
          .append(d.effectiveAt())
          .append('\n');
    }
    try {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY eng_deployments FROM STDIN WITH (FORMAT csv)",
              new StringReader(csv.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY failed", e);
    }
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE INDEX mttr_pairing ON eng_deployments (repo, environment, result, finished_at)");
      st.execute("ANALYZE eng_deployments");
    }
    int[] sql = originCounts(c);
    Pairing pairing = pairer.pair(unordered);
    int[] java = {pairing.resolvedCount(), pairing.openCount(), pairing.supersededCount()};
    System.out.printf(
        "%nresolved/open/superseded: SQL %d/%d/%d, Pulse %d/%d/%d%n",
        sql[0], sql[1], sql[2], java[0], java[1], java[2]);
    if (sql[0] != java[0] || sql[1] != java[1] || sql[2] != java[2]) {
      throw new IllegalStateException("SQL and Pulse disagree");
    }
  }

  private static int[] originCounts(Connection c) throws SQLException {
    int[] counts = new int[3];
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(ORIGIN_SQL)) {
      while (rs.next()) {
        switch (rs.getString(2)) {
          case "resolved" -> counts[0]++;
          case "open" -> counts[1]++;
          default -> counts[2]++;
        }
      }
    }
    return counts;
  }

  /**
   * Stops PostgreSQL.
   *
   * @throws IOException if it cannot be stopped
   * @throws SQLException if the connection cannot be closed
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException, SQLException {
    Connection c = connection;
    if (c != null) {
      c.close();
    }
    EmbeddedPostgres pg = postgres;
    if (pg != null) {
      pg.close();
    }
  }

  /**
   * Runs the origin's pairing query and reads every row.
   *
   * @return the number of failures classified
   * @throws SQLException if the query fails
   */
  @Benchmark
  public int originSqlCte() throws SQLException {
    Connection c = connection;
    if (c == null) {
      throw new IllegalStateException("not set up");
    }
    int[] counts = originCounts(c);
    return counts[0] + counts[1] + counts[2];
  }

  /**
   * Pairs the same deployments, shuffled, with Pulse (sort included).
   *
   * @return the pairing
   */
  @Benchmark
  public Pairing pulseUnordered() {
    return pairer.pair(unordered);
  }
}
