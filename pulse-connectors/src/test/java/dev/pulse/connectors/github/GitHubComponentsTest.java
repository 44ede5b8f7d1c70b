package dev.pulse.connectors.github;

import static dev.pulse.connectors.github.GitHubTestSupport.API;
import static dev.pulse.connectors.github.GitHubTestSupport.items;
import static dev.pulse.connectors.github.GitHubTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.PullRequest;
import dev.pulse.testkit.fake.github.FakeGitHub;
import dev.pulse.testkit.fake.github.FakePullRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Monorepo components: membership from changed paths and labels, and only names leave. */
final class GitHubComponentsTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private final GitHubTestSupport support = new GitHubTestSupport();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private Map<Long, PullRequest> read(FakeGitHub fake, Component... components) {
    GitHubConnector.Builder builder = support.builder(fake);
    for (Component c : components) {
      builder.component(c);
    }
    GitHubConnector connector = builder.build();
    open.add(connector);
    return items(readAll(connector, API, null, 10)).stream()
        .collect(Collectors.toMap(PullRequest::number, pr -> pr));
  }

  private FakeGitHub monorepo() {
    FakeGitHub fake = FakeGitHub.builder().clock(support.clock).repository("api", 0).start();
    open.add(fake);
    fake.put("acme/api", pr(1).files(List.of("services/payments/Ledger.java", "README.md")));
    fake.put("acme/api", pr(2).files(List.of("web/app.ts", "services/search/Index.java")));
    fake.put("acme/api", pr(3).files(List.of("docs/adr/0001.md")).labels(List.of("Payments")));
    List<String> many =
        IntStream.range(0, 250).mapToObj(i -> "tools/gen/File" + i + ".java").collect(toList());
    many.add("web/late.css"); // only on the third page of files
    fake.put("acme/api", pr(4).files(many));
    return fake;
  }

  private static java.util.stream.Collector<String, ?, List<String>> toList() {
    return Collectors.toCollection(ArrayList::new);
  }

  private static FakePullRequest pr(long number) {
    return new FakePullRequest(number, T0, T0.plusSeconds(number * 60))
        .text("change " + number, "")
        .branches("main", "feature/" + number);
  }

  @Test
  void components_fromPathsAndLabels_allFilesRead_onlyNamesKept() {
    FakeGitHub fake = monorepo();
    Map<Long, PullRequest> prs =
        read(
            fake,
            new Component(
                "payments", "acme/api", List.of("services/payments/**"), Set.of("payments")),
            Component.ofPaths("search", "acme/api", "services/search/**"),
            Component.ofPaths("web", "acme/api", "web/**", "**/*.css"));

    assertEquals(Set.of("payments"), prs.get(1L).components());
    assertEquals(Set.of("search", "web"), prs.get(2L).components());
    assertEquals(Set.of("payments"), prs.get(3L).components(), "by label, case-insensitively");
    assertEquals(Set.of("web"), prs.get(4L).components(), "the 251st file counts too");
    String printed = prs.values().toString();
    assertFalse(printed.contains("services/") || printed.contains(".java"), printed);
  }

  @Test
  void components_ofAnotherRepositoryOrNone_leaveThePullRequestWithout() {
    FakeGitHub fake = monorepo();
    Map<Long, PullRequest> prs =
        read(fake, Component.ofPaths("payments", "acme/other", "services/payments/**"));

    prs.values().forEach(pr -> assertTrue(pr.components().isEmpty(), pr.toString()));
    read(fake).values().forEach(pr -> assertTrue(pr.components().isEmpty(), pr.toString()));
  }

  @Test
  void components_byLabelsOnly_doNotNeedTheFiles() {
    FakeGitHub fake = monorepo();
    Map<Long, PullRequest> prs =
        read(fake, new Component("payments", "acme/api", List.of(), Set.of("payments")));

    assertEquals(Set.of("payments"), prs.get(3L).components());
    assertTrue(prs.get(1L).components().isEmpty());
  }

  @Test
  void component_parse_andValidation() {
    Component c = Component.parse("payments = acme/api : services/payments/** | label:Pay");
    assertEquals("payments", c.name());
    assertEquals("acme/api", c.repository());
    assertEquals(List.of("services/payments/**"), c.paths());
    assertEquals(Set.of("pay"), c.labels());

    assertThrows(IllegalArgumentException.class, () -> Component.parse("payments"));
    assertThrows(IllegalArgumentException.class, () -> Component.parse("=acme/api:x"));
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> Component.parse("p=acme:x"));
    assertTrue(bad.getMessage().contains("owner/name"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Component.parse("p=acme/api:{a,b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Component("p", "acme/api", List.of(), Set.of()),
        "neither paths nor labels");
    GitHubConnector.Builder builder = GitHubConnector.builder();
    builder.component(Component.ofPaths("p", "acme/api", "a/**"));
    assertThrows(
        IllegalArgumentException.class,
        () -> builder.component(Component.ofPaths("p", "acme/api", "b/**")));
  }

  @Test
  void pathGlob_semantics() {
    assertMatches("services/api/**", "services/api/A.java", "services/api/x/y/B.java");
    assertNotMatches("services/api/**", "services/apix/A.java", "other/services/api/A.java");
    assertMatches("*.md", "README.md");
    assertNotMatches("*.md", "docs/README.md");
    assertMatches("**/*.md", "README.md", "docs/a/README.md");
    assertMatches("src/?.txt", "src/a.txt");
    assertNotMatches("src/?.txt", "src/ab.txt", "src//.txt");
    assertMatches("{web,mobile}/**", "web/a.ts", "mobile/b.kt");
    assertNotMatches("{web,mobile}/**", "desktop/c.cs");
    assertMatches("a+b(c).[x]", "a+b(c).[x]");
    assertNotMatches("a.b", "aXb");
    assertThrows(IllegalArgumentException.class, () -> PathGlob.compile(" "));
    assertThrows(IllegalArgumentException.class, () -> PathGlob.compile("{a,{b}}"));
  }

  private static void assertMatches(String glob, String... paths) {
    Pattern p = PathGlob.compile(glob);
    for (String path : paths) {
      assertTrue(p.matcher(path).matches(), glob + " should match " + path);
    }
  }

  private static void assertNotMatches(String glob, String... paths) {
    Pattern p = PathGlob.compile(glob);
    for (String path : paths) {
      assertFalse(p.matcher(path).matches(), glob + " should not match " + path);
    }
  }
}
