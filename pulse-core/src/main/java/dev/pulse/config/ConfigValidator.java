package dev.pulse.config;

import dev.pulse.ErrorCode;
import dev.pulse.InvalidScopeKeyException;
import dev.pulse.ScopeKey;
import dev.pulse.internal.Redaction;
import dev.pulse.internal.Tenants;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.pipeline.RetryPolicy;
import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigSpec;
import dev.pulse.spi.ConnectorConfig;
import dev.pulse.spi.ConnectorProvider;
import dev.pulse.status.LabelSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one validator of pipeline definitions, whether parsed from JSON or built in code. It applies
 * the builders' own rules (by asking them), resolves {@code ${ENV}} and file references, and has
 * each source's {@link ConnectorProvider} validate its settings against its {@link ConfigSpec},
 * reporting the provider's problems at their JSON path. Connects nowhere.
 */
final class ConfigValidator {
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final ConnectorCatalog catalog;
  private final Environment environment;
  private final Problems problems;

  ConfigValidator(ConnectorCatalog catalog, Environment environment, Problems problems) {
    this.catalog = catalog;
    this.environment = environment;
    this.problems = problems;
  }

  /** Validates every pipeline and returns the resolved settings of every valid source. */
  Map<String, List<Map<String, Object>>> validate(List<PipelineDefinition> pipelines) {
    Map<String, String> firstByName = new HashMap<>();
    Map<String, List<Map<String, Object>>> resolved = new LinkedHashMap<>();
    for (int i = 0; i < pipelines.size(); i++) {
      PipelineDefinition pipeline = pipelines.get(i);
      String path = "$.pipelines[" + i + "]";
      check(path + ".name", () -> Pipeline.builder(pipeline.name()));
      String first = firstByName.putIfAbsent(pipeline.name(), path);
      if (first != null) {
        problems.add(
            path + ".name",
            "duplicate pipeline name \"" + pipeline.name() + "\" (first at " + first + ")");
      }
      check(path + ".tenant", () -> Tenants.requireValid(pipeline.tenant()));
      pipeline
          .labels()
          .forEach(
              (key, value) -> {
                check(path + ".labels." + key, () -> LabelSelector.requireKey(key));
                check(path + ".labels." + key, () -> LabelSelector.requireValue(value));
              });
      pipeline
          .annotations()
          .forEach(
              (key, value) ->
                  check(path + ".annotations." + key, () -> LabelSelector.requireKey(key)));
      check(
          path + ".globalConcurrency",
          () -> Pipeline.builder("check").globalConcurrency(pipeline.globalConcurrency()));
      check(
          path + ".retry",
          () ->
              new RetryPolicy(
                  pipeline.maxAttempts(), pipeline.initialBackoff(), pipeline.maxBackoff()));
      if (pipeline.sources().isEmpty()) {
        problems.add(path + ".sources", "a pipeline needs at least one source");
      }
      List<Map<String, Object>> settings = new java.util.ArrayList<>();
      for (int j = 0; j < pipeline.sources().size(); j++) {
        settings.add(source(pipeline.sources().get(j), path + ".sources[" + j + "]"));
      }
      resolved.put(path, settings);
    }
    return resolved;
  }

