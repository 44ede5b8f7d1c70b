package dev.pulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.ErrorCode;
import dev.pulse.config.ConfigProblem;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.config.Environment;
import dev.pulse.config.PipelineConfig;
import dev.pulse.config.PipelineDefinition;
import dev.pulse.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A CLI configuration file read and checked: the pipeline configuration ({@link PipelineConfig},
 * its JSON form) plus a {@code store} section and an optional {@code teams} section ({@link
 * TeamSettings}), with every problem of each at its JSON path.
 *
 * <pre>{@code
 * {"store": {"url": "jdbc:sqlite:pulse.db"},
 *  "pipelines": [{"name": "eng", "sources": [{"type": "jira", "settings": {...}}]}]}
 * }</pre>
 */
final class LoadedConfig {
  static final String DEFAULT_SQLITE_FILE = "pulse.db";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> STORE_KEYS =
      Set.of("url", "user", "password", "schema", "tablePrefix");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  private final Path file;
  private final PipelineConfig pipelines;
  private final @Nullable StoreSettings store;
  private final TeamSettings teams;
  private final List<ConfigProblem> problems;
  private final ConnectorCatalog catalog;
  private final Environment environment;

  private LoadedConfig(
      Path file,
      PipelineConfig pipelines,
      @Nullable StoreSettings store,
      TeamSettings teams,
      List<ConfigProblem> problems,
      ConnectorCatalog catalog,
      Environment environment) {
    this.file = file;
    this.pipelines = pipelines;
    this.store = store;
    this.teams = teams;
    this.problems = List.copyOf(problems);
    this.catalog = catalog;
    this.environment = environment;
  }

  /**
   * Reads and validates a file, connecting nowhere.
   *
   * @throws CliFailure with {@code INVALID_CONFIG} when the file cannot be read at all
   */
  static LoadedConfig read(Path file, ConnectorCatalog catalog, Environment environment) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliFailure(
          ErrorCode.INVALID_CONFIG,
          "configuration file "
              + file
              + " does not exist; pass --config FILE or set PULSE_CONFIG (see pulse --help)");
    } catch (IOException e) {
      throw new CliFailure(
          ErrorCode.INVALID_CONFIG,
          "configuration file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
    List<ConfigProblem> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // PipelineConfig.parse reports where the JSON breaks without quoting the document.
      PipelineConfig config = PipelineConfig.parse(text);
      problems.addAll(config.validate(catalog, environment));
      return new LoadedConfig(
          file, config, null, TeamSettings.NONE, problems, catalog, environment);
    }
    JsonNode storeNode = null;
    JsonNode teamsNode = null;
    String pipelineJson = text;
    if (root instanceof ObjectNode object && (object.has("store") || object.has("teams"))) {
      ObjectNode copy = object.deepCopy();
      storeNode = copy.remove("store");
      teamsNode = copy.remove("teams");
      pipelineJson = copy.toString();
    }
    Path base = file.toAbsolutePath().getParent();
    StoreSettings store =
        store(storeNode, base == null ? Path.of(".") : base, environment, problems);
    TeamSettings teams = TeamSettings.parse(teamsNode, problems);
    PipelineConfig config = PipelineConfig.parse(pipelineJson);
    problems.addAll(config.validate(catalog, environment));
    return new LoadedConfig(file, config, store, teams, problems, catalog, environment);
  }

  private static @Nullable StoreSettings store(
      @Nullable JsonNode node, Path base, Environment environment, List<ConfigProblem> problems) {
    String url = StoreSettings.SQLITE + DEFAULT_SQLITE_FILE;
    String user = null;
    Secret password = null;
    String schema = null;
    String prefix = "pulse_";
    int before = problems.size();
    if (node != null) {
      if (!node.isObject()) {
        problems.add(
            problem("$.store", "must be an object such as {\"url\": \"jdbc:sqlite:pulse.db\"}"));
        return null;
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String path = "$.store." + field.getKey();
        if (!STORE_KEYS.contains(field.getKey())) {
          problems.add(
              problem(
                  path,
                  "is not a known key; known keys are " + new java.util.TreeSet<>(STORE_KEYS)));
          continue;
        }
        if (!field.getValue().isTextual()) {
          problems.add(problem(path, "must be a string"));
          continue;
        }
        String value = resolve(field.getValue().asText(), path, environment, problems);
        if (value == null) {
          continue;
        }
        switch (field.getKey()) {
          case "url" -> url = value;
          case "user" -> user = value;
          case "password" -> password = new Secret(value);
          case "schema" -> schema = value;
          default -> prefix = value;
        }
      }
    }
    if (!url.startsWith("jdbc:")) {
      problems.add(problem("$.store.url", "must be a JDBC URL such as jdbc:sqlite:pulse.db"));
    }
    if (!prefix.matches("[a-z][a-z0-9_]{0,30}")) {
      problems.add(problem("$.store.tablePrefix", "must be lower-case letters, digits and _"));
    }
    if (problems.size() > before) {
      return null;
    }
    if (url.startsWith(StoreSettings.SQLITE)) {
      Path sqlite = Path.of(url.substring(StoreSettings.SQLITE.length()));
      url = StoreSettings.SQLITE + base.resolve(sqlite).normalize();
    }
    return new StoreSettings(url, user, password, schema, prefix);
  }

  /** Resolves whole-value {@code ${NAME}} references; never quotes the value. */
  private static @Nullable String resolve(
      String raw, String path, Environment environment, List<ConfigProblem> problems) {
    Matcher matcher = REFERENCE.matcher(raw);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = environment.variable(name).orElse(null);
      if (value == null) {
        problems.add(problem(path, "refers to ${" + name + "}, which is not set"));
        return null;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static ConfigProblem problem(String path, String message) {
    return new ConfigProblem(path, ErrorCode.INVALID_CONFIG, message);
  }

  Path file() {
    return file;
  }

  List<ConfigProblem> problems() {
    return problems;
  }

  List<PipelineDefinition> pipelines() {
    return pipelines.pipelines();
  }

  ConnectorCatalog catalog() {
    return catalog;
  }

  /**
   * Returns the {@code teams} section, {@link TeamSettings#NONE} when there is none.
   *
   * @throws CliFailure if the teams section has problems
   */
  TeamSettings teams() {
    List<ConfigProblem> found =
        problems.stream().filter(p -> p.path().startsWith("$.teams")).toList();
    if (!found.isEmpty()) {
      throw invalid(found);
    }
    return teams;
  }

  /**
   * Returns the store settings of a valid store section.
   *
   * @throws CliFailure if the store section has problems
   */
  StoreSettings store() {
    StoreSettings settings = store;
    if (settings == null) {
      throw invalid(problems.stream().filter(p -> p.path().startsWith("$.store")).toList());
    }
    return settings;
  }

  /**
   * Returns each pipeline's sources' settings, resolved and typed.
   *
   * @throws CliFailure if the configuration has any problem
   */
  List<List<Map<String, Object>>> resolved() {
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return pipelines.resolve(catalog, environment);
  }

  /** Fails unless the whole configuration is valid. */
  void requireValid() {
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
  }

  private CliFailure invalid(List<ConfigProblem> found) {
    ConfigProblem first = found.isEmpty() ? problem("$", "is invalid") : found.get(0);
    String more = found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : "";
    return new CliFailure(
        first.code(),
        file
            + " is invalid: "
            + first.path()
            + " "
            + first.message()
            + more
            + "; run pulse validate "
            + file);
  }
}
