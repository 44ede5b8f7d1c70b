package dev.pulse.examples;

import dev.pulse.model.Deployment;
import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigSpec;
import dev.pulse.spi.ConfigType;
import dev.pulse.spi.ConnectorConfig;
import dev.pulse.spi.ConnectorProvider;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The {@link ConnectorProvider} of the demo's generated deployments, connector type {@code
 * demo-deployments}: a deterministic deployment history of many repositories (failures followed by
 * recoveries, several environments), which grows by one day per {@code generation}, so a later run
 * of the demo has new deployments to read.
 *
 * <p>Settings: {@code repositories} (default 30), {@code days} (default 60), {@code seed} (default
 * 7), {@code start} (default {@code 2026-06-01T08:00:00Z}), {@code generation} (default 0).
 * Stateless and thread-safe; registered in {@code META-INF/services}.
 */
public final class DemoDeploymentsProvider implements ConnectorProvider {
  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.optional("repositories", ConfigType.INTEGER, "30", "how many repositories"),
          ConfigKey.optional("days", ConfigType.INTEGER, "60", "days of history"),
          ConfigKey.optional("seed", ConfigType.INTEGER, "7", "the generator's seed"),
          ConfigKey.optional(
              "start", ConfigType.STRING, "2026-06-01T08:00:00Z", "the first day's morning"),
          ConfigKey.optional(
              "generation",
              ConfigType.INTEGER,
              "0",
              "extra days that arrived since the first run"));

  /** Creates the provider; ServiceLoader needs a public no-argument constructor. */
  public DemoDeploymentsProvider() {}

  @Override
  public String type() {
    return "demo-deployments";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public dev.pulse.spi.Connector<Deployment> create(java.util.Map<String, ?> config) {
    ConnectorConfig settings = ConnectorConfig.of(SPEC, config);
    int repositories = Math.toIntExact(Objects.requireNonNull(settings.integer("repositories")));
    int days = Math.toIntExact(Objects.requireNonNull(settings.integer("days")));
    long seed = Objects.requireNonNull(settings.integer("seed"));
    int generation = Math.toIntExact(Objects.requireNonNull(settings.integer("generation")));
    Instant start = Instant.parse(Objects.requireNonNull(settings.string("start")));
    SyntheticDeploymentsConnector connector = new SyntheticDeploymentsConnector();
    List<String> names = Demo.repositories(repositories);
    Demo.generate(new Random(seed), start, days + generation, 0, names).forEach(connector::add);
    return connector;
  }
}
