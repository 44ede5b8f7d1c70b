package dev.pulse.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.cluster.ClusterListener;
import dev.pulse.cluster.ClusterSource;
import dev.pulse.cluster.DiscoveryReport;
import dev.pulse.cluster.PulseCluster;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * A measured run of cluster mode (not a JMH benchmark: one run is one whole cycle): scopes per
 * second scheduled (one discovery pass) and ingested (from start until every scope's read has
 * ended) by one worker and by two, over the fake in-memory source, on an embedded PostgreSQL.
 *
 * <p>Each worker has 4 threads and a HikariCP pool of 10, default heartbeats and a 100 ms poll;
 * every scope holds 5 deployments. A fetch latency of 0 ms measures the scheduler and database
 * alone; 20 ms per page stands in for a remote API. Each configuration runs three times on a fresh
 * database; the median is printed with all three.
 *
 * <p>With {@code --no-pool} it runs one worker without latency on a plain data source instead, a
 * new PostgreSQL connection for every borrow, to show what the required pool saves.
 *
 * <pre>
 * ./mvnw -B -o -q package -DskipTests -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar dev.pulse.benchmarks.ClusterThroughput 1000
 * java -cp benchmarks/target/benchmarks.jar dev.pulse.benchmarks.ClusterThroughput 200 --no-pool
 * </pre>
 */
public final class ClusterThroughput {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private ClusterThroughput() {}

  /**
   * Runs the measurement.
   *
   * @param args the number of scopes (1000 when absent), then {@code --no-pool} optionally
   * @throws Exception if the database cannot be started
   */
  public static void main(String[] args) throws Exception {
    int scopes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    boolean pooled = !(args.length > 1 && "--no-pool".equals(args[1]));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      if (!pooled) {
        List<double[]> runs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
          runs.add(measure(postgres, scopes, 1, Duration.ZERO, false));
        }
        System.out.printf(
            Locale.ROOT,
            "%d scopes, 1 worker, no pool: scheduled/s %s, ingested/s %s%n",
            scopes,
            format(runs, 0),
            format(runs, 1));
        return;
      }
      System.out.printf(Locale.ROOT, "%d scopes x 5 deployments, 4 threads per worker%n", scopes);
      System.out.println("latency  workers  scheduled/s (median; runs)  ingested/s (median; runs)");
      for (int latencyMs : new int[] {0, 20}) {
        for (int workers : new int[] {1, 2}) {
          List<double[]> runs = new ArrayList<>();
          for (int run = 0; run < 3; run++) {
            runs.add(measure(postgres, scopes, workers, Duration.ofMillis(latencyMs), true));
          }
          System.out.printf(
              Locale.ROOT,
              "%5d ms  %7d  %s  %s%n",
              latencyMs,
              workers,
              format(runs, 0),
              format(runs, 1));
        }
      }
    }
  }

  private static String format(List<double[]> runs, int column) {
    List<Double> values = new ArrayList<>();
    for (double[] run : runs) {
      values.add(run[column]);
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    StringBuilder all = new StringBuilder();
    for (double value : values) {
      all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", value));
    }
    return String.format(Locale.ROOT, "%8.0f (%s)", sorted.get(1), all);
  }

  /** One cycle on a fresh database: {scheduled per second, ingested per second}. */
  private static double[] measure(
      EmbeddedPostgres postgres, int scopes, int workers, Duration latency, boolean pooled)
      throws Exception {
    String database = "throughput" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    AtomicInteger done = new AtomicInteger();
    ClusterListener counter =
        new ClusterListener() {
          @Override
          public void scopeFinished(
              ScopeId scope, String worker, long generation, ScopeResult result, boolean fenced) {
            if (result.outcome() == ScopeResult.Outcome.DONE) {
              done.incrementAndGet();
            }
          }
        };
    List<HikariDataSource> pools = new ArrayList<>();
    List<PulseCluster> cluster = new ArrayList<>();
    try {
      for (int w = 0; w < workers; w++) {
        DataSource pool;
        if (pooled) {
          HikariDataSource hikari = pool(postgres, database, "w" + w);
          pools.add(hikari);
          pool = hikari;
        } else {
          pool = postgres.getDatabase("postgres", database);
        }
        cluster.add(
            PulseCluster.builder(pool)
                .worker("w" + w)
                .threads(4)
                .pollingInterval(Duration.ofMillis(100))
                .listener(counter)
                .source(
                    ClusterSource.of(slow(connector(scopes), latency), JdbcSink::deployments)
                        .interval(Duration.ofHours(1))
                        .build())
                .build());
      }
      cluster.get(0).migrate();
      long scheduleStart = System.nanoTime();
      DiscoveryReport report = cluster.get(0).discoverNow();
      long scheduled = System.nanoTime() - scheduleStart;
      if (report.added().size() != scopes) {
        throw new IllegalStateException("scheduled " + report.added().size() + " scopes");
      }
      long ingestStart = System.nanoTime();
      for (PulseCluster worker : cluster) {
        worker.start();
      }
      long deadline = ingestStart + Duration.ofMinutes(10).toNanos();
      while (done.get() < scopes) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("only " + done.get() + " scopes done in 10 minutes");
        }
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
      }
      long ingested = System.nanoTime() - ingestStart;
      return new double[] {scopes * 1e9 / scheduled, scopes * 1e9 / ingested};
    } finally {
      for (PulseCluster worker : cluster) {
        worker.close();
      }
      for (HikariDataSource pool : pools) {
        pool.close();
      }
    }
  }

  private static HikariDataSource pool(EmbeddedPostgres postgres, String database, String name)
      throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
    config.setUsername("postgres");
    config.setMaximumPoolSize(10);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  private static InMemoryConnector<Deployment> connector(int scopes) {
    InMemoryConnector.Builder<Deployment> builder =
        InMemoryConnector.builder(
            "ci", EntityType.DEPLOYMENTS, d -> Position.at(d.updatedAt(), d.buildId()));
    for (int i = 0; i < scopes; i++) {
      ScopeKey scope = ScopeKey.of("ci", "repo", "r" + i);
      List<Deployment> items = new ArrayList<>();
      for (int n = 0; n < 5; n++) {
        Instant at = T0.plusSeconds(n);
        items.add(
            Deployment.builder()
                .repository(scope.value())
                .environment("production")
                .buildId(scope.value() + "-b" + n)
                .startedAt(at)
                .result(DeploymentResult.SUCCESS)
                .system(DeploymentSystem.JENKINS)
                .updatedAt(at)
                .build());
      }
      builder.scope(scope, items);
    }
    return builder.build();
  }

  /** The connector with every page fetch delayed, as a remote API would be. */
  private static Connector<Deployment> slow(Connector<Deployment> target, Duration latency) {
    if (latency.isZero()) {
      return target;
    }
    return new ForwardingConnector<>() {
      @Override
      protected Connector<Deployment> delegate() {
        return target;
      }

      @Override
      public PageFetcher<Deployment> openScope(ScopeKey scope) {
        PageFetcher<Deployment> fetcher = target.openScope(scope);
        return new PageFetcher<>() {
          @Override
          public dev.pulse.spi.Page<Deployment> fetch(dev.pulse.spi.PageRequest request)
              throws Exception {
            LockSupport.parkNanos(latency.toNanos());
            return fetcher.fetch(request);
          }

          @Override
          public void close() {
            fetcher.close();
          }
        };
      }
    };
  }
}
