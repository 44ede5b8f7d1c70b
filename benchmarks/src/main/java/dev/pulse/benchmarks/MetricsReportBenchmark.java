package dev.pulse.benchmarks;

import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.report.MetricsReport;
import dev.pulse.metrics.report.Report;
import dev.pulse.metrics.report.ReportJson;
import dev.pulse.metrics.report.ReportOptions;
import dev.pulse.metrics.report.ReportSources;
import dev.pulse.metrics.report.TeamMapping;
import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.PullRequest;
import dev.pulse.model.StatusTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to compute the full metrics report ({@link MetricsReport#compute}: the five DORA figures,
 * per environment, per repository and per team, 53 weekly and 12 monthly trend periods, and the
 * flow figures) over 1,000,000 deployments (1,000 repositories x 3 environments), 1,000,000 merged
 * pull requests and 1,000,000 issues (100 projects) in memory, every record inside the one-year
 * window, on one thread; and the same plus rendering the JSON.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar MetricsReportBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class MetricsReportBenchmark {
  private ReportSources sources = ReportSources.empty();
  private ReportOptions options =
      ReportOptions.builder(
              "bench", new Window(DoraData.START, DoraData.START.plus(Duration.ofDays(365))))
          .build();

  /** Builds the data once per trial and collects garbage once, before any measurement. */
  @Setup
  public void setUp() {
    setUpSized(1_000_000);
  }

  /** Builds {@code n} records of each kind. */
  void setUpSized(int n) {
    List<Deployment> deployments = DoraData.shuffled(DoraData.sortedDeployments(n, 1_000, 1), 2);
    List<PullRequest> pullRequests = DoraData.pullRequests(n, 1_000, 3);
    List<Issue> issues = issues(n, 100, 4);
    sources = new ReportSources(deployments, pullRequests, issues, List.<Incident>of());
    options = reportOptions();
    System.gc();
  }

  /**
   * The report's options: the benchmark year, 10 teams of 100 repositories and 10 projects each.
   */
  static ReportOptions reportOptions() {
    TeamMapping.Builder teams = TeamMapping.builder();
    for (int t = 0; t < 10; t++) {
      for (int r = t * 100; r < t * 100 + 100; r++) {
        teams.repository("team-" + t, DoraData.repository(r));
      }
      for (int p = t * 10; p < t * 10 + 10; p++) {
        teams.project("team-" + t, project(p));
      }
    }
    return ReportOptions.builder(
            "bench", new Window(DoraData.START, DoraData.START.plus(Duration.ofDays(365))))
        .teams(teams.build())
        .build();
  }

  private static String project(int p) {
    return String.format("P%03d", p);
  }

  /**
   * Returns {@code n} issues over {@code projects} projects and the benchmark year: created, in
   * progress, in review, and (three in four) done, with the status history of each.
   */
  static List<Issue> issues(int n, int projects, long seed) {
    Random random = new Random(seed);
    List<Issue> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant created =
          DoraData.START.plusSeconds(
              (long) (random.nextDouble() * (DoraData.YEAR_SECONDS - 20 * 86_400L)));
      Instant started = created.plusSeconds(random.nextInt(86_400 * 5));
      Instant review = started.plusSeconds(random.nextInt(86_400 * 5));
      Instant done = review.plusSeconds(random.nextInt(86_400 * 5));
      boolean finished = random.nextInt(4) != 0;
      List<StatusTransition> transitions = new ArrayList<>(4);
      transitions.add(transition(NormalizedStatus.TODO, created));
      transitions.add(transition(NormalizedStatus.IN_PROGRESS, started));
      transitions.add(transition(NormalizedStatus.IN_REVIEW, review));
      if (finished) {
        transitions.add(transition(NormalizedStatus.DONE, done));
      }
      NormalizedStatus status = finished ? NormalizedStatus.DONE : NormalizedStatus.IN_REVIEW;
      String project = project(random.nextInt(projects));
      out.add(
          Issue.builder()
              .key(project + "-" + i)
              .projectKey(project)
              .type(IssueType.TASK)
              .rawStatus(status.name())
              .status(status)
              .transitions(transitions)
              .createdAt(created)
              .updatedAt(created)
              .build());
    }
    return out;
  }

  private static StatusTransition transition(NormalizedStatus status, Instant at) {
    return StatusTransition.builder().status(status).rawStatus(status.name()).enteredAt(at).build();
  }

  /**
   * Computes the full report.
   *
   * @return the report
   */
  @Benchmark
  public Report fullReport() {
    return MetricsReport.compute(sources, options);
  }

  /**
   * Computes the full report and renders it as JSON.
   *
   * @return the JSON
   */
  @Benchmark
  public String fullReportAsJson() {
    return ReportJson.write(MetricsReport.compute(sources, options));
  }
}
