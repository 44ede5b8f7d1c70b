package dev.pulse.metrics.report;

import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import dev.pulse.model.Sprint;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The records a report is computed from: deployments, pull requests, issues, incidents and sprints,
 * each as an {@link Iterable} that {@link MetricsReport#compute} iterates <b>exactly once</b>.
 *
 * <p>The sources may be lists in memory or streams from a store (a JDBC cursor wrapped as {@code
 * stream::iterator}); the report keeps only the records its figures need (production deployments of
 * the scope, pull requests merged in the window or marking rework, issues not finished before the
 * window, incidents created in it), never a copy of everything read. Give every deployment of the
 * scope's repositories whatever its time, since pairing and the first deployment seen look before
 * the window; give each issue once.
 *
 * @param deployments deployments of every environment, any order
 * @param pullRequests pull requests, any order
 * @param issues issues, any order, each key once
 * @param incidents incidents, any order
 * @param sprints sprints, any order, each id once: every sprint of the scope's boards whatever its
 *     time, since a later sprint tells that an issue was carried over; none gives an empty sprint
 *     section ({@link SprintSection})
 */
public record ReportSources(
    Iterable<? extends Deployment> deployments,
    Iterable<? extends PullRequest> pullRequests,
    Iterable<? extends Issue> issues,
    Iterable<? extends Incident> incidents,
    Iterable<? extends Sprint> sprints) {

  /** Checks that every source is present. */
  public ReportSources {
    Objects.requireNonNull(deployments, "deployments");
    Objects.requireNonNull(pullRequests, "pullRequests");
    Objects.requireNonNull(issues, "issues");
    Objects.requireNonNull(incidents, "incidents");
    Objects.requireNonNull(sprints, "sprints");
  }

  /**
   * Returns sources without sprints, as reports were computed before sprint figures.
   *
   * @param deployments deployments of every environment, any order
   * @param pullRequests pull requests, any order
   * @param issues issues, any order, each key once
   * @param incidents incidents, any order
   */
  public ReportSources(
      Iterable<? extends Deployment> deployments,
      Iterable<? extends PullRequest> pullRequests,
      Iterable<? extends Issue> issues,
      Iterable<? extends Incident> incidents) {
    this(deployments, pullRequests, issues, incidents, List.of());
  }

  /**
   * Returns these sources with sprints.
   *
   * @param sprints the sprints, each id once, iterated once
   * @return new sources; these are unchanged
   */
  public ReportSources withSprints(Iterable<? extends Sprint> sprints) {
    return new ReportSources(deployments, pullRequests, issues, incidents, sprints);
  }

  /**
   * Returns sources read from streams, each consumed once and not closed by the report.
   *
   * @param deployments deployments
   * @param pullRequests pull requests
   * @param issues issues
   * @param incidents incidents
   * @return the sources
   */
  public static ReportSources of(
      Stream<? extends Deployment> deployments,
      Stream<? extends PullRequest> pullRequests,
      Stream<? extends Issue> issues,
      Stream<? extends Incident> incidents) {
    return new ReportSources(once(deployments), once(pullRequests), once(issues), once(incidents));
  }

  /**
   * Returns sources with no records at all.
   *
   * @return empty sources
   */
  public static ReportSources empty() {
    return new ReportSources(List.of(), List.of(), List.of(), List.of());
  }

  // one-shot by contract: the report iterates each source exactly once
  @SuppressWarnings("StreamToIterable")
  private static <T> Iterable<T> once(Stream<T> stream) {
    Objects.requireNonNull(stream, "stream");
    return stream::iterator;
  }
}
