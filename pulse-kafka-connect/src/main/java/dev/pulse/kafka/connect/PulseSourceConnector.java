package dev.pulse.kafka.connect;

import dev.pulse.PulseException;
import dev.pulse.ScopeKey;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.spi.Connector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect source connector that runs any Pulse connector found on the worker's plugin path,
 * chosen by its type in {@code pulse.connector}, and writes its records to {@code pulse.topic}.
 *
 * <p>Each scope of the Pulse connector is one source partition, {@code {"scope": "<scope key>"}},
 * and its position the source offset, so Connect stores Pulse's progress and its offsets API reads
 * and rewinds it. The scopes are the ones listed in {@code pulse.scopes}, or else the ones the
 * Pulse connector discovers, looked for again every {@code pulse.discovery.interval.ms} in a
 * background thread: a change reconfigures the tasks, which share the scopes round-robin. Exactly
 * once source delivery is supported (each page is one transaction), and so are connector-defined
 * transaction boundaries (again one page, one transaction).
 *
 * <p>Configuration is checked by {@link #validate} through the Pulse connector's own {@link
 * dev.pulse.spi.ConnectorProvider#validate}, each problem with its error code; the Pulse
 * connector's settings go under {@code settings.}, secret ones typed as {@link
 * ConfigDef.Type#PASSWORD} so Connect never shows them.
 *
 * <pre>{@code
 * {"connector.class": "dev.pulse.kafka.connect.PulseSourceConnector",
 *  "pulse.connector": "jira", "pulse.topic": "jira-issues",
 *  "settings.baseUrl": "https://example.atlassian.net",
 *  "settings.token": "${file:/etc/pulse/secrets.properties:jira.token}",
 *  "exactly.once.support": "required",
 *  "key.converter": "org.apache.kafka.connect.storage.StringConverter",
 *  "value.converter": "org.apache.kafka.connect.storage.StringConverter"}
 * }</pre>
 */
public final class PulseSourceConnector extends SourceConnector {
  private static final Logger LOG = LoggerFactory.getLogger(PulseSourceConnector.class);

  private final Supplier<ConnectorCatalog> catalogs;
  private @Nullable ConnectorCatalog catalog;
  private Map<String, String> props = Map.of();
  private @Nullable ConnectSettings settings;
  private @Nullable Connector<?> pulse;
  private @Nullable ScopeDiscovery discovery;

  /** Creates a connector that runs the Pulse connector types found next to this class. */
  public PulseSourceConnector() {
    this(() -> ConnectorCatalog.discover(PulseSourceConnector.class.getClassLoader()));
  }

  /** Creates a connector over given connector types; for tests. */
  PulseSourceConnector(Supplier<ConnectorCatalog> catalogs) {
    this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
  }

  @Override
  public String version() {
    return Versions.of(PulseSourceConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {
    ConnectSettings parsed = ConnectSettings.parse(catalog(), props);
    this.props = Map.copyOf(props);
    this.settings = parsed;
    Connector<?> connector;
    try {
      connector = catalog().provider(parsed.type()).orElseThrow().create(parsed.settings());
    } catch (PulseException e) {
      throw new ConnectException(
          e.code()
              + ": the Pulse connector "
              + parsed.type()
              + " could not be created: "
              + e.getMessage(),
          e);
    }
    this.pulse = connector;
    if (parsed.scopes().isEmpty()) {
      String name = props.getOrDefault("name", parsed.type());
      this.discovery =
          new ScopeDiscovery(
              connector, parsed.discoveryInterval(), context::requestTaskReconfiguration, name);
    }
    LOG.info(
        "Pulse source connector started: type {}, topic {}, {} scopes",
        parsed.type(),
        parsed.topic(),
        scopes().size());
  }

  @Override
  public Class<? extends Task> taskClass() {
    return PulseSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<ScopeKey> share : TaskScopes.spread(scopes(), maxTasks)) {
      Map<String, String> config = new HashMap<>(props);
      config.put(TaskScopes.KEY, TaskScopes.encode(share));
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {
    ScopeDiscovery running = discovery;
    discovery = null;
    if (running != null) {
      running.close();
    }
    Connector<?> connector = pulse;
    pulse = null;
    if (connector != null) {
      connector.close();
    }
  }

  @Override
  public ConfigDef config() {
    return ConnectSettings.definition(catalog());
  }

  /**
   * Checks a configuration with Connect's {@link ConfigDef} and then with the chosen Pulse
   * connector's own validation, without connecting anywhere; each Pulse problem is reported on the
   * key it concerns, prefixed with its error code, and never quotes a secret.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    Map<String, ConfigValue> byName = new java.util.LinkedHashMap<>();
    for (ConfigValue value : config.configValues()) {
      byName.put(value.name(), value);
    }
    ConnectSettings.problems(catalog(), connectorConfigs)
        .forEach(
            (key, messages) -> {
              ConfigValue value = byName.computeIfAbsent(key, ConfigValue::new);
              messages.forEach(value::addErrorMessage);
            });
    return new Config(new ArrayList<>(byName.values()));
  }

  /** Declares exactly-once support: a page is one poll and its offset, committed together. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /** Declares that tasks can mark transaction boundaries: one page, one transaction. */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(
      Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.SUPPORTED;
  }

  /**
   * Checks offsets an operator writes through Connect's offsets API: every partition must be {@code
   * {"scope": "<scope key>"}} and every offset a Pulse position or null (read from the start).
   * Connect itself stores them; Pulse keeps no offsets elsewhere.
   *
   * @return true: the offsets are then fully altered
   * @throws ConnectException naming the first malformed partition or offset
   */
  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
      ScopeKey scope;
      try {
        scope = Offsets.scope(entry.getKey());
      } catch (IllegalArgumentException e) {
        throw new ConnectException(dev.pulse.ErrorCode.INVALID_DATA + ": " + e.getMessage(), e);
      }
      Offsets.position(scope, entry.getValue());
    }
    return true;
  }

  /** Returns the scopes the tasks share now: the configured ones, or the discovered ones. */
  Set<ScopeKey> scopes() {
    ConnectSettings parsed = settings;
    if (parsed == null) {
      return Set.of();
    }
    ScopeDiscovery running = discovery;
    return running == null ? new TreeSet<>(parsed.scopes()) : running.scopes();
  }

  private ConnectorCatalog catalog() {
    ConnectorCatalog known = catalog;
    if (known == null) {
      known = catalogs.get();
      catalog = known;
    }
    return known;
  }
}
