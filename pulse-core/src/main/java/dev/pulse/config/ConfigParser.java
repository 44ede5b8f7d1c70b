package dev.pulse.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.internal.Tenants;
import dev.pulse.pipeline.PipelineSource;
import dev.pulse.pipeline.RetryPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON form into definitions, reporting wrong types, unknown keys and missing required
 * keys with their paths; what it cannot read it replaces by a default so validation goes on.
 */
final class ConfigParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> PIPELINE_KEYS =
      Set.of("name", "tenant", "labels", "annotations", "globalConcurrency", "retry", "sources");
  private static final Set<String> RETRY_KEYS =
      Set.of("maxAttempts", "initialBackoff", "maxBackoff");
  private static final Set<String> SOURCE_KEYS =
      Set.of("type", "concurrency", "interval", "jitter", "scopes", "settings");

  private final Problems problems;

  ConfigParser(Problems problems) {
    this.problems = problems;
  }

  List<PipelineDefinition> parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the document, which may hold secrets: only the location is kept.
      problems.add(
          "$",
          "not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
      return List.of();
    }
    if (root == null || !root.isObject()) {
      problems.add("$", "must be an object with a \"pipelines\" array");
      return List.of();
    }
    unknownKeys(root, "$", Set.of("pipelines"));
    JsonNode pipelines = root.get("pipelines");
    if (pipelines == null || !pipelines.isArray()) {
      problems.add("$.pipelines", pipelines == null ? "is required" : "must be an array");
      return List.of();
    }
    List<PipelineDefinition> out = new ArrayList<>();
    for (int i = 0; i < pipelines.size(); i++) {
      String path = "$.pipelines[" + i + "]";
      JsonNode node = pipelines.get(i);
      if (!node.isObject()) {
        problems.add(path, "must be an object");
        continue;
      }
      out.add(pipeline(node, path));
    }
    return out;
  }

  private PipelineDefinition pipeline(JsonNode node, String path) {
    unknownKeys(node, path, PIPELINE_KEYS);
    String name = requiredText(node, "name", path);
    String tenant = optionalText(node, "tenant", path, Tenants.DEFAULT);
    Map<String, String> labels = textMap(node, "labels", path);
    Map<String, String> annotations = textMap(node, "annotations", path);
    int global = integer(node, "globalConcurrency", path, 8);
    RetryPolicy defaults = RetryPolicy.defaults();
    int maxAttempts = defaults.maxAttempts();
    Duration initial = defaults.initialBackoff();
    Duration max = defaults.maxBackoff();
    JsonNode retry = node.get("retry");
    if (retry != null) {
      String retryPath = path + ".retry";
      if (!retry.isObject()) {
        problems.add(retryPath, "must be an object");
      } else {
        unknownKeys(retry, retryPath, RETRY_KEYS);
        maxAttempts = integer(retry, "maxAttempts", retryPath, maxAttempts);
        initial = duration(retry, "initialBackoff", retryPath, initial);
        max = duration(retry, "maxBackoff", retryPath, max);
      }
    }
    List<SourceDefinition> sources = new ArrayList<>();
    JsonNode sourceNodes = node.get("sources");
    if (sourceNodes == null || !sourceNodes.isArray()) {
      problems.add(path + ".sources", sourceNodes == null ? "is required" : "must be an array");
    } else {
      for (int j = 0; j < sourceNodes.size(); j++) {
        String sourcePath = path + ".sources[" + j + "]";
        JsonNode source = sourceNodes.get(j);
        if (!source.isObject()) {
          problems.add(sourcePath, "must be an object");
          // Keep indexes aligned with the document, so later paths stay right.
          sources.add(SourceDefinition.builder("").build());
          continue;
        }
        sources.add(source(source, sourcePath));
      }
    }
    return new PipelineDefinition(
        name, tenant, labels, annotations, global, maxAttempts, initial, max, sources);
  }

  private SourceDefinition source(JsonNode node, String path) {
    unknownKeys(node, path, SOURCE_KEYS);
    SourceDefinition.Builder builder = SourceDefinition.builder(requiredText(node, "type", path));
    builder.concurrency(integer(node, "concurrency", path, PipelineSource.DEFAULT_CONCURRENCY));
    builder.interval(duration(node, "interval", path, PipelineSource.DEFAULT_INTERVAL));
    builder.jitter(duration(node, "jitter", path, Duration.ZERO));
    JsonNode scopes = node.get("scopes");
    if (scopes != null) {
      if (!scopes.isArray()) {
        problems.add(path + ".scopes", "must be an array of scope keys");
      } else {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < scopes.size(); k++) {
          JsonNode scope = scopes.get(k);
          if (scope.isTextual()) {
            keys.add(scope.asText());
          } else {
            problems.add(path + ".scopes[" + k + "]", "must be a string");
          }
        }
        builder.scopes(keys);
      }
    }
    JsonNode settings = node.get("settings");
    if (settings != null) {
      if (!settings.isObject()) {
        problems.add(path + ".settings", "must be an object");
      } else {
        Iterator<String> names = settings.fieldNames();
        while (names.hasNext()) {
          String key = names.next();
          Object value = settingValue(settings.get(key), path + ".settings." + key);
          if (value != null) {
            builder.setting(key, value);
          }
        }
      }
    }
    return builder.build();
  }

  private @Nullable Object settingValue(JsonNode value, String path) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    if (value.isObject() && value.size() == 1 && value.has("file")) {
      JsonNode file = value.get("file");
      if (file.isTextual() && !file.asText().isBlank()) {
        return new FileRef(file.asText());
      }
      problems.add(path + ".file", "must be a non-blank path");
      return null;
    }
    problems.add(path, "must be a string, a whole number, a boolean or {\"file\": path}");
    return null;
  }

  private void unknownKeys(JsonNode node, String path, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!known.contains(key)) {
        problems.add(
            path + "." + key, "unknown key; expected one of " + new java.util.TreeSet<>(known));
      }
    }
  }

  private String requiredText(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      problems.add(path + "." + key, "is required");
      return "";
    }
    if (!value.isTextual()) {
      problems.add(path + "." + key, "must be a string");
      return "";
    }
    return value.asText();
  }

  private String optionalText(JsonNode node, String key, String path, String fallback) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isTextual()) {
      problems.add(path + "." + key, "must be a string");
      return fallback;
    }
    return value.asText();
  }

  private int integer(JsonNode node, String key, String path, int fallback) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      problems.add(path + "." + key, "must be a whole number");
      return fallback;
    }
    return value.asInt();
  }

  private Duration duration(JsonNode node, String key, String path, Duration fallback) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isTextual()) {
      problems.add(path + "." + key, "must be an ISO-8601 duration string such as \"PT5M\"");
      return fallback;
    }
    try {
      return Duration.parse(value.asText());
    } catch (DateTimeParseException e) {
      problems.add(path + "." + key, "must be an ISO-8601 duration such as \"PT5M\"");
      return fallback;
    }
  }

  private Map<String, String> textMap(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!value.isObject()) {
      problems.add(path + "." + key, "must be an object of strings");
      return out;
    }
    Iterator<String> names = value.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode entry = value.get(name);
      if (entry.isTextual()) {
        out.put(name, entry.asText());
      } else {
        problems.add(path + "." + key + "." + name, "must be a string");
      }
    }
    return out;
  }
}
