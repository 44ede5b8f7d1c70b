package dev.pulse.config;

import dev.pulse.ErrorCode;
import dev.pulse.InvalidScopeKeyException;
import dev.pulse.ScopeKey;
import dev.pulse.internal.Tenants;
import dev.pulse.pipeline.Pipeline;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.pipeline.RetryPolicy;
import dev.pulse.status.LabelSelector;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one validator of pipeline definitions, whether parsed from JSON or built in code. It applies
 * the builders' own rules (by asking them), checks connector settings against the connector's
 * description and resolves {@code ${ENV}} and file references, connecting nowhere.
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
    Map<String, Object> resolved = new LinkedHashMap<>();
    ConnectorDescription description = catalog.describe(source.type()).orElse(null);
    if (description == null) {
      problems.add(
          path + ".type",
          "unknown connector type \"" + source.type() + "\"; known types: " + catalog.types());
      return resolved;
    }
    for (Map.Entry<String, Object> setting : source.settings().entrySet()) {
      String settingPath = path + ".settings." + setting.getKey();
      SettingSpec spec = description.setting(setting.getKey());
      if (spec == null) {
        problems.add(
            settingPath,
            "unknown setting of connector type "
                + source.type()
                + "; expected one of "
                + description.settings().stream().map(SettingSpec::name).toList());
        continue;
      }
      Object value = resolve(setting.getValue(), spec, settingPath);
      if (value != null) {
        resolved.put(spec.name(), value);
      }
    }
    for (SettingSpec spec : description.settings()) {
      if (spec.required() && !source.settings().containsKey(spec.name())) {
        problems.add(
            path + ".settings." + spec.name(),
            (spec.kind() == SettingSpec.Kind.SECRET ? "missing secret: " : "missing setting: ")
                + spec.name()
                + " is required by connector type "
                + source.type());
      }
    }
    return resolved;
  }

  /** Resolves references and checks the kind; never puts a value in a message. */
  private @Nullable Object resolve(Object raw, SettingSpec spec, String path) {
    Object value = raw;
    if (raw instanceof FileRef file) {
      String content = environment.file(file.path()).orElse(null);
      if (content == null || content.isEmpty()) {
        problems.add(
            path,
            (spec.kind() == SettingSpec.Kind.SECRET ? "missing secret: " : "")
                + "file "
                + file.path()
                + " cannot be read or is empty");
        return null;
      }
      value = content;
    } else if (raw instanceof String text) {
      String interpolated = interpolate(text, path);
      if (interpolated == null) {
        return null;
      }
      value = interpolated;
    }
    return switch (spec.kind()) {
      case SECRET -> secret(value, path);
      case STRING -> text(value, path);
      case INTEGER -> whole(value, path);
      case BOOLEAN -> flag(value, path);
      case DURATION -> duration(value, path);
    };
  }

  private @Nullable Object secret(Object value, String path) {
    if (value instanceof String secret && !secret.isEmpty()) {
      return new Secret(secret);
    }
    problems.add(path, "missing secret: must be a non-empty string or reference");
    return null;
  }

  private @Nullable Object text(Object value, String path) {
    if (value instanceof String) {
      return value;
    }
    problems.add(path, "must be a string");
    return null;
  }

  private @Nullable Object whole(Object value, String path) {
    if (value instanceof Long number) {
      return number;
    }
    if (value instanceof String text) {
      try {
        return Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        // reported below, without the value
      }
    }
    problems.add(path, "must be a whole number");
    return null;
  }

  private @Nullable Object flag(Object value, String path) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.valueOf((String) value);
    }
    problems.add(path, "must be true or false");
    return null;
  }

  private @Nullable Object duration(Object value, String path) {
    if (value instanceof String text) {
      try {
        return Duration.parse(text.strip());
      } catch (DateTimeParseException e) {
        // reported below, without the value
      }
    }
    problems.add(path, "must be an ISO-8601 duration such as \"PT5M\"");
    return null;
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
