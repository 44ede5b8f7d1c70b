package dev.pulse.kafka.connect;

import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigSpec;
import dev.pulse.spi.ConfigType;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ConnectorConfig;
import dev.pulse.spi.ConnectorProvider;
import java.util.Map;
import java.util.Objects;

/**
 * The provider of {@link FakeCi} connectors, type {@code fake-ci}, listed in this module's test
 * {@code META-INF/services} so that Connect's workers find it as they find a real one; its token is
 * secret, as a real source's would be.
 */
public final class FakeCiProvider implements ConnectorProvider {
  static final String TYPE = "fake-ci";
  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required("dataset", ConfigType.STRING, "The registered dataset to read"),
          ConfigKey.required("token", ConfigType.STRING, "The CI server's API token").asSecret());

  /** Creates the provider. */
  public FakeCiProvider() {}

  @Override
  public String type() {
    return TYPE;
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
    ConnectorConfig valid = ConnectorConfig.of(SPEC, config);
    return FakeCi.dataset(Objects.requireNonNull(valid.string("dataset"))).connector();
  }
}
