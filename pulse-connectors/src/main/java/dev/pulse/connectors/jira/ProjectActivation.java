package dev.pulse.connectors.jira;

import dev.pulse.connectors.internal.IssueKeys;
import dev.pulse.model.internal.Checks;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Ready-made activation predicates for {@link JiraConnector.Builder#activeProjects(Predicate)}. */
public final class ProjectActivation {

  private ProjectActivation() {}

  /**
   * Returns the "smart" mode: a project is active when at least {@code minReferences} of the given
   * pull-request titles (or branch names) mention one of its issue keys, such as {@code BG-123}.
   * Keys of standards ({@code UTF-8}, {@code ISO-8601}, {@code SHA-256} ...) do not count.
   *
   * @param titles the titles to scan; read once, now
   * @param minReferences at least 1
   * @return the predicate
   */
  public static Predicate<String> referencedByTitles(Collection<String> titles, int minReferences) {
    Checks.requirePositive(minReferences, "minReferences");
    Map<String, Integer> counts = new HashMap<>();
    for (String title : titles) {
      IssueKeys.projects(title).forEach(p -> counts.merge(p, 1, Integer::sum));
    }
    Map<String, Integer> frozen = Map.copyOf(counts);
    return key -> frozen.getOrDefault(key, 0) >= minReferences;
  }
}
