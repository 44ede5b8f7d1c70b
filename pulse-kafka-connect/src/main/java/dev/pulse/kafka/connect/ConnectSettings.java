package dev.pulse.kafka.connect;

import dev.pulse.ErrorCode;
import dev.pulse.InvalidScopeKeyException;
import dev.pulse.ScopeKey;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.engine.ReadOptions;
import dev.pulse.spi.ConfigKey;
import dev.pulse.spi.ConfigProblem;
import dev.pulse.spi.ConnectorProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of a {@link PulseSourceConnector}: which Pulse connector type to run, where its
 * records go, how often scopes are re-read and discovered, and the Pulse connector's own settings
 * under the {@code settings.} prefix.
 *
 * <p>The settings are declared in Connect's {@link ConfigDef} from every provider's {@link
 * dev.pulse.spi.ConfigSpec}, a secret key as {@link ConfigDef.Type#PASSWORD}, so Connect's REST API
 * and logs hide its value; they are checked by the chosen provider's own {@link
 * ConnectorProvider#validate}, whose problems (with their {@link ErrorCode}) are reported on the
 * key they concern. Immutable.
 *
 * @param type the Pulse connector type, e.g. {@code jira}
 * @param topic the topic every record is written to
 * @param scopes the scopes to read, or empty to read the ones the connector discovers
 * @param pageSize the most records one page (one poll) holds
 * @param pollInterval how long a scope read to its end waits before it is read again
 * @param discoveryInterval how often the connector looks for new or vanished scopes
 * @param settings the Pulse connector's settings, without the prefix
 */
record ConnectSettings(
    String type,
    String topic,
    List<ScopeKey> scopes,
    int pageSize,
    Duration pollInterval,
    Duration discoveryInterval,
    Map<String, String> settings) {
  static final String CONNECTOR = "pulse.connector";
  static final String TOPIC = "pulse.topic";
  static final String SCOPES = "pulse.scopes";
  static final String PAGE_SIZE = "pulse.page.size";
  static final String POLL_INTERVAL = "pulse.poll.interval.ms";
  static final String DISCOVERY_INTERVAL = "pulse.discovery.interval.ms";
  static final String SETTINGS_PREFIX = "settings.";

  /** Copies the collections. */
  ConnectSettings {
    scopes = List.copyOf(scopes);
    settings = Map.copyOf(settings);
  }

  /**
   * Returns the definition of the connector's keys: its own, then every provider's settings.
   *
   * @param catalog the Pulse connector types on the worker
   */
  static ConfigDef definition(ConnectorCatalog catalog) {
    ConfigDef def =
        new ConfigDef()
            .define(
                CONNECTOR,
                ConfigDef.Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new ConfigDef.NonEmptyString(),
                ConfigDef.Importance.HIGH,
                "The Pulse connector type to run, one of " + catalog.types() + ".")
            .define(
                TOPIC,
                ConfigDef.Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new ConfigDef.NonEmptyString(),
                ConfigDef.Importance.HIGH,
                "The topic every record is written to, keyed by its natural key.")
            .define(
                SCOPES,
                ConfigDef.Type.LIST,
                "",
                ConfigDef.Importance.MEDIUM,
                "The scope keys to read (source:dimension:value); empty reads every scope the"
                    + " connector discovers, and picks up new ones.")
            .define(
                PAGE_SIZE,
                ConfigDef.Type.INT,
                ReadOptions.DEFAULT_PAGE_SIZE,
                ConfigDef.Range.between(1, ReadOptions.MAX_PAGE_SIZE),
                ConfigDef.Importance.MEDIUM,
                "The most records one page holds; a page is one poll, one transaction.")
            .define(
                POLL_INTERVAL,
                ConfigDef.Type.LONG,
                60_000L,
                ConfigDef.Range.atLeast(1),
                ConfigDef.Importance.MEDIUM,
                "How long a scope read to its end waits before it is read again, in ms.")
            .define(
                DISCOVERY_INTERVAL,
                ConfigDef.Type.LONG,
                300_000L,
                ConfigDef.Range.atLeast(1),
                ConfigDef.Importance.LOW,
                "How often the connector looks for new or vanished scopes, in ms; a change"
                    + " reconfigures the tasks.");
    for (Map.Entry<String, List<Declared>> entry : settingKeys(catalog).entrySet()) {
      List<Declared> declared = entry.getValue();
      boolean secret = declared.stream().anyMatch(d -> d.key().secret());
      StringBuilder doc = new StringBuilder();
      for (Declared d : declared) {
        doc.append(doc.length() == 0 ? "" : " ")
            .append(d.type())
            .append(": ")
            .append(d.key().description())
            .append(d.key().required() ? " (required)." : ".");
      }
      def.define(
          SETTINGS_PREFIX + entry.getKey(),
          secret ? ConfigDef.Type.PASSWORD : ConfigDef.Type.STRING,
          null,
          ConfigDef.Importance.MEDIUM,
          doc.toString());
    }
    return def;
  }

  /**
   * Checks a configuration with the chosen provider and returns its problems, each under the
   * Connect key it concerns: the provider's problems under {@code settings.<key>}, an unknown type
   * under {@link #CONNECTOR}, a malformed scope under {@link #SCOPES}. The connector's own keys are
   * checked by its {@link ConfigDef}; this adds what it cannot know.
   *
   * @return Connect key to messages, each starting with its error code; empty when valid
   */
  static Map<String, List<String>> problems(ConnectorCatalog catalog, Map<String, String> props) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    String type = props.get(CONNECTOR);
    if (type != null && !type.isBlank()) {
      Optional<ConnectorProvider> provider = catalog.provider(type.strip());
      if (provider.isEmpty()) {
        add(
            problems,
            CONNECTOR,
            ErrorCode.INVALID_CONFIG,
            "no Pulse connector has type \""
                + type.strip()
                + "\"; known types are "
                + catalog.types());
      } else {
        for (ConfigProblem problem : provider.get().validate(settingsOf(props))) {
          add(
              problems,
              problem.key().isEmpty() ? CONNECTOR : SETTINGS_PREFIX + problem.key(),
              problem.code(),
              problem.message());
        }
      }
    }
    String scopes = props.get(SCOPES);
    if (scopes != null) {
      for (String text : scopeTexts(scopes)) {
        try {
          ScopeKey.parse(text);
        } catch (InvalidScopeKeyException e) {
          add(problems, SCOPES, ErrorCode.INVALID_SCOPE_KEY, String.valueOf(e.getMessage()));
        }
      }
    }
    return problems;
  }

  /**
   * Parses and checks a configuration, as {@code start} does.
   *
   * @throws ConfigException naming every problem, without secret values
   */
  static ConnectSettings parse(ConnectorCatalog catalog, Map<String, String> props) {
    Map<String, Object> values = definition(catalog).parse(props);
    Map<String, List<String>> problems = problems(catalog, props);
    if (!problems.isEmpty()) {
      List<String> lines = new ArrayList<>();
      problems.forEach((key, messages) -> messages.forEach(m -> lines.add(key + ": " + m)));
      throw new ConfigException("invalid Pulse source connector configuration: " + lines);
    }
    List<ScopeKey> scopes = new ArrayList<>();
    for (Object text : parsed(values, SCOPES, List.class)) {
      scopes.add(ScopeKey.parse(String.valueOf(text)));
    }
    return new ConnectSettings(
        parsed(values, CONNECTOR, String.class).strip(),
        parsed(values, TOPIC, String.class).strip(),
        scopes,
        parsed(values, PAGE_SIZE, Integer.class),
        Duration.ofMillis(parsed(values, POLL_INTERVAL, Long.class)),
        Duration.ofMillis(parsed(values, DISCOVERY_INTERVAL, Long.class)),
        settingsOf(props));
  }

  /** Returns a value {@link ConfigDef#parse} gave a key that has a default or is required. */
  private static <V> V parsed(Map<String, Object> values, String key, Class<V> type) {
    return type.cast(Objects.requireNonNull(values.get(key), key));
  }

  /** Returns the Pulse connector's settings: the {@code settings.} keys, without the prefix. */
  static Map<String, String> settingsOf(Map<String, String> props) {
    Map<String, String> settings = new TreeMap<>();
    props.forEach(
        (key, value) -> {
          if (key.startsWith(SETTINGS_PREFIX) && value != null) {
            settings.put(key.substring(SETTINGS_PREFIX.length()), value);
          }
        });
    return settings;
  }

  /** Returns the catalog's setting keys by name, each with the types that declare it. */
  private static Map<String, List<Declared>> settingKeys(ConnectorCatalog catalog) {
    Map<String, List<Declared>> byName = new TreeMap<>();
    for (String type : catalog.types()) {
      ConnectorProvider provider = catalog.provider(type).orElseThrow();
      for (ConfigKey key : provider.configSpec().keys()) {
        byName.computeIfAbsent(key.name(), name -> new ArrayList<>()).add(new Declared(type, key));
      }
    }
    return byName;
  }

  private static List<String> scopeTexts(String list) {
    List<String> texts = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      if (!part.isBlank()) {
        texts.add(part.strip());
      }
    }
    return texts;
  }

  private static void add(
      Map<String, List<String>> problems, String key, ErrorCode code, @Nullable String message) {
    problems.computeIfAbsent(key, k -> new ArrayList<>()).add(code + ": " + message);
  }

  /** A setting key as one provider declares it. */
  private record Declared(String type, ConfigKey key) {}
}
