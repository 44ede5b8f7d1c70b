package dev.pulse.config;

import dev.pulse.pipeline.PipelineSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One source of a {@link PipelineDefinition} as written: a connector type, how it is run, optional
 * fixed scopes and the connector's settings.
 *
 * <p>The record holds what was written, checked only for nulls; {@link PipelineConfig#validate}
 * checks everything else and reports every problem at once. Setting values are {@link String}
 * (which may contain {@code ${ENV}} references), {@link Long}, {@link Boolean} or {@link FileRef}.
 * Immutable.
 *
 * @param type the connector type, e.g. {@code jira}
 * @param concurrency how many scopes are read at once
 * @param interval time between runs in continuous mode
 * @param jitter the largest random delay added to each interval
 * @param scopes fixed scope keys, or empty for the connector's discovered scopes
 * @param settings the connector's settings
 */
public record SourceDefinition(
    String type,
    int concurrency,
    Duration interval,
    Duration jitter,
    List<String> scopes,
    Map<String, Object> settings) {
  /**
   * Checks for nulls and copies the collections.
   *
   * @throws IllegalArgumentException if a setting value is of an unsupported type
   */
  public SourceDefinition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(jitter, "jitter");
    scopes = List.copyOf(scopes);
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> setting : settings.entrySet()) {
      Object value = Objects.requireNonNull(setting.getValue(), setting.getKey());
      if (!(value instanceof String
          || value instanceof Long
          || value instanceof Boolean
          || value instanceof FileRef)) {
        throw new IllegalArgumentException(
            "setting "
                + setting.getKey()
                + " must be a String, Long, Boolean or FileRef but was a "
                + value.getClass().getSimpleName());
      }
      copy.put(setting.getKey(), value);
    }
    settings = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Starts a builder with the defaults of {@link PipelineSource}.
   *
   * @param type the connector type
   * @return a builder
   */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** Leaves settings out: they may hold secrets. */
  @Override
  public String toString() {
    return "SourceDefinition["
        + type
        + ", concurrency="
        + concurrency
        + ", interval="
        + interval
        + ", jitter="
        + jitter
        + ", scopes="
        + scopes
        + ", settings="
        + settings.keySet()
        + "]";
  }

  /** A builder of {@link SourceDefinition}; values are checked by validation, not here. */
  public static final class Builder {
    private final String type;
    private int concurrency = PipelineSource.DEFAULT_CONCURRENCY;
    private Duration interval = PipelineSource.DEFAULT_INTERVAL;
    private Duration jitter = Duration.ZERO;
    private List<String> scopes = List.of();
    private final Map<String, Object> settings = new LinkedHashMap<>();

    private Builder(String type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Sets the concurrency.
     *
     * @param concurrency scopes read at once
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Sets the interval.
     *
     * @param interval time between runs
     * @return this builder
     */
    public Builder interval(Duration interval) {
      this.interval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Sets the jitter.
     *
     * @param jitter the largest random delay added to each interval
     * @return this builder
     */
    public Builder jitter(Duration jitter) {
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    /**
     * Sets fixed scope keys.
     *
     * @param scopes keys such as {@code jira:project:BG}
     * @return this builder
     */
    public Builder scopes(List<String> scopes) {
      this.scopes = List.copyOf(scopes);
      return this;
    }

    /**
     * Sets a setting.
     *
     * @param key the key
     * @param value a String (may hold {@code ${ENV}}), Long, Boolean or FileRef
     * @return this builder
     */
    public Builder setting(String key, Object value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
      return this;
    }

    /**
     * Builds the definition.
     *
     * @return the definition
     */
    public SourceDefinition build() {
      return new SourceDefinition(type, concurrency, interval, jitter, scopes, settings);
    }
  }
}
