package dev.pulse.config;

import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigSpec;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ConnectorProvider;
import java.util.Map;

/** A provider that only describes its configuration; the validator never creates connectors. */
final class TestConnectorProvider implements ConnectorProvider {
  private final String type;
  private final ConfigSpec spec;

  TestConnectorProvider(String type, ConfigKey... keys) {
    this.type = type;
    this.spec = ConfigSpec.of(keys);
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public String version() {
    return "0.0.1";
  }

  @Override
  public ConfigSpec configSpec() {
    return spec;
  }

  @Override
  public Connector<?> create(Map<String, ?> config) {
    throw new AssertionError("validation must not create a connector");
  }
}
