package dev.pulse.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated connector configuration: the values of a {@link ConfigSpec}'s keys, defaults applied,
 * read back as typed values.
 *
 * <p>Immutable and thread-safe. {@link #toString()} masks every {@linkplain ConfigKey#secret()
 * secret} value, so the configuration can be logged.
 */
public final class ConnectorConfig {
  private final ConfigSpec spec;
  private final Map<String, Object> values;

  private ConnectorConfig(ConfigSpec spec, Map<String, Object> values) {
    this.spec = spec;
    this.values = values;
  }

  /**
   * Validates a configuration against a spec and returns it with defaults applied.
   *
   * @param spec the spec
   * @param config the configuration, keys to Java values or their text form
   * @return the configuration
   * @throws dev.pulse.InvalidConfigException listing every problem, if there is any
   */
  public static ConnectorConfig of(ConfigSpec spec, Map<String, ?> config) {
    Objects.requireNonNull(spec, "spec");
    spec.requireValid(config);
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey key : spec.keys()) {
      Object value = config.get(key.name());
      String fallback = key.defaultValue();
      if (value != null) {
        values.put(key.name(), value);
      } else if (fallback != null) {
        values.put(key.name(), fallback);
      }
    }
    return new ConnectorConfig(spec, values);
  }

  /**
   * Returns the spec this configuration was validated against.
   *
   * @return the spec
   */
  public ConfigSpec spec() {
    return spec;
  }

  /**
   * Tells whether a key has a value, given or defaulted.
   *
   * @param name the key
   * @return true if the key has a value
   */
  public boolean has(String name) {
    return values.containsKey(declared(name).name());
  }

  /**
   * Returns a text value.
   *
   * @param name the key
   * @return the value, or null when the key is absent and has no default
   */
  public @Nullable String string(String name) {
    Object value = values.get(declared(name).name());
    return value == null ? null : value.toString();
  }

  /**
   * Returns a whole-number value.
   *
   * @param name the key, of type {@link ConfigType#INTEGER}
   * @return the value, or null when absent
   */
  public @Nullable Long integer(String name) {
    Object value = typed(name, ConfigType.INTEGER);
    return value == null
        ? null
        : value instanceof Number number
            ? number.longValue()
            : Long.parseLong(value.toString().strip());
  }

  /**
   * Returns a flag value.
   *
   * @param name the key, of type {@link ConfigType#BOOLEAN}
   * @return the value, or null when absent
   */
  public @Nullable Boolean bool(String name) {
    Object value = typed(name, ConfigType.BOOLEAN);
    return value == null
        ? null
        : value instanceof Boolean flag ? flag : Boolean.parseBoolean(value.toString().strip());
  }

  /**
   * Returns a duration value.
   *
   * @param name the key, of type {@link ConfigType#DURATION}
   * @return the value, or null when absent
   */
  public @Nullable Duration duration(String name) {
    Object value = typed(name, ConfigType.DURATION);
    return value == null
        ? null
        : value instanceof Duration duration ? duration : Duration.parse(value.toString().strip());
  }

  /**
   * Returns a URI value.
   *
   * @param name the key, of type {@link ConfigType#URI}
   * @return the value, or null when absent
   */
  public @Nullable URI uri(String name) {
    Object value = typed(name, ConfigType.URI);
    return value == null
        ? null
        : value instanceof URI uri ? uri : URI.create(value.toString().strip());
  }

  /**
   * Returns a list value; comma-separated text is split and each element stripped.
   *
   * @param name the key, of type {@link ConfigType#LIST}
   * @return the value, or an empty list when absent
   */
  public List<String> list(String name) {
    Object value = typed(name, ConfigType.LIST);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return Arrays.stream(value.toString().split(",", -1))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private ConfigKey declared(String name) {
    return spec.key(name)
        .orElseThrow(() -> new IllegalArgumentException("no config key is named " + name));
  }

  private @Nullable Object typed(String name, ConfigType type) {
    ConfigKey key = declared(name);
    if (key.type() != type) {
      throw new IllegalArgumentException(
          "config key " + name + " is of type " + key.type() + ", not " + type);
    }
    return values.get(name);
  }

  /** Returns the values with every secret masked. */
  @Override
  public String toString() {
    return "ConnectorConfig" + spec.masked(values);
  }
}
