package dev.pulse.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.InvalidConfigException;
import dev.pulse.ScopeKey;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ConnectorMetadataTest {
  private static final String SECRET = "s3cr3t-Token-Value-9f8e7d";

  @Test
  void discover_classPath_listsRegisteredProvider() {
    List<ConnectorProvider> found = ConnectorProviders.discover(getClass().getClassLoader());

    assertEquals(List.of("echo"), found.stream().map(ConnectorProvider::type).toList());
    assertInstanceOf(EchoConnectorProvider.class, found.get(0));
    assertEquals("1.0.0", found.get(0).version());
  }

  @Test
  void discover_emptyLoader_findsNothing() {
    ClassLoader isolated = new ClassLoader(null) {};

    assertEquals(List.of(), ConnectorProviders.discover(isolated));
  }

  @Test
  void byType_known_returnsProvider() {
    List<ConnectorProvider> found = ConnectorProviders.discover(getClass().getClassLoader());

    assertInstanceOf(EchoConnectorProvider.class, ConnectorProviders.byType(found, "echo"));
  }

  @Test
  void byType_unknown_namesKnownTypes() {
    List<ConnectorProvider> found = ConnectorProviders.discover(getClass().getClassLoader());

    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ConnectorProviders.byType(found, "jira"));
    assertEquals(ErrorCode.INVALID_CONFIG, e.code());
    assertTrue(
        e.getMessage().contains("\"jira\"") && e.getMessage().contains("[echo]"), e.getMessage());
  }

  @Test
  void byType_duplicate_namesBothClasses() {
    List<ConnectorProvider> twice =
        List.of(new EchoConnectorProvider(), new EchoConnectorProvider());

    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ConnectorProviders.byType(twice, "echo"));
    assertTrue(e.getMessage().contains("more than once"), e.getMessage());
    assertTrue(e.getMessage().contains(EchoConnectorProvider.class.getName()), e.getMessage());
  }

  @Test
  void validate_valid_noProblems() {
    Map<String, Object> config =
        Map.of("baseUrl", "https://vendor.example", "token", SECRET, "pageSize", 25);

    assertEquals(List.of(), new EchoConnectorProvider().validate(config));
  }

  @Test
  void validate_manyProblems_reportsEveryOneWithKeyAndCode() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("baseUrl", "not a uri");
    config.put("pageSize", "fifty");
    config.put("tokn", SECRET);
    config.put("projects", List.of("BG", 7));

    List<ConfigProblem> problems = new EchoConnectorProvider().validate(config);

    assertEquals(
        List.of("baseUrl", "token", "pageSize", "projects", "tokn"),
        problems.stream().map(ConfigProblem::key).toList());
    assertTrue(problems.stream().allMatch(p -> p.code() == ErrorCode.INVALID_CONFIG));
    assertTrue(problems.get(0).message().contains("absolute URI"), problems.get(0).message());
    assertTrue(problems.get(0).message().contains("\"not a uri\""), problems.get(0).message());
    assertTrue(problems.get(1).message().contains("required"), problems.get(1).message());
    assertTrue(problems.get(2).message().contains("\"fifty\""), problems.get(2).message());
    assertTrue(problems.get(4).message().contains("not a known key"), problems.get(4).message());
    for (ConfigProblem problem : problems) {
      assertFalse(problem.toString().contains(SECRET), "a secret leaked: " + problem);
    }
  }

  @Test
  void validate_secretOfWrongType_neverQuotesIt() {
    ConfigSpec spec =
        ConfigSpec.of(ConfigKey.required("apiKey", ConfigType.INTEGER, "The key").asSecret());

    List<ConfigProblem> problems = spec.validate(Map.of("apiKey", SECRET));

    assertEquals(1, problems.size());
    assertEquals("apiKey", problems.get(0).key());
    assertFalse(problems.get(0).message().contains(SECRET), problems.get(0).message());
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> spec.requireValid(Map.of("apiKey", SECRET)));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void validate_nullValue_countsAsMissing() {
    Map<String, Object> config = new HashMap<>();
    config.put("baseUrl", "https://vendor.example");
    config.put("token", null);

    List<ConfigProblem> problems = EchoConnectorProvider.SPEC.validate(config);

    assertEquals(List.of("token"), problems.stream().map(ConfigProblem::key).toList());
  }

  @Test
  void create_invalid_throwsEveryProblemWithoutSecrets() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () ->
                new EchoConnectorProvider().create(Map.of("pageSize", "x", "secretToken", SECRET)));

    assertEquals(4, e.problems().size(), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void create_valid_buildsConnector() {
    Connector<?> connector =
        new EchoConnectorProvider()
            .create(
                Map.of(
                    "baseUrl",
                    URI.create("https://vendor.example"),
                    "token",
                    SECRET,
                    "projects",
                    "BG, OPS"));

    assertEquals(
        List.of(ScopeKey.of("echo", "project", "BG"), ScopeKey.of("echo", "project", "OPS")),
        connector.discoverScopes());
  }

  @Test
  void connectorConfig_typedValuesAndDefaults() {
    ConfigSpec spec =
        ConfigSpec.of(
            ConfigKey.required("url", ConfigType.URI, "Where"),
            ConfigKey.optional("timeout", ConfigType.DURATION, "PT30S", "How long"),
            ConfigKey.optional("verbose", ConfigType.BOOLEAN, null, "Chatty"),
            ConfigKey.optional("size", ConfigType.INTEGER, "50", "How many"));

    ConnectorConfig config =
        ConnectorConfig.of(spec, Map.of("url", "https://x.io", "verbose", true));

    assertEquals(URI.create("https://x.io"), config.uri("url"));
    assertEquals(Duration.ofSeconds(30), config.duration("timeout"));
    assertEquals(Boolean.TRUE, config.bool("verbose"));
    assertEquals(50L, config.integer("size"));
    assertThrows(IllegalArgumentException.class, () -> config.integer("url"));
    assertThrows(IllegalArgumentException.class, () -> config.string("nope"));
  }

  @Test
  void connectorConfig_toString_masksSecrets() {
    ConnectorConfig config =
        ConnectorConfig.of(
            EchoConnectorProvider.SPEC,
            Map.of("baseUrl", "https://vendor.example", "token", SECRET));

    String shown = config.toString();

    assertFalse(shown.contains(SECRET), shown);
    assertTrue(shown.contains("token=***"), shown);
    assertTrue(shown.contains("baseUrl=https://vendor.example"), shown);
    assertEquals(
        SECRET, config.string("token"), "the value itself stays readable to the connector");
  }

  @Test
  void configKey_invalidDeclarations_rejected() {
    assertThrows(
        IllegalArgumentException.class, () -> ConfigKey.required("1bad", ConfigType.STRING, "d"));
    assertThrows(
        IllegalArgumentException.class, () -> ConfigKey.required("name", ConfigType.STRING, " "));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfigKey.optional("size", ConfigType.INTEGER, "many", "d"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfigKey.optional("token", ConfigType.STRING, "x", "d").asSecret());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConfigKey("size", ConfigType.INTEGER, true, false, "5", "d"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ConfigSpec.of(
                ConfigKey.required("a", ConfigType.STRING, "d"),
                ConfigKey.required("a", ConfigType.INTEGER, "d")));
    assertThrows(IllegalArgumentException.class, () -> ConfigProblem.invalid("a", " "));
  }

  @Test
  void configKey_toString_describesDeclaration() {
    assertEquals(
        "token (STRING, required, secret)",
        ConfigKey.required("token", ConfigType.STRING, "d").asSecret().toString());
    assertEquals(
        "size (INTEGER, optional, default 5)",
        ConfigKey.optional("size", ConfigType.INTEGER, "5", "d").toString());
  }
}
