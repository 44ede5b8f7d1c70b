package dev.pulse.cluster;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.pulse.ErrorCode;
import dev.pulse.PulseClock;
import dev.pulse.PulseException;
import dev.pulse.ScopeId;
import dev.pulse.Watermark;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.IngestionReport;
import dev.pulse.engine.ScopeResult;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.spi.TransactionalSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one execution of a scope task: claims the scope's next fence generation, reads the scope
 * once through an engine whose sink writes through the fenced data source, and reschedules the task
 * after the source's interval (sooner after a failure, at once after a cancel, never after a
 * refused write: the scope belongs to the newer execution then).
 */
final class ScopeRunner implements ExecutionHandler<Void> {
  private static final Logger LOG = LoggerFactory.getLogger(ScopeRunner.class);

  /** How soon a failed read is tried again, unless the source asked for later or reads sooner. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

  private final DataSource dataSource;
  private final UnaryOperator<JdbcDatabase.Builder> database;
  private final Map<String, ClusterSource<?>> sources;
  private final String worker;
  private final PulseClock clock;
  private final ClusterListener listener;
  // The threads inside Ingestion.run(): interrupting one cancels its read, also when the interrupt
  // comes just before run() starts (a cancel() would be forgotten then).
  private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  ScopeRunner(
      DataSource dataSource,
      UnaryOperator<JdbcDatabase.Builder> database,
      Map<String, ClusterSource<?>> sources,
      String worker,
      PulseClock clock,
      ClusterListener listener) {
    this.dataSource = dataSource;
    this.database = database;
    this.sources = sources;
    this.worker = worker;
    this.clock = clock;
    this.listener = listener;
  }

  static String sourceKey(ScopeId scope) {
    return scope.tenant() + "/" + scope.scope().source() + "/" + scope.entityType();
  }

  /**
   * Cancels every read in progress and every read about to start; each scope is rescheduled at once
   * for whichever worker is left.
   */
  void cancelAll() {
    closing = true;
    for (Thread reader : readers) {
      reader.interrupt();
    }
  }

  @Override
  public CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
    ScopeId scope;
    try {
      scope = ScopeTaskId.decode(instance.getId());
    } catch (IllegalArgumentException e) {
      LOG.warn("removing a scope task with a malformed id: {}", e.getMessage());
      return new CompletionHandler.OnCompleteRemove<>();
    }
    if (closing) {
      return rescheduleNow();
    }
    ClusterSource<?> source = sources.get(sourceKey(scope));
    if (source == null) {
      // A rolling deploy may run workers that do not know this source yet (or any more): leave the
      // scope to them, and look again later.
      LOG.warn("{}: no source {} on worker {}; retrying later", scope, sourceKey(scope), worker);
      return new CompletionHandler.OnCompleteReschedule<>(FixedDelay.of(RETRY_AFTER_FAILURE));
    }
    long generation = Fences.claim(dataSource, scope, worker, clock.instant());
    FencedDataSource fenced = new FencedDataSource(dataSource, scope, generation, clock);
    notify(() -> listener.scopeStarted(scope, worker, generation));
    ScopeResult result = read(source, scope, fenced);
    boolean refused = fenced.rejected();
    if (refused) {
      LOG.warn(
          "{}: worker {} was superseded (generation {}); its late write was refused",
          scope,
          worker,
          generation);
    }
    notify(() -> listener.scopeFinished(scope, worker, generation, result, refused));
    return completion(source, result, refused);
  }

  private <T> ScopeResult read(ClusterSource<T> source, ScopeId scope, FencedDataSource fenced) {
    @Nullable JdbcWatermarkStore watermarks = null;
    try {
      JdbcDatabase db = database.apply(JdbcDatabase.builder(fenced)).build();
      watermarks = new JdbcWatermarkStore(db);
      TransactionalSink<T> sink = source.sink(watermarks);
      Ingestion<T> ingestion =
          Ingestion.builder(source.connector(), sink, sink.watermarkStore())
              .tenant(scope.tenant())
              .clock(clock)
              .readOptions(source.readOptions())
              .listener(source.listener())
              .scopes(List.of(scope.scope()))
              .build();
      Thread reader = Thread.currentThread();
      readers.add(reader);
      IngestionReport report;
      try {
        if (closing) {
          reader.interrupt();
        }
        report = ingestion.run();
      } finally {
        readers.remove(reader);
        // The scheduler's thread goes on to reschedule the task over JDBC: no interrupt left.
        Thread.interrupted();
      }
      if (!report.scopes().isEmpty()) {
        return report.scopes().get(0);
      }
      ErrorCode code = report.health().code();
      return failed(
          scope,
          watermarks,
          code != null ? code : ErrorCode.SOURCE_UNAVAILABLE,
          report.health().detail());
    } catch (RuntimeException e) {
      // Only the type: a foreign message may carry secrets (a JDBC URL, a bound value).
      LOG.warn(
          "{}: could not start its read on worker {}: {}", scope, worker, e.getClass().getName());
      ErrorCode code = e instanceof PulseException pulse ? pulse.code() : ErrorCode.INTERNAL;
      return failed(scope, watermarks, code, e.getClass().getName());
    }
  }

  private static ScopeResult failed(
      ScopeId scope, @Nullable JdbcWatermarkStore watermarks, ErrorCode code, String detail) {
    Watermark watermark = Watermark.none(scope);
    try {
      if (watermarks != null) {
        watermark = watermarks.get(scope);
      }
    } catch (RuntimeException e) {
      // The report still says why the read failed; the watermark is only context.
    }
    return new ScopeResult(
        scope, ScopeResult.Outcome.FAILED, 0, 0, watermark, code, "skipped: " + detail);
  }

  private CompletionHandler<Void> completion(
      ClusterSource<?> source, ScopeResult result, boolean refused) {
    if (refused) {
      // The newer execution owns the task's row now; rescheduling it from here would fail on its
      // version, so this execution leaves it alone.
      return (complete, operations) -> {};
    }
    if (closing) {
      // Whatever the interrupt did to the read (cancelled it, or failed a write it cut short),
      // the scope goes to the workers left, now.
      return rescheduleNow();
    }
    return switch (result.outcome()) {
      case DONE -> new CompletionHandler.OnCompleteReschedule<>(FixedDelay.of(source.interval()));
      case CANCELLED -> rescheduleNow();
      case FAILED -> retryLater(source, result);
    };
  }

  /** After a failure: within a minute (sooner if the source reads sooner), or when it said. */
  private static CompletionHandler<Void> retryLater(ClusterSource<?> source, ScopeResult result) {
    Instant resumeAt = result.resumeAt();
    Duration retry =
        source.interval().compareTo(RETRY_AFTER_FAILURE) < 0
            ? source.interval()
            : RETRY_AFTER_FAILURE;
    return (complete, operations) -> {
      Instant next = complete.getTimeDone().plus(retry);
      operations.reschedule(complete, resumeAt != null && resumeAt.isAfter(next) ? resumeAt : next);
    };
  }

  private static CompletionHandler<Void> rescheduleNow() {
    return (complete, operations) -> operations.reschedule(complete, complete.getTimeDone());
  }

  private static void notify(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("a cluster listener failed; the cluster goes on: {}", e.getClass().getName());
    }
  }
}
