package dev.pulse.micrometer;

import static dev.pulse.micrometer.MeterNames.HEALTH;
import static dev.pulse.micrometer.MeterNames.SCOPE;

import dev.pulse.PulseClock;
import dev.pulse.status.HealthState;
import dev.pulse.status.PipelineStatus;
import dev.pulse.status.ScopeStatus;
import dev.pulse.status.SourceStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Gauges read from a pipeline's status: per source always, per scope when the scope tag is on.
 *
 * <p>Values come from the last status read, which a gauge read renews when it is older than the
 * refresh interval; ages and waits are computed against the clock at read time, so they grow
 * between reads. A refresh registers gauges for new sources and scopes and removes those of scopes
 * that left the status. Thread-safe: refreshes are serialized, reads see an immutable view.
 */
final class StatusGauges {
  private final MeterRegistry registry;
  private final Tags base;
  private final boolean scopeTag;
  private final PulseClock clock;
  private final long refreshNanos;
  private final Supplier<PipelineStatus> status;
  private final Object lock = new Object();
  private final Map<String, List<Meter>> sourceMeters = new HashMap<>();
  private final Map<String, List<Meter>> scopeMeters = new HashMap<>();
  private volatile View view = new View(Map.of(), Map.of(), Long.MIN_VALUE);

  /** The last status, indexed: source id to source, {@code <source id> <scope>} to scope. */
  private record View(
      Map<String, SourceStatus> sources, Map<String, ScopeStatus> scopes, long at) {}

  StatusGauges(
      MeterRegistry registry,
      Tags base,
      boolean scopeTag,
      PulseClock clock,
      Duration refresh,
      Supplier<PipelineStatus> status) {
    this.registry = registry;
    this.base = base;
    this.scopeTag = scopeTag;
    this.clock = clock;
    this.refreshNanos = refresh.toNanos();
    this.status = status;
  }

  void refresh() {
    synchronized (lock) {
      PipelineStatus current;
      try {
        current = status.get();
      } catch (RuntimeException e) {
        // A failing status (a store down) must not break a scrape: the last values stay.
        return;
      }
      Map<String, SourceStatus> sources = new HashMap<>();
      Map<String, ScopeStatus> scopes = new HashMap<>();
      for (SourceStatus source : current.sources()) {
        sources.put(source.source(), source);
        for (ScopeStatus scope : source.scopes()) {
          scopes.put(scopeId(source.source(), scope.scope()), scope);
        }
      }
      view = new View(Map.copyOf(sources), Map.copyOf(scopes), clock.monotonicNanos());
      for (SourceStatus source : current.sources()) {
        sourceMeters.computeIfAbsent(source.source(), id -> registerSource(source));
      }
      if (scopeTag) {
        for (SourceStatus source : current.sources()) {
          for (ScopeStatus scope : source.scopes()) {
            scopeMeters.computeIfAbsent(
                scopeId(source.source(), scope.scope()), id -> registerScope(source, scope, id));
          }
        }
        scopeMeters
            .entrySet()
            .removeIf(
                entry -> {
                  if (scopes.containsKey(entry.getKey())) {
                    return false;
                  }
                  entry.getValue().forEach(registry::remove);
                  return true;
                });
      }
    }
  }

  private View view() {
    View current = view;
    if (clock.monotonicNanos() - current.at() > refreshNanos) {
      refresh();
      current = view;
    }
    return current;
  }

  private static String scopeId(String sourceId, String scope) {
    return sourceId + " " + scope;
  }

  private Tags sourceTags(SourceStatus source) {
    return PipelineMetrics.sourceIdTags(
        base, source.source(), dev.pulse.EntityType.of(source.entityType()));
  }

  private List<Meter> registerSource(SourceStatus source) {
    String id = source.source();
    Tags tags = sourceTags(source);
    List<Meter> meters = new ArrayList<>();
    for (HealthState health : HealthState.values()) {
      meters.add(
          gauge(
              MeterNames.SOURCE_SCOPES,
              "scopes of the source in each health state",
              null,
              tags.and(HEALTH, health.name()),
              g -> g.sourceValue(id, s -> count(s, health))));
    }
    meters.add(
        gauge(
            MeterNames.SOURCE_HEALTH,
            "the source's health: 0 LIVE, 1 SYNCING, 2 STALE, 3 ERROR",
            null,
            tags,
            g -> g.sourceValue(id, s -> level(s.health()))));
    meters.add(
        gauge(
            MeterNames.SOURCE_WATERMARK_AGE_MAX,
            "time since the watermark moved, of the source's scope that moved longest ago",
            "seconds",
            tags,
            g -> g.sourceValue(id, g::maxAge)));
    meters.add(
        gauge(
            MeterNames.SOURCE_LAG,
            "items left to read in the runs in progress, over scopes that could count them",
            null,
            tags,
            g ->
                g.sourceValue(
                    id,
                    s ->
                        s.scopes().stream()
                            .mapToLong(c -> c.lagItems() == null ? 0 : c.lagItems())
                            .sum())));
    meters.add(
        gauge(
            MeterNames.SOURCE_DEAD_LETTERS,
            "dead letters kept for the source's scopes",
            null,
            tags,
            g ->
                g.sourceValue(
                    id, s -> s.scopes().stream().mapToLong(ScopeStatus::deadLetters).sum())));
    meters.add(
        gauge(
            MeterNames.SOURCE_RATE_LIMIT_RESUME,
            "when a rate-limited source may be asked again, Unix time; 0 when not limited",
            "seconds",
            tags,
            g -> g.sourceValue(id, g::resumeAt)));
    meters.add(
        gauge(
            MeterNames.SOURCE_RATE_LIMIT_WAIT,
            "time left until a rate-limited source may be asked again; 0 when not limited",
            "seconds",
            tags,
            g -> g.sourceValue(id, g::waitLeft)));
    return meters;
  }

