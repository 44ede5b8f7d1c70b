package dev.pulse.metrics.flow;

import dev.pulse.model.Issue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The set of issues a flow metric aggregates: one project, or all issues given. There is
 * deliberately no per-person scope.
 *
 * @param projectKey the project whose issues are included (compared exactly with {@link
 *     Issue#projectKey()}), or null for all issues
 */
public record FlowScope(@Nullable String projectKey) {

  private static final FlowScope ALL = new FlowScope(null);

  /**
   * Validates the scope.
   *
   * @throws IllegalArgumentException if the project key is blank
   */
  public FlowScope {
    if (projectKey != null && projectKey.isBlank()) {
      throw new IllegalArgumentException(
          "projectKey must not be blank; use FlowScope.all() for every project");
    }
  }

  /**
   * Returns the scope of every issue given, whatever its project.
   *
   * @return the all-issues scope
   */
  public static FlowScope all() {
    return ALL;
  }

  /**
   * Returns the scope of one project.
   *
   * @param projectKey the project key, e.g. {@code BG}
   * @return the project scope
   * @throws IllegalArgumentException if the key is blank
   */
  public static FlowScope project(String projectKey) {
    return new FlowScope(Objects.requireNonNull(projectKey, "projectKey"));
  }

  /**
   * Tells whether an issue belongs to this scope.
   *
   * @param issue the issue
   * @return true if the scope is all issues or the issue's project key equals this scope's
   */
  public boolean includes(Issue issue) {
    return projectKey == null || projectKey.equals(issue.projectKey());
  }
}
