package dev.pulse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.Watermark;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.model.Deployment;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workers on a real PostgreSQL: two of them share 200 scopes, and a hung worker is taken over and
 * fenced.
 */
final class PulseClusterTest {
  private static final Duration HEARTBEAT = Duration.ofMillis(300);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration CYCLE = Duration.ofHours(1);

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    resources.add(resource);
    return resource;
  }

  private PulseCluster worker(
      String name,
      DataSource dataSource,
      Connector<Deployment> connector,
      PulseClock clock,
      ClusterListener listener) {
    return worker(name, dataSource, connector, clock, listener, HEARTBEAT);
  }

  private PulseCluster worker(
      String name,
      DataSource dataSource,
      Connector<Deployment> connector,
      PulseClock clock,
      ClusterListener listener,
      Duration heartbeat) {
    return closeLater(
        PulseCluster.builder(dataSource)
            .worker(name)
            .threads(4)
            .pollingInterval(POLL)
            .heartbeatInterval(heartbeat)
            .missedHeartbeats(4)
            .discoveryInterval(CYCLE)
            .clock(clock)
            .listener(listener)
            .source(ClusterSource.of(connector, JdbcSink::deployments).interval(CYCLE).build())
            .build());
  }

  @Test
  void twoWorkers_readEveryScopeExactlyOncePerCycle() throws Exception {
    int scopes = 200;
    String database = TestDatabases.freshDatabase();
    HikariDataSource poolA = closeLater(TestDatabases.pool(database, "a", 10));
    HikariDataSource poolB = closeLater(TestDatabases.pool(database, "b", 10));
    InMemoryConnector<Deployment> sourceA = SyntheticDeployments.connector(scopes, 3);
    InMemoryConnector<Deployment> sourceB = SyntheticDeployments.connector(scopes, 3);
    ShiftedClock clock = new ShiftedClock();
    Recorder recorder = new Recorder();
    PulseCluster a = worker("a", poolA, sourceA, clock, recorder);
    PulseCluster b = worker("b", poolB, sourceB, clock, recorder);
    assertTrue(a.migrate() > 0);
    assertEquals(0, b.migrate());

    DiscoveryReport first = a.discoverNow();
    assertEquals(scopes, first.added().size());
    assertEquals(0, b.discoverNow().added().size());
    a.start();
    b.start();

    Await.until(Duration.ofSeconds(60), () -> recorder.done() == scopes, () -> summary(recorder));
    Await.until(
        Duration.ofSeconds(10),
        () -> unpicked(poolA) == scopes,
        () -> "still picked: " + summary(recorder));
    assertCycle(recorder, scopes, 1);
    assertTrue(recorder.doneBy("a") > 0 && recorder.doneBy("b") > 0, summary(recorder));
    assertEquals(storedIds(sourceA, scopes), storedIds(poolA));

    // The next cycle: every scope is due again, and each has one more deployment to read.
    for (int i = 0; i < scopes; i++) {
      ScopeKey scope = SyntheticDeployments.scope(i);
      sourceA.append(scope, SyntheticDeployments.deployments(scope, 3, 4));
      sourceB.append(scope, SyntheticDeployments.deployments(scope, 3, 4));
    }
    clock.advance(CYCLE.plusSeconds(1));
    Await.until(
        Duration.ofSeconds(60), () -> recorder.done() == 2L * scopes, () -> summary(recorder));
    assertCycle(recorder, scopes, 2);
    assertEquals(storedIds(sourceA, scopes), storedIds(poolA));
    for (int i = 0; i < scopes; i++) {
      ScopeId scope = scopeId(i);
      assertEquals(2, a.generation(scope), "one claim per execution of " + scope);
    }
    assertEquals(1, recorder.maxActivePerScope(), "a scope was read by two workers at once");
  }

  @Test
  void hungWorker_isTakenOverAndItsLateWriteIsRefused() throws Exception {
    int scopes = 10;
    String database = TestDatabases.freshDatabase();
    SeverableDataSource lineA =
        new SeverableDataSource(closeLater(TestDatabases.pool(database, "a", 8)));
    HikariDataSource poolB = closeLater(TestDatabases.pool(database, "b", 8));
    ScopeKey hung = SyntheticDeployments.scope(3);
    Deployment zombie = SyntheticDeployments.deployment(hung, 999);
    HangingConnector sourceA =
        new HangingConnector(SyntheticDeployments.connector(scopes, 3), hung, zombie);
    InMemoryConnector<Deployment> sourceB = SyntheticDeployments.connector(scopes, 3);
    PulseClock clock = PulseClock.system();
    Recorder recorder = new Recorder();
    PulseCluster a = worker("a", lineA, sourceA, clock, recorder);
    PulseCluster b = worker("b", poolB, sourceB, clock, recorder);
    a.migrate();
    a.discoverNow();
    a.start();
    assertTrue(sourceA.entered.await(30, TimeUnit.SECONDS), "worker a never read " + hung);
    Await.until(
        Duration.ofSeconds(30), () -> recorder.done() == scopes - 1, () -> summary(recorder));

    // Worker a hangs in the read and loses its database; b starts and must take the scope over.
    lineA.sever();
    long severedAt = System.nanoTime();
    b.start();
    ScopeId hungId = ScopeId.of("default", EntityType.DEPLOYMENTS, hung);
    Await.until(
        Duration.ofSeconds(30),
        () -> recorder.finished.stream().anyMatch(f -> f.scope().equals(hungId)),
        () -> summary(recorder));
    Recorder.Started takeover =
        recorder.started.stream().filter(s -> s.worker().equals("b")).findFirst().orElseThrow();
    Duration took = Duration.ofNanos(System.nanoTime() - severedAt);
    assertEquals(hungId, takeover.scope());
    assertEquals(2, takeover.generation());
    // Some slack over the configured bound (1.9 s): two cores are shared with the database and
    // whatever else runs; db-scheduler's own defaults would take over after 30 minutes.
    assertTrue(
        took.compareTo(b.takeoverBound().plusSeconds(3)) <= 0,
        "taken over after " + took + ", bound " + b.takeoverBound());
    Recorder.Finished byB = finishedBy(recorder, hungId, "b");
    assertEquals(ScopeResult.Outcome.DONE, byB.result().outcome());
    Watermark afterTakeover = watermark(poolB, hungId);

    // The zombie comes back and writes what it read: the fence refuses the whole transaction.
    lineA.heal();
    sourceA.release.countDown();
    Await.until(
        Duration.ofSeconds(30),
        () ->
            recorder.finished.stream()
                .anyMatch(f -> f.scope().equals(hungId) && f.worker().equals("a")),
        () -> summary(recorder));
    Recorder.Finished byA = finishedBy(recorder, hungId, "a");
    assertTrue(byA.fenced(), "the late write was not refused by the fence: " + byA);
    assertEquals(1, byA.generation());
    assertEquals(ScopeResult.Outcome.FAILED, byA.result().outcome());
    assertEquals(ErrorCode.SINK_FAILED, byA.result().errorCode());
    assertEquals(afterTakeover, watermark(poolB, hungId), "the zombie moved the watermark");
    Set<String> stored = storedIds(poolB);
    assertFalse(stored.contains(hung + "|" + zombie.buildId()), "the zombie stored its batch");
    assertEquals(storedIds(sourceB, scopes), stored);
    assertEquals(2, a.generation(hungId));
  }

  @Test
  void close_handsItsReadsToTheOtherWorkersAtOnce() throws Exception {
    int scopes = 4;
    String database = TestDatabases.freshDatabase();
    HikariDataSource poolA = closeLater(TestDatabases.pool(database, "a", 8));
    HikariDataSource poolB = closeLater(TestDatabases.pool(database, "b", 8));
    GatedConnector sourceA = new GatedConnector(SyntheticDeployments.connector(scopes, 3));
    InMemoryConnector<Deployment> sourceB = SyntheticDeployments.connector(scopes, 3);
    PulseClock clock = PulseClock.system();
    Recorder recorder = new Recorder();
    // Slow heartbeats: a handover through dead-execution detection would take over 12 s.
    Duration heartbeat = Duration.ofSeconds(2);
    PulseCluster a = worker("a", poolA, sourceA, clock, recorder, heartbeat);
    PulseCluster b = worker("b", poolB, sourceB, clock, recorder, heartbeat);
    a.migrate();
    a.discoverNow();
    a.start();
    Await.until(
        Duration.ofSeconds(30),
        () -> sourceA.entered.get() == scopes,
        () -> sourceA.entered.get() + " reads blocked");
    b.start();

    long closing = System.nanoTime();
    a.close();
    Await.until(
        Duration.ofSeconds(30), () -> recorder.doneBy("b") == scopes, () -> summary(recorder));
    Duration handover = Duration.ofNanos(System.nanoTime() - closing);

    assertTrue(
        handover.compareTo(b.takeoverBound()) < 0,
        "handed over after " + handover + ", not before a takeover: " + b.takeoverBound());
    for (Recorder.Finished f : recorder.finished) {
      if (f.worker().equals("a")) {
        assertEquals(ScopeResult.Outcome.CANCELLED, f.result().outcome(), f.toString());
      } else {
        assertEquals(2, f.generation(), f.toString());
      }
    }
    assertEquals(storedIds(sourceB, scopes), storedIds(poolB));
  }

  /** Each scope finished {@code cycles} times in all, never failed, and never ran twice at once. */
  private static void assertCycle(Recorder recorder, int scopes, int cycles) {
    Map<ScopeId, Integer> runs = new HashMap<>();
    for (Recorder.Finished f : recorder.finished) {
      assertEquals(ScopeResult.Outcome.DONE, f.result().outcome(), f.toString());
      runs.merge(f.scope(), 1, Integer::sum);
    }
    assertEquals(scopes, runs.size());
    for (int i = 0; i < scopes; i++) {
      assertEquals(cycles, runs.get(scopeId(i)), "executions of " + scopeId(i));
    }
    assertEquals(1, recorder.maxActivePerScope(), "a scope was read by two workers at once");
  }

  private static ScopeId scopeId(int i) {
    return ScopeId.of("default", EntityType.DEPLOYMENTS, SyntheticDeployments.scope(i));
  }

  private static Recorder.Finished finishedBy(Recorder recorder, ScopeId scope, String worker) {
    return recorder.finished.stream()
        .filter(f -> f.scope().equals(scope) && f.worker().equals(worker))
        .findFirst()
        .orElseThrow();
  }

  private static String summary(Recorder recorder) {
    return recorder.started.size()
        + " started, "
        + recorder.done()
        + " done, "
        + recorder.finished.size()
        + " finished, last: "
        + (recorder.finished.isEmpty() ? "-" : recorder.finished.get(recorder.finished.size() - 1));
  }

  private static int unpicked(DataSource dataSource) {
    return count(
        dataSource,
        "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'pulse-scope' AND NOT picked");
  }

  private static int count(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every (scope, build id) the source holds now. */
  private static Set<String> storedIds(Connector<Deployment> source, int scopes) throws Exception {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < scopes; i++) {
      ScopeKey scope = SyntheticDeployments.scope(i);
      try (PageFetcher<Deployment> fetcher = source.openScope(scope)) {
        Page<Deployment> page = fetcher.fetch(new PageRequest(scope, null, null, 10_000));
        for (Deployment deployment : page.items()) {
          ids.add(scope + "|" + deployment.buildId());
        }
      }
    }
    return ids;
  }

  /** Every (scope, build id) stored in the deployments table. */
  private static Set<String> storedIds(DataSource dataSource) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT scope_key, build_id FROM pulse_deployments")) {
      while (rows.next()) {
        ids.add(rows.getString(1) + "|" + rows.getString(2));
      }
    }
    return ids;
  }

  private static Watermark watermark(DataSource dataSource, ScopeId scope) {
    return new JdbcWatermarkStore(JdbcDatabase.builder(dataSource).build()).get(scope);
  }

  /** A connector whose every read blocks in its first fetch until the read is cancelled. */
  private static final class GatedConnector extends ForwardingConnector<Deployment> {
    final AtomicInteger entered = new AtomicInteger();
    private final Connector<Deployment> delegate;

    GatedConnector(Connector<Deployment> delegate) {
      this.delegate = delegate;
    }

    @Override
    protected Connector<Deployment> delegate() {
      return delegate;
    }

    @Override
    public PageFetcher<Deployment> openScope(ScopeKey scope) {
      return request -> {
        entered.incrementAndGet();
        new CountDownLatch(1).await();
        throw new IllegalStateException("a latch nobody counts down was released");
      };
    }
  }

  /**
   * Worker a's connector: its first read of one scope blocks (a hung worker) until released, and
   * then returns a batch with a deployment no other read returns, at a position far ahead.
   */
  private static final class HangingConnector extends ForwardingConnector<Deployment> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final Connector<Deployment> delegate;
    private final ScopeKey hung;
    private final Deployment zombie;

    HangingConnector(Connector<Deployment> delegate, ScopeKey hung, Deployment zombie) {
      this.delegate = delegate;
      this.hung = hung;
      this.zombie = zombie;
    }

    @Override
    protected Connector<Deployment> delegate() {
      return delegate;
    }

    @Override
    public PageFetcher<Deployment> openScope(ScopeKey scope) {
      if (!scope.equals(hung)) {
        return delegate.openScope(scope);
      }
      return request -> {
        entered.countDown();
        release.await();
        return Page.last(List.of(zombie), SyntheticDeployments.position(zombie));
      };
    }
  }
}
