package dev.pulse.connectors.jira;

import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigSpec;
import dev.pulse.spi.ConfigType;
import dev.pulse.spi.ConnectorConfig;
import dev.pulse.spi.ConnectorProvider;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link ConnectorProvider} of the Jira Cloud issues connector, connector type {@code jira}: a
 * pipeline configuration names it and Pulse builds a {@link JiraConnector} from its settings.
 *
 * <p>Settings: {@code baseUrl} (required), {@code email} (required), {@code token} (required,
 * secret), {@code credentialName} (default {@code jira}, the only name messages show), {@code
 * holdBack} (default {@code PT1M}), {@code jqlTimeZone} (default {@code UTC}), {@code
 * requestsPerSecond} (default 0, no pacing) and {@code projects} (the project keys to read; all
 * when absent). Stateless and thread-safe; registered in {@code META-INF/services} and the module's
 * {@code provides}, so {@code ConnectorCatalog.discover} lists it.
 */
public final class JiraConnectorProvider implements ConnectorProvider {
  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
              "baseUrl", ConfigType.URI, "the Jira site, e.g. https://acme.atlassian.net"),
          ConfigKey.required("email", ConfigType.STRING, "the API user's e-mail"),
          ConfigKey.required("token", ConfigType.STRING, "the API token").asSecret(),
          ConfigKey.optional(
              "credentialName", ConfigType.STRING, "jira", "the name messages show for the token"),
          ConfigKey.optional(
              "holdBack", ConfigType.DURATION, "PT1M", "how far behind a run's start to keep"),
          ConfigKey.optional(
              "jqlTimeZone", ConfigType.STRING, "UTC", "the API user's profile time zone"),
          ConfigKey.optional(
              "requestsPerSecond", ConfigType.INTEGER, "0", "a steady pace; 0 for none"),
          ConfigKey.optional(
              "projects", ConfigType.LIST, null, "project keys to read; all if absent"));

  /** Creates the provider; ServiceLoader needs a public no-argument constructor. */
  public JiraConnectorProvider() {}

  @Override
  public String type() {
    return "jira";
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
  public List<dev.pulse.spi.ConfigProblem> validate(Map<String, ?> config) {
    List<dev.pulse.spi.ConfigProblem> problems = new java.util.ArrayList<>(SPEC.validate(config));
    Object zone = config.get("jqlTimeZone");
    if (zone instanceof String text) {
      try {
        ZoneId.of(text.strip());
      } catch (java.time.DateTimeException e) {
        problems.add(
            dev.pulse.spi.ConfigProblem.invalid(
                "jqlTimeZone", "must be a time zone id such as UTC or America/Sao_Paulo"));
      }
    }
    return List.copyOf(problems);
  }

  @Override
  public JiraConnector create(Map<String, ?> config) {
    ConnectorConfig settings = ConnectorConfig.of(SPEC, config);
    JiraConnector.Builder builder =
        JiraConnector.builder()
            .baseUri(Objects.requireNonNull(settings.uri("baseUrl")))
            .credential(
                Objects.requireNonNull(settings.string("credentialName")),
                Objects.requireNonNull(settings.string("email")),
                Objects.requireNonNull(settings.string("token")))
            .holdBack(Objects.requireNonNull(settings.duration("holdBack")))
            .jqlTimeZone(ZoneId.of(Objects.requireNonNull(settings.string("jqlTimeZone")).strip()));
    long pace = Objects.requireNonNull(settings.integer("requestsPerSecond"));
    if (pace > 0) {
      builder.requestsPerSecond((double) pace);
    }
    List<String> projects = settings.list("projects");
    if (!projects.isEmpty()) {
      Set<String> keys = Set.copyOf(projects);
      builder.activeProjects(keys::contains);
    }
    return builder.build();
  }
}
