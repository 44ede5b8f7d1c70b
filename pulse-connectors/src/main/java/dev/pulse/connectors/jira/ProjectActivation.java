package dev.pulse.connectors.jira;

import dev.pulse.model.internal.Checks;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ready-made activation predicates for {@link JiraConnector.Builder#activeProjects(Predicate)}. */
public final class ProjectActivation {
  private static final Pattern ISSUE_KEY = Pattern.compile("\\b([A-Z][A-Z0-9]{1,9})-(\\d+)\\b");
  // Standards and algorithms that look like issue keys in titles.
  private static final Set<String> NOT_PROJECTS =
      Set.of("UTF", "ISO", "SHA", "RFC", "HTTP", "TLS", "CVE", "AES", "RSA", "MD", "PEP", "JSR");

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
      Matcher m = ISSUE_KEY.matcher(title);
      java.util.Set<String> inThisTitle = new java.util.HashSet<>();
      while (m.find()) {
        if (!NOT_PROJECTS.contains(m.group(1))) {
          inThisTitle.add(m.group(1));
        }
      }
      inThisTitle.forEach(p -> counts.merge(p, 1, Integer::sum));
    }
    Map<String, Integer> frozen = Map.copyOf(counts);
    return key -> frozen.getOrDefault(key, 0) >= minReferences;
  }
}
