package dev.pulse.connectors.jenkins;

import dev.pulse.InvalidConfigException;
import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigProblem;
import dev.pulse.spi.ConfigSpec;
import dev.pulse.spi.ConfigType;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ConnectorConfig;
import dev.pulse.spi.ConnectorProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link ConnectorProvider} of type {@code jenkins}: builds a {@link JenkinsConnector} from a
 * configuration map, as a pipeline configuration names it.
 *
 * <p>Keys: {@code url} (required), {@code user} (required), {@code token} (required, secret: never
 * shown), {@code credentialName} (default {@code jenkins}), {@code environmentPatterns} and {@code
 * stagePatterns} (lists of regular expressions with a capture group; comma-separated text cannot
 * hold a pattern with a comma, so pass a list for those), {@code stageDetection} (default false),
 * {@code jobFilter}, {@code requestTimeout} (default {@code PT30S}), {@code maxRetries} (default
 * 4). {@link #validate} also compiles the patterns, so a bad one is reported with the other
 * problems before anything connects. Stateless and thread-safe; ServiceLoader finds it through the
 * module's {@code provides} and {@code META-INF/services}.
 */
public final class JenkinsConnectorProvider implements ConnectorProvider {
  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required("url", ConfigType.URI, "Jenkins' base URL, with its context path"),
          ConfigKey.required("user", ConfigType.STRING, "The Jenkins user the token belongs to"),
          ConfigKey.required("token", ConfigType.STRING, "The user's API token").asSecret(),
          ConfigKey.optional(
              "credentialName", ConfigType.STRING, "jenkins", "The credential's name in messages"),
          ConfigKey.optional(
              "environmentPatterns",
              ConfigType.LIST,
              null,
              "Regular expressions capturing the environment in job names"),
          ConfigKey.optional(
              "stageDetection",
              ConfigType.BOOLEAN,
              "false",
              "Whether deployments are the pipeline stages that ran (wfapi)"),
          ConfigKey.optional(
              "stagePatterns",
              ConfigType.LIST,
              null,
              "Regular expressions capturing the environment in deploy stage names"),
          ConfigKey.optional(
              "jobFilter", ConfigType.STRING, null, "Only jobs whose full name this pattern finds"),
          ConfigKey.optional(
              "requestTimeout", ConfigType.DURATION, "PT30S", "The timeout of one request"),
          ConfigKey.optional(
              "maxRetries", ConfigType.INTEGER, "4", "Retries of failed requests, 0 to 20"));

  /** Creates the provider; ServiceLoader needs a public no-argument constructor. */
  public JenkinsConnectorProvider() {}

  @Override
  public String type() {
    return JenkinsConnector.SOURCE;
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
  public List<ConfigProblem> validate(Map<String, ?> config) {
    List<ConfigProblem> problems = new ArrayList<>(SPEC.validate(config));
    // The patterns are checked even when other keys are wrong, so every problem shows at once.
    for (String key : List.of("environmentPatterns", "stagePatterns")) {
      Object value = config.get(key);
      List<String> patterns =
          value instanceof List<?> list
              ? list.stream().map(String::valueOf).toList()
              : value instanceof String text ? splitList(text) : List.of();
      for (String pattern : patterns) {
        try {
          EnvironmentPatterns.compileOne(pattern, key);
        } catch (IllegalArgumentException e) {
          problems.add(ConfigProblem.invalid(key, String.valueOf(e.getMessage())));
        }
      }
    }
    if (config.get("jobFilter") instanceof String filter) {
      try {
        JenkinsConnector.builder().jobFilter(filter);
      } catch (IllegalArgumentException e) {
        problems.add(ConfigProblem.invalid("jobFilter", String.valueOf(e.getMessage())));
      }
    }
    if (problems.isEmpty()) {
      try {
        builder(ConnectorConfig.of(SPEC, config));
      } catch (IllegalArgumentException | IllegalStateException e) {
        problems.add(ConfigProblem.invalid(keyOf(e), String.valueOf(e.getMessage())));
      }
    }
    return List.copyOf(problems);
  }

  private static List<String> splitList(String text) {
    return java.util.Arrays.stream(text.split(",", -1))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String keyOf(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    for (String key : List.of("maxRetries", "requestTimeout", "user", "credentialName")) {
      if (message.startsWith(key)) {
        return key;
      }
    }
    return "url";
  }

  @Override
  public Connector<?> create(Map<String, ?> config) {
    List<ConfigProblem> problems = validate(config);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems.stream().map(ConfigProblem::toString).toList());
    }
    return builder(ConnectorConfig.of(SPEC, config)).build();
  }

  private static JenkinsConnector.Builder builder(ConnectorConfig c) {
    JenkinsConnector.Builder b =
        JenkinsConnector.builder()
            .baseUri(Objects.requireNonNull(c.uri("url"), "url"))
            .credential(
                Objects.requireNonNull(c.string("credentialName"), "credentialName"),
                Objects.requireNonNull(c.string("user"), "user"),
                Objects.requireNonNull(c.string("token"), "token"));
    if (!c.list("environmentPatterns").isEmpty()) {
      b.environmentPatterns(c.list("environmentPatterns"));
    }
    if (!c.list("stagePatterns").isEmpty()) {
      b.stagePatterns(c.list("stagePatterns"));
    }
    Boolean stages = c.bool("stageDetection");
    b.stageDetection(stages != null && stages);
    String filter = c.string("jobFilter");
    if (filter != null) {
      b.jobFilter(filter);
    }
    Duration timeout = c.duration("requestTimeout");
    if (timeout != null) {
      b.requestTimeout(timeout);
    }
    Long retries = c.integer("maxRetries");
    if (retries != null) {
      b.maxRetries(
          Math.toIntExact(Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, retries))));
    }
    return b;
  }
}
