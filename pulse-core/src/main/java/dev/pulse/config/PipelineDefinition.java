package dev.pulse.config;

import dev.pulse.internal.Tenants;
import dev.pulse.pipeline.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One pipeline as written in JSON or built in code: name, tenant, labels, annotations, limits,
 * retry policy and sources.
 *
 * <p>The record holds what was written, checked only for nulls; {@link PipelineConfig#validate}
 * checks everything else and reports every problem at once, with the same rules for JSON and code.
 * Immutable.
 *
 * @param name the pipeline's name
 * @param tenant the tenant
 * @param labels labels for selection
 * @param annotations free-text annotations
 * @param globalConcurrency scopes of all sources read at once
 * @param maxAttempts attempts per scope and run
 * @param initialBackoff backoff cap before the second attempt
 * @param maxBackoff largest backoff cap
 * @param sources the sources
 */
public record PipelineDefinition(
    String name,
    String tenant,
    Map<String, String> labels,
    Map<String, String> annotations,
    int globalConcurrency,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    List<SourceDefinition> sources) {
  /** Checks for nulls and copies the collections. */
  public PipelineDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tenant, "tenant");
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    sources = List.copyOf(sources);
  }

  /**
   * Starts a builder with the defaults of {@link dev.pulse.pipeline.Pipeline}.
   *
   * @param name the pipeline's name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder of {@link PipelineDefinition}; values are checked by validation, not here. */
  public static final class Builder {
    private final String name;
    private String tenant = Tenants.DEFAULT;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private int globalConcurrency = 8;
    private int maxAttempts = RetryPolicy.defaults().maxAttempts();
    private Duration initialBackoff = RetryPolicy.defaults().initialBackoff();
    private Duration maxBackoff = RetryPolicy.defaults().maxBackoff();
    private final List<SourceDefinition> sources = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the tenant.
     *
     * @param tenant the tenant
     * @return this builder
     */
    public Builder tenant(String tenant) {
      this.tenant = Objects.requireNonNull(tenant, "tenant");
      return this;
    }

    /**
     * Adds a label.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds an annotation.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder annotation(String key, String value) {
      annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the global concurrency.
     *
     * @param limit scopes read at once
     * @return this builder
     */
    public Builder globalConcurrency(int limit) {
      this.globalConcurrency = limit;
      return this;
    }

    /**
     * Sets the retry policy's values.
     *
     * @param maxAttempts attempts in all
     * @param initialBackoff backoff cap before the second attempt
     * @param maxBackoff largest backoff cap
     * @return this builder
     */
    public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
      this.maxAttempts = maxAttempts;
      this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
      this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Adds a source.
     *
     * @param source the source
     * @return this builder
     */
    public Builder source(SourceDefinition source) {
      sources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /**
     * Builds the definition.
     *
     * @return the definition
     */
    public PipelineDefinition build() {
      return new PipelineDefinition(
          name,
          tenant,
          labels,
          annotations,
          globalConcurrency,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          sources);
    }
  }
}
