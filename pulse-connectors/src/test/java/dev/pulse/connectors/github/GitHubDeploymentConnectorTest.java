package dev.pulse.connectors.github;

import static dev.pulse.connectors.github.GitHubTestSupport.API;
import static dev.pulse.connectors.github.GitHubTestSupport.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
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
}
