package dev.pulse.examples.gitlab;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The little of GitLab's REST API the connector needs: the projects, and a page of a project's
 * merge requests with keyset pagination ({@code order_by=updated_at&sort=asc}, then by iid). A real
 * implementation calls {@code /api/v4/projects} and {@code /api/v4/projects/:id/merge_requests};
 * {@link InMemoryGitLab} is the tiny fake the tests use. Implementations must be thread-safe.
 */
public interface GitLab {
  /**
   * Lists the projects' paths.
   *
   * @return the paths, e.g. {@code acme/api}
   */
  List<String> projects();

  /**
   * Returns a project's merge requests strictly after a keyset position, in (updated, iid) order.
   *
   * @param project the project's path
   * @param updatedAfter the position's update time, or null from the beginning
   * @param iidAfter the position's iid (ignored when {@code updatedAfter} is null)
   * @param limit the most to return
   * @return the page, at most {@code limit} long
   */
  List<MergeRequest> mergeRequests(
      String project, @Nullable Instant updatedAfter, long iidAfter, int limit);
}
