package dev.pulse.connectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.IngestionReport;
import dev.pulse.engine.ReadOptions;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.model.PullRequest;
import dev.pulse.testkit.fake.github.FakeGitHub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pull-request connector under the engine: a spent budget ends the run the way Jira's does. */
final class GitHubIngestionTest {
  private final GitHubTestSupport support = new GitHubTestSupport();

  @Test
  void run_budgetSpentMidScope_rateLimitedWithResumeTime_otherScopesHeld() {
    try (FakeGitHub fake = support.fake().repository("api", 50).repository("web", 5).start();
        GitHubConnector connector = support.connector(fake)) {
      Instant reset = support.clock.instant().plus(Duration.ofHours(1));
      // Four points: the health check and a few pages, fewer than the two scopes need.
      fake.rateLimitWindow(4, reset);

      IngestionReport report =
          Ingestion.<PullRequest>builder(
                  connector, (key, batch) -> {}, new InMemoryWatermarkStore())
              .tenant("acme")
              .clock(support.clock)
              .readOptions(
                  ReadOptions.builder().pageSize(10).prefetch(0).executor(Runnable::run).build())
              .preCountExecutor(Runnable::run)
              .runBudget(Duration.ofMinutes(10))
              .pauser(support.clock::advance)
              .build()
              .run();

      List<ScopeResult> scopes = report.scopes();
      assertEquals(2, scopes.size());
      ScopeResult api = scopes.get(0);
      assertEquals("acme/api", api.key().scope().value());
      assertEquals(ErrorCode.RATE_LIMITED, api.errorCode());
      assertTrue(api.itemsStored() > 0, "what was read before the limit is kept");
      assertEquals(reset, api.resumeAt());
      ScopeResult web = scopes.get(1);
      assertEquals(ErrorCode.RATE_LIMITED, web.errorCode());
      assertEquals(reset, web.resumeAt());
      assertEquals(0, web.itemsStored());
    }
  }
}
