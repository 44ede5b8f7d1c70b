package dev.pulse.metrics.flow;

import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds canonical issues for the flow tests, with fixed instants only, through the model's
 * builders so that a new model field changes no test.
 */
final class Issues {

  /** Monday 2 March 2026, 00:00 UTC: ISO week 10 of 2026. */
  static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

  private Issues() {}

  /** Returns MONDAY plus a number of hours. */
  static Instant hour(long hours) {
    return MONDAY.plusSeconds(hours * 3600);
  }

  /** Returns MONDAY plus a number of days. */
  static Instant day(long days) {
    return hour(days * 24);
  }

  static StatusTransition to(NormalizedStatus status, Instant at) {
    return StatusTransition.builder()
        .status(status)
        .rawStatus(status.name().toLowerCase(java.util.Locale.ROOT))
        .enteredAt(at)
        .build();
  }

  /** An issue with a status history; its current status is that of the last transition listed. */
  static Issue withHistory(String key, Instant createdAt, StatusTransition... transitions) {
    NormalizedStatus current =
        transitions.length == 0
            ? NormalizedStatus.TODO
            : transitions[transitions.length - 1].status();
    return issue(key, current, createdAt, null, null, List.of(transitions));
  }

  /** An issue without transitions, timed by its started and completed fields only. */
  static Issue withoutHistory(
      String key,
      NormalizedStatus status,
      Instant createdAt,
      @Nullable Instant startedAt,
      @Nullable Instant completedAt) {
    return issue(key, status, createdAt, startedAt, completedAt, List.of());
  }

  static Issue issue(
      String key,
      NormalizedStatus status,
      Instant createdAt,
      @Nullable Instant startedAt,
      @Nullable Instant completedAt,
      List<StatusTransition> transitions) {
    String project = key.substring(0, key.indexOf('-'));
    return Issue.builder()
        .key(key)
        .projectKey(project)
        .type(IssueType.TASK)
        .rawStatus(status.name())
        .status(status)
        .transitions(transitions)
        .createdAt(createdAt)
        .startedAt(startedAt)
        .completedAt(completedAt)
        .updatedAt(createdAt)
        .build();
  }
}
