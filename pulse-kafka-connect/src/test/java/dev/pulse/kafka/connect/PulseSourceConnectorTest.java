package dev.pulse.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.testkit.fake.SyntheticDeployments;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PulseSourceConnectorTest {
  private static final String SECRET = "s3cr3t-token-value";
  private final TestContexts.Connector context = new TestContexts.Connector();
  private final PulseSourceConnector connector = new PulseSourceConnector();

  @AfterEach
  void stop() {
    connector.stop();
  }

  private static Map<String, String> config(String dataset) {
    Map<String, String> config = new HashMap<>();
    config.put("name", "ci");
    config.put("connector.class", PulseSourceConnector.class.getName());
    config.put(ConnectSettings.CONNECTOR, FakeCiProvider.TYPE);
    config.put(ConnectSettings.TOPIC, "deployments");
    config.put("settings.dataset", dataset);
    config.put("settings.token", SECRET);
    return config;
  }

  private static ConfigValue value(Config config, String name) {
    return config.configValues().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no config value " + name));
  }

  @Test
  void theProvidersFoundOnTheClassPathAreDeclaredWithSecretsAsPasswords() {
    ConfigDef def = connector.config();
    assertEquals(ConfigDef.Type.PASSWORD, def.configKeys().get("settings.token").type);
    assertEquals(ConfigDef.Type.STRING, def.configKeys().get("settings.dataset").type);
    assertTrue(def.configKeys().get(ConnectSettings.CONNECTOR).documentation.contains("fake-ci"));
  }

  @Test
  void aValidConfigurationHasNoErrors() {
    FakeCi.register("valid", 1, 1);
    for (ConfigValue value : connector.validate(config("valid")).configValues()) {
      assertEquals(List.of(), value.errorMessages(), value.name());
    }
  }

  @Test
  void theProvidersProblemsAreReportedOnTheirKeysWithTheirCodeAndNoSecret() {
    Map<String, String> config = config("any");
    config.remove("settings.dataset");
    config.put("settings.tokn", SECRET);
    Config result = connector.validate(config);
    assertEquals(
        List.of("INVALID_CONFIG: is required but missing (The registered dataset to read)"),
        value(result, "settings.dataset").errorMessages());
    assertTrue(
        value(result, "settings.tokn").errorMessages().get(0).startsWith("INVALID_CONFIG: "));
    assertFalse(result.toString().contains(SECRET));
    for (ConfigValue v : result.configValues()) {
      assertFalse(v.errorMessages().toString().contains(SECRET), v.name());
    }
  }

  @Test
  void anUnknownTypeAndABadScopeAreReportedOnTheirKeys() {
    Map<String, String> config = config("any");
    config.put(ConnectSettings.CONNECTOR, "jiraa");
    config.put(ConnectSettings.SCOPES, "ci:repo:r000,not a scope");
    Config result = connector.validate(config);
    assertEquals(
        List.of("INVALID_CONFIG: no Pulse connector has type \"jiraa\"; known types are [fake-ci]"),
        value(result, ConnectSettings.CONNECTOR).errorMessages());
    assertEquals(1, value(result, ConnectSettings.SCOPES).errorMessages().size());
    assertTrue(
        value(result, ConnectSettings.SCOPES)
            .errorMessages()
            .get(0)
            .startsWith("INVALID_SCOPE_KEY"));
  }

  @Test
  void connectsOwnChecksStillApply() {
    Map<String, String> config = config("any");
    config.remove(ConnectSettings.TOPIC);
    config.put(ConnectSettings.PAGE_SIZE, "0");
    Config result = connector.validate(config);
    assertFalse(value(result, ConnectSettings.TOPIC).errorMessages().isEmpty());
    assertFalse(value(result, ConnectSettings.PAGE_SIZE).errorMessages().isEmpty());
  }

  @Test
  void startRefusesAnInvalidConfigurationWithoutQuotingTheSecret() {
    Map<String, String> config = config("any");
    config.put(ConnectSettings.CONNECTOR, "jiraa");
    connector.initialize(context);
    ConfigException e = assertThrows(ConfigException.class, () -> connector.start(config));
    assertTrue(e.getMessage().contains("pulse.connector: INVALID_CONFIG"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void exactlyOnceAndTransactionBoundariesAreSupported() {
    assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(config("any")));
    assertEquals(
        ConnectorTransactionBoundaries.SUPPORTED,
        connector.canDefineTransactionBoundaries(config("any")));
  }

  @Test
  void theDiscoveredScopesAreSpreadOverTheTasks() {
    FakeCi.register("spread", 5, 1);
    connector.initialize(context);
    connector.start(config("spread"));
    List<Map<String, String>> tasks = connector.taskConfigs(2);
    assertEquals(2, tasks.size());
    assertEquals(
        List.of(
            SyntheticDeployments.scope(0),
            SyntheticDeployments.scope(2),
            SyntheticDeployments.scope(4)),
        TaskScopes.decode(tasks.get(0).get(TaskScopes.KEY)));
    assertEquals(
        List.of(SyntheticDeployments.scope(1), SyntheticDeployments.scope(3)),
        TaskScopes.decode(tasks.get(1).get(TaskScopes.KEY)));
    assertEquals("deployments", tasks.get(1).get(ConnectSettings.TOPIC));
  }

  @Test
  void listedScopesAreUsedInsteadOfDiscovery() {
    FakeCi.register("listed", 5, 1);
    Map<String, String> config = config("listed");
    config.put(ConnectSettings.SCOPES, "ci:repo:r003");
    connector.initialize(context);
    connector.start(config);
    List<Map<String, String>> tasks = connector.taskConfigs(4);
    assertEquals(1, tasks.size());
    assertEquals(
        List.of(SyntheticDeployments.scope(3)),
        TaskScopes.decode(tasks.get(0).get(TaskScopes.KEY)));
  }

  @Test
  void aNewScopeFoundInTheBackgroundReconfiguresTheTasks() throws InterruptedException {
    FakeCi.Dataset dataset = FakeCi.register("growing", 2, 1);
    Map<String, String> config = config("growing");
    config.put(ConnectSettings.DISCOVERY_INTERVAL, "20");
    connector.initialize(context);
    connector.start(config);
    assertEquals(2, connector.scopes().size());
    dataset.data.append(
        SyntheticDeployments.scope(2),
        SyntheticDeployments.deployments(SyntheticDeployments.scope(2), 0, 1));
    assertTrue(context.reconfigurations.tryAcquire(10, TimeUnit.SECONDS), "no reconfiguration");
    assertTrue(connector.scopes().contains(SyntheticDeployments.scope(2)));
    assertEquals(3, connector.taskConfigs(3).size());
  }

  @Test
  void alteredOffsetsMustBeScopePartitionsAndPositions() {
    Map<String, ?> partition = Offsets.partition(SyntheticDeployments.scope(0));
    assertTrue(
        connector.alterOffsets(
            config("any"),
            Map.of(partition, Map.of("position", "{\"instant\":\"2026-01-01T00:00:00Z\"}"))));
    Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
    reset.put(partition, null);
    assertTrue(connector.alterOffsets(config("any"), reset));
    assertThrows(
        ConnectException.class,
        () ->
            connector.alterOffsets(
                config("any"), Map.of(Map.of("scope", "ci:repo:r000", "x", "y"), Map.of())));
    assertThrows(
        ConnectException.class,
        () -> connector.alterOffsets(config("any"), Map.of(partition, Map.of("position", "{}"))));
  }

  @Test
  void connectsServiceLoaderDiscoveryFindsTheConnector() {
    // Kafka 4's workers default to plugin.discovery=service_load: without the manifest, no plugin.
    assertTrue(
        ServiceLoader.load(SourceConnector.class).stream()
            .anyMatch(p -> p.type().equals(PulseSourceConnector.class)));
  }

  @Test
  void theVersionIsTheJarsAndUnknownOutsideOne() {
    assertEquals(Versions.UNKNOWN, connector.version());
  }
}
