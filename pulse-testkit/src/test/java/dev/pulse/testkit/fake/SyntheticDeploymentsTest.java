package dev.pulse.testkit.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.spi.ReadOrder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class SyntheticDeploymentsTest {
  @Test
  void scopesAndDeploymentsFollowTheDocumentedNaming() {
    ScopeKey scope = SyntheticDeployments.scope(7);
    assertEquals(ScopeKey.of("ci", "repo", "r007"), scope);

    Deployment third = SyntheticDeployments.deployment(scope, 3);
    assertEquals("r007", third.repository());
    assertEquals("production", third.environment());
    assertEquals("r007-b3", third.buildId());
    assertEquals(SyntheticDeployments.T0.plusSeconds(3), third.startedAt());
    assertEquals(SyntheticDeployments.T0.plusSeconds(4), third.finishedAt());
    assertEquals(DeploymentResult.SUCCESS, third.result());
    assertEquals(Position.at(third.updatedAt(), "r007-b3"), SyntheticDeployments.position(third));
  }

  @Test
  void sameArgumentsGiveEqualRecords() {
    ScopeKey scope = SyntheticDeployments.scope(1);
    assertEquals(
        SyntheticDeployments.deployments(scope, 2, 9),
        SyntheticDeployments.deployments(scope, 2, 9));
    assertEquals(7, SyntheticDeployments.deployments(scope, 2, 9).size());
  }

  @Test
  void connectorServesEveryDeploymentOfEveryScopeInTheRequestedOrder() throws Exception {
    try (InMemoryConnector<Deployment> oldestFirst = SyntheticDeployments.connector(3, 25);
        InMemoryConnector<Deployment> newestFirst =
            SyntheticDeployments.connector(3, 25, ReadOrder.NEWEST_FIRST)) {
      assertEquals(
          List.of(
              SyntheticDeployments.scope(0),
              SyntheticDeployments.scope(1),
              SyntheticDeployments.scope(2)),
          oldestFirst.discoverScopes().stream().sorted().toList());
      ScopeKey scope = SyntheticDeployments.scope(2);
      List<Deployment> expected = SyntheticDeployments.deployments(scope, 0, 25);
      assertEquals(expected, readAll(oldestFirst, scope));
      assertEquals(
          expected.stream().map(Deployment::buildId).sorted().toList(),
          readAll(newestFirst, scope).stream().map(Deployment::buildId).sorted().toList());
    }
  }

  @Test
  void rejectsNegativeNumbersAndInvertedRanges() {
    ScopeKey scope = SyntheticDeployments.scope(0);
    assertThrows(IllegalArgumentException.class, () -> SyntheticDeployments.scope(-1));
    assertThrows(IllegalArgumentException.class, () -> SyntheticDeployments.deployment(scope, -1));
    assertThrows(
        IllegalArgumentException.class, () -> SyntheticDeployments.deployments(scope, 5, 4));
    assertThrows(IllegalArgumentException.class, () -> SyntheticDeployments.connector(-1, 1));
  }

  private static List<Deployment> readAll(InMemoryConnector<Deployment> connector, ScopeKey scope)
      throws Exception {
    List<Deployment> read = new ArrayList<>();
    try (PageFetcher<Deployment> fetcher = connector.openScope(scope)) {
      @Nullable Position after = null;
      @Nullable String continuation = null;
      while (true) {
        Page<Deployment> page = fetcher.fetch(new PageRequest(scope, after, continuation, 10));
        read.addAll(page.items());
        if (!page.hasMore()) {
          return read;
        }
        // Newest first, the stored position stays where the pass started until the pass ends.
        if (connector.readOrder() == ReadOrder.OLDEST_FIRST) {
          after = page.position();
        }
        continuation = page.continuation();
      }
    }
  }
}
