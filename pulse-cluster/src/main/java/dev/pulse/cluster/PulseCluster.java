package dev.pulse.cluster;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import dev.pulse.StoreException;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.internal.NamedMigrations;
import dev.pulse.model.internal.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * One worker of a Pulse cluster: it runs the scopes of its sources on db-scheduler over the
 * PostgreSQL database that pulse-jdbc writes to, sharing them with every other worker (every
 * replica of the service) that uses the same database.
 *
 * <p>Each scope of each source is one self-rescheduling task instance (task {@value #SCOPE_TASK},
 * instance {@code <tenant length>:<tenant>/<entity type>/<scope key>}): a worker picks it when it
 * is due, reads the scope once with the {@link dev.pulse.engine.Ingestion} engine and reschedules
 * it after the source's {@linkplain ClusterSource#interval() interval}, so at any time a scope is
 * read by at most one live worker and the scopes spread over all workers' threads. One
 * single-instance task ({@value #DISCOVERY_TASK}) asks the connectors for their scopes every
 * {@linkplain Builder#discoveryInterval discovery interval}, schedules new scopes and retires
 * vanished ones.
 *
 * <p><b>Takeover and fencing.</b> A worker heartbeats its running executions every {@linkplain
 * Builder#heartbeatInterval heartbeat interval}; an execution whose heartbeats stopped for
 * {@linkplain Builder#missedHeartbeats that many} intervals is revived and run by another worker
 * ({@link #takeoverBound()} bounds the delay). Takeover is at-least-once: the "dead" worker may
 * still be running. Each execution therefore claims the scope's next generation in the fence table
 * first, and every transaction it commits (each batch with its watermark advance, through the
 * sink's own transaction) writes that generation in the same transaction and is rolled back once a
 * newer execution has claimed the scope: a superseded worker can neither store a batch nor move a
 * watermark. docs/scale-out.md has the settings and guarantees.
 *
 * <p><b>Requirements.</b> PostgreSQL, and a connection pool as the data source (HikariCP or the
 * service's own): every poll, heartbeat, claim and batch borrows a connection, and opening a
 * PostgreSQL connection per borrow was measured 8 to 14 times slower (docs/benchmarks.md). Size the
 * pool for the worker's threads plus the scheduler's own (threads + 4). {@link #migrate()} creates
 * the tables.
 *
 * <p>Lifecycle: {@link Builder#build()}, then {@link #migrate()} (once per deploy is enough; it is
 * idempotent), {@link #start()}, and {@link #close()} on shutdown, which cancels the reads in
 * progress (each is rescheduled at once, for the workers left) and stops the scheduler.
 * Thread-safe. The cluster does not close the connectors or the data source; their owner does.
 */
public final class PulseCluster implements AutoCloseable {
  /** The db-scheduler task name of the scope tasks. */
  public static final String SCOPE_TASK = "pulse-scope";

  /** The db-scheduler task name of the discovery task. */
  public static final String DISCOVERY_TASK = "pulse-discovery";

  /** The cluster's migration files in version order; a test compares them with the folder. */
  static final List<String> MIGRATIONS = List.of("V1__scheduled_tasks.sql", "V2__fences.sql");

  private static final int NEW = 0;
  private static final int STARTED = 1;
  private static final int CLOSED = 2;

  private final DataSource dataSource;
  private final UnaryOperator<JdbcDatabase.Builder> database;
  private final String worker;
  private final Duration pollingInterval;
  private final Duration heartbeatInterval;
  private final int missedHeartbeats;
  private final ScopeRunner runner;
  private final Discovery discovery;
  private final Scheduler scheduler;
  private final AtomicInteger state = new AtomicInteger(NEW);

  private PulseCluster(Builder builder) {
    this.dataSource = builder.dataSource;
    this.database = builder.database;
    this.worker = builder.worker;
    this.pollingInterval = builder.pollingInterval;
    this.heartbeatInterval = builder.heartbeatInterval;
    this.missedHeartbeats = builder.missedHeartbeats;
    Map<String, ClusterSource<?>> sources = Map.copyOf(builder.sources);
    PulseClock clock = builder.clock;
    this.runner = new ScopeRunner(dataSource, database, sources, worker, clock, builder.listener);
    this.discovery = new Discovery(sources, clock, builder.listener);
    // Revived at the scheduler's clock (db-scheduler's own reviver reads the system clock).
    DeadExecutionHandler<Void> revive =
        (complete, operations) -> operations.reschedule(complete, complete.getTimeDone());
    CustomTask<Void> scopeTask =
        Tasks.custom(SCOPE_TASK, Void.class)
            .onDeadExecution(revive)
            .onFailure(
                new FailureHandler.OnFailureReschedule<>(
                    FixedDelay.of(ScopeRunner.RETRY_AFTER_FAILURE)))
            .execute(runner);
    RecurringTask<Void> discoveryTask =
        Tasks.recurring(DISCOVERY_TASK, FixedDelay.of(builder.discoveryInterval))
            .onDeadExecution(revive)
            .execute((instance, context) -> discovery.run(context.getSchedulerClient()));
    this.scheduler =
        Scheduler.create(dataSource, scopeTask)
            .startTasks(discoveryTask)
            .threads(builder.threads)
            .pollingInterval(pollingInterval)
            .heartbeatInterval(heartbeatInterval)
            .missedHeartbeatsLimit(missedHeartbeats)
            .schedulerName(new SchedulerName.Fixed(worker))
            .shutdownMaxWait(builder.shutdownWait)
            .enableImmediateExecution()
            .clock(clock::instant)
            .build();
  }

  /**
   * Starts configuring a worker.
   *
   * @param dataSource a pool of connections to the PostgreSQL database of Pulse's tables
   * @return a builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Creates or upgrades the cluster's tables ({@code scheduled_tasks} as db-scheduler 16.12.0
   * defines it, and {@code pulse_cluster_fences}, with their own Flyway history {@code
   * pulse_cluster_schema_history}, in the connection's default schema) and Pulse's own tables
   * ({@link JdbcDatabase#migrate()} with this builder's database settings). Idempotent; safe when
   * several workers migrate at once.
   *
   * @return the number of migrations applied
   * @throws StoreException if a migration fails
   */
  public int migrate() {
    int applied;
    try {
      applied =
          Flyway.configure(PulseCluster.class.getClassLoader())
              .dataSource(dataSource)
              // Named, not scanned: Flyway's class-path scan finds nothing inside a named module.
              .resourceProvider(migrations())
              .table("pulse_cluster_schema_history")
              .validateMigrationNaming(true)
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .load()
              .migrate()
              .migrationsExecuted;
    } catch (FlywayException e) {
      throw new StoreException(
          "migrate on pulse_cluster_schema_history failed: " + e.getClass().getName(), e);
    }
    return applied + database.apply(JdbcDatabase.builder(dataSource)).build().migrate();
  }

  /**
   * The cluster's migrations, read from this module by name ({@link NamedMigrations} says why);
   * adding one means adding its file to {@code migration/postgresql/} and its name here.
   */
  static NamedMigrations migrations() {
    return new NamedMigrations(
        "dev/pulse/cluster/",
        "migration/postgresql/",
        MIGRATIONS,
        path -> PulseCluster.class.getResourceAsStream(path));
  }

  /**
   * Starts polling for due scopes, heartbeating and detecting dead executions; the discovery task
   * is scheduled to run at once if it is not scheduled yet.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start() {
    if (!state.compareAndSet(NEW, STARTED)) {
      throw new IllegalStateException("worker " + worker + " was already started or closed");
    }
    scheduler.start();
  }

  /**
   * Runs one discovery pass now, on the calling thread, whether or not this worker was started.
   *
   * @return what the pass changed
   */
  public DiscoveryReport discoverNow() {
    return discovery.run(scheduler);
  }

  /**
   * Returns this worker's name, as db-scheduler records it in {@code picked_by} and the fence table
   * in {@code owner}.
   *
   * @return the name
   */
  public String worker() {
    return worker;
  }

  /**
   * Returns the longest time from a worker's last heartbeat until another worker starts its
   * execution: the missed heartbeats, plus the dead-execution check's period (two heartbeat
   * intervals), plus one polling interval.
   *
   * @return the bound
   */
  public Duration takeoverBound() {
    return heartbeatInterval
        .multipliedBy(missedHeartbeats)
        .plus(heartbeatInterval.multipliedBy(2))
        .plus(pollingInterval);
  }

  /**
   * Returns the scope's current fence generation: the number of executions that claimed it, 0 if
   * none did.
   *
   * @param scope the scope
   * @return the generation
   * @throws StoreException if the table cannot be read
   */
  public long generation(ScopeId scope) {
    return Fences.current(dataSource, Objects.requireNonNull(scope, "scope"));
  }

  /**
   * Cancels the reads in progress (each scope is rescheduled at once) and stops the scheduler,
   * waiting at most the {@linkplain Builder#shutdownWait shutdown wait} for running executions.
   * Idempotent.
   */
  @Override
  public void close() {
    int previous = state.getAndSet(CLOSED);
    if (previous == CLOSED) {
      return;
    }
    if (previous == STARTED) {
      // No new picks first, so a cancelled scope is not picked again here but by another worker.
      scheduler.pause();
    }
    runner.cancelAll();
    if (previous == STARTED) {
      scheduler.stop();
    }
  }

  @Override
  public String toString() {
    return "PulseCluster[" + worker + "]";
  }

  /** Configures a {@link PulseCluster}; each setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private final Map<String, ClusterSource<?>> sources = new LinkedHashMap<>();
    private UnaryOperator<JdbcDatabase.Builder> database = UnaryOperator.identity();
    private String worker = defaultWorkerName();
    private int threads = 4;
    private Duration pollingInterval = Duration.ofSeconds(1);
    private Duration heartbeatInterval = Duration.ofSeconds(2);
    private int missedHeartbeats = 5;
    private Duration discoveryInterval = Duration.ofMinutes(5);
    private Duration shutdownWait = Duration.ofSeconds(30);
    private PulseClock clock = PulseClock.system();
    private ClusterListener listener = ClusterListener.NONE;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    private static String defaultWorkerName() {
      String host = new SchedulerName.Hostname().getName();
      String name = host + "-" + ProcessHandle.current().pid();
      return name.length() <= 50 ? name : name.substring(name.length() - 50);
    }

    /**
     * Adds a source whose scopes this worker runs. Every worker of a cluster should add the same
     * sources; a scope whose source a worker lacks is left to the others.
     *
     * @param source the source
     * @return this builder
     * @throws IllegalArgumentException if a source with the same id was added
     */
    public Builder source(ClusterSource<?> source) {
      Objects.requireNonNull(source, "source");
      String key = source.tenant() + "/" + source.source() + "/" + source.entityType();
      if (sources.putIfAbsent(key, source) != null) {
        throw new IllegalArgumentException("source " + source.id() + " was already added");
      }
      return this;
    }

    /**
     * Configures where Pulse's own tables are ({@link JdbcDatabase.Builder#schema}, {@link
     * JdbcDatabase.Builder#tablePrefix}), e.g. {@code db -> db.schema("pulse")}; the cluster builds
     * its databases on the data source with it.
     *
     * @param database applied to a fresh builder on each use
     * @return this builder
     */
    public Builder database(UnaryOperator<JdbcDatabase.Builder> database) {
      this.database = Objects.requireNonNull(database, "database");
      return this;
    }

    /**
     * Names this worker; by default the host name and process id.
     *
     * @param worker 1 to 50 characters, unique among the cluster's live workers
     * @return this builder
     * @throws IllegalArgumentException if blank or longer than 50 characters
     */
    public Builder worker(String worker) {
      Checks.requireText(worker, "worker");
      if (worker.length() > 50) {
        throw new IllegalArgumentException(
            "worker must be at most 50 characters but was " + worker.length());
      }
      this.worker = worker;
      return this;
    }

    /**
     * Sets how many scopes this worker reads at once (4 by default).
     *
     * @param threads between 1 and 256
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder threads(int threads) {
      this.threads = (int) Checks.requireBetween(threads, 1, 256, "threads");
      return this;
    }

    /**
     * Sets how often the worker looks for due scopes when it has free threads (1 s by default); a
     * scope scheduled by this worker is also started at once.
     *
     * @param interval between 10 ms and 1 hour
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder pollingInterval(Duration interval) {
      this.pollingInterval = between(interval, Duration.ofMillis(10), "pollingInterval");
      return this;
    }

    /**
     * Sets how often the worker heartbeats its running executions (2 s by default, where
     * db-scheduler's own default is 5 minutes: an ingestion should be taken over in seconds).
     *
     * @param interval between 10 ms and 1 hour
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = between(interval, Duration.ofMillis(10), "heartbeatInterval");
      return this;
    }

    /**
     * Sets after how many missed heartbeats an execution is dead and taken over (5 by default, so
     * 10 s with the default interval).
     *
     * @param missed between 4 (db-scheduler's minimum) and 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder missedHeartbeats(int missed) {
      this.missedHeartbeats = (int) Checks.requireBetween(missed, 4, 100, "missedHeartbeats");
      return this;
    }

    /**
     * Sets how often the connectors are asked for their scopes (5 minutes by default).
     *
     * @param interval between 10 ms and 1 hour
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder discoveryInterval(Duration interval) {
      this.discoveryInterval = between(interval, Duration.ofMillis(10), "discoveryInterval");
      return this;
    }

    /**
     * Sets how long {@link PulseCluster#close()} waits for cancelled reads to end (30 s by
     * default).
     *
     * @param wait zero or positive, at most one hour
     * @return this builder
     * @throws IllegalArgumentException if negative or over an hour
     */
    public Builder shutdownWait(Duration wait) {
      Checks.requireNonNegative(wait, "shutdownWait");
      if (wait.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("shutdownWait must be <= PT1H but was " + wait);
      }
      this.shutdownWait = wait;
      return this;
    }

    /**
     * Sets the clock of the scheduler (due times, heartbeats) and of the reads.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(PulseClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the listener told about this worker's executions and discovery passes.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ClusterListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the worker (without starting it); may be called more than once, each call giving an
     * independent worker.
     *
     * @return the worker
     * @throws IllegalStateException if no source was added
     */
    public PulseCluster build() {
      if (sources.isEmpty()) {
        throw new IllegalStateException("no source: add at least one with source(...)");
      }
      return new PulseCluster(this);
    }

    private static Duration between(Duration value, Duration min, String name) {
      Objects.requireNonNull(value, name);
      if (value.compareTo(min) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and PT1H but was " + value);
      }
      return value;
    }
  }
}
