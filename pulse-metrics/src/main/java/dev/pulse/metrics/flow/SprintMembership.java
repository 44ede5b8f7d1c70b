package dev.pulse.metrics.flow;

import dev.pulse.model.Issue;
import dev.pulse.model.SprintChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The periods an issue was in one sprint, from its {@link Issue#sprintChanges()}: each period is
 * half-open, {@code [joined, left)}, and the last one may still be open. Not thread-safe.
 */
final class SprintMembership {
  /** One period in the sprint; {@code to} is null while the issue is still in it. */
  record Period(Instant from, @Nullable Instant to) {
    boolean contains(Instant t) {
      return !t.isBefore(from) && (to == null || t.isBefore(to));
    }

    /**
     * Whether the issue was in the sprint just before {@code t} and is still in it at {@code t}.
     */
    boolean spans(Instant t) {
      return from.isBefore(t) && (to == null || to.isAfter(t));
    }
  }

  private final List<Period> periods;

  private SprintMembership(List<Period> periods) {
    this.periods = periods;
  }

  /**
   * Reads the issue's periods in each of the given sprints, in one pass over its changes. Before
   * its first change for a sprint the issue was in it since its creation when that change is a
   * leave, or when it has no change for the sprint but lists it in {@link Issue#sprintIds()} (Jira
   * records no change for the sprint an issue is created in). A join while in the sprint or a leave
   * while out of it changes nothing.
   */
  static Map<String, SprintMembership> of(Issue issue, Set<String> sprintIds) {
    Map<String, Replay> replays = new HashMap<>();
    for (SprintChange change : issue.sprintChanges()) {
      if (!sprintIds.contains(change.sprintId())) {
        continue;
      }
      Replay replay = replays.get(change.sprintId());
      if (replay == null) {
        // a first change that leaves tells the issue was in the sprint since its creation
        replay = new Replay(change.action() == SprintChange.Action.LEFT, issue.createdAt());
        replays.put(change.sprintId(), replay);
      }
      replay.apply(change);
    }
    Map<String, SprintMembership> out = new HashMap<>();
    for (String id : sprintIds) {
      Replay replay = replays.get(id);
      if (replay == null) {
        replay = new Replay(issue.sprintIds().contains(id), issue.createdAt());
      }
      out.put(id, replay.finish());
    }
    return out;
  }

  /** One sprint's periods, rebuilt change by change. */
  private static final class Replay {
    private final List<Period> periods = new ArrayList<>(2);
    private boolean inside;
    private Instant since;

    Replay(boolean inside, Instant since) {
      this.inside = inside;
      this.since = since;
    }

    void apply(SprintChange change) {
      boolean joined = change.action() == SprintChange.Action.JOINED;
      if (joined && !inside) {
        since = change.at();
        inside = true;
      } else if (!joined && inside) {
        periods.add(new Period(since.isAfter(change.at()) ? change.at() : since, change.at()));
        inside = false;
      }
    }

    SprintMembership finish() {
      if (inside) {
        periods.add(new Period(since, null));
      }
      return new SprintMembership(periods);
    }
  }

  /** Whether the issue was in the sprint at {@code t}. */
  boolean at(Instant t) {
    for (Period p : periods) {
      if (p.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the issue was in the sprint at some instant of {@code [from, to)}. */
  boolean during(Instant from, Instant to) {
    for (Period p : periods) {
      if (p.from().isBefore(to) && (p.to() == null || p.to().isAfter(from))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the issue was in the sprint just before {@code t} and stayed in it through {@code t}.
   */
  boolean through(Instant t) {
    for (Period p : periods) {
      if (p.spans(t)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the issue was in the sprint at {@code t} or any later instant. */
  boolean atOrAfter(Instant t) {
    for (Period p : periods) {
      if (p.to() == null || p.to().isAfter(t)) {
        return true;
      }
    }
    return false;
  }

  /** When the issue first joined the sprint, or null if it never was in it. */
  @Nullable Instant firstJoined() {
    return periods.isEmpty() ? null : periods.get(0).from();
  }
}
