package dev.pulse.metrics.report;

import dev.pulse.metrics.flow.BoardVelocity;
import dev.pulse.metrics.flow.FlowWindow;
import dev.pulse.metrics.flow.SprintMetrics;
import dev.pulse.metrics.flow.SprintOutcome;
import dev.pulse.model.Issue;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sprint figures of a report: every sprint that finished in the window ({@link
 * SprintMetrics#outcomes}) and each board's velocity trend over them (rules in {@code
 * docs/metrics.md}, "Sprint figures").
 *
 * <p>In a team report only the team's issues count (those of the projects and components it owns,
 * as for the flow figures), and a sprint none of them was in during it is left out.
 *
 * @param sprintsRead sprints the source gave
 * @param issuesInSprints issues of the scope that list a reported sprint (in their sprint ids or
 *     sprint changes)
 * @param sprints the sprints finished in the window, by board, then start
 * @param velocityByBoard each board's velocity over those sprints, by board id
 */
public record SprintSection(
    long sprintsRead,
    long issuesInSprints,
    List<SprintOutcome> sprints,
    Map<String, BoardVelocity> velocityByBoard) {

  /**
   * Validates and copies the section.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public SprintSection {
    if (sprintsRead < 0 || issuesInSprints < 0) {
      throw new IllegalArgumentException(
          "sprint counts must be >= 0 but were " + sprintsRead + ", " + issuesInSprints);
    }
    sprints = List.copyOf(sprints);
    velocityByBoard = Collections.unmodifiableMap(new TreeMap<>(velocityByBoard));
  }

  /**
   * Returns the section of a report given no sprints.
   *
   * @return an empty section
   */
  public static SprintSection none() {
    return new SprintSection(0, 0, List.of(), Map.of());
  }

  /**
   * Collects what the section needs while {@link MetricsReport} reads its sources: the sprints at
   * once, then, through {@link #tee}, each issue of a finished sprint as the report iterates the
   * issues, so the issue source is still iterated exactly once. Not thread-safe; one per report.
   */
  static final class Collector {
    private final List<Sprint> sprints = new ArrayList<>();
    private final Set<String> finished = new HashSet<>();
    private final List<Issue> issues = new ArrayList<>();
    private final ReportOptions options;
    private long sprintsRead;

    Collector(ReportSources sources, ReportOptions options) {
      this.options = options;
      for (Sprint sprint : sources.sprints()) {
        sprintsRead++;
        sprints.add(sprint);
        if (SprintMetrics.end(sprint) != null) {
          finished.add(sprint.id());
        }
      }
    }

    /** The sources with their issues passed through {@link #offer} on the way, when needed. */
    ReportSources tee(ReportSources sources) {
      if (finished.isEmpty()) {
        return sources;
      }
      Iterable<? extends Issue> all = sources.issues();
      Iterable<Issue> teed =
          () -> {
            Iterator<? extends Issue> it = all.iterator();
            return new Iterator<>() {
              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public Issue next() {
                Issue issue = it.next();
                offer(issue);
                return issue;
              }
            };
          };
      return new ReportSources(
          sources.deployments(), sources.pullRequests(), teed, sources.incidents(), List.of());
    }

    private void offer(Issue issue) {
      if (!inFinishedSprint(issue)) {
        return;
      }
      String team = options.team();
      if (team == null || options.teams().ownsIssue(team, issue, issue.createdAt())) {
        issues.add(issue);
      }
    }

    private boolean inFinishedSprint(Issue issue) {
      for (String id : issue.sprintIds()) {
        if (finished.contains(id)) {
          return true;
        }
      }
      for (SprintChange change : issue.sprintChanges()) {
        if (finished.contains(change.sprintId())) {
          return true;
        }
      }
      return false;
    }

    SprintSection section() {
      if (sprints.isEmpty()) {
        return none();
      }
      FlowWindow window = new FlowWindow(options.window().start(), options.window().end());
      List<SprintOutcome> outcomes = SprintMetrics.outcomes(sprints, issues, window);
      if (options.team() != null) {
        List<SprintOutcome> own = new ArrayList<>(outcomes.size());
        for (SprintOutcome o : outcomes) {
          if (!o.committed().isEmpty() || !o.added().isEmpty()) {
            own.add(o);
          }
        }
        outcomes = own;
      }
      Set<String> reported = new HashSet<>();
      outcomes.forEach(o -> reported.add(o.sprintId()));
      long inSprints = 0;
      for (Issue issue : issues) {
        for (String id : sprintIdsOf(issue)) {
          if (reported.contains(id)) {
            inSprints++;
            break;
          }
        }
      }
      return new SprintSection(
          sprintsRead, inSprints, outcomes, SprintMetrics.velocities(outcomes));
    }

    private static Set<String> sprintIdsOf(Issue issue) {
      Set<String> ids = new HashSet<>(issue.sprintIds());
      issue.sprintChanges().forEach(c -> ids.add(c.sprintId()));
      return ids;
    }
  }
}
