package dev.pulse.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ScopeKey;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class TaskScopesTest {
  private static List<ScopeKey> scopes(int n) {
    List<ScopeKey> scopes = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      scopes.add(SyntheticDeployments.scope(i));
    }
    return scopes;
  }

  @Test
  void scopesAreDealtRoundRobinInKeyOrder() {
    List<List<ScopeKey>> groups = TaskScopes.spread(scopes(5), 2);
    assertEquals(
        List.of(
            List.of(
                SyntheticDeployments.scope(0),
                SyntheticDeployments.scope(2),
                SyntheticDeployments.scope(4)),
            List.of(SyntheticDeployments.scope(1), SyntheticDeployments.scope(3))),
        groups);
  }

  @Test
  void everyScopeGoesToExactlyOneTaskAndSizesDifferByAtMostOne() {
    List<List<ScopeKey>> groups = TaskScopes.spread(scopes(23), 4);
    Set<ScopeKey> seen = new HashSet<>();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (List<ScopeKey> group : groups) {
      for (ScopeKey scope : group) {
        assertTrue(seen.add(scope), "twice: " + scope);
      }
      min = Math.min(min, group.size());
      max = Math.max(max, group.size());
    }
    assertEquals(23, seen.size());
    assertEquals(4, groups.size());
    assertTrue(max - min <= 1);
  }

  @Test
  void noMoreTasksThanScopesAndNoneWithoutScopes() {
    assertEquals(3, TaskScopes.spread(scopes(3), 8).size());
    assertEquals(List.of(), TaskScopes.spread(List.of(), 8));
    assertThrows(IllegalArgumentException.class, () -> TaskScopes.spread(scopes(3), 0));
  }

  @Test
  void aShareSurvivesTheTaskConfiguration() {
    List<ScopeKey> share =
        List.of(SyntheticDeployments.scope(1), ScopeKey.of("jira", "project", "BG"));
    assertEquals(share, TaskScopes.decode(TaskScopes.encode(share)));
  }

  @Test
  void aCorruptShareFailsWithInvalidConfig() {
    ConnectException e = assertThrows(ConnectException.class, () -> TaskScopes.decode("ci:repo"));
    assertTrue(e.getMessage().startsWith("INVALID_CONFIG: "), e.getMessage());
  }
}
