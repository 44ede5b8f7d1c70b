package dev.pulse.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraLevel;
import dev.pulse.metrics.dora.DoraMetric;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DrillDownRecord;
import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.SprintFigures;
import dev.pulse.metrics.flow.SprintOutcome;
import dev.pulse.metrics.report.MetricsReport;
import dev.pulse.metrics.report.Report;
import dev.pulse.metrics.report.ReportHtml;
import dev.pulse.metrics.report.ReportOptions;
import dev.pulse.metrics.report.ReportSources;
import dev.pulse.metrics.report.TeamMapping;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintChange;
import dev.pulse.model.SprintStatus;
import dev.pulse.model.StatusTransition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The metrics report's HTML page ({@link ReportHtml}) in headless Chromium, opened from a file:
 * every tile and chart is read back from the DOM and compared with the report's figures. Runs only
 * in the {@code browser} profile.
 */
@Tag("browser")
final class MetricsReportBrowserTest {
  private static final Path OUT = Path.of("target", "browser");

  /** Monday 2 March 2026, 00:00 UTC. */
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private static final String HOSTILE = "</script><script>window.pwned=1</script>";
  private static final double EPSILON = 1e-6;

  private final List<Deployment> deployments = new ArrayList<>();
  private final List<PullRequest> pullRequests = new ArrayList<>();
  private final List<Issue> issues = new ArrayList<>();
  private final List<Incident> incidents = new ArrayList<>();
  private final List<Sprint> sprints = new ArrayList<>();
  private Chromium browser;
  private Report report;
  private List<DrillDownRecord> drillDown;

