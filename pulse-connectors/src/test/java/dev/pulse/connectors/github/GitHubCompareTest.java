package dev.pulse.connectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.testkit.fake.github.FakeGitHub;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class GitHubCompareTest {
  private final GitHubTestSupport support = new GitHubTestSupport();

  @Test
  void commitsBetween_twoDeployedCommits_listsTheRangeAcrossPages() {
    try (FakeGitHub fake = support.fake().seed(5).repository("api", 500).start();
        GitHubConnector c = support.connector(fake)) {
      List<String> history = fake.mainBranchCommits("acme/api");
      assertTrue(history.size() > 150, "enough merged pull requests: " + history.size());
      String base = history.get(10);
      String head = history.get(140);

      Set<String> range =
          c.compare().commitsBetween("acme/api", base.toUpperCase(Locale.ROOT), head);

      assertEquals(List.copyOf(history.subList(11, 141)), List.copyOf(range));
    }
  }

  @Test
  void commitsBetween_sameOrBehind_empty_unknownCommit_null() {
    try (FakeGitHub fake = support.fake().seed(5).repository("api", 40).start();
        GitHubConnector c = support.connector(fake)) {
      List<String> history = fake.mainBranchCommits("acme/api");
      GitHubCompare compare = c.compare();

      assertEquals(Set.of(), compare.commitsBetween("acme/api", history.get(3), history.get(3)));
      assertEquals(Set.of(), compare.commitsBetween("acme/api", history.get(5), history.get(2)));
      assertNull(compare.commitsBetween("acme/api", "deadbeef", history.get(2)));
      assertThrows(
          IllegalArgumentException.class,
          () -> compare.commitsBetween("acme/api", "not-a-sha", history.get(2)));
    }
  }
}
