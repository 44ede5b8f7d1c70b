package dev.pulse.micrometer;

import java.time.Duration;

/**
 * The one list of Pulse's meter names and tag keys. Micrometer names are dotted; the Prometheus
 * registry renders {@code pulse.fetch} as {@code pulse_fetch_seconds}, a counter {@code
 * pulse.errors} as {@code pulse_errors_total}. {@code docs/operations.md} lists the rendered names.
 */
final class MeterNames {
  static final String ITEMS = "pulse.items.ingested";
  static final String BATCHES = "pulse.batches";
  static final String FETCH = "pulse.fetch";
  static final String WRITE = "pulse.write";
  static final String RATE_LIMITED = "pulse.rate.limited";
  static final String RUNS = "pulse.runs";
  static final String ERRORS = "pulse.errors";
  static final String RETRIES = "pulse.retries";
  static final String DEAD_LETTERS = "pulse.dead.letters";
  static final String SOURCE_RUN = "pulse.source.run";

  static final String SOURCE_SCOPES = "pulse.source.scopes";
  static final String SOURCE_HEALTH = "pulse.source.health";
  static final String SOURCE_WATERMARK_AGE_MAX = "pulse.source.watermark.age.max";
  static final String SOURCE_LAG = "pulse.source.lag.items";
  static final String SOURCE_DEAD_LETTERS = "pulse.source.dead.letters";
  static final String SOURCE_RATE_LIMIT_RESUME = "pulse.source.rate.limit.resume.timestamp";
  static final String SOURCE_RATE_LIMIT_WAIT = "pulse.source.rate.limit.wait";

  static final String SCOPE_WATERMARK_AGE = "pulse.scope.watermark.age";
  static final String SCOPE_LAG = "pulse.scope.lag.items";
  static final String SCOPE_RATE = "pulse.scope.items.per.second";
  static final String SCOPE_FAILURES = "pulse.scope.consecutive.failures";
  static final String SCOPE_STALLED = "pulse.scope.stalled";
  static final String SCOPE_HEALTH = "pulse.scope.health";
  static final String SCOPE_DEAD_LETTERS = "pulse.scope.dead.letters";

  static final String PIPELINE = "pipeline";
  static final String TENANT = "tenant";
  static final String SOURCE = "source";
  static final String ENTITY_TYPE = "entity_type";
  static final String SCOPE = "scope";
  static final String CODE = "code";
  static final String OUTCOME = "outcome";
  static final String HEALTH = "health";

  static final String SUCCESS = "success";
  static final String FAILURE = "failure";

  /** Bucket bounds of fetch and write timers: a page or a batch takes milliseconds to a minute. */
  static final Duration[] CALL_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2_500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  /** Bucket bounds of a source's run: seconds for an incremental run, hours for a backfill. */
  static final Duration[] RUN_BUCKETS = {
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(15),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2)
  };

  private MeterNames() {}
}
