package dev.pulse.cli;

import dev.pulse.EntityType;
import dev.pulse.ErrorCode;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.config.PipelineDefinition;
import dev.pulse.config.Secret;
import dev.pulse.config.SourceDefinition;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.micrometer.PipelineMetrics;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.pipeline.RetryPolicy;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ConnectorProvider;
import dev.pulse.spi.Sink;
import dev.pulse.status.LabelSelector;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipelines of a valid configuration, built over JDBC stores: each source's connector comes
 * from its {@link ConnectorProvider} (so any provider on the class path plugs in) and writes to the
 * {@link JdbcSink} of its entity type. Closing closes every connector.
 */
final class Pipelines implements AutoCloseable {
  private final List<Built> pipelines;

  /** One built pipeline with its definition and connectors. */
  record Built(PipelineDefinition definition, Pipeline pipeline, List<Connector<?>> connectors) {}

  private Pipelines(List<Built> pipelines) {
    this.pipelines = List.copyOf(pipelines);
  }

  /**
   * Builds the pipelines a selector matches (and, if given, the one of that name).
   *
   * @throws CliFailure if the configuration is invalid or nothing matches
   */
  static Pipelines build(
      LoadedConfig config,
      Stores stores,
      ProgressTracker tracker,
      PulseClock clock,
      LabelSelector selector,
      @org.jspecify.annotations.Nullable String name) {
    return build(config, stores, tracker, clock, selector, name, null);
  }

  /**
   * Builds the pipelines as {@link #build(LoadedConfig, Stores, ProgressTracker, PulseClock,
   * LabelSelector, String)} does, each measured on a registry when one is given.
   *
   * @param registry where {@link PipelineMetrics} puts each pipeline's meters, or null for none
   */
  static Pipelines build(
      LoadedConfig config,
      Stores stores,
      ProgressTracker tracker,
      PulseClock clock,
      LabelSelector selector,
      @org.jspecify.annotations.Nullable String name,
      @org.jspecify.annotations.Nullable MeterRegistry registry) {
    List<List<Map<String, Object>>> resolved = config.resolved();
    List<Built> built = new ArrayList<>();
    List<PipelineDefinition> definitions = config.pipelines();
    for (int i = 0; i < definitions.size(); i++) {
      PipelineDefinition definition = definitions.get(i);
      if (!selector.matches(definition.labels())
          || (name != null && !name.equals(definition.name()))) {
        continue;
      }
      built.add(build(definition, resolved.get(i), config, stores, tracker, clock, registry));
    }
    if (built.isEmpty()) {
      throw new CliFailure(
          ErrorCode.SCOPE_NOT_FOUND,
          "no pipeline in "
              + config.file()
              + " matches"
              + (name == null ? "" : " name " + name)
              + (selector.equals(LabelSelector.all()) ? "" : " labels " + selector)
              + "; it has "
              + definitions.stream().map(PipelineDefinition::name).toList());
    }
    return new Pipelines(built);
  }

  private static Built build(
      PipelineDefinition definition,
      List<Map<String, Object>> settings,
      LoadedConfig config,
      Stores stores,
      ProgressTracker tracker,
      PulseClock clock,
      @org.jspecify.annotations.Nullable MeterRegistry registry) {
    PipelineMetrics metrics =
        registry == null
            ? null
            : PipelineMetrics.builder(registry, definition.name())
                .tenant(definition.tenant())
                .clock(clock)
                .build();
    Pipeline.Builder builder =
        Pipeline.builder(definition.name())
            .tenant(definition.tenant())
            .watermarks(stores.watermarks())
            .deadLetters(stores.deadLetters())
            .progress(tracker)
            .progressPollInterval(Duration.ofSeconds(1))
            .globalConcurrency(definition.globalConcurrency())
            .retry(
                new RetryPolicy(
                    definition.maxAttempts(), definition.initialBackoff(), definition.maxBackoff()))
            .clock(clock);
    if (metrics != null) {
      builder.listener(metrics.listener());
    }
    definition.labels().forEach(builder::label);
    definition.annotations().forEach(builder::annotation);
    List<Connector<?>> connectors = new ArrayList<>();
    for (int j = 0; j < definition.sources().size(); j++) {
      SourceDefinition source = definition.sources().get(j);
      ConnectorProvider provider =
          config.catalog().provider(source.type()).orElseThrow(IllegalStateException::new);
      Connector<?> connector = provider.create(revealed(settings.get(j)));
      connectors.add(connector);
      builder.source(source(connector, source, stores.watermarks(), metrics));
    }
    Pipeline pipeline = builder.build();
    if (metrics != null) {
      metrics.monitor(pipeline);
    }
    return new Built(definition, pipeline, connectors);
  }

  /** The provider validates plain values; secrets are unwrapped only on the way into it. */
  static Map<String, Object> revealed(Map<String, Object> settings) {
    Map<String, Object> plain = new LinkedHashMap<>();
    settings.forEach(
        (key, value) -> plain.put(key, value instanceof Secret secret ? secret.reveal() : value));
    return plain;
  }

  private static <T> PipelineSource<T> source(
      Connector<T> connector,
      SourceDefinition source,
      JdbcWatermarkStore watermarks,
      @org.jspecify.annotations.Nullable PipelineMetrics metrics) {
    Sink<T> sink = sinkFor(connector.entityType(), watermarks);
    PipelineSource.Builder<T> builder =
        (metrics == null ? PipelineSource.of(connector, sink) : metrics.source(connector, sink))
            .concurrency(source.concurrency())
            .interval(source.interval())
            .jitter(source.jitter());
    if (!source.scopes().isEmpty()) {
      builder.scopes(source.scopes().stream().map(ScopeKey::parse).toList());
    }
    return builder.build();
  }

  /** The sink of an entity type; the connector's type parameter is the entity's record. */
  @SuppressWarnings("unchecked")
  static <T> Sink<T> sinkFor(EntityType entityType, JdbcWatermarkStore watermarks) {
    Sink<?> sink;
    if (entityType.equals(EntityType.ISSUES)) {
      sink = JdbcSink.issues(watermarks);
    } else if (entityType.equals(EntityType.PULL_REQUESTS)) {
      sink = JdbcSink.pullRequests(watermarks);
    } else if (entityType.equals(EntityType.DEPLOYMENTS)) {
      sink = JdbcSink.deployments(watermarks);
    } else if (entityType.equals(EntityType.SPRINTS)) {
      sink = JdbcSink.sprints(watermarks);
    } else if (entityType.equals(EntityType.INCIDENTS)) {
      sink = JdbcSink.incidents(watermarks);
    } else {
      throw new CliFailure(
          ErrorCode.INVALID_CONFIG,
          "the pulse command stores only the canonical entity types, not " + entityType);
    }
    return (Sink<T>) sink;
  }

  List<Built> all() {
    return pipelines;
  }

  @Override
  public void close() {
    for (Built built : pipelines) {
      for (Connector<?> connector : built.connectors()) {
        try {
          connector.close();
        } catch (Exception e) {
          // Closing is best effort at exit; the work is already stored.
        }
      }
    }
  }
}
