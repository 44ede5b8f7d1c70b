package dev.pulse.kafka.connect;

import dev.pulse.Batch;
import dev.pulse.ErrorCode;
import dev.pulse.Position;
import dev.pulse.PulseClock;
import dev.pulse.PulseException;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.Watermark;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.engine.BatchIterator;
import dev.pulse.engine.ReadOptions;
import dev.pulse.internal.Tenants;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ReadOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task of a {@link PulseSourceConnector}: reads its share of the scopes, one page per {@link
 * #poll()}, and returns the page's records with the page's position as their source offset.
 *
 * <p>Scopes take turns: each poll reads the next page of the next scope that is due. A scope read
 * to its end is due again after {@code pulse.poll.interval.ms}; it resumes from its stored offset
 * (read once at start) or from where this task got to. A record's key is the entity's natural key,
 * its value the canonical JSON (both strings, for Connect's {@code StringConverter}), and its
 * headers name the scope and the entity type. When Connect lets the connector define transaction
 * boundaries, each page is committed as one transaction.
 *
 * <p>Failures: a rate limit, an unavailable source or a timeout is logged and the scope retried
 * later (after the source's {@code Retry-After} when it gave one) while the other scopes go on; a
 * vanished scope is dropped until the next reconfiguration; any other failure (bad credentials,
 * invalid data) fails the task with its error code. For a connector that reads newest first, a
 * page's records carry the offset the walk started from until its last page, which carries the new
 * position: a walk interrupted by a failure is read again, so those connectors deliver at least
 * once. {@link #stop()} may be called while a poll waits for a page: it cancels the reads.
 */
public final class PulseSourceTask extends SourceTask {
  private static final Logger LOG = LoggerFactory.getLogger(PulseSourceTask.class);

  /** The longest {@link #poll()} waits when no scope is due, so that stop is seen promptly. */
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  /** The wait before retrying a scope whose source failed without saying how long to wait. */
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(30);

  static final String SCOPE_HEADER = "pulse.scope";
  static final String ENTITY_TYPE_HEADER = "pulse.entity.type";

  private final Supplier<ConnectorCatalog> catalogs;
  private final PulseClock clock;
  private final Duration idleWait;
  private final Object idle = new Object();
  private final List<ScopeReader> readers = new ArrayList<>();
  private volatile boolean stopping;
  private int next;
  private @Nullable ConnectSettings settings;
  private @Nullable Connector<?> pulse;

  /** Creates a task that runs the Pulse connector types found next to this class. */
  public PulseSourceTask() {
    this(
        () -> ConnectorCatalog.discover(PulseSourceTask.class.getClassLoader()),
        PulseClock.system(),
        IDLE_WAIT);
  }

  /**
   * Creates a task over given connector types, a clock and an idle wait; for tests.
   *
   * @param idleWait the longest a poll waits when no scope is due (zero: it returns at once)
   */
  PulseSourceTask(Supplier<ConnectorCatalog> catalogs, PulseClock clock, Duration idleWait) {
    this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idleWait = Objects.requireNonNull(idleWait, "idleWait");
  }

  @Override
  public String version() {
    return Versions.of(PulseSourceTask.class);
  }

  @Override
  public void start(Map<String, String> props) {
    ConnectorCatalog catalog = catalogs.get();
    ConnectSettings parsed = ConnectSettings.parse(catalog, props);
    String share = props.get(TaskScopes.KEY);
    List<ScopeKey> scopes = share == null ? parsed.scopes() : TaskScopes.decode(share);
    Connector<?> connector;
    try {
      connector = catalog.provider(parsed.type()).orElseThrow().create(parsed.settings());
    } catch (PulseException e) {
      throw new ConnectException(
          e.code()
              + ": the Pulse connector "
              + parsed.type()
              + " could not be created: "
              + e.getMessage(),
          e);
    }
    List<Map<String, String>> partitions = scopes.stream().map(Offsets::partition).toList();
    Map<Map<String, String>, Map<String, Object>> stored =
        context.offsetStorageReader().offsets(partitions);
    Instant now = clock.instant();
    for (ScopeKey scope : scopes) {
      Map<String, Object> offset = stored == null ? null : stored.get(Offsets.partition(scope));
      readers.add(new ScopeReader(scope, Offsets.position(scope, offset), now));
    }
    this.settings = parsed;
    this.pulse = connector;
    LOG.info("Pulse source task started: type {}, {} scopes", parsed.type(), scopes.size());
  }

  /**
   * Reads the next page of the next due scope.
   *
   * @return the page's records; null when no scope had a page (the poll waited up to a second)
   * @throws ConnectException if a scope failed in a way a retry cannot fix
   */
  @Override
  public @Nullable List<SourceRecord> poll() {
    ConnectSettings parsed = Objects.requireNonNull(settings, "the task is not started");
    Connector<?> connector = Objects.requireNonNull(pulse, "the task is not started");
    Instant now = clock.instant();
    int count = readers.size();
    for (int i = 0; i < count && !stopping; i++) {
      ScopeReader reader = readers.get((next + i) % count);
      if (reader.dueAt.isAfter(now)) {
        continue;
      }
      List<SourceRecord> records = read(reader, connector, parsed);
      if (reader.dropped) {
        readers.remove(reader);
        next = 0;
        return null;
      }
      if (!records.isEmpty()) {
        next = (next + i + 1) % count;
        commitTransaction(records);
        return records;
      }
    }
    waitForDueScope(now);
    return null;
  }

  @Override
  public void stop() {
    stopping = true;
    synchronized (idle) {
      idle.notifyAll();
    }
    // Closing cancels a read a poll may be waiting on; the fetch in flight returns first.
    for (ScopeReader reader : List.copyOf(readers)) {
      reader.close();
    }
    Connector<?> connector = pulse;
    if (connector != null) {
      connector.close();
    }
  }

  /** Returns the next page of a scope as records, or none when its read ended or failed. */
  private List<SourceRecord> read(
      ScopeReader reader, Connector<?> connector, ConnectSettings parsed) {
    boolean oldestFirst = connector.readOrder() == ReadOrder.OLDEST_FIRST;
    try {
      BatchIterator<?> batches = reader.open(connector, parsed.pageSize(), clock.instant());
      while (batches.hasNext()) {
        Batch<?> batch = batches.next();
        if (oldestFirst) {
          reader.position = batch.position();
          return records(reader.scope, batch.items(), reader.position, connector, parsed);
        }
        // Newest first: a page's position is only a resume point once the walk has ended.
        Batch<?> previous = reader.pending;
        reader.pending = batch;
        if (previous != null) {
          return records(reader.scope, previous.items(), reader.position, connector, parsed);
        }
      }
      Position end = batches.highestPosition();
      Batch<?> last = reader.pending;
      reader.close();
      reader.dueAt = clock.instant().plus(parsed.pollInterval());
      if (end != null && (reader.position == null || end.compareTo(reader.position) > 0)) {
        reader.position = end;
      }
      if (last != null) {
        return records(reader.scope, last.items(), reader.position, connector, parsed);
      }
      return List.of();
    } catch (PulseException e) {
      reader.close();
      if (stopping) {
        return List.of();
      }
      return failed(reader, e);
    }
  }

  private List<SourceRecord> failed(ScopeReader reader, PulseException e) {
    ErrorCode code = e.code();
    switch (code) {
      case RATE_LIMITED, SOURCE_UNAVAILABLE, TIMED_OUT, NO_PROGRESS -> {
        Duration wait =
            e instanceof SourceException source && source.retryAfter() != null
                ? Objects.requireNonNull(source.retryAfter())
                : RETRY_BACKOFF;
        reader.dueAt = clock.instant().plus(wait);
        LOG.warn(
            "Scope {} failed ({}): {}; retrying in {}", reader.scope, code, e.getMessage(), wait);
        return List.of();
      }
      case SCOPE_NOT_FOUND -> {
        reader.dropped = true;
        LOG.info(
            "Scope {} no longer exists; it is dropped until the tasks are reconfigured",
            reader.scope);
        return List.of();
      }
      default ->
          throw new ConnectException(
              code + ": scope " + reader.scope + " failed: " + e.getMessage(), e);
    }
  }

  private List<SourceRecord> records(
      ScopeKey scope,
      List<?> items,
      @Nullable Position position,
      Connector<?> connector,
      ConnectSettings parsed) {
    Map<String, String> partition = Offsets.partition(scope);
    Map<String, String> offset = position == null ? null : Offsets.offset(position);
    List<SourceRecord> records = new ArrayList<>(items.size());
    for (Object item : items) {
      SourceRecord record =
          new SourceRecord(
              partition,
              offset,
              parsed.topic(),
              null,
              Schema.OPTIONAL_STRING_SCHEMA,
              RecordJson.key(item),
              Schema.STRING_SCHEMA,
              RecordJson.value(item));
      record.headers().addString(SCOPE_HEADER, scope.toString());
      record.headers().addString(ENTITY_TYPE_HEADER, connector.entityType().name());
      records.add(record);
    }
    return records;
  }

  /** Ends the page's transaction when Connect lets the connector define the boundaries. */
  private void commitTransaction(List<SourceRecord> records) {
    TransactionContext transactions = context.transactionContext();
    if (transactions != null) {
      transactions.commitTransaction(records.get(records.size() - 1));
    }
  }

  private void waitForDueScope(Instant now) {
    Instant due = null;
    for (ScopeReader reader : readers) {
      if (due == null || reader.dueAt.isBefore(due)) {
        due = reader.dueAt;
      }
    }
    Duration wait = due == null ? idleWait : Duration.between(now, due);
    if (wait.compareTo(idleWait) > 0) {
      wait = idleWait;
    }
    if (wait.isNegative() || wait.isZero() || stopping) {
      return;
    }
    long deadline = clock.monotonicNanos() + wait.toNanos();
    synchronized (idle) {
      long left = wait.toNanos();
      while (!stopping && left > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(idle, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        left = deadline - clock.monotonicNanos();
      }
    }
  }

  /** One scope of this task: where it got to, its open read, and when it is due. */
  private static final class ScopeReader {
    final ScopeKey scope;
    @Nullable Position position;
    Instant dueAt;
    boolean dropped;
    private volatile @Nullable BatchIterator<?> batches;
    @Nullable Batch<?> pending;

    ScopeReader(ScopeKey scope, @Nullable Position position, Instant dueAt) {
      this.scope = scope;
      this.position = position;
      this.dueAt = dueAt;
    }

    BatchIterator<?> open(Connector<?> connector, int pageSize, Instant now) {
      BatchIterator<?> open = batches;
      if (open == null) {
        ScopeId id = ScopeId.of(Tenants.DEFAULT, connector.entityType(), scope);
        Watermark from =
            position == null ? Watermark.none(id) : new Watermark(id, position, 0, now);
        open =
            BatchIterator.open(connector, from, ReadOptions.builder().pageSize(pageSize).build());
        batches = open;
      }
      return open;
    }

    void close() {
      BatchIterator<?> open = batches;
      batches = null;
      pending = null;
      if (open != null) {
        open.close();
      }
    }
  }
}
