package dev.pulse.connectors.github;

import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.model.Deployment;
import dev.pulse.spi.Connector;
import dev.pulse.testkit.ConnectorContract;
import dev.pulse.testkit.SourceFailure;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.github.FakeDeployment;
import dev.pulse.testkit.fake.github.FakeGitHub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The GitHub deployments connector (newest first) against the testkit's connector contract. */
final class GitHubDeploymentConnectorContractTest extends ConnectorContract<Deployment> {
  private static final ScopeKey WEB = ScopeKey.of("github", "repo", "acme/web");
  private static final Instant BASE = Instant.parse("2026-02-01T00:00:00Z");
  private final Map<Connector<Deployment>, FakeGitHub> fakes = new IdentityHashMap<>();
  private Instant later = Instant.parse("2026-06-01T00:00:00Z");
  private long nextId = 100_000;

  @Override
  protected Fixture<Deployment> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    GitHubTestSupport support = new GitHubTestSupport();
    FakeGitHub fake = support.fake().repository("api", 0).repository("web", 0).start();
    int sharedFrom = itemCount > 3 ? 3 : 0;
    for (int i = 0; i < itemCount; i++) {
      // Ids from 90 put a shared group across 99 / 100.
      boolean shared =
          i >= sharedFrom
              && i < sharedFrom + itemsSharingOneTimestamp
              && itemsSharingOneTimestamp > 0;
      Instant created =
          shared ? BASE.plusSeconds(sharedFrom * 61L) : BASE.plusSeconds(i * 61L + 61);
      fake.addDeployment(
          "acme/api",
          new FakeDeployment(90 + i, created, i % 2 == 0 ? "production" : "staging", sha(i), "main")
              .status("success", created.plusSeconds(30)));
    }
    for (int i = 0; i < 3; i++) {
      fake.addDeployment(
          "acme/web",
          new FakeDeployment(5000 + i, BASE.plusSeconds(i), "production", sha(i + 500), "main")
              .status("failure", BASE.plusSeconds(i + 9)));
    }
    // No retries and no rate-limit waits: an injected failure must fail the fetch it hits.
    GitHubConnector github =
        support.builder(fake).maxRetries(0).maxRateLimitWait(Duration.ZERO).build();
    GitHubDeploymentConnector connector = new GitHubDeploymentConnector(github, true);
    Fixture<Deployment> fixture =
        new Fixture<>(
            new ClosingConnector<>(connector, fake),
            GitHubTestSupport.API,
            oldestFirst(connector, GitHubTestSupport.API),
            Map.of(WEB, oldestFirst(connector, WEB)));
    fakes.put(fixture.connector(), fake);
    return fixture;
  }

  @Override
  protected List<Deployment> appendItems(Fixture<Deployment> fixture, int count) {
    FakeGitHub fake = fake(fixture);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      later = later.plusSeconds(60);
      long id = nextId++;
      fake.addDeployment(
          "acme/api",
          new FakeDeployment(id, later, "production", sha((int) id), "main")
              .status("success", later.plusSeconds(20)));
      ids.add(Long.toString(id));
    }
    List<Deployment> out = new ArrayList<>();
    for (Deployment d : oldestFirst(fixture.connector(), GitHubTestSupport.API)) {
      if (ids.contains(d.buildId())) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  protected void injectFailure(Fixture<Deployment> fixture, SourceFailure failure) {
    Duration retryAfter = failure.retryAfter();
    fake(fixture)
        .inject(
            "/repos/acme/api/deployments",
            retryAfter != null
                ? Fault.tooManyRequests(retryAfter)
                : Fault.status(failure.status()));
  }

  private FakeGitHub fake(Fixture<Deployment> fixture) {
    return Objects.requireNonNull(fakes.get(fixture.connector()), "fixture of another test");
  }

  private static List<Deployment> oldestFirst(Connector<Deployment> connector, ScopeKey scope) {
    try {
      List<Deployment> items = new ArrayList<>(GitHubTestSupport.walk(connector, scope, null, 100));
      Collections.reverse(items);
      return items;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha(int i) {
    return String.format("%040x", 0xabc000L + i);
  }

  @Override
  protected Position positionOf(Deployment item) {
    return Position.at(item.startedAt(), Long.parseLong(item.buildId()));
  }
}
