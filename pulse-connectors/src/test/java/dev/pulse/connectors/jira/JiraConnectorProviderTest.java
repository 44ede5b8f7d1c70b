package dev.pulse.connectors.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.InvalidConfigException;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.spi.ConfigProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JiraConnectorProviderTest {
  private static final Map<String, Object> VALID =
      Map.of("baseUrl", "https://acme.atlassian.net", "email", "bot@acme.test", "token", "t0k3n");

  @Test
  void discover_listsTheJiraType() {
    ConnectorCatalog catalog = ConnectorCatalog.discover(getClass().getClassLoader());
    assertTrue(catalog.provider("jira").orElseThrow() instanceof JiraConnectorProvider);
  }

  @Test
  void validate_reportsMissingKeysAndABadZoneWithoutQuotingTheToken() {
    List<ConfigProblem> problems =
        new JiraConnectorProvider()
            .validate(Map.of("token", "s3cret-value", "jqlTimeZone", "Mars/Olympus"));
    assertEquals(
        List.of("baseUrl", "email", "jqlTimeZone"),
        problems.stream().map(ConfigProblem::key).toList());
    assertFalse(problems.toString().contains("s3cret-value"), problems.toString());
  }

  @Test
  void create_buildsAConnectorFromTheSettings() {
    Map<String, Object> settings = new java.util.HashMap<>(VALID);
    settings.put("holdBack", "PT5M");
    settings.put("projects", "BG,OPS");
    try (JiraConnector connector = new JiraConnectorProvider().create(settings)) {
      assertEquals("jira", connector.source());
      assertEquals(EntityType.ISSUES, connector.entityType());
      assertEquals(Duration.ofMinutes(5), connector.holdBack());
      assertFalse(connector.toString().contains("t0k3n"), connector.toString());
    }
  }

  @Test
  void create_invalid_throwsInvalidConfig() {
    assertThrows(InvalidConfigException.class, () -> new JiraConnectorProvider().create(Map.of()));
  }
}
