package dev.pulse.connectors.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.InvalidConfigException;
import dev.pulse.spi.ConfigProblem;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ConnectorProvider;
import dev.pulse.spi.ConnectorProviders;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JenkinsConnectorProviderTest {
  private static Map<String, Object> config(FakeJenkins fake) {
    Map<String, Object> config = new HashMap<>();
    config.put("url", fake.baseUri().toString());
    config.put("user", FakeJenkins.USER);
    config.put("token", FakeJenkins.TOKEN);
    return config;
  }

  @Test
  void discover_listsTheJenkinsProviderWithItsSpec() {
    ConnectorProvider provider =
        ConnectorProviders.byType(
            ConnectorProviders.discover(getClass().getClassLoader()), "jenkins");

    assertInstanceOf(JenkinsConnectorProvider.class, provider);
    assertTrue(provider.configSpec().key("token").orElseThrow().secret());
    assertEquals("false", provider.configSpec().key("stageDetection").orElseThrow().defaultValue());
  }

  @Test
  void validate_missingKeysAndBadPatterns_everyProblem_tokenNeverQuoted() {
    JenkinsConnectorProvider provider = new JenkinsConnectorProvider();

    List<ConfigProblem> missing =
        provider.validate(
            Map.of("token", "s3cr3t-token-value", "environmentPatterns", "deploy-(prod),nogroup"));
    List<ConfigProblem> badPattern =
        provider.validate(
            Map.of(
                "url", "https://ci.acme.com/",
                "user", "bot",
                "token", "s3cr3t-token-value",
                "stagePatterns", List.of("deploy prod")));

    assertEquals(
        List.of("url", "user", "environmentPatterns"),
        missing.stream().map(ConfigProblem::key).toList(),
        "every problem at once, the pattern without a group included");
    assertTrue(missing.get(2).message().contains("nogroup"), missing.get(2).toString());
    assertEquals(1, badPattern.size());
    assertEquals("stagePatterns", badPattern.get(0).key());
    for (ConfigProblem p : List.of(missing, badPattern).stream().flatMap(List::stream).toList()) {
      assertFalse(p.toString().contains("s3cr3t"), p.toString());
    }
    assertThrows(
        InvalidConfigException.class,
        () -> provider.create(Map.of("url", "https://ci/", "token", "x")));
  }

  @Test
  void create_fromConfiguration_readsTheFake() {
    try (FakeJenkins fake = FakeJenkins.builder().start()) {
      Map<String, Object> config = config(fake);
      config.put("environmentPatterns", "deploy-(prod-eu)$,deploy-(prod-us)$");
      config.put("stageDetection", "true");
      config.put("stagePatterns", List.of("(?i)^deploy (prod)$"));
      config.put("jobFilter", "^platform/");
      config.put("maxRetries", 2);

      try (Connector<?> connector = new JenkinsConnectorProvider().create(config)) {
        assertEquals("jenkins", connector.source());
        assertEquals(
            List.of(
                JenkinsTestSupport.scope("platform/infra/deploy-prod-eu"),
                JenkinsTestSupport.scope("platform/infra/deploy-prod-us")),
            connector.discoverScopes());
        assertFalse(connector.toString().contains(FakeJenkins.TOKEN));
      }
    }
  }
}
