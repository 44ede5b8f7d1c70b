package dev.pulse.connectors.jira;

import static dev.pulse.connectors.jira.JiraTestSupport.BG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.ScopeKey;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.IngestionReport;
import dev.pulse.engine.ReadOptions;
import dev.pulse.inmemory.InMemoryProgressStore;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.model.Issue;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressStatus;
import dev.pulse.progress.ProgressTracker;
import dev.pulse.spi.ProgressStore;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a Jira 429 waited out inside a fetch reaches progress as a rate-limited wait with its
 * resume time, through the shared HTTP layer's rate limiter, never as a stall.
 */
final class JiraRateLimitProgressTest {
  private final JiraTestSupport support = new JiraTestSupport();

  /** Keeps every snapshot the tracker writes. */
  private static final class RecordingStore implements ProgressStore {
    final List<ProgressSnapshot> saved = new CopyOnWriteArrayList<>();
    private final InMemoryProgressStore delegate = new InMemoryProgressStore();

    @Override
    public void save(ProgressSnapshot snapshot) {
      saved.add(snapshot);
      delegate.save(snapshot);
    }

    @Override
    public Optional<ProgressSnapshot> find(String tenant, EntityType entityType, ScopeKey scope) {
      return delegate.find(tenant, entityType, scope);
    }

    @Override
    public List<ProgressSnapshot> list(String tenant) {
      return delegate.list(tenant);
    }
  }

  @Test
  void tooManyRequests_insideAFetch_showsRateLimitedUntilTheResetThenDone() throws Exception {
    RecordingStore store = new RecordingStore();
    ProgressTracker tracker = ProgressTracker.builder().clock(support.clock).store(store).build();
    Instant resumeAt = support.clock.instant().plusSeconds(90);
    try (FakeJira fake = FakeJira.builder().project("BG", 3).start();
        JiraConnector connector = support.builder(fake).maxRetries(3).build()) {
      fake.inject("/rest/api/3/search/jql", Fault.tooManyRequestsUntil(resumeAt));
      IngestionReport report =
          Ingestion.<Issue>builder(connector, (key, batch) -> {}, new InMemoryWatermarkStore())
              .clock(support.clock)
              .readOptions(ReadOptions.builder().executor(Runnable::run).build())
              .preCountExecutor(Runnable::run)
              .listener(tracker.listener())
              .scopes(List.of(BG))
              .build()
              .run();

      assertEquals(3, report.itemsStored());
    }
    assertTrue(support.slept.contains(Duration.ofSeconds(90)), "slept " + support.slept);
    List<ProgressStatus> statuses = store.saved.stream().map(ProgressSnapshot::status).toList();
    ProgressSnapshot waiting =
        store.saved.stream()
            .filter(s -> s.status() == ProgressStatus.RATE_LIMITED)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no rate-limited snapshot: " + statuses));
    assertEquals(resumeAt, waiting.resumeAt());
    assertEquals("rate limited", waiting.waitReason());
    assertFalse(statuses.contains(ProgressStatus.STALLED), statuses.toString());
    assertEquals(ProgressStatus.DONE, statuses.get(statuses.size() - 1));
  }
}
