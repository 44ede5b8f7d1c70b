package dev.pulse.metrics.report;

import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The records a report is computed from: deployments, pull requests, issues and incidents, each as
 * an {@link Iterable} that {@link MetricsReport#compute} iterates <b>exactly once</b>.
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
 */
public record ReportSources(
    Iterable<? extends Deployment> deployments,
    Iterable<? extends PullRequest> pullRequests,
    Iterable<? extends Issue> issues,
    Iterable<? extends Incident> incidents) {

  /** Checks that every source is present. */
  public ReportSources {
    Objects.requireNonNull(deployments, "deployments");
    Objects.requireNonNull(pullRequests, "pullRequests");
    Objects.requireNonNull(issues, "issues");
    Objects.requireNonNull(incidents, "incidents");
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
