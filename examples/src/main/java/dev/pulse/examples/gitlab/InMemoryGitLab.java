package dev.pulse.examples.gitlab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A GitLab held in memory: projects and their merge requests, served in (updated, iid) order.
 * Thread-safe; merge requests may be added or replaced while a connector reads.
 */
public final class InMemoryGitLab implements GitLab {
  private static final Comparator<MergeRequest> ORDER =
      Comparator.comparing(MergeRequest::updatedAt).thenComparingLong(MergeRequest::iid);

  private final Map<String, Map<Long, MergeRequest>> byProject = new TreeMap<>();
  private int calls;

  /**
   * Adds a project without merge requests (adding one adds its project too).
   *
   * @param path the project's path
   * @return this fake
   */
  public synchronized InMemoryGitLab project(String path) {
    byProject.computeIfAbsent(path, p -> new TreeMap<>());
    return this;
  }

  /**
   * Adds or replaces a merge request (by project and iid).
   *
   * @param mergeRequest the merge request
   * @return this fake
   */
  public synchronized InMemoryGitLab put(MergeRequest mergeRequest) {
    byProject
        .computeIfAbsent(mergeRequest.project(), p -> new TreeMap<>())
        .put(mergeRequest.iid(), mergeRequest);
    return this;
  }

  /**
   * Counts the page requests served.
   *
   * @return how many pages were asked for
   */
  public synchronized int calls() {
    return calls;
  }

  @Override
  public synchronized List<String> projects() {
    return List.copyOf(byProject.keySet());
  }

  @Override
  public synchronized List<MergeRequest> mergeRequests(
      String project, @Nullable Instant updatedAfter, long iidAfter, int limit) {
    calls++;
    List<MergeRequest> all = new ArrayList<>(byProject.getOrDefault(project, Map.of()).values());
    all.sort(ORDER);
    List<MergeRequest> page = new ArrayList<>();
    for (MergeRequest mr : all) {
      boolean after =
          updatedAfter == null
              || mr.updatedAt().isAfter(updatedAfter)
              || (mr.updatedAt().equals(updatedAfter) && mr.iid() > iidAfter);
      if (after) {
        page.add(mr);
        if (page.size() == limit) {
          break;
        }
      }
    }
    return page;
  }
}
