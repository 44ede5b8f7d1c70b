package dev.pulse.cli;

import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraLevel;
import dev.pulse.metrics.dora.DrillDownRecord;
import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.metrics.flow.FlowPercentiles;
import dev.pulse.metrics.flow.FlowScope;
import dev.pulse.metrics.flow.FlowTimes;
import dev.pulse.metrics.flow.FlowWindow;
import dev.pulse.metrics.report.Report;
import dev.pulse.metrics.report.ReportHtml;
import dev.pulse.metrics.report.ReportJson;
import dev.pulse.metrics.report.ReportOptions;
import dev.pulse.metrics.report.ReportSources;
import dev.pulse.metrics.report.TeamMapping;
import dev.pulse.model.Deployment;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import dev.pulse.model.Sprint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The text rendering of a pulse-metrics {@link Report} (computed by the {@link
 * dev.pulse.metrics.report.MetricsReport} facade: DORA for the scope, per team and per repository)
 * plus flow (cycle and lead time, WIP) per Jira project; {@link #json()} is the facade's {@link
 * ReportJson}. Immutable.
 */
final class MetricsReport {
  /** One DORA row. */
  record DoraRow(String name, DoraFigures figures) {}

  /** One flow row: a project's figures, in hours where they are times. */
  record FlowRow(
      String project,
      int completed,
      @Nullable FlowPercentiles cycle,
      @Nullable FlowPercentiles lead,
      int wip) {}

  private final String title;
  private final Report report;
  private final DoraRow overall;
  private final List<DoraRow> teams;
  private final List<DoraRow> repositories;
  private final List<FlowRow> projects;
  private final @Nullable List<DrillDownRecord> drillDown;

  private MetricsReport(
      String title,
      Report report,
      List<FlowRow> projects,
      @Nullable List<DrillDownRecord> drillDown) {
    this.title = title;
    this.report = report;
    this.drillDown = drillDown;
    this.overall = new DoraRow("all repositories", report.dora());
    this.teams = rows(report.byTeam(), "team ");
    this.repositories = rows(report.byRepository(), "");
    this.projects = List.copyOf(projects);
  }

  private static List<DoraRow> rows(Map<String, DoraFigures> figures, String prefix) {
    List<DoraRow> rows = new ArrayList<>();
    figures.forEach((name, dora) -> rows.add(new DoraRow(prefix + name, dora)));
    return List.copyOf(rows);
  }

  /**
   * Computes the report of the records read for one scope.
   *
   * @param title what the report covers, e.g. {@code all teams}
   * @param tenant the tenant (or tenants) named in the report
   * @param team the team, or null for the organisation
   * @param teams which team owns which repositories and projects
   * @param sprints the sprints of the window, for the report's sprint figures
   * @param drillDown whether to keep the records behind each DORA figure for the HTML page
   */
  static MetricsReport compute(
      String title,
      String tenant,
      @Nullable String team,
      TeamMapping teams,
      List<Deployment> deployments,
      List<PullRequest> pullRequests,
      List<Issue> issues,
      List<Sprint> sprints,
      Window window,
      boolean drillDown) {
    ReportOptions options = ReportOptions.builder(tenant, window).team(team).teams(teams).build();
    ReportSources sources =
        new ReportSources(deployments, pullRequests, issues, List.of()).withSprints(sprints);
    Report report = dev.pulse.metrics.report.MetricsReport.compute(sources, options);
    @Nullable List<DrillDownRecord> records =
        drillDown ? dev.pulse.metrics.report.MetricsReport.drillDown(sources, options) : null;
    TreeSet<String> projectKeys = new TreeSet<>();
    for (Issue issue : issues) {
      // issues done before the window are read only for their sprint's figures
      Instant done = issue.completedAt();
      if (done == null || !done.isBefore(window.start())) {
        projectKeys.add(issue.projectKey());
      }
    }
    FlowWindow completedIn = new FlowWindow(window.start(), window.end());
    List<FlowRow> flow = new ArrayList<>();
    for (String project : projectKeys) {
      FlowScope scope = FlowScope.project(project);
      FlowTimes cycle = FlowMetrics.cycleTimes(issues, scope, completedIn);
      FlowTimes lead = FlowMetrics.leadTimes(issues, scope, completedIn);
      flow.add(
          new FlowRow(
              project,
              lead.items().size(),
              cycle.percentiles(),
              lead.percentiles(),
              FlowMetrics.wipAt(issues, scope, window.end()).total()));
    }
    return new MetricsReport(title, report, flow, records);
  }

