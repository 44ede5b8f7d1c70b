package dev.pulse.spi;

import java.util.List;
import java.util.Map;

/**
 * A factory of one type of {@link Connector}, with the metadata needed to check its configuration
 * before connecting: its type name, version and {@link ConfigSpec}.
 *
 * <p>Implementations must be thread-safe and stateless (one instance may create many connectors),
 * have a public no-argument constructor, and may be listed in {@code
 * META-INF/services/dev.pulse.spi.ConnectorProvider} (or {@code provides} in a module) so that
 * {@link ConnectorProviders#discover(ClassLoader)} can list them. Discovery only lists; nothing is
 * installed or created until the caller chooses a provider.
 *
 * <pre>{@code
 * public final class JiraConnectorProvider implements ConnectorProvider {
 *   static final ConfigSpec SPEC = ConfigSpec.of(
 *       ConfigKey.required("baseUrl", ConfigType.URI, "Jira's base URL"),
 *       ConfigKey.required("token", ConfigType.STRING, "API token").asSecret());
 *   public String type() { return "jira"; }
 *   public String version() { return "1.2.0"; }
 *   public ConfigSpec configSpec() { return SPEC; }
 *   public Connector<?> create(Map<String, ?> config) {
 *     return new JiraConnector(ConnectorConfig.of(SPEC, config)); // throws on any problem
 *   }
 * }
 * }</pre>
 */
public interface ConnectorProvider {
  /**
   * Returns the connector type this provider creates, the name a pipeline uses to ask for it, e.g.
   * {@code jira}: lower-case, {@code [a-z0-9][a-z0-9_.-]*}.
   *
   * @return the type name
   */
  String type();

  /**
   * Returns the version of the connector implementation, e.g. {@code 1.2.0}.
   *
   * @return the version, not blank
   */
  String version();

  /**
   * Describes the configuration {@link #create(Map)} accepts.
   *
   * @return the spec
   */
  ConfigSpec configSpec();

  /**
   * Checks a configuration without connecting and returns every problem found. The default checks
   * it against {@link #configSpec()}; override to add checks across keys, keeping those.
   *
   * @param config the configuration
   * @return every problem, empty when valid; messages never quote secret values
   */
  default List<ConfigProblem> validate(Map<String, ?> config) {
    return configSpec().validate(config);
  }

  /**
   * Creates a connector from a configuration.
   *
   * @param config the configuration
   * @return a new connector, owned (and closed) by the caller
   * @throws dev.pulse.InvalidConfigException listing every problem {@link #validate(Map)} finds
   */
  Connector<?> create(Map<String, ?> config);
}
