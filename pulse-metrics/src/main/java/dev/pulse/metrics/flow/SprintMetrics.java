package dev.pulse.metrics.flow;

import dev.pulse.model.Issue;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintChange;
import dev.pulse.model.SprintStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Sprint figures computed from stored records: each finished sprint's {@link SprintFigures} from
 * the {@link Sprint}s and the issues' sprint membership changes ({@link Issue#sprintChanges()}),
 * and each board's velocity trend.
 *
 * <p>A sprint is finished when it has a start and a completion time, or is closed with an end time;
 * its end is the completion time, else the end time. Its issues are those listing it in {@link
 * Issue#sprintIds()} or in a sprint change. The rules of each count are on {@link SprintOutcome}
 * and in {@code docs/metrics.md}, "Sprint figures"; completion is {@link FlowMetrics#completion},
 * as for every flow figure.
 *
 * <p>Stateless and thread-safe.
 */
public final class SprintMetrics {
  private static final Comparator<Sprint> BY_BOARD_AND_START =
      Comparator.comparing(Sprint::boardId)
          .thenComparing(s -> Objects.requireNonNull(s.startedAt()))
          .thenComparing(Sprint::id);

  private SprintMetrics() {}

  /**
   * Returns when a sprint finished: its completion time, else its end time when it is closed.
   *
   * @param sprint the sprint
   * @return the end, or null when the sprint has not started, is not finished, or ends before it
   *     starts
   */
  public static @Nullable Instant end(Sprint sprint) {
    Instant start = sprint.startedAt();
    Instant end = sprint.completedAt();
    if (end == null && sprint.status() == SprintStatus.CLOSED) {
      end = sprint.endedAt();
    }
    return start == null || end == null || !end.isAfter(start) ? null : end;
  }

  /**
   * Computes the figures of every sprint that finished inside a window.
   *
   * @param sprints every known sprint (also those outside the window: a later sprint tells that an
   *     issue was carried over), each id once
   * @param issues the issues, each key once; only those in a sprint of the window count
   * @param window the window the sprints' ends fall in
   * @return one outcome per sprint finished in the window, by board, then start, then id
   * @throws IllegalArgumentException if two sprints share an id
   */
  public static List<SprintOutcome> outcomes(
      Iterable<? extends Sprint> sprints, Iterable<? extends Issue> issues, FlowWindow window) {
    Objects.requireNonNull(sprints, "sprints");
    Objects.requireNonNull(issues, "issues");
    Objects.requireNonNull(window, "window");
    Map<String, Sprint> byId = new HashMap<>();
    List<Sprint> reported = new ArrayList<>();
    for (Sprint sprint : sprints) {
      if (byId.put(sprint.id(), sprint) != null) {
        throw new IllegalArgumentException("sprint " + sprint.id() + " is given twice");
      }
      Instant end = end(sprint);
      if (end != null && window.contains(end)) {
        reported.add(sprint);
      }
    }
    if (reported.isEmpty()) {
      return List.of();
    }
    reported.sort(BY_BOARD_AND_START);
    Map<String, List<Issue>> bySprint = new HashMap<>();
    for (Sprint sprint : reported) {
      bySprint.put(sprint.id(), new ArrayList<>());
    }
    for (Issue issue : issues) {
      for (String id : sprintsOf(issue)) {
        List<Issue> members = bySprint.get(id);
        if (members != null) {
          members.add(issue);
        }
      }
    }
    List<SprintOutcome> out = new ArrayList<>(reported.size());
    for (Sprint sprint : reported) {
      out.add(outcome(sprint, bySprint.getOrDefault(sprint.id(), List.of()), byId));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the velocity of each board over its sprints among the outcomes.
   *
   * @param outcomes sprint outcomes, as {@link #outcomes} returns them
   * @return by board id, sorted
   */
  public static Map<String, BoardVelocity> velocities(List<SprintOutcome> outcomes) {
    Map<String, List<SprintOutcome>> byBoard = new TreeMap<>();
    for (SprintOutcome o : outcomes) {
      byBoard.computeIfAbsent(o.boardId(), k -> new ArrayList<>()).add(o);
    }
    Map<String, BoardVelocity> out = new TreeMap<>();
    for (Map.Entry<String, List<SprintOutcome>> board : byBoard.entrySet()) {
      List<SprintOutcome> list = board.getValue();
      list.sort(Comparator.comparing(SprintOutcome::start).thenComparing(SprintOutcome::sprintId));
      int completed = 0;
      int unestimated = 0;
      for (SprintOutcome o : list) {
        completed += o.figures().completed();
        unestimated += o.completedUnestimated();
      }
      VelocityUnit unit =
          completed > 0 && unestimated == 0 ? VelocityUnit.POINTS : VelocityUnit.ISSUES;
      List<String> ids = new ArrayList<>(list.size());
      List<Double> velocities = new ArrayList<>(list.size());
      for (SprintOutcome o : list) {
        ids.add(o.sprintId());
        velocities.add(unit == VelocityUnit.POINTS ? o.completedEffort() : o.figures().completed());
      }
      out.put(
          board.getKey(),
          new BoardVelocity(
              board.getKey(), ids, velocities, unit, SprintFigures.velocityTrend(velocities)));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The sprints an issue lists or changed, in first-seen order. */
  private static Set<String> sprintsOf(Issue issue) {
    if (issue.sprintChanges().isEmpty()) {
      return new LinkedHashSet<>(issue.sprintIds());
    }
    Set<String> ids = new LinkedHashSet<>(issue.sprintIds());
    for (SprintChange change : issue.sprintChanges()) {
      ids.add(change.sprintId());
    }
    return ids;
  }

  private static SprintOutcome outcome(
      Sprint sprint, List<Issue> issues, Map<String, Sprint> byId) {
    Instant start = Objects.requireNonNull(sprint.startedAt());
    Instant end = Objects.requireNonNull(end(sprint));
    List<String> committed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> completed = new ArrayList<>();
    List<String> carried = new ArrayList<>();
    double completedEffort = 0;
    int completedUnestimated = 0;
    for (Issue issue : issues) {
      SprintMembership m = SprintMembership.of(issue, sprint.id());
      boolean atStart = m.at(start);
      if (!m.during(start, end)) {
        continue; // in the sprint only before its start or from its end on
      }
      if (atStart) {
        committed.add(issue.key());
      } else {
        added.add(issue.key());
      }
      if (!m.through(end)) {
        removed.add(issue.key());
        continue;
      }
      Instant done = FlowMetrics.completion(issue);
      if (done != null
          && !done.isBefore(start)
          && !done.isAfter(end)
          && (done.equals(end) || m.at(done))) {
        completed.add(issue.key());
        Double effort = issue.effort();
        if (effort == null) {
          completedUnestimated++;
        } else {
          completedEffort += effort;
        }
      } else if ((done == null || done.isAfter(end)) && inLaterSprint(issue, sprint, end, byId)) {
        carried.add(issue.key());
      }
    }
    List<List<String>> all = List.of(committed, added, removed, completed, carried);
    all.forEach(Collections::sort);
    return new SprintOutcome(
        sprint.id(),
        sprint.boardId(),
        sprint.name(),
        start,
        end,
        SprintFigures.of(
            committed.size(), added.size(), removed.size(), completed.size(), carried.size()),
        completedEffort,
        completedUnestimated,
        committed,
        added,
        removed,
        completed,
        carried);
  }

  /**
   * Whether the issue is, at the sprint's end or later, in another sprint that comes after it: one
   * that starts after this sprint's start or has not started, or, when that sprint is unknown, one
   * the issue first joined at or after this sprint's start (Jira keeps closed sprints in the field,
   * so an earlier sprint is never mistaken for a later one).
   */
  private static boolean inLaterSprint(
      Issue issue, Sprint sprint, Instant end, Map<String, Sprint> byId) {
    Instant start = Objects.requireNonNull(sprint.startedAt());
    for (String id : sprintsOf(issue)) {
      if (id.equals(sprint.id())) {
        continue;
      }
      SprintMembership other = SprintMembership.of(issue, id);
      if (!other.atOrAfter(end)) {
        continue;
      }
      Sprint known = byId.get(id);
      if (known != null) {
        Instant otherStart = known.startedAt();
        if (otherStart == null || otherStart.isAfter(start)) {
          return true;
        }
      } else {
        Instant joined = other.firstJoined();
        if (joined != null && !joined.isBefore(start)) {
          return true;
        }
      }
    }
    return false;
  }
}
