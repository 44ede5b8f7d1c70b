package dev.pulse.connectors.github;

import static dev.pulse.connectors.github.GitHubTestSupport.API;
import static dev.pulse.connectors.github.GitHubTestSupport.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.Watermark;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.IngestionReport;
import dev.pulse.engine.ReadOptions;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.ReadOrder;
import dev.pulse.testkit.fake.github.FakeDeployment;
import dev.pulse.testkit.fake.github.FakeGitHub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class GitHubDeploymentConnectorTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private final GitHubTestSupport support = new GitHubTestSupport();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private FakeGitHub fake(FakeGitHub.Builder builder) {
    FakeGitHub fake = builder.start();
    open.add(fake);
    return fake;
  }

  private GitHubDeploymentConnector deployments(FakeGitHub fake) {
    GitHubConnector c = support.connector(fake);
    open.add(c);
    return c.deployments();
  }

  private Deployment single(FakeDeployment d) throws Exception {
    FakeGitHub fake = fake(support.fake().repository("api", 0));
    fake.addDeployment("acme/api", d);
    List<Deployment> read = walk(deployments(fake), API, null, 50);
    assertEquals(1, read.size());
    return read.get(0);
  }

  private static FakeDeployment deployment(long id) {
    return new FakeDeployment(id, T0, "production", SHA, "main");
  }

  @Test
  void connector_newestFirstWithHoldBack() {
    FakeGitHub fake = fake(support.fake().repository("api", 0));
    GitHubDeploymentConnector d = deployments(fake);
    assertEquals(ReadOrder.NEWEST_FIRST, d.readOrder());
    assertEquals(Duration.ofHours(1), d.holdBack());
    assertEquals(List.of(API), d.discoverScopes());
  }

  @Test
  void map_success_allFields() throws Exception {
    Deployment d =
        single(
            deployment(5)
                .status("queued", T0.plusSeconds(1))
                .status("in_progress", T0.plusSeconds(2))
                .status("success", T0.plusSeconds(300)));

    assertEquals("acme/api", d.repository());
    assertEquals("production", d.environment());
    assertEquals("5", d.buildId());
    assertEquals(T0, d.startedAt());
    assertEquals(T0.plusSeconds(300), d.finishedAt());
    assertEquals(DeploymentResult.SUCCESS, d.result());
    assertEquals(SHA, d.commitSha());
    assertEquals("main", d.ref());
    assertEquals(DeploymentSystem.GITHUB_DEPLOYMENTS, d.system());
    assertEquals(T0.plusSeconds(300), d.updatedAt());
  }

  @Test
  void map_failureAndError_failure() throws Exception {
    assertEquals(
        DeploymentResult.FAILURE,
        single(deployment(5).status("in_progress", T0).status("failure", T0.plusSeconds(9)))
            .result());
    assertEquals(
        DeploymentResult.FAILURE,
        single(deployment(6).status("error", T0.plusSeconds(9))).result());
  }

  @Test
  void map_successLaterInactive_staysSuccess() throws Exception {
    Deployment d =
        single(
            deployment(5)
                .status("success", T0.plusSeconds(60))
                .status("inactive", T0.plusSeconds(999)));
    assertEquals(DeploymentResult.SUCCESS, d.result());
    assertEquals(T0.plusSeconds(60), d.finishedAt());
    assertEquals(T0.plusSeconds(999), d.updatedAt());
  }

  @Test
  void map_inactiveWithoutSuccess_aborted() throws Exception {
    Deployment d = single(deployment(5).status("inactive", T0.plusSeconds(60)));
    assertEquals(DeploymentResult.ABORTED, d.result());
    assertEquals(T0.plusSeconds(60), d.finishedAt());
  }

  @Test
  void map_runningOrNoStatus_unknownUnfinished() throws Exception {
    Deployment running = single(deployment(5).status("in_progress", T0.plusSeconds(5)));
    assertEquals(DeploymentResult.UNKNOWN, running.result());
    assertNull(running.finishedAt());
    assertEquals(DeploymentResult.UNKNOWN, single(deployment(6)).result());
  }

  @Test
  void walk_generatedDeployments_newestFirstAcrossPages_stopsAtWatermark() throws Exception {
    FakeGitHub fake = fake(support.fake().repository("api", 0).deployments("api", 25));
    GitHubDeploymentConnector c = deployments(fake);

    List<Deployment> all = walk(c, API, null, 10);

    assertEquals(25, all.size());
    List<String> expected =
        fake.deployments("acme/api").stream().map(d -> Long.toString(d.id())).toList();
    assertEquals(expected, all.stream().map(Deployment::buildId).toList());
    assertTrue(all.stream().anyMatch(d -> d.result() == DeploymentResult.FAILURE));
    assertTrue(all.stream().anyMatch(d -> d.result() == DeploymentResult.ABORTED));
    assertEquals(DeploymentResult.UNKNOWN, all.get(0).result(), "the newest is still running");
    assertTrue(all.stream().map(Deployment::environment).distinct().count() >= 2);

    Deployment mark = all.get(7);
    List<Deployment> newer =
        walk(c, API, Position.at(mark.startedAt(), Long.parseLong(mark.buildId())), 10);
    assertEquals(all.subList(0, 7), newer);
  }

  @Test
  void walk_statusesUnchanged_secondRunServedFrom304() throws Exception {
    FakeGitHub fake = fake(support.fake().repository("api", 0).deployments("api", 5));
    GitHubConnector c = support.connector(fake);
    open.add(c);
    walk(c.deployments(), API, null, 10);
    long before = c.http().notModifiedCount();

    List<Deployment> again = walk(c.deployments(), API, null, 10);

    assertEquals(5, again.size());
    assertEquals(6, c.http().notModifiedCount() - before, "list and five status lists unchanged");
  }

  @Test
  void walk_newStatusBetweenRuns_readAgainWithNewResult() throws Exception {
    FakeGitHub fake = fake(support.fake().repository("api", 0));
    fake.addDeployment("acme/api", deployment(5).status("in_progress", T0.plusSeconds(5)));
    GitHubDeploymentConnector c = deployments(fake);
    assertEquals(DeploymentResult.UNKNOWN, walk(c, API, null, 10).get(0).result());

    fake.deploymentStatus("acme/api", 5, "success", T0.plusSeconds(90));

    assertEquals(DeploymentResult.SUCCESS, walk(c, API, null, 10).get(0).result());
  }

  @Test
  void walk_unknownRepository_scopeNotFound() {
    FakeGitHub fake = fake(support.fake().repository("api", 0));
    assertThrows(
        ScopeNotFoundException.class,
        () -> walk(deployments(fake), ScopeKey.of("github", "repo", "acme/nope"), null, 10));
  }

  @Test
  void walk_enterprise_underApiV3() throws Exception {
    FakeGitHub fake =
        fake(support.fake().repository("api", 0).deployments("api", 3).enterprise(true));
    GitHubConnector c = support.connector(fake);
    open.add(c);
    assertEquals(3, walk(c.deployments(), API, null, 10).size());
    assertTrue(fake.server().requests().stream().allMatch(r -> r.path().startsWith("/api/v3/")));
    assertTrue(c.deployments().checkHealth().isUsable(), "rate limiting off is healthy");
  }

  @Test
  void walk_primaryLimitOn200_nextRequestWaitsForReset() throws Exception {
    FakeGitHub fake = fake(support.fake().repository("api", 0).deployments("api", 3));
    fake.rateLimitWindow(0, support.clock.instant().plusSeconds(45));
    GitHubDeploymentConnector c = deployments(fake);

    walk(c, API, null, 10);

    assertTrue(support.slept.contains(Duration.ofSeconds(45)), String.valueOf(support.slept));
  }

  /**
   * 250 deployments over three pages of 100, one every 5 minutes, the newest 5 hours old (past the
   * hold-back); all successful except those in {@code running}.
   */
  private FakeGitHub pendingFixture(long... running) {
    FakeGitHub fake = fake(support.fake().repository("api", 0));
    Instant now = support.clock.instant();
    for (long id = 1; id <= 250; id++) {
      Instant created = now.minus(Duration.ofHours(26)).plus(Duration.ofMinutes(5 * id));
      FakeDeployment d = new FakeDeployment(id, created, "production", SHA, "main");
      d.status("in_progress", created.plusSeconds(10));
      boolean isRunning = false;
      for (long r : running) {
        isRunning |= r == id;
      }
      if (!isRunning) {
        d.status("success", created.plusSeconds(120));
      }
      fake.addDeployment("acme/api", d);
    }
    return fake;
  }

  private Watermark ingest(GitHubDeploymentConnector c, InMemoryWatermarkStore marks) {
    IngestionReport report =
        Ingestion.<Deployment>builder(c, (key, batch) -> {}, marks)
            .tenant("acme")
            .clock(support.clock)
            .readOptions(
                ReadOptions.builder().pageSize(100).prefetch(0).executor(Runnable::run).build())
            .preCountExecutor(Runnable::run)
            .pauser(support.clock::advance)
            .build()
            .run();
    assertEquals(ScopeResult.Outcome.DONE, report.scopes().get(0).outcome());
    return marks.get(ScopeId.of("acme", EntityType.DEPLOYMENTS, API));
  }

  private static Position positionOf(FakeGitHub fake, long id) {
    FakeDeployment d =
        fake.deployments("acme/api").stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    return Position.at(d.created(), id);
  }

  @Test
  void pending_onALaterPage_holdsTheWatermarkJustBelowIt_untilItFinishes() {
    // 100 (17.7 h old) is still running and on the second page; 10 (25.2 h) is past the 1-day age.
    FakeGitHub fake = pendingFixture(100, 10);
    GitHubDeploymentConnector c = deployments(fake);
    InMemoryWatermarkStore marks = new InMemoryWatermarkStore();
    Position justBelow100 = Position.at(positionOf(fake, 100).instant(), 99);

    assertEquals(justBelow100, ingest(c, marks).position(), "the first run stops below 100");
    assertEquals(
        justBelow100, ingest(c, marks).position(), "still running: the watermark stays put");

    fake.deploymentStatus("acme/api", 100, "success", support.clock.instant());
    assertEquals(positionOf(fake, 250), ingest(c, marks).position(), "finished: it moves on");
  }

  @Test
  void pending_rereadWalk_servesThePendingDeploymentAgainWithItsNewResult() throws Exception {
    FakeGitHub fake = pendingFixture(100);
    GitHubDeploymentConnector c = deployments(fake);
    InMemoryWatermarkStore marks = new InMemoryWatermarkStore();
    Position mark = ingest(c, marks).position();
    fake.deploymentStatus("acme/api", 100, "failure", support.clock.instant());

    List<Deployment> again = walk(c, API, mark, 100);

    assertEquals(151, again.size(), "250 down to 100");
    Deployment hundred = again.get(again.size() - 1);
    assertEquals("100", hundred.buildId());
    assertEquals(DeploymentResult.FAILURE, hundred.result());
  }

  @Test
  void pending_olderThanMaxPendingAge_orAgeZero_doesNotHold() {
    FakeGitHub old = pendingFixture(10);
    assertEquals(
        positionOf(old, 250),
        ingest(deployments(old), new InMemoryWatermarkStore()).position(),
        "25 hours old is past the default day");

    FakeGitHub recent = pendingFixture(200);
    GitHubConnector noWait = support.builder(recent).deploymentMaxPendingAge(Duration.ZERO).build();
    open.add(noWait);
    assertEquals(
        positionOf(recent, 250),
        ingest(noWait.deployments(), new InMemoryWatermarkStore()).position(),
        "age zero waits for nothing");
  }

  @Test
  void pending_onTheFirstPage_capsThatPage() {
    FakeGitHub fake = pendingFixture(240);
    assertEquals(
        Position.at(positionOf(fake, 240).instant(), 239),
        ingest(deployments(fake), new InMemoryWatermarkStore()).position());
  }

  @Test
  void continuation_notOneOfOurs_rejected() throws Exception {
    FakeGitHub fake = pendingFixture();
    try (PageFetcher<Deployment> fetcher = deployments(fake).openScope(API)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> fetcher.fetch(new PageRequest(API, null, "d1:2:x:-:0", 100)));
    }
  }
}
