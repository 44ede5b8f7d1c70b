package dev.pulse.connectors.github;

import static dev.pulse.connectors.github.GitHubTestSupport.API;
import static dev.pulse.connectors.github.GitHubTestSupport.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Deployment;
import dev.pulse.testkit.fake.FakeHttpServer;
import dev.pulse.testkit.fake.github.FakeDeployment;
import dev.pulse.testkit.fake.github.FakeGitHub;
import dev.pulse.testkit.fake.github.FakePullRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Monorepo deployments: the components each changed since the previous successful deployment of its
 * environment, from the compare API's changed paths; only names leave, and unknown stays empty.
 */
final class GitHubDeploymentComponentsTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private final GitHubTestSupport support = new GitHubTestSupport();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private static String sha(int n) {
    return String.format("%040x", 0xabc000L + n);
  }

  private static Instant hour(double h) {
    return T0.plus(Duration.ofMinutes(Math.round(h * 60)));
  }

  private static FakePullRequest merged(int number, double mergedHour, List<String> files) {
    return new FakePullRequest(number, T0, hour(mergedHour))
        .text("change " + number, "")
        .branches("main", "feature/" + number)
        .merged(hour(mergedHour), sha(number))
        .files(files);
  }

  private static FakeDeployment deployment(
      long id, double hour, String environment, String sha, String state) {
    return new FakeDeployment(id, hour(hour), environment, sha, "main")
        .status(state, hour(hour).plusSeconds(60));
  }

  /**
   * Pull requests 1 (payments), 2 (search), 3 (payments and docs) and 4 (301 files), merged in that
   * order, and deployments of them; deployment 7 ships a commit the repository does not have.
   */
  private FakeGitHub monorepo() {
    FakeGitHub fake = support.fake().repository("api", 0).start();
    open.add(fake);
    fake.put("acme/api", merged(1, 1, List.of("services/payments/Ledger.java")));
    fake.put("acme/api", merged(2, 2, List.of("services/search/Index.java", "README.md")));
    fake.put("acme/api", merged(3, 3, List.of("docs/guide.md", "services/payments/Refund.java")));
    List<String> many =
        IntStream.range(0, 300)
            .mapToObj(i -> "tools/gen/File" + i + ".java")
            .collect(Collectors.toCollection(ArrayList::new));
    many.add("services/search/Late.java");
    fake.put("acme/api", merged(4, 4, many));
    fake.addDeployment("acme/api", deployment(1, 1.1, "production", sha(1), "success"));
    fake.addDeployment("acme/api", deployment(2, 2.1, "production", sha(2), "success"));
    fake.addDeployment("acme/api", deployment(3, 3.1, "staging", sha(3), "success"));
    fake.addDeployment("acme/api", deployment(4, 3.2, "production", sha(3), "failure"));
    fake.addDeployment("acme/api", deployment(5, 3.3, "production", sha(3), "success"));
    fake.addDeployment("acme/api", deployment(6, 4.1, "production", sha(4), "success"));
    fake.addDeployment("acme/api", deployment(7, 5.1, "production", sha(99), "success"));
    fake.addDeployment("acme/api", new FakeDeployment(8, hour(5.2), "production", sha(4), "main"));
    return fake;
  }

  private GitHubConnector connector(FakeGitHub fake, Component... components) {
    GitHubConnector.Builder builder = support.builder(fake);
    for (Component c : components) {
      builder.component(c);
    }
    GitHubConnector connector = builder.build();
    open.add(connector);
    return connector;
  }

  private static Map<String, @Nullable Set<String>> componentsByBuild(
      List<Deployment> deployments) {
    Map<String, @Nullable Set<String>> byBuild = new HashMap<>();
    for (Deployment d : deployments) {
      byBuild.put(d.buildId(), d.components());
    }
    return byBuild;
  }

  private static final Component PAYMENTS =
      Component.ofPaths("payments", "acme/api", "services/payments/**");
  private static final Component SEARCH =
      Component.ofPaths("search", "acme/api", "services/search/**");

  @Test
  void deployments_nameTheComponentsChangedSinceThePreviousSuccessOfTheirEnvironment()
      throws Exception {
    FakeGitHub fake = monorepo();
    Map<String, @Nullable Set<String>> byBuild =
        componentsByBuild(walk(connector(fake, PAYMENTS, SEARCH).deployments(), API, null, 50));

    assertNull(byBuild.get("1"), "no previous deployment: not known");
    assertEquals(Set.of("search"), byBuild.get("2"), "1..2 changed search and README.md");
    assertNull(byBuild.get("3"), "the first staging deployment: not known");
    assertEquals(Set.of("payments"), byBuild.get("4"), "a failure: since 2, the last success");
    assertEquals(Set.of("payments"), byBuild.get("5"), "the retry: since 2 as well");
    assertNull(byBuild.get("6"), "301 files: GitHub lists 300, so not known");
    assertNull(byBuild.get("7"), "a commit the repository lacks: 404, not known");
    assertNull(byBuild.get("8"), "still running: not classified yet");
    assertEquals(8, byBuild.size());
    long compares =
        fake.server().requests().stream().filter(r -> r.path().contains("/compare/")).count();
    assertEquals(5, compares, "one per classified deployment with a previous success: 2, 4-7");
  }

  @Test
  void previousSuccessOnTheNextPage_isFound_andThatPageIsNotAskedTwice() throws Exception {
    FakeGitHub fake = monorepo();
    GitHubConnector c = connector(fake, PAYMENTS, SEARCH);
    // pages of three, newest first: 8 7 6 | 5 4 3 | 2 1
    Map<String, @Nullable Set<String>> byBuild =
        componentsByBuild(walk(c.deployments(), API, null, 3));

    assertEquals(Set.of("search"), byBuild.get("2"));
    assertEquals(Set.of("payments"), byBuild.get("4"));
    assertEquals(Set.of("payments"), byBuild.get("5"));
    List<String> listPages =
        fake.server().requests().stream()
            .filter(r -> r.path().endsWith("/deployments"))
            .map(FakeHttpServer.Request::query)
            .toList();
    assertEquals(
        listPages.stream().distinct().count(),
        listPages.size(),
        "each list page read once per walk: " + listPages);
  }

  @Test
  void changesOutsideEveryComponent_nameNone_whileARollbackStaysNotKnown() throws Exception {
    FakeGitHub fake = support.fake().repository("api", 0).start();
    open.add(fake);
    fake.put("acme/api", merged(1, 1, List.of("services/payments/Ledger.java")));
    fake.put("acme/api", merged(2, 2, List.of("README.md", "docs/guide.md")));
    fake.addDeployment("acme/api", deployment(1, 1.1, "production", sha(1), "success"));
    fake.addDeployment("acme/api", deployment(2, 2.1, "production", sha(2), "success"));
    fake.addDeployment("acme/api", deployment(3, 2.5, "production", sha(1), "success"));
    Map<String, @Nullable Set<String>> byBuild =
        componentsByBuild(walk(connector(fake, PAYMENTS, SEARCH).deployments(), API, null, 50));

    assertEquals(Set.of(), byBuild.get("2"), "1..2 changed only README.md and docs: no component");
    assertTrue(byBuild.containsKey("3"));
    assertNull(byBuild.get("3"), "back to 1, behind 2: GitHub lists no file, so not known");
  }

  @Test
  void withoutPathComponents_noCompareIsAsked_andNoneNamed() throws Exception {
    FakeGitHub fake = monorepo();
    List<Deployment> read =
        walk(
            connector(fake, new Component("payments", "acme/api", List.of(), Set.of("payments")))
                .deployments(),
            API,
            null,
            50);

    assertTrue(read.stream().allMatch(d -> d.components() == null), "not known: no paths");
    assertFalse(fake.server().requests().stream().anyMatch(r -> r.path().contains("/compare/")));
  }

  @Test
  void pathsNeverLeaveTheConnector() throws Exception {
    FakeGitHub fake = monorepo();
    List<Deployment> read = walk(connector(fake, PAYMENTS, SEARCH).deployments(), API, null, 50);

    for (Deployment d : read) {
      assertFalse(d.toString().contains("services/"), d.toString());
    }
  }
}
