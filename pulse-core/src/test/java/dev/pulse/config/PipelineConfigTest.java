package dev.pulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.InvalidConfigException;
import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PipelineConfigTest {
  private static final String TOKEN = "ghp_plantedTokenValue0123456789abcdefXYZ";
  private static final ConnectorCatalog CATALOG =
      ConnectorCatalog.of(
          List.of(
              new TestConnectorProvider(
                  "jira",
                  ConfigKey.required("url", ConfigType.STRING, "Jira's URL"),
                  ConfigKey.required("token", ConfigType.STRING, "API token").asSecret(),
                  ConfigKey.optional("pageSize", ConfigType.INTEGER, null, "Issues per page"),
                  ConfigKey.optional("timeout", ConfigType.DURATION, null, "Request timeout"),
                  ConfigKey.optional("verifyTls", ConfigType.BOOLEAN, null, "Check TLS")),
              new TestConnectorProvider(
                  "github",
                  ConfigKey.required("token", ConfigType.STRING, "API token").asSecret())));
  private static final Environment ENV =
      Environment.of(
          Map.of("JIRA_TOKEN", TOKEN, "PAGE", "50"), Map.of("/run/secrets/gh", TOKEN + "\n"));

  private static final String VALID =
      """
      {"pipelines": [{
        "name": "eng", "tenant": "acme", "labels": {"team": "core"},
        "globalConcurrency": 4,
        "retry": {"maxAttempts": 5, "initialBackoff": "PT2S", "maxBackoff": "PT1M"},
        "sources": [
          {"type": "jira", "concurrency": 2, "interval": "PT5M", "jitter": "PT30S",
           "scopes": ["jira:project:BG"],
           "settings": {"url": "https://jira.example", "token": "${JIRA_TOKEN}",
                        "pageSize": "${PAGE}", "timeout": "PT10S", "verifyTls": true}},
          {"type": "github", "settings": {"token": {"file": "/run/secrets/gh"}}}
        ]
      }]}
      """;

  @Test
  void validate_acceptsAValidDocumentAndResolvesItsReferences() {
    PipelineConfig config = PipelineConfig.parse(VALID);

    assertEquals(List.of(), config.validate(CATALOG, ENV));
    List<List<Map<String, Object>>> resolved = config.resolve(CATALOG, ENV);
    Map<String, Object> jira = resolved.get(0).get(0);
    Secret token = (Secret) jira.get("token");
    assertEquals(TOKEN, token.reveal());
    assertFalse(jira.toString().contains(TOKEN), "a resolved secret never prints");
    assertEquals(50L, jira.get("pageSize"));
    assertEquals(Duration.ofSeconds(10), jira.get("timeout"));
    assertEquals(true, jira.get("verifyTls"));
    assertEquals(TOKEN, ((Secret) resolved.get(0).get(1).get("token")).reveal());
    PipelineDefinition eng = config.pipelines().get(0);
    assertEquals(5, eng.maxAttempts());
    assertEquals(Duration.ofSeconds(30), eng.sources().get(0).jitter());
    assertFalse(eng.toString().contains("JIRA_TOKEN"), "settings stay out of toString");
  }

  private static final String BROKEN =
      """
      {"pipelines": [
        {"name": "eng", "globalConcurrency": 0, "colour": "blue",
         "sources": [
           {"type": "jora", "settings": {}},
           {"type": "jira", "concurrency": -1, "interval": "five minutes",
            "scopes": ["jira:project:BG", "not a scope"],
            "settings": {"url": 42, "token": "${MISSING_TOKEN}", "pageSize": "${JIRA_TOKEN}",
                         "proxy": "http://proxy"}},
           {"type": "github", "settings": {"token": {"file": "/nowhere"}}}
         ]},
        {"name": "eng", "sources": [{"type": "github", "concurrency": "two"}]},
        {"sources": []}
      ]}
      """;

  @Test
  void validate_listsEveryProblemAtOnceWithPathAndCode() {
    List<ConfigProblem> problems = PipelineConfig.parse(BROKEN).validate(CATALOG, ENV);

    Map<String, ErrorCode> byPath = new LinkedHashMap<>();
    problems.forEach(p -> byPath.put(p.path(), p.code()));
    Map<String, ErrorCode> expected = new LinkedHashMap<>();
    // unknown key, wrong types
    expected.put("$.pipelines[0].colour", ErrorCode.INVALID_CONFIG);
    expected.put("$.pipelines[0].sources[1].interval", ErrorCode.INVALID_CONFIG);
    expected.put("$.pipelines[1].sources[0].concurrency", ErrorCode.INVALID_CONFIG);
    // missing key
    expected.put("$.pipelines[2].name", ErrorCode.INVALID_CONFIG);
    // zero or negative limits
    expected.put("$.pipelines[0].globalConcurrency", ErrorCode.INVALID_CONFIG);
    // unknown connector type
    expected.put("$.pipelines[0].sources[0].type", ErrorCode.INVALID_CONFIG);
    // negative limit
    expected.put("$.pipelines[0].sources[1].concurrency", ErrorCode.INVALID_CONFIG);
    // malformed scope key
    expected.put("$.pipelines[0].sources[1].scopes[1]", ErrorCode.INVALID_SCOPE_KEY);
    // wrong setting type, unresolved ${ENV}, wrong kind after resolution, unknown setting
    expected.put("$.pipelines[0].sources[1].settings.url", ErrorCode.INVALID_CONFIG);
    expected.put("$.pipelines[0].sources[1].settings.token", ErrorCode.INVALID_CONFIG);
    expected.put("$.pipelines[0].sources[1].settings.pageSize", ErrorCode.INVALID_CONFIG);
    expected.put("$.pipelines[0].sources[1].settings.proxy", ErrorCode.INVALID_CONFIG);
    // missing secret (file)
    expected.put("$.pipelines[0].sources[2].settings.token", ErrorCode.INVALID_CONFIG);
    // duplicate name; missing required secret
    expected.put("$.pipelines[1].name", ErrorCode.INVALID_CONFIG);
    expected.put("$.pipelines[1].sources[0].settings.token", ErrorCode.INVALID_CONFIG);
    // no sources
    expected.put("$.pipelines[2].sources", ErrorCode.INVALID_CONFIG);
    for (Map.Entry<String, ErrorCode> entry : expected.entrySet()) {
      assertEquals(
          entry.getValue(), byPath.get(entry.getKey()), entry.getKey() + " in " + problems);
    }
    assertEquals(expected.size(), problems.size(), problems.toString());
    assertTrue(
        message(problems, "$.pipelines[0].sources[1].settings.token").contains("MISSING_TOKEN"));
    assertTrue(message(problems, "$.pipelines[1].name").contains("duplicate"));
    assertTrue(
        message(problems, "$.pipelines[0].sources[2].settings.token").startsWith("missing secret"));
    assertTrue(message(problems, "$.pipelines[0].sources[0].type").contains("[github, jira]"));
    for (ConfigProblem problem : problems) {
      assertFalse(problem.toString().contains(TOKEN), "a secret leaked into " + problem);
    }
  }

  @Test
  void builtInCode_getsTheSameValidationAsJson() {
    PipelineConfig code =
        PipelineConfig.of(
            List.of(
                PipelineDefinition.builder("eng")
                    .globalConcurrency(0)
                    .source(
                        SourceDefinition.builder("jira")
                            .concurrency(0)
                            .scopes(List.of("bad"))
                            .setting("url", "https://jira.example")
                            .setting("token", "${MISSING_TOKEN}")
                            .build())
                    .build(),
                PipelineDefinition.builder("eng")
                    .source(
                        SourceDefinition.builder("github")
                            .setting("token", new FileRef("/run/secrets/gh"))
                            .build())
                    .build()));
    PipelineConfig json =
        PipelineConfig.parse(
            """
            {"pipelines": [
              {"name": "eng", "globalConcurrency": 0, "sources": [
                {"type": "jira", "concurrency": 0, "scopes": ["bad"],
                 "settings": {"url": "https://jira.example", "token": "${MISSING_TOKEN}"}}]},
              {"name": "eng", "sources": [
                {"type": "github", "settings": {"token": {"file": "/run/secrets/gh"}}}]}
            ]}
            """);

    List<ConfigProblem> fromCode = code.validate(CATALOG, ENV);
    assertEquals(json.validate(CATALOG, ENV), fromCode);
    assertEquals(5, fromCode.size(), fromCode.toString());
  }

  @Test
  void resolve_throwsWithEveryProblem() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> PipelineConfig.parse(BROKEN).resolve(CATALOG, ENV));
    assertEquals(ErrorCode.INVALID_CONFIG, e.code());
    assertEquals(16, e.problems().size());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void parse_reportsMalformedJsonWithoutQuotingIt() {
    List<ConfigProblem> problems =
        PipelineConfig.parse("{\"pipelines\": [ {\"token\": \"" + TOKEN + "\" ")
            .validate(CATALOG, ENV);
    assertEquals(1, problems.size());
    assertEquals("$", problems.get(0).path());
    assertFalse(problems.get(0).message().contains(TOKEN));
    assertEquals("$.pipelines", PipelineConfig.parse("{}").validate(CATALOG, ENV).get(0).path());
  }

  @Test
  void discoveredProvider_validatesSettingsAtTheirJsonPathWithoutEchoingReferencedValues() {
    ConnectorCatalog discovered = ConnectorCatalog.discover(getClass().getClassLoader());
    assertTrue(discovered.types().contains("echo"), discovered.types().toString());
    PipelineConfig config =
        PipelineConfig.parse(
            """
            {"pipelines": [{"name": "e", "sources": [
              {"type": "echo", "settings": {"baseUrl": "not a uri", "pageSize": "${JIRA_TOKEN}"}}
            ]}]}
            """);

    List<ConfigProblem> problems = config.validate(discovered, ENV);

    String source = "$.pipelines[0].sources[0].settings.";
    assertEquals(
        List.of(source + "baseUrl", source + "pageSize", source + "token"),
        problems.stream().map(ConfigProblem::path).sorted().toList(),
        problems.toString());
    String baseUrl = message(problems, source + "baseUrl");
    assertTrue(baseUrl.startsWith("baseUrl must be an absolute URI"), baseUrl);
    String token = message(problems, source + "token");
    assertTrue(token.startsWith("missing secret token is required"), token);
    String pageSize = message(problems, source + "pageSize");
    assertTrue(pageSize.contains("whole number"), pageSize);
    assertFalse(pageSize.contains(TOKEN), "a value read from ${ENV} is never quoted");
  }

  @Test
  void catalog_rejectsTwoProvidersOfOneType() {
    TestConnectorProvider one = new TestConnectorProvider("jira");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConnectorCatalog.of(List.of(one, new TestConnectorProvider("jira"))));
    assertTrue(e.getMessage().contains("jira"), e.getMessage());
    assertEquals(List.of("jira"), List.copyOf(ConnectorCatalog.of(List.of(one)).types()));
  }

  private static String message(List<ConfigProblem> problems, String path) {
    return problems.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
  }
}
