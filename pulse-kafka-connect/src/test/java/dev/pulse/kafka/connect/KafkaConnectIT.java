package dev.pulse.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.ScopeKey;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The adapter in a real Connect cluster: Kafka's embedded cluster (one KRaft broker, two
 * distributed workers with exactly-once source support) runs {@link PulseSourceConnector} over the
 * {@link FakeCi} source, and the topic is read back with {@code isolation.level=read_committed}.
 *
 * <p>The steps build on each other, in order: every record exactly once; a worker stops, its tasks
 * move to the other one, and what the source gained meanwhile (new records, a new scope) still
 * arrives exactly once; the offsets read back through {@code GET /connectors/{name}/offsets} are
 * the scopes' last positions; rewinding one scope through {@code PATCH} re-reads that scope alone.
 * Every wait polls with a deadline. Run with {@code -Pkafka}; about 45 s and 1.3 GB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaConnectIT {
  private static final String CONNECTOR = "pulse-ci";
  private static final String TOPIC = "deployments";
  private static final String DATASET = "kafka-it";
  private static final int SCOPES = 12;
  private static final int PER_SCOPE = 30;
  private static final int MORE = 5;
  private static final long DEADLINE_MS = 60_000;
  private static final Duration DEADLINE = Duration.ofMillis(DEADLINE_MS);

  private final EmbeddedConnectCluster connect =
      new EmbeddedConnectCluster.Builder()
          .name("pulse-connect")
          .numWorkers(2)
          .numBrokers(1)
          .brokerProps(brokerProps())
          .workerProps(workerProps())
          .build();
  private FakeCi.Dataset dataset;

  private static Map<String, String> workerProps() {
    Map<String, String> props = new HashMap<>(); // the builder adds to it
    props.put("exactly.once.source.support", "enabled");
    // Plugins found through their ServiceLoader manifests only: scanning the class path took ~40 s
    // a worker.
    props.put("plugin.discovery", "service_load");
    // How long the cluster waits for a departed worker to come back before moving its tasks.
    props.put("scheduled.rebalance.max.delay.ms", "3000");
    props.put("offset.flush.interval.ms", "1000");
    return props;
  }

  private static Properties brokerProps() {
    Properties props = new Properties();
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    return props;
  }

  @BeforeAll
  void start() throws InterruptedException {
    dataset = FakeCi.register(DATASET, SCOPES, PER_SCOPE);
    connect.start();
    connect.assertions().assertExactlyNumWorkersAreUp(2, "the two workers did not start");
    connect.kafka().createTopic(TOPIC, 3);
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", PulseSourceConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("exactly.once.support", "required");
    config.put("key.converter", StringConverter.class.getName());
    config.put("value.converter", StringConverter.class.getName());
    config.put(ConnectSettings.CONNECTOR, FakeCiProvider.TYPE);
    config.put(ConnectSettings.TOPIC, TOPIC);
    config.put(ConnectSettings.PAGE_SIZE, "7");
    config.put(ConnectSettings.POLL_INTERVAL, "500");
    config.put(ConnectSettings.DISCOVERY_INTERVAL, "500");
    config.put("settings.dataset", DATASET);
    config.put("settings.token", "it-token");
    connect.configureConnector(CONNECTOR, config);
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "the connector did not start");
  }

  @AfterAll
  void stop() {
    connect.stop();
  }

  /** Reads the topic to its end, committed records only, and counts each key. */
  private Map<String, Integer> committedKeys() throws Exception {
    ConsumerRecords<byte[], byte[]> records =
        connect
            .kafka()
            .consumeAll(
                DEADLINE_MS,
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                null,
                TOPIC);
    Map<String, Integer> counts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      counts.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
    }
    return counts;
  }

  /** Waits until the committed records hold {@code keys} distinct keys. */
  private Map<String, Integer> awaitKeys(int keys) throws Exception {
    Map<String, Map<String, Integer>> last = new HashMap<>();
    Await.until(
        DEADLINE,
        () -> {
          last.put("counts", committedKeys());
          return last.get("counts").size() >= keys;
        },
        () -> "expected " + keys + " keys, got " + last.getOrDefault("counts", Map.of()).size());
    return last.get("counts");
  }

  private static Map<String, Integer> expected(int scopes, int perScope) {
    Map<String, Integer> keys = new TreeMap<>();
    for (int i = 0; i < scopes; i++) {
      for (int n = 0; n < perScope; n++) {
        keys.put(FakeCi.key(SyntheticDeployments.scope(i), n), 1);
      }
    }
    return keys;
  }

  @Test
  @Order(1)
  void everyRecordArrivesExactlyOnce() throws Exception {
    Map<String, Integer> counts = awaitKeys(SCOPES * PER_SCOPE);
    assertEquals(expected(SCOPES, PER_SCOPE), counts);
    ConsumerRecord<byte[], byte[]> first =
        connect
            .kafka()
            .consume(
                1,
                DEADLINE_MS,
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                TOPIC)
            .iterator()
            .next();
    String key = new String(first.key(), StandardCharsets.UTF_8);
    ScopeKey scope = SyntheticDeployments.scope(Integer.parseInt(key.substring(1, 4)));
    int n = Integer.parseInt(key.substring(key.lastIndexOf("-b") + 2));
    assertEquals(
        RecordJson.value(SyntheticDeployments.deployment(scope, n)),
        new String(first.value(), StandardCharsets.UTF_8));
  }

  @Test
  @Order(2)
  void tasksMoveWhenAWorkerStopsAndNothingIsLostOrRepeated() throws Exception {
    WorkerHandle leaving = connect.workers().iterator().next();
    connect.removeWorker(leaving);
    connect.assertions().assertExactlyNumWorkersAreUp(1, "the worker did not stop");
    WorkerHandle staying = connect.workers().iterator().next();
    String stayingPort = ":" + staying.url().getPort();
    Await.until(
        DEADLINE,
        () -> {
          ConnectorStateInfo status = connect.connectorStatus(CONNECTOR);
          return status.tasks().size() == 2
              && status.tasks().stream()
                  .allMatch(t -> t.state().equals("RUNNING") && t.workerId().endsWith(stayingPort));
        },
        () ->
            "the tasks did not move to "
                + staying.url()
                + ": "
                + connect.connectorStatus(CONNECTOR));

    // While on one worker the source grows: more deployments everywhere, and a new scope.
    for (int i = 0; i < SCOPES; i++) {
      dataset.data.append(
          SyntheticDeployments.scope(i),
          SyntheticDeployments.deployments(
              SyntheticDeployments.scope(i), PER_SCOPE, PER_SCOPE + MORE));
    }
    dataset.data.append(
        SyntheticDeployments.scope(SCOPES),
        SyntheticDeployments.deployments(SyntheticDeployments.scope(SCOPES), 0, PER_SCOPE + MORE));
    Map<String, Integer> counts = awaitKeys((SCOPES + 1) * (PER_SCOPE + MORE));
    assertEquals(expected(SCOPES + 1, PER_SCOPE + MORE), counts);
  }

  @Test
  @Order(3)
  void offsetsAreReadBackAsEachScopesLastPosition() throws Exception {
    // Offsets are flushed after the records' transactions commit; wait for the last ones.
    Await.until(DEADLINE, () -> offsets().equals(lastOffsets()), () -> "offsets: " + offsets());
    for (Map<String, ?> partition : offsets().keySet()) {
      assertEquals(Set.of(Offsets.SCOPE), partition.keySet());
    }
  }

  @Test
  @Order(4)
  void rewindingOneScopeReReadsThatScopeAlone() throws Exception {
    ScopeKey rewound = SyntheticDeployments.scope(3);
    int from = 10;
    connect.stopConnector(CONNECTOR);
    connect.assertions().assertConnectorIsStopped(CONNECTOR, "the connector did not stop");
    connect.alterSourceConnectorOffset(
        CONNECTOR,
        Offsets.partition(rewound),
        Offsets.offset(
            SyntheticDeployments.position(SyntheticDeployments.deployment(rewound, from - 1))));
    assertEquals(
        Offsets.offset(
            SyntheticDeployments.position(SyntheticDeployments.deployment(rewound, from - 1))),
        offsets().get(Offsets.partition(rewound)));
    connect.resumeConnector(CONNECTOR);
    connect
        .assertions()
        .assertConnectorAndAtLeastNumTasksAreRunning(CONNECTOR, 1, "the connector did not resume");

    Map<String, Integer> expected = expected(SCOPES + 1, PER_SCOPE + MORE);
    for (int n = from; n < PER_SCOPE + MORE; n++) {
      expected.put(FakeCi.key(rewound, n), 2);
    }
    Map<String, Map<String, Integer>> last = new HashMap<>();
    Await.until(
        DEADLINE,
        () -> {
          last.put("counts", committedKeys());
          return last.get("counts").get(FakeCi.key(rewound, PER_SCOPE + MORE - 1)) == 2;
        },
        () -> "scope " + rewound + " was not re-read: " + last.get("counts"));
    assertEquals(expected, last.get("counts"));
  }

  private Map<Map<String, ?>, Map<String, ?>> offsets() {
    return connect.connectorOffsets(CONNECTOR).offsets().stream()
        .collect(Collectors.toMap(ConnectorOffset::partition, ConnectorOffset::offset));
  }

  private static Map<Map<String, ?>, Map<String, ?>> lastOffsets() {
    Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
    for (int i = 0; i <= SCOPES; i++) {
      ScopeKey scope = SyntheticDeployments.scope(i);
      offsets.put(
          Offsets.partition(scope),
          Offsets.offset(
              SyntheticDeployments.position(
                  SyntheticDeployments.deployment(scope, PER_SCOPE + MORE - 1))));
    }
    return offsets;
  }
}
