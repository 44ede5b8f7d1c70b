package dev.pulse.connectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.InvalidConfigException;
import dev.pulse.spi.ConfigProblem;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ConnectorProvider;
import dev.pulse.spi.ConnectorProviders;
import dev.pulse.testkit.fake.github.FakeGitHub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class GitHubConnectorProviderTest {
  private final GitHubConnectorProvider provider = new GitHubConnectorProvider();

  @Test
  void discover_listsGitHubByType() {
    List<ConnectorProvider> found =
        ConnectorProviders.discover(GitHubConnectorProviderTest.class.getClassLoader());
    assertInstanceOf(GitHubConnectorProvider.class, ConnectorProviders.byType(found, "github"));
  }

  @Test
  void configSpec_tokenAndKeyAreSecrets() {
    assertTrue(provider.configSpec().key("token").orElseThrow().secret());
    assertTrue(provider.configSpec().key("appPrivateKey").orElseThrow().secret());
    assertEquals(
        "https://api.github.com",
        provider.configSpec().key("baseUrl").orElseThrow().defaultValue());
  }

  @Test
  void validate_noCredentialNoOrganisation_everyProblemAtOnce() {
    List<ConfigProblem> problems = provider.validate(Map.of("entity", "builds"));
    List<String> keys = problems.stream().map(ConfigProblem::key).toList();
    assertEquals(List.of("token", "organization", "entity"), keys);
  }

  @Test
  void validate_tokenAndApp_rejectedWithoutQuotingSecrets() {
    List<ConfigProblem> problems =
        provider.validate(
            Map.of(
                "organization", "acme",
                "token", "ghp_secretValue123456",
                "appId", "1",
                "appPrivateKey", "pem-secret-123456"));
    assertFalse(problems.isEmpty());
    for (ConfigProblem p : problems) {
      assertFalse(p.toString().contains("ghp_secretValue123456"));
      assertFalse(p.toString().contains("pem-secret-123456"));
    }
  }

  @Test
  void validate_incompleteApp_namesMissingKeys() {
    List<String> keys =
        provider.validate(Map.of("organization", "acme", "appId", "1")).stream()
            .map(ConfigProblem::key)
            .toList();
    assertEquals(List.of("appPrivateKey", "installationId"), keys);
  }

  @Test
  void create_invalid_throwsListingProblems() {
    assertThrows(InvalidConfigException.class, () -> provider.create(Map.of()));
  }

  @Test
  void create_pullRequestsAndDeployments_againstTheFake() throws Exception {
    try (FakeGitHub fake = FakeGitHub.builder().repository("api", 2).start()) {
      Map<String, Object> config =
          Map.of(
              "repositories",
              "acme/api",
              "token",
              FakeGitHub.TOKEN,
              "baseUrl",
              fake.apiUri().toString());
      try (Connector<?> prs = provider.create(config)) {
        assertEquals(EntityType.PULL_REQUESTS, prs.entityType());
        assertTrue(prs.checkHealth().isUsable());
        assertFalse(prs.toString().contains(FakeGitHub.TOKEN));
      }
      Map<String, Object> deployments = new java.util.HashMap<>(config);
      deployments.put("entity", "deployments");
      try (Connector<?> d = provider.create(deployments)) {
        assertEquals(EntityType.DEPLOYMENTS, d.entityType());
        assertTrue(d.checkHealth().isUsable());
      }
    }
  }
}
