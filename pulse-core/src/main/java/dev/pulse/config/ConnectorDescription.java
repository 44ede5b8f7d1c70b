package dev.pulse.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a connector type accepts in its {@code settings}: the description the validator checks a
 * source's settings against, without creating the connector.
 *
 * @param type the connector type, e.g. {@code jira}
 * @param settings the accepted settings; names are unique
 */
public record ConnectorDescription(String type, List<SettingSpec> settings) {
  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the type is blank or two settings share a name
   */
  public ConnectorDescription {
    Objects.requireNonNull(type, "type");
    if (type.isBlank()) {
      throw new IllegalArgumentException("type must not be blank");
    }
    settings = List.copyOf(settings);
    Map<String, SettingSpec> seen = new LinkedHashMap<>();
    for (SettingSpec spec : settings) {
      if (seen.put(spec.name(), spec) != null) {
        throw new IllegalArgumentException("setting " + spec.name() + " is declared twice");
      }
    }
  }

  /**
   * Creates a description.
   *
   * @param type the type
   * @param settings the settings
   * @return the description
   */
  public static ConnectorDescription of(String type, SettingSpec... settings) {
    return new ConnectorDescription(type, List.of(settings));
  }

  /**
   * Returns the spec of one setting.
   *
   * @param name the key
   * @return the spec, or null when the type does not accept it
   */
  public @org.jspecify.annotations.Nullable SettingSpec setting(String name) {
    for (SettingSpec spec : settings) {
      if (spec.name().equals(name)) {
        return spec;
      }
    }
    return null;
  }
}
