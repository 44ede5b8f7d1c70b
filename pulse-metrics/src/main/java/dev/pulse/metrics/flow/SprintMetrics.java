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
    Map<String, Tally> tallies = new HashMap<>();
    for (Sprint sprint : reported) {
      tallies.put(sprint.id(), new Tally(sprint));
    }
    for (Issue issue : issues) {
      Set<String> ids = sprintsOf(issue);
      if (!anyIn(ids, tallies)) {
        continue;
      }
      // each membership and the completion once per issue, whatever the number of its sprints
      Map<String, SprintMembership> memberships = SprintMembership.of(issue, ids);
      Instant done = FlowMetrics.completion(issue);
      for (String id : ids) {
        Tally tally = tallies.get(id);
        if (tally != null) {
          tally.count(issue, Objects.requireNonNull(memberships.get(id)), done, memberships, byId);
        }
      }
    }
    List<SprintOutcome> out = new ArrayList<>(reported.size());
    for (Sprint sprint : reported) {
      out.add(Objects.requireNonNull(tallies.get(sprint.id())).outcome());
    }
    return Collections.unmodifiableList(out);
  }

  private static boolean anyIn(Set<String> ids, Map<String, Tally> tallies) {
    for (String id : ids) {
      if (tallies.containsKey(id)) {
        return true;
      }
    }
    return false;
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

  /** The issue keys of one sprint's counts, filled issue by issue. Not thread-safe. */
  private static final class Tally {
    private final Sprint sprint;
    private final Instant start;
    private final Instant end;
    private final List<String> committed = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<String> completed = new ArrayList<>();
    private final List<String> carried = new ArrayList<>();
    private double completedEffort;
    private int completedUnestimated;

    Tally(Sprint sprint) {
      this.sprint = sprint;
      this.start = Objects.requireNonNull(sprint.startedAt());
      this.end = Objects.requireNonNull(end(sprint));
    }

    void count(
        Issue issue,
        SprintMembership m,
        @Nullable Instant done,
        Map<String, SprintMembership> memberships,
        Map<String, Sprint> byId) {
      if (!m.during(start, end)) {
        return; // in the sprint only before its start or from its end on
      }
      (m.at(start) ? committed : added).add(issue.key());
      if (!m.through(end)) {
        removed.add(issue.key());
        return;
      }
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
      } else if ((done == null || done.isAfter(end)) && inLaterSprint(memberships, byId)) {
        carried.add(issue.key());
      }
    }

    /**
     * Whether the issue is, at this sprint's end or later, in another sprint that comes after it:
     * one that starts after this sprint's start or has not started, or, when that sprint is
     * unknown, one the issue first joined at or after this sprint's start (Jira keeps closed
     * sprints in the field, so an earlier sprint is never mistaken for a later one).
     */
    private boolean inLaterSprint(
        Map<String, SprintMembership> memberships, Map<String, Sprint> byId) {
      for (Map.Entry<String, SprintMembership> e : memberships.entrySet()) {
        if (e.getKey().equals(sprint.id()) || !e.getValue().atOrAfter(end)) {
          continue;
        }
        Sprint known = byId.get(e.getKey());
        if (known != null) {
          Instant otherStart = known.startedAt();
          if (otherStart == null || otherStart.isAfter(start)) {
            return true;
          }
        } else {
          Instant joined = e.getValue().firstJoined();
          if (joined != null && !joined.isBefore(start)) {
            return true;
          }
        }
      }
      return false;
    }

    SprintOutcome outcome() {
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
  }
}
