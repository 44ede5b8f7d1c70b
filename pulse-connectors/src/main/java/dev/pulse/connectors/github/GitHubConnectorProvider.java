package dev.pulse.connectors.github;

import dev.pulse.InvalidConfigException;
import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigProblem;
import dev.pulse.spi.ConfigSpec;
import dev.pulse.spi.ConfigType;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ConnectorConfig;
import dev.pulse.spi.ConnectorProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link ConnectorProvider} of type {@code github}: creates the {@link GitHubConnector} (pull
 * requests) or, with {@code entity = deployments}, its {@link GitHubDeploymentConnector}, from
 * configuration.
 *
 * <p>Keys: {@code organization} or {@code repositories}; a {@code token} (secret) or a GitHub App
 * ({@code appId}, {@code appPrivateKey} (secret), {@code installationId}); {@code credentialName},
 * {@code baseUrl} ({@code https://api.github.com}, or an Enterprise Server's {@code
 * https://host/api/v3}), {@code components} (each {@code name=owner/repo:glob|label:name}, see
 * {@link Component#parse(String)}), {@code activeMonths}, {@code maxRateLimitWait}, {@code entity}.
 * {@link #validate(Map)} reports every problem at once, across keys too, and never quotes a secret.
 * Stateless and thread-safe; listed in {@code META-INF/services} and the module's {@code provides}.
 */
public final class GitHubConnectorProvider implements ConnectorProvider {
  static final String PULL_REQUESTS = "pull_requests";
  static final String DEPLOYMENTS = "deployments";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.optional(
              "organization",
              ConfigType.STRING,
              null,
              "The organisation whose repositories are read"),
          ConfigKey.optional(
              "repositories",
              ConfigType.LIST,
              null,
              "owner/name of each repository to read instead"),
          ConfigKey.optional(
              "components",
              ConfigType.LIST,
              null,
              "Monorepo components, each name=owner/repo:glob|glob|label:name"),
          ConfigKey.optional("token", ConfigType.STRING, null, "A GitHub token").asSecret(),
          ConfigKey.optional(
              "credentialName",
              ConfigType.STRING,
              "github-token",
              "The credential's name in messages"),
          ConfigKey.optional("appId", ConfigType.STRING, null, "The GitHub App's id"),
          ConfigKey.optional(
                  "appPrivateKey", ConfigType.STRING, null, "The App's private key (PEM)")
              .asSecret(),
          ConfigKey.optional(
              "installationId", ConfigType.INTEGER, null, "The App installation's id"),
          ConfigKey.optional(
              "baseUrl",
              ConfigType.URI,
              "https://api.github.com",
              "The REST API root; https://host/api/v3 for GitHub Enterprise Server"),
          ConfigKey.optional(
              "activeMonths",
              ConfigType.INTEGER,
              "6",
              "Discover repositories pushed to this recently"),
          ConfigKey.optional(
              "maxRateLimitWait",
              ConfigType.DURATION,
              "PT2M",
              "The longest rate-limit wait sat out"),
          ConfigKey.optional(
              "entity", ConfigType.STRING, PULL_REQUESTS, "pull_requests or deployments"));

  /**
   * Creates the provider; {@link java.util.ServiceLoader} needs a public no-argument constructor.
   */
  public GitHubConnectorProvider() {}

  @Override
  public String type() {
    return GitHubConnector.SOURCE;
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
  public List<ConfigProblem> validate(Map<String, ?> config) {
    List<ConfigProblem> problems = new ArrayList<>(SPEC.validate(config));
    if (!problems.isEmpty()) {
      return List.copyOf(problems);
    }
    ConnectorConfig c = ConnectorConfig.of(SPEC, config);
    boolean token = c.has("token");
    boolean app = c.has("appId") || c.has("appPrivateKey") || c.has("installationId");
    if (token == app) {
      problems.add(
          ConfigProblem.invalid(
              "token", "set either token or appId, appPrivateKey and installationId, not both"));
    } else if (app) {
      for (String key : List.of("appId", "appPrivateKey", "installationId")) {
        if (!c.has(key)) {
          problems.add(ConfigProblem.invalid(key, "is required for a GitHub App"));
        }
      }
      Long installation = c.integer("installationId");
      if (installation != null && installation <= 0) {
        problems.add(
            ConfigProblem.invalid("installationId", "must be > 0 but was " + installation));
      }
    }
    if (!c.has("organization") && c.list("repositories").isEmpty()) {
      problems.add(ConfigProblem.invalid("organization", "set organization or repositories"));
    }
    for (String repo : c.list("repositories")) {
      if (!GitHubConnector.REPOSITORY.matcher(repo).matches()) {
        problems.add(
            ConfigProblem.invalid(
                "repositories", "must be owner/name each but held \"" + repo + "\""));
      }
    }
    Set<String> seen = new HashSet<>();
    for (String text : c.list("components")) {
      try {
        Component component = Component.parse(text);
        if (!seen.add(component.repository() + " " + component.name())) {
          problems.add(
              ConfigProblem.invalid(
                  "components",
                  "component " + component.name() + " of " + component.repository() + " twice"));
        }
      } catch (IllegalArgumentException e) {
        problems.add(ConfigProblem.invalid("components", String.valueOf(e.getMessage())));
      }
    }
    String entity = Objects.requireNonNullElse(c.string("entity"), PULL_REQUESTS);
    if (!entity.equals(PULL_REQUESTS) && !entity.equals(DEPLOYMENTS)) {
      problems.add(
          ConfigProblem.invalid(
              "entity", "must be pull_requests or deployments but was \"" + entity + "\""));
    }
    long months = Objects.requireNonNull(c.integer("activeMonths"));
    if (months < 1 || months > 120) {
      problems.add(ConfigProblem.invalid("activeMonths", "must be 1 to 120 but was " + months));
    }
    return List.copyOf(problems);
  }

  @Override
  public Connector<?> create(Map<String, ?> config) {
    List<ConfigProblem> problems = validate(config);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems.stream().map(ConfigProblem::toString).toList());
    }
    ConnectorConfig c = ConnectorConfig.of(SPEC, config);
    String name = Objects.requireNonNull(c.string("credentialName"));
    GitHubConnector.Builder b =
        GitHubConnector.builder()
            .apiUri(Objects.requireNonNull(c.uri("baseUrl")))
            .activeMonths(Math.toIntExact(Objects.requireNonNull(c.integer("activeMonths"))))
            .maxRateLimitWait(Objects.requireNonNull(c.duration("maxRateLimitWait")));
    String token = c.string("token");
    if (token != null) {
      b.token(name, token);
    } else {
      b.app(
          name,
          Objects.requireNonNull(c.string("appId")),
          Objects.requireNonNull(c.string("appPrivateKey")),
          Objects.requireNonNull(c.integer("installationId")));
    }
    String org = c.string("organization");
    if (org != null) {
      b.organization(org);
    }
    List<String> repos = c.list("repositories");
    if (!repos.isEmpty()) {
      b.repositories(repos);
    }
    for (String component : c.list("components")) {
      b.component(Component.parse(component));
    }
    GitHubConnector connector = b.build();
    return DEPLOYMENTS.equals(c.string("entity"))
        ? new GitHubDeploymentConnector(connector, true)
        : connector;
  }
}
