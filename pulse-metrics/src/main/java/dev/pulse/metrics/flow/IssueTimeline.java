package dev.pulse.metrics.flow;

import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The status history of one issue as a list of (instant, status) events, built from its transitions
 * or, when it has none, synthesized from its created, started and completed times. Immutable.
 */
final class IssueTimeline {

  private final Issue issue;
  private final Instant[] times;
  private final NormalizedStatus[] statuses;

  /**
   * {@code latestBound[i]} is the earliest of {@code times[i..]}: non-decreasing, so {@link
   * #eventAt} can binary search it. Equal to {@code times} when the events are in time order
   * (always, with transitions); differs only for a synthesized history whose {@code startedAt} or
   * {@code completedAt} precedes an earlier-listed event.
   */
  private final Instant[] latestBound;

  private final boolean known;

  private IssueTimeline(
      Issue issue, List<Instant> times, List<NormalizedStatus> statuses, boolean known) {
    this.issue = issue;
    this.times = times.toArray(new Instant[0]);
    this.statuses = statuses.toArray(new NormalizedStatus[0]);
    this.latestBound = this.times.clone();
    for (int i = latestBound.length - 2; i >= 0; i--) {
      if (latestBound[i + 1].isBefore(latestBound[i])) {
        latestBound[i] = latestBound[i + 1];
      }
    }
    this.known = known;
  }

  /** A history from events already in time order: its latest bounds are its times. */
  private IssueTimeline(Issue issue, Instant[] times, NormalizedStatus[] statuses) {
    this.issue = issue;
    this.times = times;
    this.statuses = statuses;
    this.latestBound = times;
    this.known = true;
  }

  static IssueTimeline of(Issue issue) {
    List<StatusTransition> transitions = issue.transitions();
    int n = transitions.size();
    if (n > 0) {
      // most histories come in time order: read them straight into arrays, no sort, no copies
      Instant[] orderedTimes = new Instant[n];
      NormalizedStatus[] orderedStatuses = new NormalizedStatus[n];
      boolean ordered = true;
      for (int i = 0; i < n; i++) {
        StatusTransition transition = transitions.get(i);
        orderedTimes[i] = transition.enteredAt();
        orderedStatuses[i] = transition.status();
        ordered &= i == 0 || !orderedTimes[i].isBefore(orderedTimes[i - 1]);
      }
      if (ordered) {
        return new IssueTimeline(issue, orderedTimes, orderedStatuses);
      }
      // Stable sort: transitions with equal enteredAt keep the source's order, so the later one
      // listed wins.
      List<StatusTransition> sorted = new ArrayList<>(transitions);
      sorted.sort(Comparator.comparing(StatusTransition::enteredAt));
      List<Instant> times = new ArrayList<>(n);
      List<NormalizedStatus> statuses = new ArrayList<>(n);
      for (StatusTransition transition : sorted) {
        times.add(transition.enteredAt());
        statuses.add(transition.status());
      }
      return new IssueTimeline(issue, times, statuses, true);
    }
    // No transitions: TODO at creation, active at startedAt, DONE at completedAt, in that logical
    // order.
    List<Instant> times = new ArrayList<>(3);
    List<NormalizedStatus> statuses = new ArrayList<>(3);
    NormalizedStatus current = issue.status();
    Instant startedAt = issue.startedAt();
    Instant completedAt = issue.completedAt();
    boolean known =
        switch (current) {
          case TODO -> true;
          case IN_PROGRESS, IN_REVIEW -> startedAt != null;
          case DONE -> completedAt != null;
        };
    times.add(issue.createdAt());
    statuses.add(NormalizedStatus.TODO);
    if (startedAt != null && current != NormalizedStatus.TODO) {
      times.add(startedAt);
      statuses.add(current.isActive() ? current : NormalizedStatus.IN_PROGRESS);
    }
    if (completedAt != null && current == NormalizedStatus.DONE) {
      times.add(completedAt);
      statuses.add(NormalizedStatus.DONE);
    }
    return new IssueTimeline(issue, times, statuses, known);
  }

  Issue issue() {
    return issue;
  }

  /** Whether the status at a past instant can be reconstructed. */
  boolean known() {
    return known;
  }

  /**
   * The final completion: the first event of the trailing run of DONE events, or null when the last
   * event is not DONE (never completed, or reopened and not yet done again).
   */
  @Nullable Instant completion() {
    int last = times.length - 1;
    if (last < 0 || statuses[last] != NormalizedStatus.DONE) {
      return null;
    }
    int first = last;
    while (first > 0 && statuses[first - 1] == NormalizedStatus.DONE) {
      first--;
    }
    return times[first];
  }

  /** The first entry into an active status, or null when the issue was never active. */
  @Nullable Instant firstActive() {
    for (int i = 0; i < times.length; i++) {
      if (statuses[i].isActive()) {
        return times[i];
      }
    }
    return null;
  }

  /**
   * The index of the event that sets the status at an instant: the last listed event entered at or
   * before it, or -1 when none was (the issue is then in TODO if it exists). Binary search, O(log
   * events): event {@code i} or a later one is at or before the instant exactly when {@code
   * latestBound[i]} is, so the answer is the last index whose bound is at or before it. With equal
   * times the later-listed event wins.
   */
  private int eventAt(Instant instant) {
    int low = 0;
    int high =
        latestBound
            .length; // invariant: bounds before low are <= instant, bounds from high on are after
    // it
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (latestBound[mid].isAfter(instant)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low - 1;
  }

  /**
   * The status at an instant (inclusive: an event entered exactly then counts), or null when the
   * issue had not been created yet. Only meaningful when {@link #known()}.
   */
  @Nullable NormalizedStatus statusAt(Instant instant) {
    if (issue.createdAt().isAfter(instant)) {
      return null;
    }
    int index = eventAt(instant);
    return index < 0 ? NormalizedStatus.TODO : statuses[index];
  }

  /**
   * The start of the uninterrupted run of active events that sets an active status at an instant.
   * Only meaningful when {@link #statusAt} is active.
   */
  Instant activeSince(Instant instant) {
    int index = eventAt(instant);
    if (index < 0 || !statuses[index].isActive()) {
      throw new IllegalStateException(issue.key() + " is not active at " + instant);
    }
    while (index > 0 && statuses[index - 1].isActive()) {
      index--;
    }
    return times[index];
  }

  /**
   * The time spent in active statuses between {@code from} and {@code to} (both within the
   * history): the sum, over the events, of the part of each event's stretch (to the next event, or
   * {@code to} for the last) that lies in {@code [from, to]} while its status is active.
   */
  java.time.Duration activeTime(Instant from, Instant to) {
    return java.time.Duration.ofNanos(activeNanos(from, to));
  }

  /** {@link #activeTime} in nanoseconds, summed in a long as {@link #activeTime} does. */
  long activeNanos(Instant from, Instant to) {
    long nanos = 0;
    for (int k = 0; k < times.length; k++) {
      if (!statuses[k].isActive()) {
        continue;
      }
      Instant start = times[k].isBefore(from) ? from : times[k];
      Instant end = k + 1 < times.length ? times[k + 1] : to;
      if (end.isAfter(to)) {
        end = to;
      }
      if (end.isAfter(start)) {
        nanos += java.time.Duration.between(start, end).toNanos();
      }
    }
    return nanos;
  }
}
