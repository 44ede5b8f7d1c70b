package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static dev.pulse.metrics.report.ReportFixtures.issue;
import static dev.pulse.metrics.report.ReportFixtures.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CumulativeFlowSamplerTest {
  private static final Window FIVE_DAYS = new Window(day(0), day(5));

  private static Issue withHistory(String key, List<StatusTransition> transitions) {
    NormalizedStatus current = transitions.get(transitions.size() - 1).status();
    return Issue.builder()
        .key(key)
        .projectKey(key.substring(0, key.indexOf('-')))
        .type(IssueType.TASK)
        .rawStatus(current.name())
        .status(current)
        .transitions(transitions)
        .createdAt(transitions.get(0).enteredAt())
        .updatedAt(transitions.get(0).enteredAt())
        .build();
  }

  /**
   * API-1 goes to do, in progress, done; API-2 goes in progress, in review, back to in progress,
   * done and is reopened; WEB-1 is created after the second sample; WEB-2 is in progress with no
   * history (unknown).
   */
  private static List<Issue> fixture() {
    List<Issue> issues = new ArrayList<>();
    issues.add(issue("API-1", day(0.1), day(1.2), day(2.5)));
    issues.add(
        withHistory(
            "API-2",
            List.of(
                to(NormalizedStatus.TODO, day(0.2)),
                to(NormalizedStatus.IN_PROGRESS, day(0.5)),
                to(NormalizedStatus.IN_REVIEW, day(1.5)),
                to(NormalizedStatus.IN_PROGRESS, day(2.5)),
                to(NormalizedStatus.DONE, day(3.5)),
                to(NormalizedStatus.TODO, day(4.5)))));
    issues.add(issue("WEB-1", day(2.5), null, null));
    issues.add(
        Issue.builder()
            .key("WEB-2")
            .projectKey("WEB")
            .type(IssueType.TASK)
            .rawStatus("doing")
            .status(NormalizedStatus.IN_PROGRESS)
            .createdAt(day(0.3))
            .updatedAt(day(0.3))
            .build());
    return issues;
  }

  private static ReportOptions.Builder options(Window window) {
    return ReportOptions.builder("acme", window)
        .teams(TeamMapping.builder().project("alpha", "API").project("beta", "WEB").build());
  }

  /** Each sample as {todo, inProgress, inReview, done}. */
  private static List<List<Integer>> counts(Report.CumulativeFlowSeries series) {
    return series.samples().stream()
        .map(s -> List.of(s.todo(), s.inProgress(), s.inReview(), s.done()))
        .toList();
  }

  @Test
  void compute_countsEachStatusAtTheEndOfEveryDay() {
    CumulativeFlowSampler.Result result =
        CumulativeFlowSampler.compute(fixture(), options(FIVE_DAYS).build());

    Report.CumulativeFlowSeries org = result.scope();
    assertEquals(1, org.stepDays());
    assertEquals(
        List.of(
            LocalDate.of(2026, 3, 2),
            LocalDate.of(2026, 3, 3),
            LocalDate.of(2026, 3, 4),
            LocalDate.of(2026, 3, 5),
            LocalDate.of(2026, 3, 6)),
        org.samples().stream().map(Report.FlowSample::day).toList());
    assertEquals(Instant.parse("2026-03-02T23:59:59.999999999Z"), org.samples().get(0).asOf());
    // hand-computed: API-1 todo/progress/done/done/done; API-2 progress/review/progress (moved
    // back)/done/todo (reopened); WEB-1 absent until its creation on day 2, then todo
    assertEquals(
        List.of(
            List.of(1, 1, 0, 0),
            List.of(0, 1, 1, 0),
            List.of(1, 1, 0, 1),
            List.of(1, 0, 0, 2),
            List.of(2, 0, 0, 1)),
        counts(org));
    assertEquals(1, org.unknownTimeline());

    assertEquals(
        List.of("alpha", "beta"), List.copyOf(result.teams().keySet()).stream().sorted().toList());
    assertEquals(
        List.of(
            List.of(1, 1, 0, 0),
            List.of(0, 1, 1, 0),
            List.of(0, 1, 0, 1),
            List.of(0, 0, 0, 2),
            List.of(1, 0, 0, 1)),
        counts(result.teams().get("alpha")));
    assertEquals(0, result.teams().get("alpha").unknownTimeline());
    assertEquals(
        List.of(
            List.of(0, 0, 0, 0),
            List.of(0, 0, 0, 0),
            List.of(1, 0, 0, 0),
            List.of(1, 0, 0, 0),
            List.of(1, 0, 0, 0)),
        counts(result.teams().get("beta")));
    assertEquals(1, result.teams().get("beta").unknownTimeline());
  }

  @Test
  void compute_teamReportHasNoTeamSeries() {
    CumulativeFlowSampler.Result result =
        CumulativeFlowSampler.compute(fixture(), options(FIVE_DAYS).team("alpha").build());
    assertEquals(0, result.teams().size());
    assertEquals(5, result.scope().samples().size());
  }

  @Test
  void compute_lastSampleIsTheWindowsLastInstant() {
    Window window = new Window(day(0), day(2.5));
    CumulativeFlowSampler.Result result =
        CumulativeFlowSampler.compute(fixture(), options(window).build());
    List<Report.FlowSample> samples = result.scope().samples();
    assertEquals(3, samples.size());
    assertEquals(day(2.5).minusNanos(1), samples.get(2).asOf());
    // just before 12:00 on day 2: API-1 in progress, API-2 still in review, WEB-1 not created
    assertEquals(List.of(0, 1, 1, 0), counts(result.scope()).get(2));
  }

  @Test
  void sampleDays_dailyUpToAQuarterThenWeeklyAndAtMost104() {
    ZoneId utc = ZoneOffset.UTC;
    List<LocalDate> quarter = CumulativeFlowSampler.sampleDays(window(92), utc);
    assertEquals(92, quarter.size());
    assertEquals(LocalDate.of(2026, 3, 2), quarter.get(0));

    List<LocalDate> weekly = CumulativeFlowSampler.sampleDays(window(93), utc);
    assertEquals(14, weekly.size());
    assertEquals(LocalDate.of(2026, 6, 2), weekly.get(13), "the window's last day");
    assertEquals(7, ChronoUnit.DAYS.between(weekly.get(0), weekly.get(1)));

    for (int days : new int[] {728, 729, 1096, 3653}) {
      List<LocalDate> sparse = CumulativeFlowSampler.sampleDays(window(days), utc);
      assertTrue(sparse.size() <= CumulativeFlowSampler.MAX_SAMPLES, days + ": " + sparse.size());
      assertTrue(
          sparse.size() > CumulativeFlowSampler.MAX_SAMPLES / 2, days + ": " + sparse.size());
      assertEquals(day(days - 1).atZone(utc).toLocalDate(), sparse.get(sparse.size() - 1));
    }
    assertEquals(104, CumulativeFlowSampler.sampleDays(window(728), utc).size());
  }

  @Test
  void sampleDays_followTheReportZone() {
    // 00:00 UTC on 2 March is 19:00 on 1 March in New York: the window touches six local days
    List<LocalDate> days =
        CumulativeFlowSampler.sampleDays(FIVE_DAYS, ZoneId.of("America/New_York"));
    assertEquals(LocalDate.of(2026, 3, 1), days.get(0));
    assertEquals(LocalDate.of(2026, 3, 6), days.get(5));
  }

  @Test
  void report_carriesTheSeriesAndItsLastSampleIsTheWipAtTheEnd() {
    ReportFixtures.Data data = ReportFixtures.random(11, 40);
    Report report = MetricsReport.compute(data.sources(), ReportJsonSchemaTest.options().build());
    Report.FlowSample last =
        report.cumulativeFlow().samples().get(report.cumulativeFlow().samples().size() - 1);
    assertEquals(report.flow().wipAtEnd().asOf(), last.asOf());
    assertEquals(report.flow().wipAtEnd().inProgress(), last.inProgress());
    assertEquals(report.flow().wipAtEnd().inReview(), last.inReview());
    assertEquals(report.flowByTeam().keySet(), report.cumulativeFlowByTeam().keySet());
    int total = last.todo() + last.inProgress() + last.inReview() + last.done();
    assertEquals(report.flow().issues(), total + report.cumulativeFlow().unknownTimeline());
  }

  @Test
  void statusesAt_writesTheStatusAtEachInstantOrNothingForAnUnknownHistory() {
    List<Issue> issues = fixture();
    List<Instant> instants = List.of(day(3), day(0), day(2));
    NormalizedStatus[] into = new NormalizedStatus[4];
    assertTrue(FlowMetrics.statusesAt(issues.get(1), instants, into));
    assertEquals(
        Arrays.asList(NormalizedStatus.IN_PROGRESS, null, NormalizedStatus.IN_REVIEW, null),
        Arrays.asList(into));
    NormalizedStatus[] untouched = new NormalizedStatus[3];
    assertFalse(FlowMetrics.statusesAt(issues.get(3), instants, untouched));
    assertEquals(Arrays.asList(null, null, null), Arrays.asList(untouched));
    assertThrows(
        IllegalArgumentException.class,
        () -> FlowMetrics.statusesAt(issues.get(0), instants, new NormalizedStatus[2]));
  }

  private static Window window(int days) {
    return new Window(day(0), day(0).plus(Duration.ofDays(days)));
  }

  /**
   * The runs between transitions (the fast path) against each issue's status sampled instant by
   * instant through {@link FlowMetrics#statusesAt}, on random histories: tied and unordered
   * transitions, issues created after their first transitions or after the window, no history,
   * teams owning projects and components, daily and weekly samples.
   */
  @Test
  void compute_equalsTheStatusOfEachIssueAtEachSample() {
    java.util.Random random = new java.util.Random(23);
    NormalizedStatus[] statuses = NormalizedStatus.values();
    TeamMapping teams =
        TeamMapping.builder()
            .project("alpha", "API")
            .project("beta", "WEB")
            .projectComponent("gamma", "API", "billing")
            .projectComponent("alpha", "API", "billing")
            .build();
    for (int round = 0; round < 40; round++) {
      Window window = new Window(day(0), day(1 + random.nextInt(round % 2 == 0 ? 30 : 400)));
      List<Issue> issues = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(150); i++) {
        Instant created = day(random.nextDouble() * 420 - 10);
        List<StatusTransition> transitions = new ArrayList<>();
        Instant t = created.minusSeconds(random.nextInt(3) == 0 ? 86_400 : 0);
        int events = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(6);
        for (int e = 0; e < events; e++) {
          t = t.plusSeconds(random.nextInt(3) == 0 ? 0 : random.nextInt(86_400 * 20));
          transitions.add(to(statuses[random.nextInt(statuses.length)], t));
        }
        if (random.nextInt(6) == 0) {
          java.util.Collections.shuffle(transitions, random);
        }
        NormalizedStatus current =
            transitions.isEmpty()
                ? statuses[random.nextInt(statuses.length)]
                : transitions.get(transitions.size() - 1).status();
        String project = random.nextBoolean() ? "API" : "WEB";
        issues.add(
            Issue.builder()
                .key(project + "-" + i)
                .projectKey(project)
                .type(IssueType.TASK)
                .rawStatus(current.name())
                .status(current)
                .transitions(transitions)
                .createdAt(created)
                .updatedAt(created)
                .startedAt(random.nextBoolean() ? created.plusSeconds(3_600) : null)
                .completedAt(random.nextBoolean() ? created.plusSeconds(86_400) : null)
                .components(random.nextInt(3) == 0 ? List.of("billing") : List.of())
                .build());
      }
      ReportOptions options =
          ReportOptions.builder("acme", window)
              .zone(ZoneId.of("Europe/Berlin"))
              .teams(teams)
              .build();

      CumulativeFlowSampler.Result result = CumulativeFlowSampler.compute(issues, options);

      assertEquals(reference(issues, result.scope()), result.scope(), "round " + round);
      for (String team : teams.teams()) {
        List<Issue> own =
            issues.stream().filter(i -> teams.ownsIssue(team, i, i.createdAt())).toList();
        assertEquals(
            reference(own, result.teams().get(team)),
            result.teams().get(team),
            "round " + round + ", team " + team);
      }
    }
  }

  /** The series of {@code issues} at the samples of {@code shape}, one status at a time. */
  private static Report.CumulativeFlowSeries reference(
      List<Issue> issues, Report.CumulativeFlowSeries shape) {
    List<Instant> instants = shape.samples().stream().map(Report.FlowSample::asOf).toList();
    int[][] counts = new int[instants.size()][4];
    int unknown = 0;
    NormalizedStatus[] into = new NormalizedStatus[instants.size()];
    for (Issue issue : issues) {
      if (!FlowMetrics.statusesAt(issue, instants, into)) {
        unknown++;
        continue;
      }
      for (int k = 0; k < instants.size(); k++) {
        if (into[k] != null) {
          counts[k][into[k].ordinal()]++;
        }
      }
    }
    List<Report.FlowSample> samples = new ArrayList<>();
    for (int k = 0; k < instants.size(); k++) {
      Report.FlowSample s = shape.samples().get(k);
      samples.add(
          new Report.FlowSample(
              s.day(), s.asOf(), counts[k][0], counts[k][1], counts[k][2], counts[k][3]));
    }
    return new Report.CumulativeFlowSeries(shape.stepDays(), samples, unknown);
  }
}
