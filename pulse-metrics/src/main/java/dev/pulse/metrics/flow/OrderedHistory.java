package dev.pulse.metrics.flow;

import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link IssueTimeline} rules read straight off transitions already listed in time order (the
 * usual case), whose history is those transitions as listed: the same answers without building the
 * history's arrays, for the passes over a million issues. Stateless.
 */
final class OrderedHistory {
  private OrderedHistory() {}

  /** Whether the transitions are at least one and listed in time order (ties allowed). */
  static boolean inOrder(List<StatusTransition> transitions) {
    int n = transitions.size();
    if (n == 0) {
      return false;
    }
    Instant previous = transitions.get(0).enteredAt();
    for (int k = 1; k < n; k++) {
      Instant t = transitions.get(k).enteredAt();
      if (t.isBefore(previous)) {
        return false;
      }
      previous = t;
    }
    return true;
  }

  /**
   * {@link IssueTimeline#statusAt}: null before {@code createdAt}, to do before the first event.
   */
  static @Nullable NormalizedStatus statusAt(
      Instant createdAt, List<StatusTransition> transitions, Instant instant) {
    if (createdAt.isAfter(instant)) {
      return null;
    }
    // the last listed event at or before the instant wins; usually the last of all
    for (int k = transitions.size() - 1; k >= 0; k--) {
      StatusTransition transition = transitions.get(k);
      if (!transition.enteredAt().isAfter(instant)) {
        return transition.status();
      }
    }
    return NormalizedStatus.TODO;
  }

  /** {@link IssueTimeline#completion}: the first of the trailing run of done events, or null. */
  static @Nullable Instant completion(List<StatusTransition> transitions) {
    int first = transitions.size() - 1;
    if (first < 0 || transitions.get(first).status() != NormalizedStatus.DONE) {
      return null;
    }
    while (first > 0 && transitions.get(first - 1).status() == NormalizedStatus.DONE) {
      first--;
    }
    return transitions.get(first).enteredAt();
  }

  /** {@link IssueTimeline#firstActive}: the first entry into an active status, or null. */
  static @Nullable Instant firstActive(List<StatusTransition> transitions) {
    for (int k = 0; k < transitions.size(); k++) {
      StatusTransition transition = transitions.get(k);
      if (transition.status().isActive()) {
        return transition.enteredAt();
      }
    }
    return null;
  }

  /** {@link IssueTimeline#activeNanos}, summed in a long as it does. */
  static long activeNanos(List<StatusTransition> transitions, Instant from, Instant to) {
    long nanos = 0;
    int n = transitions.size();
    for (int k = 0; k < n; k++) {
      StatusTransition transition = transitions.get(k);
      if (!transition.status().isActive()) {
        continue;
      }
      Instant entered = transition.enteredAt();
      Instant start = entered.isBefore(from) ? from : entered;
      Instant end = k + 1 < n ? transitions.get(k + 1).enteredAt() : to;
      if (end.isAfter(to)) {
        end = to;
      }
      if (end.isAfter(start)) {
        nanos += Duration.between(start, end).toNanos();
      }
    }
    return nanos;
  }
}
