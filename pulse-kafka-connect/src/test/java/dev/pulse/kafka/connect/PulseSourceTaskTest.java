package dev.pulse.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.spi.ReadOrder;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PulseSourceTaskTest {
  private final FakeClock clock = new FakeClock();
  private final TestContexts.Task context = new TestContexts.Task();
  private final PulseSourceTask task =
      new PulseSourceTask(
          () -> ConnectorCatalog.of(List.of(new FakeCiProvider())), clock, Duration.ZERO);

  @AfterEach
  void stop() {
    task.stop();
  }

  private void start(String dataset, List<ScopeKey> scopes, int pageSize) {
    Map<String, String> config = new HashMap<>();
    config.put(ConnectSettings.CONNECTOR, FakeCiProvider.TYPE);
    config.put(ConnectSettings.TOPIC, "deployments");
    config.put(ConnectSettings.PAGE_SIZE, String.valueOf(pageSize));
    config.put(ConnectSettings.POLL_INTERVAL, "60000");
    config.put("settings.dataset", dataset);
    config.put("settings.token", "t");
    config.put(TaskScopes.KEY, TaskScopes.encode(scopes));
    task.initialize(context);
    task.start(config);
  }

  private static List<Object> keys(List<SourceRecord> records) {
    return records.stream().map(SourceRecord::key).toList();
  }

  /** Polls until a poll finds nothing due, and returns every record. */
  private List<SourceRecord> drain() {
    List<SourceRecord> all = new ArrayList<>();
    for (List<SourceRecord> page = task.poll(); page != null; page = task.poll()) {
      all.addAll(page);
    }
    return all;
  }

  @Test
  void eachPollIsOnePageWithItsPositionAsTheOffset() {
    FakeCi.register("pages", 1, 5);
    ScopeKey scope = SyntheticDeployments.scope(0);
    start("pages", List.of(scope), 2);
    List<SourceRecord> first = task.poll();
    assertEquals(List.of(FakeCi.key(scope, 0), FakeCi.key(scope, 1)), keys(first));
    for (SourceRecord record : first) {
      assertEquals(Map.of("scope", "ci:repo:r000"), record.sourcePartition());
      assertEquals(
          Offsets.offset(SyntheticDeployments.position(SyntheticDeployments.deployment(scope, 1))),
          record.sourceOffset());
      assertEquals("deployments", record.topic());
      assertEquals(
          RecordJson.value(SyntheticDeployments.deployment(scope, 0)), first.get(0).value());
      assertEquals("ci:repo:r000", record.headers().lastWithName("pulse.scope").value());
      assertEquals("deployments", record.headers().lastWithName("pulse.entity.type").value());
    }
    assertEquals(List.of(FakeCi.key(scope, 2), FakeCi.key(scope, 3)), keys(task.poll()));
    assertEquals(List.of(FakeCi.key(scope, 4)), keys(task.poll()));
    assertNull(task.poll());
  }

  @Test
  void aScopeResumesAfterItsStoredOffset() {
    FakeCi.register("resume", 1, 5);
    ScopeKey scope = SyntheticDeployments.scope(0);
    context.offsets.stored.put(
        Offsets.partition(scope),
        new HashMap<>(
            Offsets.offset(
                SyntheticDeployments.position(SyntheticDeployments.deployment(scope, 2)))));
    start("resume", List.of(scope), 10);
    assertEquals(List.of(FakeCi.key(scope, 3), FakeCi.key(scope, 4)), keys(task.poll()));
  }

  @Test
  void scopesTakeTurns() {
    FakeCi.register("turns", 2, 4);
    start("turns", List.of(SyntheticDeployments.scope(0), SyntheticDeployments.scope(1)), 2);
    List<String> scopes = new ArrayList<>();
    for (List<SourceRecord> page = task.poll(); page != null; page = task.poll()) {
      scopes.add((String) page.get(0).sourcePartition().get("scope"));
    }
    assertEquals(List.of("ci:repo:r000", "ci:repo:r001", "ci:repo:r000", "ci:repo:r001"), scopes);
  }

  @Test
  void aScopeReadToItsEndIsReadAgainAfterThePollInterval() {
    FakeCi.Dataset dataset = FakeCi.register("again", 1, 2);
    ScopeKey scope = SyntheticDeployments.scope(0);
    start("again", List.of(scope), 10);
    assertEquals(2, drain().size());
    dataset.data.append(scope, SyntheticDeployments.deployments(scope, 2, 4));
    assertNull(task.poll(), "read again before the interval");
    clock.advance(Duration.ofSeconds(59));
    assertNull(task.poll(), "read again before the interval");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(FakeCi.key(scope, 2), FakeCi.key(scope, 3)), keys(drain()));
  }

  @Test
  void withConnectorDefinedBoundariesEachPageIsOneTransaction() {
    FakeCi.register("transactions", 1, 5);
    context.connectorBoundaries = true;
    start("transactions", List.of(SyntheticDeployments.scope(0)), 2);
    List<SourceRecord> pages = new ArrayList<>();
    for (List<SourceRecord> page = task.poll(); page != null; page = task.poll()) {
      pages.add(page.get(page.size() - 1));
    }
    assertEquals(pages, context.transactionEnds);
    assertEquals(3, context.transactionEnds.size());
  }

  @Test
  void aRateLimitedScopeWaitsWhileTheOthersGoOn() {
    FakeCi.Dataset limited = FakeCi.register("limited", 1, 2);
    limited.failure.set(
        new SourceException(
            ErrorCode.RATE_LIMITED,
            "ci",
            SyntheticDeployments.scope(0),
            "slow down",
            Duration.ofSeconds(90),
            null));
    start("limited", List.of(SyntheticDeployments.scope(0)), 10);
    assertNull(task.poll());
    limited.failure.set(null);
    clock.advance(Duration.ofSeconds(89));
    assertNull(task.poll(), "retried before Retry-After");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, drain().size());
  }

  @Test
  void aFailureARetryCannotFixFailsTheTaskWithItsCode() {
    FakeCi.Dataset dataset = FakeCi.register("denied", 1, 2);
    dataset.failure.set(
        new SourceException(
            ErrorCode.AUTH_FAILED, "ci", SyntheticDeployments.scope(0), "bad token", null, null));
    start("denied", List.of(SyntheticDeployments.scope(0)), 10);
    ConnectException e = assertThrows(ConnectException.class, task::poll);
    assertTrue(e.getMessage().startsWith("AUTH_FAILED: scope ci:repo:r000 failed"), e.getMessage());
  }

  @Test
  void aVanishedScopeIsDropped() {
    FakeCi.register("vanished", 1, 2);
    start("vanished", List.of(SyntheticDeployments.scope(0), SyntheticDeployments.scope(7)), 10);
    List<SourceRecord> all = drain();
    all.addAll(drain());
    assertEquals(2, all.size());
    assertFalse(
        all.stream().anyMatch(r -> r.sourcePartition().get("scope").equals("ci:repo:r007")));
  }

  @Test
  void aNewestFirstWalkMovesTheOffsetOnlyWithItsLastPage() {
    FakeCi.register("newest", 1, 5, ReadOrder.NEWEST_FIRST);
    ScopeKey scope = SyntheticDeployments.scope(0);
    start("newest", List.of(scope), 2);
    List<List<SourceRecord>> pages = new ArrayList<>();
    for (List<SourceRecord> page = task.poll(); page != null; page = task.poll()) {
      pages.add(page);
    }
    assertEquals(
        List.of(
            List.of(FakeCi.key(scope, 4), FakeCi.key(scope, 3)),
            List.of(FakeCi.key(scope, 2), FakeCi.key(scope, 1)),
            List.of(FakeCi.key(scope, 0))),
        pages.stream().map(PulseSourceTaskTest::keys).toList());
    // Until the walk ends no page is a resume point: its records carry the walk's starting offset.
    assertNull(pages.get(0).get(0).sourceOffset());
    assertNull(pages.get(1).get(0).sourceOffset());
    assertEquals(
        Offsets.offset(SyntheticDeployments.position(SyntheticDeployments.deployment(scope, 4))),
        pages.get(2).get(0).sourceOffset());
  }
}