  private Map<String, Object> source(SourceDefinition source, String path) {
    if (source.concurrency() < 1 || source.concurrency() > PipelineSource.MAX_CONCURRENCY) {
      problems.add(
          path + ".concurrency",
          "concurrency must be between 1 and "
              + PipelineSource.MAX_CONCURRENCY
              + " but was "
              + source.concurrency());
    }
    if (source.interval().isNegative() || source.interval().isZero()) {
      problems.add(path + ".interval", "interval must be > 0 but was " + source.interval());
    }
    if (source.jitter().isNegative()) {
      problems.add(path + ".jitter", "jitter must be >= 0 but was " + source.jitter());
    }
    for (int k = 0; k < source.scopes().size(); k++) {
      try {
        ScopeKey.parse(source.scopes().get(k));
      } catch (InvalidScopeKeyException e) {
        problems.add(
            path + ".scopes[" + k + "]",
            ErrorCode.INVALID_SCOPE_KEY,
            String.valueOf(e.getMessage()));
      }
    }
    ConnectorProvider provider = catalog.provider(source.type()).orElse(null);
    if (provider == null) {
      problems.add(
          path + ".type",
          "unknown connector type \"" + source.type() + "\"; known types: " + catalog.types());
      return new LinkedHashMap<>();
    }
    ConfigSpec spec = provider.configSpec();
    Map<String, Object> values = new LinkedHashMap<>();
    // Values read from a reference may be credentials even under a non-secret key, so they (and
    // every secret key's value) are scrubbed from whatever the provider says about them.
    List<String> sensitive = new ArrayList<>();
    for (Map.Entry<String, Object> setting : source.settings().entrySet()) {
      String name = setting.getKey();
      boolean secret = spec.key(name).map(ConfigKey::secret).orElse(false);
      Object value = resolve(setting.getValue(), secret, path + ".settings." + name);
      if (value == null) {
        continue;
      }
      if (value instanceof String text && (secret || !text.equals(setting.getValue()))) {
        sensitive.add(text);
      }
      values.put(name, value);
    }
    List<dev.pulse.spi.ConfigProblem> found = provider.validate(values);
    for (dev.pulse.spi.ConfigProblem problem : found) {
      problems.add(
          settingPath(path, problem.key()), problem.code(), message(problem, spec, sensitive));
    }
    return found.isEmpty() ? typed(spec, values) : values;
  }

  private static String settingPath(String sourcePath, String key) {
    return key.isEmpty() ? sourcePath + ".settings" : sourcePath + ".settings." + key;
  }

  /**
   * Words the provider's problem for people, e.g. {@code missing secret token is required}. No
   * colon after "secret": the sanitizer would take what follows it for a secret value.
   */
  private static String message(
      dev.pulse.spi.ConfigProblem problem, ConfigSpec spec, List<String> sensitive) {
    String text = problem.message();
    for (String value : sensitive) {
      if (!value.isEmpty()) {
        text = text.replace(value, Redaction.MASK);
      }
    }
    if (problem.key().isEmpty()) {
      return text;
    }
    boolean missingSecret =
        spec.key(problem.key()).map(key -> key.secret() && key.required()).orElse(false)
            && text.startsWith("is required");
    return (missingSecret ? "missing secret " : "") + problem.key() + " " + text;
  }

  /** Converts valid values to their Java types, wrapping secrets so they never print. */
  private static Map<String, Object> typed(ConfigSpec spec, Map<String, Object> values) {
    ConnectorConfig config = ConnectorConfig.of(spec, values);
    Map<String, Object> typed = new LinkedHashMap<>();
    for (String name : values.keySet()) {
      ConfigKey key = spec.key(name).orElseThrow();
      Object value =
          key.secret()
              ? new Secret(Objects.requireNonNull(config.string(name)))
              : switch (key.type()) {
                case STRING -> config.string(name);
                case INTEGER -> config.integer(name);
                case BOOLEAN -> config.bool(name);
                case DURATION -> config.duration(name);
                case URI -> config.uri(name);
                case LIST -> config.list(name);
              };
      typed.put(name, Objects.requireNonNull(value));
    }
    return typed;
  }

  /** Resolves {@code ${ENV}} and file references; never puts a value in a message. */
  private @Nullable Object resolve(Object raw, boolean secret, String path) {
    if (raw instanceof FileRef file) {
      String content = environment.file(file.path()).orElse(null);
      if (content == null || content.isEmpty()) {
        problems.add(
            path,
            (secret ? "missing secret: " : "")
                + "file "
                + file.path()
                + " cannot be read or is empty");
        return null;
      }
      return content;
    }
    if (raw instanceof String text) {
      return interpolate(text, path);
    }
    return raw;
  }

  private @Nullable String interpolate(String text, String path) {
    Matcher matcher = ENV.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> missing = new java.util.ArrayList<>();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = environment.variable(name).orElse(null);
      if (value == null) {
        missing.add(name);
        matcher.appendReplacement(out, "");
      } else {
        matcher.appendReplacement(out, Matcher.quoteReplacement(value));
      }
    }
    matcher.appendTail(out);
    if (!missing.isEmpty()) {
      problems.add(path, "unresolved ${ENV}: environment variable(s) " + missing + " not set");
      return null;
    }
    return out.toString();
  }

  private void check(String path, Runnable rule) {
    try {
      rule.run();
    } catch (IllegalArgumentException e) {
      problems.add(path, String.valueOf(e.getMessage()));
    }
  }
}
