package dev.pulse.spi;

import dev.pulse.InvalidConfigException;
import dev.pulse.internal.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The description of a connector's configuration: its keys, in declaration order.
 *
 * <p>Immutable and thread-safe. {@link #validate(Map)} checks a configuration without connecting
 * anywhere and reports every problem at once: unknown keys, missing required keys and values of the
 * wrong type, each with its key, {@link dev.pulse.ErrorCode#INVALID_CONFIG} and a message that
 * quotes the bad value only when the key is not {@linkplain ConfigKey#secret() secret}. A null
 * value counts as absent.
 *
 * <pre>{@code
 * ConfigSpec spec = ConfigSpec.of(
 *     ConfigKey.required("baseUrl", ConfigType.URI, "Jira's base URL"),
 *     ConfigKey.required("token", ConfigType.STRING, "API token").asSecret());
 * List<ConfigProblem> problems = spec.validate(Map.of("baseUrl", "not a uri"));
 * // [baseUrl: must be an absolute URI ..., token: is required but missing]
 * }</pre>
 *
 * @param keys the keys, with distinct names
 */
public record ConfigSpec(List<ConfigKey> keys) {
  private static final int MAX_QUOTED = 80;

  /**
   * Validates and copies the keys.
   *
   * @throws IllegalArgumentException if two keys share a name
   */
  public ConfigSpec {
    keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
    TreeSet<String> names = new TreeSet<>();
    for (ConfigKey key : keys) {
      if (!names.add(key.name())) {
        throw new IllegalArgumentException("two config keys are named " + key.name());
      }
    }
  }

  /**
   * Returns a spec of the given keys.
   *
   * @param keys the keys, with distinct names
   * @return the spec
   */
  public static ConfigSpec of(ConfigKey... keys) {
    return new ConfigSpec(List.of(keys));
  }

  /**
   * Returns the key with a name.
   *
   * @param name the name
   * @return the key, or empty if this spec has none of that name
   */
  public Optional<ConfigKey> key(String name) {
    Objects.requireNonNull(name, "name");
    return keys.stream().filter(key -> key.name().equals(name)).findFirst();
  }

  /**
   * Checks a configuration and returns every problem found.
   *
   * @param config the configuration, keys to values; values are Java values or their text form
   * @return the problems in key order (declared keys first, then unknown ones), empty when valid
   */
  public List<ConfigProblem> validate(Map<String, ?> config) {
    Objects.requireNonNull(config, "config");
    List<ConfigProblem> problems = new ArrayList<>();
    for (ConfigKey key : keys) {
      Object value = config.get(key.name());
      if (value == null) {
        if (key.required()) {
          problems.add(
              ConfigProblem.invalid(
                  key.name(), "is required but missing (" + key.description() + ")"));
        }
        continue;
      }
      String expected = ConfigValues.check(key.type(), value);
      if (expected != null) {
        problems.add(
            ConfigProblem.invalid(key.name(), "must be " + expected + describe(key, value)));
      }
    }
    TreeSet<String> unknown = new TreeSet<>();
    for (String name : config.keySet()) {
      if (key(Objects.requireNonNull(name, "config keys must not be null")).isEmpty()) {
        unknown.add(name);
      }
    }
    for (String name : unknown) {
      // An unknown key may be a misspelt secret, so its value is never quoted.
      problems.add(ConfigProblem.invalid(name, "is not a known key; known keys are " + names()));
    }
    return List.copyOf(problems);
  }

  /**
   * Checks a configuration and throws if it has any problem.
   *
   * @param config the configuration
   * @throws InvalidConfigException listing every problem, if there is any
   */
  public void requireValid(Map<String, ?> config) {
    List<ConfigProblem> problems = validate(config);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems.stream().map(ConfigProblem::toString).toList());
    }
  }

  /**
   * Renders a configuration with every secret value masked, for logs and error messages.
   *
   * @param config the configuration
   * @return a map of the same keys, with secret values (and values of unknown keys) replaced by
   *     {@code ***}
   */
  public Map<String, String> masked(Map<String, ?> config) {
    Map<String, String> shown = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : config.entrySet()) {
      Optional<ConfigKey> key = key(entry.getKey());
      boolean hide = key.isEmpty() || key.get().secret();
      shown.put(entry.getKey(), hide ? Redaction.MASK : String.valueOf(entry.getValue()));
    }
    return shown;
  }

  private List<String> names() {
    return keys.stream().map(ConfigKey::name).toList();
  }

  private static String describe(ConfigKey key, Object value) {
    if (key.secret()) {
      return " (the value of a secret key is not shown)";
    }
    if (value instanceof String text) {
      return " but was \"" + Redaction.sanitize(text, MAX_QUOTED) + "\"";
    }
    return " but was a " + value.getClass().getSimpleName();
  }
}
