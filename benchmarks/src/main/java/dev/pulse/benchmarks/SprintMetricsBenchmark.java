package dev.pulse.benchmarks;

import dev.pulse.metrics.flow.BoardVelocity;
import dev.pulse.metrics.flow.FlowWindow;
import dev.pulse.metrics.flow.SprintMetrics;
import dev.pulse.metrics.flow.SprintOutcome;
import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintChange;
import dev.pulse.model.SprintStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * Time to compute the sprint figures of a year ({@link SprintMetrics#outcomes} and {@link
 * SprintMetrics#velocities}) from 1,000,000 issues of 100 boards, each board running 26 two-week
 * sprints: every issue is committed to the next sprint or added to the running one, and carried
 * from sprint to sprint until done, on one thread.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl benchmarks -am
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar SprintMetricsBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SprintMetricsBenchmark {
  private static final int BOARDS = 100;
  private static final int SPRINTS = 26;
  private static final Duration TWO_WEEKS = Duration.ofDays(14);

  private List<Sprint> sprints = List.of();
  private List<Issue> issues = List.of();
  private final FlowWindow year =
      new FlowWindow(DoraData.START, DoraData.START.plus(Duration.ofDays(365)));

  /** Builds the sprints and issues once per trial. */
  @Setup
  public void setUp() {
    List<Issue> base = MetricsReportBenchmark.issues(1_000_000, BOARDS, 4);
    // one board per project of the issues
    Set<String> boards = new TreeSet<>();
    base.forEach(issue -> boards.add(issue.projectKey()));
    List<Sprint> s = new ArrayList<>(boards.size() * SPRINTS);
    for (String board : boards) {
      for (int k = 0; k < SPRINTS; k++) {
        s.add(
            Sprint.builder()
                .id(board + "-" + k)
                .boardId(board)
                .name(board + " sprint " + k)
                .status(SprintStatus.CLOSED)
                .startedAt(start(k))
                .endedAt(start(k + 1))
                .completedAt(start(k + 1))
                .build());
      }
    }
    List<Issue> withSprints = new ArrayList<>(base.size());
    for (int i = 0; i < base.size(); i++) {
      Issue issue = base.get(i);
      int k = (int) (Duration.between(DoraData.START, issue.createdAt()).toDays() / 14) + i % 2;
      List<SprintChange> changes = new ArrayList<>(3);
      List<String> ids = new ArrayList<>(3);
      Instant done = issue.transitions().get(issue.transitions().size() - 1).enteredAt();
      boolean finished = issue.status() == NormalizedStatus.DONE;
      if (k < SPRINTS) {
        changes.add(SprintChange.joined(issue.projectKey() + "-" + k, issue.createdAt()));
        ids.add(issue.projectKey() + "-" + k);
        while (k + 1 < SPRINTS && (!finished || done.isAfter(start(k + 1)))) {
          k++;
          changes.add(SprintChange.joined(issue.projectKey() + "-" + k, start(k)));
          ids.add(issue.projectKey() + "-" + k);
        }
      }
      withSprints.add(issue.toBuilder().sprintIds(ids).sprintChanges(changes).build());
    }
    sprints = s;
    issues = withSprints;
    System.gc();
  }

  private static Instant start(int sprint) {
    return DoraData.START.plus(TWO_WEEKS.multipliedBy(sprint));
  }

  /**
   * Computes every sprint's figures and every board's velocity.
   *
   * @return the velocities, so the work is not eliminated
   */
  @Benchmark
  public Map<String, BoardVelocity> sprintFigures() {
    List<SprintOutcome> outcomes = SprintMetrics.outcomes(sprints, issues, year);
    return SprintMetrics.velocities(outcomes);
  }
}
