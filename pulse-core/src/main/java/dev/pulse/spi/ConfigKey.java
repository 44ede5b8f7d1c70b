package dev.pulse.spi;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One key of a connector's configuration: its name, type, whether it is required or secret, its
 * default and what it means.
 *
 * <p>Immutable. A secret key (a token, a password) is never echoed: validation problems name it but
 * never quote its value, and {@link ConnectorConfig#toString()} masks it. A secret key has no
 * default, and a required key has no default either (it would never be used).
 *
 * <pre>{@code
 * ConfigKey baseUrl = ConfigKey.required("baseUrl", ConfigType.URI, "Jira's base URL");
 * ConfigKey token = ConfigKey.required("token", ConfigType.STRING, "API token").asSecret();
 * ConfigKey pageSize = ConfigKey.optional("pageSize", ConfigType.INTEGER, "50", "Issues per page");
 * }</pre>
 *
 * @param name the key, e.g. {@code baseUrl}: a letter, then letters, digits, {@code _}, {@code -}
 *     or {@code .}
 * @param type the value's type
 * @param required whether the key must be present
 * @param secret whether the value is a credential that must never be shown
 * @param defaultValue the text form of the value used when the key is absent, or null for none
 * @param description what the key means, one sentence
 */
public record ConfigKey(
    String name,
    ConfigType type,
    boolean required,
    boolean secret,
    @Nullable String defaultValue,
    String description) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,127}");

  /**
   * Validates the key.
   *
   * @throws IllegalArgumentException if the name is malformed, the description blank, the default
   *     not of the key's type, or a required or secret key has a default
   */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must match " + NAME.pattern() + " but was \"" + name + "\"");
    }
    if (description.isBlank()) {
      throw new IllegalArgumentException("description of " + name + " must not be blank");
    }
    if (defaultValue != null) {
      if (required) {
        throw new IllegalArgumentException("required key " + name + " must not have a default");
      }
      if (secret) {
        throw new IllegalArgumentException("secret key " + name + " must not have a default");
      }
      String problem = ConfigValues.check(type, defaultValue);
      if (problem != null) {
        throw new IllegalArgumentException(
            "default of " + name + " must be " + problem + " but was \"" + defaultValue + "\"");
      }
    }
  }

  /**
   * Returns a required, non-secret key.
   *
   * @param name the key
   * @param type the value's type
   * @param description what the key means
   * @return the key
   */
  public static ConfigKey required(String name, ConfigType type, String description) {
    return new ConfigKey(name, type, true, false, null, description);
  }

  /**
   * Returns an optional, non-secret key.
   *
   * @param name the key
   * @param type the value's type
   * @param defaultValue the text form of the default, or null for none
   * @param description what the key means
   * @return the key
   */
  public static ConfigKey optional(
      String name, ConfigType type, @Nullable String defaultValue, String description) {
    return new ConfigKey(name, type, false, false, defaultValue, description);
  }

  /**
   * Returns this key marked secret.
   *
   * @return a copy whose value is never shown
   * @throws IllegalArgumentException if this key has a default
   */
  public ConfigKey asSecret() {
    return new ConfigKey(name, type, required, true, defaultValue, description);
  }

  /** Renders the key's declaration; it holds no configured value, so nothing is masked. */
  @Override
  public String toString() {
    return name
        + " ("
        + type
        + (required ? ", required" : ", optional")
        + (secret ? ", secret" : "")
        + (defaultValue == null ? "" : ", default " + defaultValue)
        + ")";
  }
}
