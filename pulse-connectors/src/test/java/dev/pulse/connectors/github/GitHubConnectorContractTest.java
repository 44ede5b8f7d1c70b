package dev.pulse.connectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.model.PullRequest;
import dev.pulse.spi.Connector;
import dev.pulse.testkit.ConnectorContract;
import dev.pulse.testkit.SourceFailure;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.github.FakeGitHub;
import dev.pulse.testkit.fake.github.FakePullRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The GitHub pull-request connector against the testkit's connector contract, on the fake. */
final class GitHubConnectorContractTest extends ConnectorContract<PullRequest> {
  private static final ScopeKey WEB = ScopeKey.of("github", "repo", "acme/web");
  private final Map<Connector<PullRequest>, FakeGitHub> fakes = new IdentityHashMap<>();
  private Instant later = Instant.parse("2026-06-01T00:00:00Z");

  @Override
  protected Fixture<PullRequest> createFixture(int itemCount, int itemsSharingOneTimestamp) {
    // Numbers from 90 put a shared group across #99 / #100; pages capped at 20 make the suite's
    // large reads take several pages whatever it asks for.
    GitHubTestSupport support = new GitHubTestSupport();
    FakeGitHub fake =
        support
            .fake()
            .seed(11)
            .repository("api", itemCount)
            .repository("web", 5)
            .firstNumber(90)
            .sharingOneTimestamp(itemsSharingOneTimestamp, itemCount > 3 ? 3 : -1)
            .pullRequestPageCap(20)
            .start();
    return fixture(support, fake);
  }

  private Fixture<PullRequest> fixture(GitHubTestSupport support, FakeGitHub fake) {
    List<PullRequest> api = reference(support, fake, GitHubTestSupport.API);
    List<PullRequest> web = reference(support, fake, WEB);
    assertEquals(fake.numbersInOrder("acme/api"), api.stream().map(PullRequest::number).toList());
    Connector<PullRequest> connector =
        new ClosingConnector<>(
            support.builder(fake).maxRetries(0).maxRateLimitWait(Duration.ZERO).build(), fake);
    fakes.put(connector, fake);
    return new Fixture<>(connector, GitHubTestSupport.API, api, Map.of(WEB, web));
  }

  // The expected items are one reference read with a page size above the data, checked against the
  // fake's own order, so the suite checks paging and resuming, not the mapping.
  private static List<PullRequest> reference(
      GitHubTestSupport support, FakeGitHub fake, ScopeKey scope) {
    try (GitHubConnector reference = support.connector(fake)) {
      return GitHubTestSupport.items(GitHubTestSupport.readAll(reference, scope, null, 1000));
    }
  }

  @Override
  protected Position positionOf(PullRequest item) {
    return Position.at(item.updatedAt(), item.number());
  }

  @Override
  protected List<PullRequest> appendItems(Fixture<PullRequest> fixture, int count) {
    FakeGitHub fake = fake(fixture);
    List<Long> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      later = later.plusSeconds(1);
      numbers.add(fake.add("acme/api", later).number());
    }
    return served(fake, numbers);
  }

  @Override
  protected PullRequest updateItem(Fixture<PullRequest> fixture, PullRequest item) {
    FakeGitHub fake = fake(fixture);
    later = later.plusSeconds(1);
    fake.edit("acme/api", item.number(), later);
    return served(fake, List.of(item.number())).get(0);
  }

  @Override
  protected void injectFailure(Fixture<PullRequest> fixture, SourceFailure failure) {
    FakeGitHub fake = fake(fixture);
    Duration retryAfter = failure.retryAfter();
    fake.inject(
        fake.graphQlPath(),
        retryAfter != null ? Fault.tooManyRequests(retryAfter) : Fault.status(failure.status()));
  }

  @Override
  protected Fixture<PullRequest> createMillisecondFixture(int itemCount) {
    GitHubTestSupport support = new GitHubTestSupport();
    FakeGitHub fake = support.fake().repository("api", 0).repository("web", 2).start();
    Instant second = Instant.parse("2026-02-01T10:00:00Z");
    for (int i = 0; i < itemCount; i++) {
      Instant at = second.plusMillis(i);
      fake.put(
          "acme/api",
          new FakePullRequest(i + 1, at.minusSeconds(3600), at)
              .text("Change " + (i + 1), null)
              .branches("main", "feature/" + i));
    }
    return fixture(support, fake);
  }

  private FakeGitHub fake(Fixture<PullRequest> fixture) {
    return Objects.requireNonNull(fakes.get(fixture.connector()), "fixture of another test");
  }

  private static List<PullRequest> served(FakeGitHub fake, List<Long> numbers) {
    GitHubTestSupport support = new GitHubTestSupport();
    List<PullRequest> all = reference(support, fake, GitHubTestSupport.API);
    List<PullRequest> out = new ArrayList<>();
    for (PullRequest pr : all) {
      if (numbers.contains(pr.number())) {
        out.add(pr);
      }
    }
    return out;
  }
}
