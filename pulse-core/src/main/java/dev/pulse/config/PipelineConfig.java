package dev.pulse.config;

import dev.pulse.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of pipeline definitions, read from JSON ({@link #parse}) or built in code ({@link #of}),
 * and the one place they are validated.
 *
 * <p>{@link #validate} is a dry run: it connects nowhere, creates nothing and returns every problem
 * at once, each with its JSON path and {@link dev.pulse.ErrorCode} (unknown connector type, unknown
 * or missing key, wrong type, missing secret, unresolved {@code ${ENV}}, malformed scope key, zero
 * or negative limits, duplicate pipeline names). Definitions built in code get the same paths, as
 * if they had been written as JSON. {@link #resolve} validates and then returns each source's
 * settings with references resolved and secrets wrapped in {@link Secret}. Immutable and
 * thread-safe.
 *
 * <p>The JSON form:
 *
 * <pre>{@code
 * {"pipelines": [{
 *   "name": "eng", "tenant": "acme", "labels": {"team": "core"}, "annotations": {},
 *   "globalConcurrency": 8,
 *   "retry": {"maxAttempts": 3, "initialBackoff": "PT1S", "maxBackoff": "PT5M"},
 *   "sources": [{
 *     "type": "jira", "concurrency": 2, "interval": "PT5M", "jitter": "PT30S",
 *     "scopes": ["jira:project:BG"],
 *     "settings": {"url": "https://jira.example", "token": "${JIRA_TOKEN}",
 *                  "password": {"file": "/run/secrets/jira"}}
 *   }]
 * }]}
 * }</pre>
 */
public final class PipelineConfig {
  private final List<PipelineDefinition> pipelines;
  private final List<ConfigProblem> parseProblems;

  private PipelineConfig(List<PipelineDefinition> pipelines, List<ConfigProblem> parseProblems) {
    this.pipelines = List.copyOf(pipelines);
    this.parseProblems = List.copyOf(parseProblems);
  }

  /**
   * Reads the JSON form. Never throws for bad content: what cannot be read is reported by {@link
   * #validate}.
   *
   * @param json the document
   * @return the configuration
   */
  public static PipelineConfig parse(String json) {
    Objects.requireNonNull(json, "json");
    Problems problems = new Problems();
    List<PipelineDefinition> pipelines = new ConfigParser(problems).parse(json);
    return new PipelineConfig(pipelines, problems.list());
  }

  /**
   * Wraps definitions built in code.
   *
   * @param pipelines the definitions
   * @return the configuration
   */
  public static PipelineConfig of(List<PipelineDefinition> pipelines) {
    return new PipelineConfig(pipelines, List.of());
  }

  /**
   * Returns the definitions (as far as they could be read).
   *
   * @return the definitions
   */
  public List<PipelineDefinition> pipelines() {
    return pipelines;
  }

  /**
   * Checks everything, connecting nowhere.
   *
   * @param catalog the connector providers, which validate each source's settings
   * @param environment where references are resolved
   * @return every problem, in document order; empty when valid
   */
  public List<ConfigProblem> validate(ConnectorCatalog catalog, Environment environment) {
    Problems problems = new Problems();
    problems.addAll(parseProblems);
    new ConfigValidator(catalog, environment, problems).validate(pipelines);
    return problems.list();
  }

  /**
   * Validates and resolves every source's settings.
   *
   * @param catalog the connector providers, which validate each source's settings
   * @param environment where references are resolved
   * @return per pipeline (in order), per source (in order), its given settings by key, typed by the
   *     provider's {@link dev.pulse.spi.ConfigKey}: {@link String}, {@link Long}, {@link Boolean},
   *     {@link java.time.Duration}, {@link java.net.URI}, {@link List} of strings, or {@link
   *     Secret} for a secret key
   * @throws InvalidConfigException listing every problem, when there is any
   */
  public List<List<Map<String, Object>>> resolve(
      ConnectorCatalog catalog, Environment environment) {
    Problems problems = new Problems();
    problems.addAll(parseProblems);
    Map<String, List<Map<String, Object>>> resolved =
        new ConfigValidator(catalog, environment, problems).validate(pipelines);
    List<ConfigProblem> found = problems.list();
    if (!found.isEmpty()) {
      throw new InvalidConfigException(found.stream().map(ConfigProblem::toString).toList());
    }
    return List.copyOf(new ArrayList<>(resolved.values()));
  }

  @Override
  public String toString() {
    return "PipelineConfig[" + pipelines.stream().map(PipelineDefinition::name).toList() + "]";
  }
}