  @BeforeEach
  void start() throws Exception {
    records();
    sprints();
    ReportSources sources =
        new ReportSources(deployments, pullRequests, issues, incidents).withSprints(sprints);
    ReportOptions options =
        ReportOptions.builder("acme", new Window(day(0), day(42)))
            .dora(
                DoraOptions.builder()
                    .productionEnvironments(List.of("prod-eu", "prod-us"))
                    .minSample(1)
                    .build())
            .teams(
                TeamMapping.builder()
                    .repository("payments", "api")
                    .repository("storefront", "web")
                    .project("payments", "PAY")
                    .project("storefront", "WEB")
                    .build())
            .build();
    report = MetricsReport.compute(sources, options);
    drillDown = MetricsReport.drillDown(sources, options);
    browser = Chromium.launch();
    browser.viewport(1400, 900);
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private static Instant day(double days) {
    return T0.plus(Duration.ofSeconds(Math.round(days * 86_400)));
  }

  /**
   * Six weeks of hand-built records: two repositories deploying on most working days with a failure
   * and its fix every ninth deployment, pull requests whose phases grow week by week, issues of two
   * projects, incidents, and a repository with a hostile name.
   */
  private void records() {
    int build = 0;
    for (int d = 0; d < 42; d++) {
      if (d % 7 >= 5) {
        continue;
      }
      for (String repo : List.of("api", "web")) {
        if (repo.equals("web") && d % 3 == 0) {
          continue;
        }
        String env = (d + build) % 2 == 0 ? "prod-eu" : "prod-us";
        String sha = String.format("%040x", build + 1);
        Instant at = day(d + 0.4 + (build % 5) * 0.05);
        boolean failed = build % 6 == 4;
        deployments.add(deploy(repo, env, "b" + build, at, failed, sha));
        Duration review = Duration.ofHours(1 + d / 7);
        pullRequests.add(pullRequest(repo, build + 1, at.minus(Duration.ofHours(3)), sha, review));
        if (failed) {
          // the fix, two to five hours later, restores the environment
          build++;
          Instant fix = at.plus(Duration.ofHours(2 + build % 4));
          deployments.add(
              deploy(repo, env, "b" + build, fix, false, String.format("%040x", build + 1)));
        }
        build++;
      }
      String project = d % 2 == 0 ? "PAY" : "WEB";
      Instant created = day(d + 0.1);
      Instant started = created.plus(Duration.ofHours(2 + d % 5));
      Instant done = d % 4 == 3 ? null : started.plus(Duration.ofHours(6 + 3 * (d % 6)));
      issues.add(issue(project + "-" + d, created, started, done));
      if (d % 6 == 2) {
        Instant opened = day(d + 0.5);
        incidents.add(incident("inc-" + d, opened, opened.plus(Duration.ofMinutes(30 + 20 * d))));
      }
    }
    deployments.add(deploy(HOSTILE, "prod-eu", "h1", day(10.5), false, null));
    deployments.add(deploy(HOSTILE, "prod-eu", "h2", day(17.5), false, null));
  }

  /**
   * Two closed two-week sprints of board PAY: each PAY issue joins the sprint running when it is
   * created (added mid-sprint); one unfinished at the first sprint's end is carried to the second.
   */
  private void sprints() {
    for (int k = 0; k < 2; k++) {
      sprints.add(
          Sprint.builder()
              .id("s" + (k + 1))
              .boardId("PAY")
              .name("PAY sprint " + (k + 1))
              .status(SprintStatus.CLOSED)
              .startedAt(day(14 * k))
              .endedAt(day(14 * (k + 1)))
              .completedAt(day(14 * (k + 1)))
              .build());
    }
    for (int i = 0; i < issues.size(); i++) {
      Issue issue = issues.get(i);
      if (!issue.projectKey().equals("PAY") || !issue.createdAt().isBefore(day(28))) {
        continue;
      }
      boolean first = issue.createdAt().isBefore(day(14));
      List<SprintChange> changes = new ArrayList<>();
      changes.add(SprintChange.joined(first ? "s1" : "s2", issue.createdAt()));
      if (first && issue.completedAt() == null) {
        changes.add(SprintChange.joined("s2", day(14)));
      }
      issues.set(
          i,
          issue.toBuilder()
              .sprintIds(changes.stream().map(SprintChange::sprintId).toList())
              .sprintChanges(changes)
              .build());
    }
  }

  private static Deployment deploy(
      String repo,
      String env,
      String build,
      Instant finished,
      boolean failed,
      @Nullable String sha) {
    return Deployment.builder()
        .repository(repo)
        .environment(env)
        .buildId(build)
        .startedAt(finished.minusSeconds(120))
        .finishedAt(finished)
        .result(failed ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS)
        .commitSha(sha)
        .ref("main")
        .system(DeploymentSystem.JENKINS)
        .updatedAt(finished)
        .build();
  }

  private static PullRequest pullRequest(
      String repo, long number, Instant mergedAt, String sha, Duration review) {
    Instant firstReview = mergedAt.minus(review);
    return PullRequest.builder()
        .repository(repo)
        .number(number)
        .firstCommitAt(firstReview.minus(Duration.ofHours(6)))
        .createdAt(firstReview.minus(Duration.ofHours(2)))
        .firstReviewAt(firstReview)
        .mergedAt(mergedAt)
        .closedAt(mergedAt)
        .state(PullRequestState.MERGED)
        .baseBranch("main")
        .mergeCommitSha(sha)
        .labels(Set.of())
        .updatedAt(mergedAt)
        .build();
  }

  private static StatusTransition to(NormalizedStatus status, Instant at) {
    return StatusTransition.builder()
        .status(status)
        .rawStatus(status.name().toLowerCase(Locale.ROOT))
        .enteredAt(at)
        .build();
  }

  private static Issue issue(String key, Instant created, Instant started, @Nullable Instant done) {
    List<StatusTransition> transitions = new ArrayList<>();
    transitions.add(to(NormalizedStatus.TODO, created));
    transitions.add(to(NormalizedStatus.IN_PROGRESS, started));
    NormalizedStatus current = NormalizedStatus.IN_PROGRESS;
    if (done != null) {
      transitions.add(to(NormalizedStatus.DONE, done));
      current = NormalizedStatus.DONE;
    }
    return Issue.builder()
        .key(key)
        .projectKey(key.substring(0, key.indexOf('-')))
        .type(IssueType.TASK)
        .rawStatus(current.name())
        .status(current)
        .transitions(transitions)
        .createdAt(created)
        .updatedAt(created)
        .build();
  }

  private static Incident incident(String id, Instant created, Instant resolved) {
    return Incident.builder()
        .id(id)
        .service("api")
        .createdAt(created)
        .resolvedAt(resolved)
        .updatedAt(created)
        .build();
  }

  private static @Nullable Double seconds(@Nullable Duration d) {
    return d == null ? null : d.getSeconds() + d.getNano() / 1e9;
  }

  /** The five keys' values as the page shows them, in the page's order. */
  private static List<@Nullable Double> keys(DoraFigures f) {
    List<@Nullable Double> values = new ArrayList<>();
    values.add(f.deploymentFrequency().deployDaysPerWeek());
    values.add(seconds(f.leadTime().total().median()));
    values.add(f.changeFailureRate().rate());
    values.add(seconds(f.recoveryTime().median()));
    values.add(f.reworkRate().rate());
    return values;
  }

  private static List<@Nullable DoraLevel> levels(DoraFigures f) {
    List<@Nullable DoraLevel> values = new ArrayList<>();
    values.add(f.deploymentFrequency().level());
    values.add(f.leadTime().level());
    values.add(f.changeFailureRate().level());
    values.add(f.recoveryTime().level());
    values.add(null);
    return values;
  }

  private static void assertNumber(@Nullable Double expected, JsonNode actual, String what) {
    if (expected == null) {
      assertTrue(actual.isNull() || actual.asText().isEmpty(), what + ": " + actual);
    } else {
      assertEquals(expected, Double.parseDouble(actual.asText()), EPSILON, what);
    }
  }

  @Test
  void report_rendersEveryTileAndChartWithTheReportsNumbers() throws Exception {
    Path page = OUT.resolve("metrics-report.html").toAbsolutePath();
    Files.createDirectories(page.getParent());
    Files.writeString(page, ReportHtml.write(report, drillDown), StandardCharsets.UTF_8);
    browser.navigate(page.toUri().toString());
    assertEquals("true", browser.evaluate("document.body.dataset.rendered || 'false'").asText());

    // the hostile repository name is text, not markup: no extra script ran
    assertEquals(4, browser.evaluate("document.scripts.length").asInt());
    assertTrue(browser.evaluate("window.pwned === undefined").asBoolean());
    assertTrue(report.byRepository().containsKey(HOSTILE));

    // tiles: the five keys with the report's values, levels and the benchmark year's thresholds
    JsonNode tiles =
        browser.evaluate(
            "[...document.querySelectorAll('#tiles .tile')].map(t => ({metric: t.dataset.metric,"
                + " value: t.dataset.value, level: t.dataset.level,"
                + " shown: t.querySelector('.value').textContent,"
                + " thresholds: t.querySelector('.thresholds').textContent}))");
    assertEquals(5, tiles.size(), tiles.toString());
    List<String> metrics =
        List.of(
            "deploymentFrequency", "leadTime", "changeFailureRate", "recoveryTime", "reworkRate");
    List<@Nullable Double> values = keys(report.dora());
    List<@Nullable DoraLevel> levels = levels(report.dora());
    for (int i = 0; i < 5; i++) {
      JsonNode tile = tiles.get(i);
      assertEquals(metrics.get(i), tile.path("metric").asText());
      Double value = values.get(i);
      assertNotNull(value, metrics.get(i) + " has data in this report");
      assertNumber(value, tile.path("value"), metrics.get(i));
      assertFalse(tile.path("shown").asText().equals("–"), tile.toString());
      DoraLevel level = levels.get(i);
      assertEquals(level == null ? "NONE" : level.name(), tile.path("level").asText());
      assertTrue(
          tile.path("thresholds").asText().startsWith(report.benchmark().name()), tile.toString());
    }
    assertTrue(tiles.get(2).path("thresholds").asText().contains("Elite ≤ 5%"), tiles.toString());

    // weekly trends: one chart per key, one point per week with data
    JsonNode trends =
        browser.evaluate(
            "[...document.querySelectorAll('#trends [data-chart]')].map(c => ({chart:"
                + " c.dataset.chart, weeks: +c.dataset.points, points:"
                + " [...c.querySelectorAll('circle.point')].map(p => +p.dataset.value),"
                + " path: c.querySelector('path') !== null}))");
    assertEquals(5, trends.size(), trends.toString());
    assertEquals(6, report.weekly().size());
    for (int i = 0; i < 5; i++) {
      JsonNode chart = trends.get(i);
      assertEquals("trend-" + metrics.get(i), chart.path("chart").asText());
      assertEquals(report.weekly().size(), chart.path("weeks").asInt());
      List<Double> expected = new ArrayList<>();
      for (Report.Period week : report.weekly()) {
        Double v = keys(week.dora()).get(i);
        if (v != null) {
          expected.add(v);
        }
      }
      assertFalse(expected.isEmpty(), chart.toString());
      assertEquals(expected.size(), chart.path("points").size(), chart.toString());
      for (int p = 0; p < expected.size(); p++) {
        assertEquals(expected.get(p), chart.path("points").get(p).asDouble(), EPSILON);
      }
      assertTrue(chart.path("path").asBoolean(), "a line is drawn: " + chart);
    }

    // lead-time phases: one stacked segment per phase, its width proportional to its median
    JsonNode phases =
        browser.evaluate(
            "[...document.querySelectorAll('#phases rect.phase')].map(r => ({phase:"
                + " r.dataset.phase, seconds: r.dataset.seconds, width: +r.getAttribute('width')}))");
    assertEquals(4, phases.size(), phases.toString());
    List<@Nullable Double> medians =
        List.of(
            seconds(report.dora().leadTime().coding().median()),
            seconds(report.dora().leadTime().pickup().median()),
            seconds(report.dora().leadTime().review().median()),
            seconds(report.dora().leadTime().deploy().median()));
    double sum = 0;
    for (Double m : medians) {
      assertNotNull(m);
      sum += m;
    }
    List<String> names = List.of("coding", "pickup", "review", "deploy");
    for (int i = 0; i < 4; i++) {
      assertEquals(names.get(i), phases.get(i).path("phase").asText());
      assertNumber(medians.get(i), phases.get(i).path("seconds"), names.get(i));
      assertEquals(600 * medians.get(i) / sum, phases.get(i).path("width").asDouble(), 0.1);
    }

    // throughput: one bar per week with the completed count; WIP at the end
    JsonNode bars =
        browser.evaluate(
            "[...document.querySelectorAll('#flow [data-chart=throughput] rect.bar')]"
                + ".map(b => +b.dataset.value)");
    List<Integer> completed = report.flow().throughput().stream().map(w -> w.completed()).toList();
    assertFalse(completed.isEmpty());
    assertEquals(completed.size(), bars.size(), bars.toString());
    for (int i = 0; i < completed.size(); i++) {
      assertEquals(completed.get(i).intValue(), bars.get(i).asInt());
    }
    JsonNode wip =
        browser.evaluate(
            "(() => { const c = document.querySelector('#flow [data-chart=wip]');"
                + " return [+c.dataset.inProgress, +c.dataset.inReview]; })()");
    assertEquals(report.flow().wipAtEnd().inProgress(), wip.get(0).asInt());
    assertEquals(report.flow().wipAtEnd().inReview(), wip.get(1).asInt());

    // per team and repository sections: a row per name, and each team's own throughput chart
    assertEquals(
        new TreeSet<>(report.byTeam().keySet()).stream().toList(),
        Chromium.strings(
            browser.evaluate(
                "[...document.querySelectorAll('#teams tr[data-name]')].map(r => r.dataset.name)")));
    assertEquals(List.of("payments", "storefront"), List.copyOf(report.byTeam().keySet()));
    assertEquals(
        new TreeSet<>(report.byRepository().keySet()).stream().toList(),
        Chromium.strings(
            browser.evaluate(
                "[...document.querySelectorAll('#repositories tr[data-name]')]"
                    + ".map(r => r.dataset.name)")));
    assertEquals(
        HOSTILE,
        browser
            .evaluate(
                "[...document.querySelectorAll('#repositories tr[data-name]')]"
                    + ".find(r => r.dataset.name.startsWith('<')).cells[0].textContent")
            .asText());
    assertEquals(
        report.flowByTeam().size(),
        browser
            .evaluate(
                "document.querySelectorAll('#teams [data-team] [data-chart=throughput]').length")
            .asInt());
    String apiCell =
        browser
            .evaluate(
                "document.querySelector('#repositories tr[data-name=\"api\"]"
                    + " td[data-metric=changeFailureRate]').textContent")
            .asText();
    Double apiRate = report.byRepository().get("api").changeFailureRate().rate();
    assertNotNull(apiRate);
    assertTrue(apiCell.startsWith(String.format(Locale.ROOT, "%.1f%%", apiRate * 100)), apiCell);

    // cumulative flow: one stacked area per status band with the report's counts at every sample,
    // for the organisation and each team
    assertCumulativeFlow("#flow", report.cumulativeFlow());
    assertEquals(
        List.of("payments", "storefront"), List.copyOf(report.cumulativeFlowByTeam().keySet()));
    for (var team : report.cumulativeFlowByTeam().entrySet()) {
      assertCumulativeFlow("#teams [data-team=\"" + team.getKey() + "\"]", team.getValue());
    }

    // sprints: a row per finished sprint with the report's counts, and the board's velocity
    assertEquals(2, report.sprints().sprints().size());
    for (SprintOutcome sprint : report.sprints().sprints()) {
      JsonNode cells =
          browser.evaluate(
              "[...document.querySelectorAll('#sprints tr[data-sprint=\""
                  + sprint.sprintId()
                  + "\"] td')].map(c => c.textContent)");
      SprintFigures f = sprint.figures();
      assertEquals(sprint.name(), cells.get(0).asText());
      assertEquals(
          List.of(f.committed(), f.added(), f.removed(), f.completed(), f.carried()),
          List.of(
              cells.get(4).asInt(),
              cells.get(5).asInt(),
              cells.get(6).asInt(),
              cells.get(7).asInt(),
              cells.get(8).asInt()));
    }
    assertTrue(report.sprints().sprints().get(0).figures().added() > 0, "joined mid-sprint");
    assertTrue(
        browser
            .evaluate("document.querySelector('#sprints [data-board=PAY]').textContent")
            .asText()
            .contains("trend"));

    int height = browser.evaluate("document.documentElement.scrollHeight").asInt();
    browser.viewport(1400, Math.min(height, 4000));
    browser.screenshot(OUT.resolve("metrics-report.png"));
    browser.viewport(1400, 900);

    // drill-down: every tile links to the block of its records; following the lead-time link
    // shows exactly the records behind that figure, with their rules
    JsonNode links =
        browser.evaluate(
            "[...document.querySelectorAll('#tiles .tile')].map(t => { const a ="
                + " t.querySelector('a.drill'); return {metric: t.dataset.metric, href:"
                + " a.getAttribute('href'), records: +a.dataset.records}; })");
    assertEquals(5, links.size(), links.toString());
    List<DoraMetric> figures =
        List.of(
            DoraMetric.DEPLOYMENT_FREQUENCY,
            DoraMetric.LEAD_TIME,
            DoraMetric.CHANGE_FAILURE_RATE,
            DoraMetric.RECOVERY_TIME,
            DoraMetric.REWORK_RATE);
    for (int i = 0; i < 5; i++) {
      DoraMetric figure = figures.get(i);
      long expected = drillDown.stream().filter(r -> r.metric() == figure).count();
      assertEquals(
          "#drilldown-" + figure.name().toLowerCase(Locale.ROOT).replace('_', '-'),
          links.get(i).path("href").asText());
      assertEquals(expected, links.get(i).path("records").asLong(), figure.name());
    }
    List<DrillDownRecord> lead =
        drillDown.stream().filter(r -> r.metric() == DoraMetric.LEAD_TIME).toList();
    assertFalse(lead.isEmpty());
    browser.evaluate("document.querySelector('.tile[data-metric=leadTime] a.drill').click()");
    JsonNode target =
        browser.evaluate(
            "(() => { const t = document.querySelector(':target'); return {hash: location.hash,"
                + " figure: t.dataset.drilldown, records: +t.dataset.records, repositories:"
                + " [...t.querySelectorAll('tr.record')].map(r => r.cells[1].textContent), rules:"
                + " [...t.querySelectorAll('tr.record')].map(r => r.dataset.rule), visible:"
                + " t.getBoundingClientRect().top < innerHeight}; })()");
    assertEquals("#drilldown-lead-time", target.path("hash").asText());
    assertEquals("LEAD_TIME", target.path("figure").asText());
    assertEquals(lead.size(), target.path("records").asInt());
    assertEquals(
        lead.stream().map(DrillDownRecord::repository).toList(),
        Chromium.strings(target.path("repositories")));
    assertEquals(
        lead.stream().map(DrillDownRecord::rule).toList(), Chromium.strings(target.path("rules")));
    assertTrue(target.path("visible").asBoolean(), "the link scrolled to its records");
    browser.screenshot(OUT.resolve("metrics-report-drilldown.png"));
  }

  private void assertCumulativeFlow(String section, Report.CumulativeFlowSeries series)
      throws Exception {
    JsonNode chart =
        browser.evaluate(
            "(() => { const c = document.querySelector('"
                + section.replace("'", "\\'")
                + " [data-chart=cumulative-flow]'); const bands = {}; c.querySelectorAll("
                + "'polygon.band').forEach(p => { bands[p.dataset.band] ="
                + " p.dataset.values.split(',').map(Number); }); return {samples:"
                + " +c.dataset.samples, step: +c.dataset.stepDays, bands: bands}; })()");
    List<Report.FlowSample> samples = series.samples();
    assertEquals(42, samples.size(), "daily over six weeks");
    assertEquals(samples.size(), chart.path("samples").asInt(), section);
    assertEquals(series.stepDays(), chart.path("step").asInt(), section);
    assertEquals(4, chart.path("bands").size(), chart.toString());
    assertEquals(
        samples.stream().map(Report.FlowSample::todo).toList(),
        ints(chart.path("bands").path("todo")),
        section);
    assertEquals(
        samples.stream().map(Report.FlowSample::inProgress).toList(),
        ints(chart.path("bands").path("inProgress")),
        section);
    assertEquals(
        samples.stream().map(Report.FlowSample::inReview).toList(),
        ints(chart.path("bands").path("inReview")),
        section);
    assertEquals(
        samples.stream().map(Report.FlowSample::done).toList(),
        ints(chart.path("bands").path("done")),
        section);
    assertTrue(
        samples.stream().anyMatch(s -> s.done() > 0 && s.inProgress() + s.todo() > 0),
        "the fixture has issues in several bands at once");
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }
}