  private List<Meter> registerScope(SourceStatus source, ScopeStatus scope, String id) {
    Tags tags = sourceTags(source).and(SCOPE, scope.scope());
    List<Meter> meters = new ArrayList<>();
    meters.add(
        gauge(
            MeterNames.SCOPE_WATERMARK_AGE,
            "time since the scope's watermark moved; NaN when nothing is stored",
            "seconds",
            tags,
            g -> g.scopeValue(id, c -> g.ageOf(c.watermarkUpdatedAt()))));
    meters.add(
        gauge(
            MeterNames.SCOPE_LAG,
            "items left to read in the run in progress; NaN when not counted",
            null,
            tags,
            g -> g.scopeValue(id, c -> orNaN(c.lagItems()))));
    meters.add(
        gauge(
            MeterNames.SCOPE_RATE,
            "the scope's current ingestion rate; NaN when unknown",
            null,
            tags,
            g -> g.scopeValue(id, c -> orNaN(c.itemsPerSecond()))));
    meters.add(
        gauge(
            MeterNames.SCOPE_FAILURES,
            "the scope's failed runs in a row",
            null,
            tags,
            g -> g.scopeValue(id, ScopeStatus::consecutiveFailures)));
    meters.add(
        gauge(
            MeterNames.SCOPE_STALLED,
            "1 while the scope's run is stalled",
            null,
            tags,
            g -> g.scopeValue(id, c -> c.stalled() ? 1 : 0)));
    meters.add(
        gauge(
            MeterNames.SCOPE_HEALTH,
            "the scope's health: 0 LIVE, 1 SYNCING, 2 STALE, 3 ERROR",
            null,
            tags,
            g -> g.scopeValue(id, c -> level(c.health()))));
    meters.add(
        gauge(
            MeterNames.SCOPE_DEAD_LETTERS,
            "dead letters kept for the scope",
            null,
            tags,
            g -> g.scopeValue(id, ScopeStatus::deadLetters)));
    return meters;
  }

  private Gauge gauge(
      String name,
      String description,
      @Nullable String unit,
      Tags tags,
      ToDoubleFunction<StatusGauges> value) {
    return Gauge.builder(name, this, value)
        .description(description)
        .baseUnit(unit)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private double sourceValue(String id, ToDoubleFunction<SourceStatus> value) {
    SourceStatus source = view().sources().get(id);
    return source == null ? Double.NaN : value.applyAsDouble(source);
  }

  private double scopeValue(String id, ToDoubleFunction<ScopeStatus> value) {
    ScopeStatus scope = view().scopes().get(id);
    return scope == null ? Double.NaN : value.applyAsDouble(scope);
  }

  private static double count(SourceStatus source, HealthState health) {
    return source.scopes().stream().filter(s -> s.health() == health).count();
  }

  private double maxAge(SourceStatus source) {
    double max = Double.NaN;
    for (ScopeStatus scope : source.scopes()) {
      double age = ageOf(scope.watermarkUpdatedAt());
      if (!Double.isNaN(age) && (Double.isNaN(max) || age > max)) {
        max = age;
      }
    }
    return max;
  }

  private double ageOf(@Nullable Instant at) {
    return at == null ? Double.NaN : Math.max(0, clock.wallTimeMillis() - at.toEpochMilli()) / 1e3;
  }

  private double resumeAt(SourceStatus source) {
    Instant until = source.rateLimitedUntil();
    return until == null ? 0 : until.toEpochMilli() / 1e3;
  }

  private double waitLeft(SourceStatus source) {
    Instant until = source.rateLimitedUntil();
    return until == null ? 0 : Math.max(0, until.toEpochMilli() - clock.wallTimeMillis()) / 1e3;
  }

  /** The documented gauge value of a state; fixed here so a new state cannot shift the others. */
  private static double level(HealthState health) {
    return switch (health) {
      case LIVE -> 0;
      case SYNCING -> 1;
      case STALE -> 2;
      case ERROR -> 3;
    };
  }

  private static double orNaN(@Nullable Number value) {
    return value == null ? Double.NaN : value.doubleValue();
  }
}
