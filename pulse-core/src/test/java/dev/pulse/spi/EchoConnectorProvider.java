package dev.pulse.spi;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryConnector;
import java.util.Map;

/** A provider registered through META-INF/services in the test resources. */
public final class EchoConnectorProvider implements ConnectorProvider {
  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required("baseUrl", ConfigType.URI, "The vendor's base URL"),
          ConfigKey.required("token", ConfigType.STRING, "The API token").asSecret(),
          ConfigKey.optional("pageSize", ConfigType.INTEGER, "50", "Items per page"),
          ConfigKey.optional("projects", ConfigType.LIST, null, "Projects to read"));

  /** Creates the provider; ServiceLoader needs a public no-argument constructor. */
  public EchoConnectorProvider() {}

  @Override
  public String type() {
    return "echo";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Connector<?> create(Map<String, ?> config) {
    ConnectorConfig settings = ConnectorConfig.of(SPEC, config);
    InMemoryConnector.Builder<String> builder =
        InMemoryConnector.builder(
            "echo", EntityType.ISSUES, (String s) -> dev.pulse.Position.token(s));
    for (String project : settings.list("projects")) {
      builder.scope(ScopeKey.of("echo", "project", project), java.util.List.of());
    }
    return builder.build();
  }
}