  DoraRow overall() {
    return overall;
  }

  List<DoraRow> teams() {
    return teams;
  }

  List<DoraRow> repositories() {
    return repositories;
  }

  List<FlowRow> projects() {
    return projects;
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s: %s .. %s (%d deployments, %d pull requests, %d issues read)%n",
            title,
            report.window().start(),
            report.window().end(),
            report.inputs().deploymentsRead(),
            report.inputs().pullRequestsRead(),
            report.inputs().issuesRead()));
    out.append(
        String.format(
            Locale.ROOT,
            "%nDORA per team and repository (production: %s; levels: %s)%n",
            String.join(", ", report.productionEnvironments()),
            report.benchmark()));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-22s %9s %7s %10s %10s %8s %10s  %s%n",
            "TEAM / REPOSITORY",
            "DEPLOYS/D",
            "CFR_%",
            "LEAD_P50",
            "MTTR_P50",
            "RESTORES",
            "LEVEL",
            "LEVELS (DF/LT/CFR/MTTR)"));
    doraLine(out, overall);
    for (DoraRow row : teams) {
      doraLine(out, row);
    }
    for (DoraRow row : repositories) {
      doraLine(out, row);
    }
    out.append(String.format(Locale.ROOT, "%nFlow (completed in the window; times in hours)%n"));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-12s %9s %10s %10s %10s %10s %5s%n",
            "PROJECT",
            "COMPLETED",
            "CYCLE_P50",
            "CYCLE_P85",
            "LEAD_P50",
            "LEAD_P85",
            "WIP"));
    for (FlowRow row : projects) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-12s %9d %10s %10s %10s %10s %5d%n",
              row.project(),
              row.completed(),
              hours(p50(row.cycle())),
              hours(p85(row.cycle())),
              hours(p50(row.lead())),
              hours(p85(row.lead())),
              row.wip()));
    }
    if (projects.isEmpty()) {
      out.append("  (no issues in the window)\n");
    }
    return out.toString();
  }

  private static void doraLine(StringBuilder out, DoraRow row) {
    DoraFigures r = row.figures();
    Double rate = r.changeFailureRate().rate();
    out.append(
        String.format(
            Locale.ROOT,
            "  %-22s %9.2f %7s %10s %10s %8d %10s  %s/%s/%s/%s%n",
            row.name(),
            r.deploymentFrequency().deploymentsPerDay(),
            rate == null ? "-" : String.format(Locale.ROOT, "%.1f", 100 * rate),
            duration(r.leadTime().total().median()),
            duration(r.recoveryTime().median()),
            r.recoveryTime().resolved(),
            level(r.overall()),
            level(r.deploymentFrequency().level()),
            level(r.leadTime().level()),
            level(r.changeFailureRate().level()),
            level(r.recoveryTime().level())));
  }

  /** The facade's JSON ({@link ReportJson}, schema {@link ReportJson#SCHEMA_RESOURCE}). */
  String json() {
    return ReportJson.write(report);
  }

  /**
   * The same report as one self-contained HTML page ({@link ReportHtml}), with the drill-down when
   * it was asked for.
   */
  String html() {
    return drillDown == null ? ReportHtml.write(report) : ReportHtml.write(report, drillDown);
  }

  private static @Nullable Double p50(@Nullable FlowPercentiles percentiles) {
    return percentiles == null ? null : percentiles.p50();
  }

  private static @Nullable Double p85(@Nullable FlowPercentiles percentiles) {
    return percentiles == null ? null : percentiles.p85();
  }

  private static String level(@Nullable DoraLevel level) {
    return level == null ? "-" : level.name();
  }

  private static String hours(@Nullable Double hours) {
    return hours == null ? "-" : String.format(Locale.ROOT, "%.1f", hours);
  }

  /** Renders a duration as {@code 3d4h}, {@code 5h12m} or {@code 42m}. */
  static String duration(@Nullable Duration duration) {
    if (duration == null) {
      return "-";
    }
    long minutes = duration.toMinutes();
    if (minutes >= 24 * 60) {
      return minutes / (24 * 60) + "d" + (minutes % (24 * 60)) / 60 + "h";
    }
    if (minutes >= 60) {
      return minutes / 60 + "h" + minutes % 60 + "m";
    }
    return minutes + "m";
  }
}
