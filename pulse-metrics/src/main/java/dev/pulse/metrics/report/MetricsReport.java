package dev.pulse.metrics.report;

import dev.pulse.metrics.dora.ChangeFailureRate;
import dev.pulse.metrics.dora.DeploymentPairer;
import dev.pulse.metrics.dora.Dora;
import dev.pulse.metrics.dora.DoraDrillDown;
import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DrillDownRecord;
import dev.pulse.metrics.dora.EnvironmentAliases;
import dev.pulse.metrics.dora.FailedDeploymentRecoveryTime;
import dev.pulse.metrics.dora.MttrResult;
import dev.pulse.metrics.dora.Pairing;
import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.metrics.flow.FlowSummary;
import dev.pulse.metrics.flow.FlowWindow;
import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Computes the full DORA and flow report of a tenant, or of one team, over a window: one call, from
 * records in memory or streamed from a store.
 *
 * <p>What it computes (rules in {@code docs/metrics.md}, section "Report"):
 *
 * <ul>
 *   <li>the five DORA figures of the scope ({@link DoraFigures}), every production environment of
 *       {@link DoraOptions#productionEnvironments()} combined without counting a deployment or pull
 *       request twice, and failed deployment recovery time from incidents;
 *   <li>the same figures per production environment, per repository and (for the organisation) per
 *       team of the {@link TeamMapping}; a record of a repository two teams own counts in both
 *       teams and once in the organisation;
 *   <li>weekly and monthly trends of the five figures, in the report's zone and week start, each
 *       period clipped to the window and computed exactly as a report over that period alone;
 *   <li>flow figures of the scope's issues: cycle and lead time, weekly throughput, work in
 *       progress at the end of the window, and the cumulative flow of the scope and each team;
 *   <li>the figures of each sprint that finished in the window and each board's velocity trend
 *       ({@link SprintSection}), when the sources give sprints.
 * </ul>
 *
 * <p>Each source is iterated exactly once and only the records a figure needs are kept (see {@link
 * ReportSources}). Stateless and thread-safe; runs on the calling thread.
 */
public final class MetricsReport {
  private MetricsReport() {}

  /**
   * Computes the report.
   *
   * @param sources the records, each source iterated once
   * @param options the scope, window, calendar and rules
   * @return the report
   * @throws IllegalArgumentException if a record's time is outside the supported range (years 1677
   *     to 2262) or the issues repeat a key
   */
  public static Report compute(ReportSources sources, ReportOptions options) {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(options, "options");
    Window window = options.window();
    DoraOptions dora = options.dora();
    TeamMapping teams = options.teams();
    String team = options.team();
    Set<String> production = dora.productionEnvironments();

    SprintSection.Collector sprints = new SprintSection.Collector(sources, options);
    Kept kept = read(sprints.tee(sources), options);
    List<Deployment> deployments = kept.deployments();
    List<PullRequest> pullRequests = kept.pullRequests();
    List<Issue> issues = kept.issues();
    List<Incident> incidents = kept.incidents();

    Pairing pairing = DeploymentPairer.of(dora).pair(deployments);
    List<Slot> weeks = weeks(window, options.zone(), options.weekStart());
    List<Slot> months = months(window, options.zone());
    List<Window> windows = new ArrayList<>(1 + weeks.size() + months.size());
    windows.add(window);
    weeks.forEach(slot -> windows.add(slot.window()));
    months.forEach(slot -> windows.add(slot.window()));
    List<DoraFigures> figures =
        Dora.compute(pairing, pullRequests, options.commitRange(), windows, dora);

    Map<String, DoraFigures> byEnvironment = new HashMap<>();
    if (production.size() == 1) {
      byEnvironment.put(production.iterator().next(), figures.get(0));
    } else {
      for (String environment : production) {
        DoraOptions one = dora.toBuilder().productionEnvironments(List.of(environment)).build();
        byEnvironment.put(
            environment, Dora.compute(pairing, pullRequests, options.commitRange(), window, one));
      }
    }

    Map<String, DoraFigures> byRepository =
        byRepository(pairing, deployments, pullRequests, options);
    Map<String, DoraFigures> byTeam = new HashMap<>();
    Map<String, FlowSummary> flowByTeam = new HashMap<>();
    if (team == null && !teams.teams().isEmpty()) {
      // a team owning its repositories throughout gets their part of the pairing as is; the
      // deployments of a team owning one for a period only are picked one by one
      Map<String, Set<String>> throughout = new HashMap<>();
      boolean periods = false;
      for (String t : teams.teams()) {
        Set<String> repositories = teams.repositoriesOwnedThroughout(t);
        if (repositories == null) {
          periods = true;
        } else {
          throughout.put(t, repositories);
        }
      }
      // one pass per source: each record is looked up once and added to every team owning it
      Map<String, List<Deployment>> teamDeployments = new HashMap<>();
      if (periods) {
        for (Deployment d : deployments) {
          teams.forEachRepositoryOwner(
              d.repository(),
              d.effectiveAt(),
              t -> teamDeployments.computeIfAbsent(t, k -> new ArrayList<>()).add(d));
        }
      }
      Map<String, List<PullRequest>> teamPullRequests = new HashMap<>();
      for (PullRequest pr : pullRequests) {
        teams.forEachPullRequestOwner(
            pr,
            Objects.requireNonNull(pr.mergedAt()),
            t -> teamPullRequests.computeIfAbsent(t, k -> new ArrayList<>()).add(pr));
      }
      for (String t : teams.teams()) {
        Set<String> repositories = throughout.get(t);
        Pairing teamPairing =
            repositories != null
                ? pairing.restrictedTo(repositories)
                : DeploymentPairer.of(dora).pair(teamDeployments.getOrDefault(t, List.of()));
        byTeam.put(
            t, dora(teamPairing, teamPullRequests.getOrDefault(t, List.of()), window, options));
      }
    }
    // the flow figures of the scope and of every team in one pass over the issues
    List<String> flowTeams = new ArrayList<>();
    List<int[]> flowGroups = new ArrayList<>();
    if (team == null && !teams.teams().isEmpty()) {
      Map<String, IntList> teamIssues = new HashMap<>();
      for (int i = 0; i < issues.size(); i++) {
        Issue issue = issues.get(i);
        int index = i;
        teams.forEachIssueOwner(
            issue,
            issue.createdAt(),
            t -> teamIssues.computeIfAbsent(t, k -> new IntList()).add(index));
      }
      for (String t : teams.teams()) {
        IntList members = teamIssues.get(t);
        flowTeams.add(t);
        flowGroups.add(members == null ? new int[0] : members.toArray());
      }
    }
    List<FlowSummary> flows =
        FlowMetrics.summaries(
            issues,
            flowGroups,
            new FlowWindow(window.start(), window.end()),
            options.zone(),
            options.weekStart());
    for (int g = 0; g < flowTeams.size(); g++) {
      flowByTeam.put(flowTeams.get(g), flows.get(1 + g));
    }

    MttrResult incidentRecovery =
        FailedDeploymentRecoveryTime.fromIncidents(incidents, window, dora);
    List<Report.Period> weekly = periods(weeks, figures, 1);
    List<Report.Period> monthly = periods(months, figures, 1 + weeks.size());
    CumulativeFlowSampler.Result cumulativeFlow = CumulativeFlowSampler.compute(issues, options);
    return new Report(
        options.tenant(),
        team,
        window,
        options.zone(),
        options.weekStart(),
        dora.benchmark(),
        List.copyOf(production),
        kept.inputs(),
        figures.get(0),
        incidentRecovery,
        byEnvironment,
        byRepository,
        byTeam,
        weekly,
        monthly,
        flows.get(0),
        flowByTeam,
        FlowMetrics.pullRequestSizes(pullRequests, new FlowWindow(window.start(), window.end())),
        cumulativeFlow.scope(),
        cumulativeFlow.teams(),
        Report.IncidentLinks.of(
            ChangeFailureRate.attribute(pairing, incidents, dora),
            ChangeFailureRate.incidentLinked(pairing, incidents, window, dora)),
        sprints.section());
  }

  /** The records of the scope a figure can use, and how many were read and kept. */
  private record Kept(
      List<Deployment> deployments,
      List<PullRequest> pullRequests,
      List<Issue> issues,
      List<Incident> incidents,
      Report.Inputs inputs) {}

  private static Kept read(ReportSources sources, ReportOptions options) {
    Window window = options.window();
    DoraOptions dora = options.dora();
    TeamMapping teams = options.teams();
    String team = options.team();
    EnvironmentAliases aliases = dora.environmentAliases();
    Set<String> production = dora.productionEnvironments();
    Set<String> hotfix = dora.hotfixLabels();
    long deploymentsRead = 0;
    List<Deployment> deployments = new ArrayList<>();
    for (Deployment d : sources.deployments()) {
      deploymentsRead++;
      // other environments cannot change a production figure: pairing is per environment
      if (production.contains(aliases.normalize(d.environment()))
          && (team == null || teams.ownsRepository(team, d.repository(), d.effectiveAt()))) {
        deployments.add(d);
      }
    }
    long pullRequestsRead = 0;
    List<PullRequest> pullRequests = new ArrayList<>();
    for (PullRequest pr : sources.pullRequests()) {
      pullRequestsRead++;
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null) {
        continue;
      }
      // a revert or hotfix merged before the window may be deployed inside it
      boolean needed = window.contains(mergedAt) || pr.revert() || labelled(pr, hotfix);
      if (needed && (team == null || teams.ownsPullRequest(team, pr, mergedAt))) {
        pullRequests.add(pr);
      }
    }
    long issuesRead = 0;
    List<Issue> issues = new ArrayList<>();
    for (Issue issue : sources.issues()) {
      issuesRead++;
      if (!issue.createdAt().isBefore(window.end())
          || (team != null && !teams.ownsIssue(team, issue, issue.createdAt()))) {
        continue;
      }
      Instant completion = FlowMetrics.completion(issue);
      if (completion == null || !completion.isBefore(window.start())) {
        issues.add(issue);
      }
    }
    long incidentsRead = 0;
    List<Incident> incidents = new ArrayList<>();
    for (Incident incident : sources.incidents()) {
      incidentsRead++;
      if (window.contains(incident.createdAt())
          && (team == null
              || teams.ownsRepository(team, incident.service(), incident.createdAt()))) {
        incidents.add(incident);
      }
    }

    return new Kept(
        deployments,
        pullRequests,
        issues,
        incidents,
        new Report.Inputs(
            deploymentsRead,
            deployments.size(),
            pullRequestsRead,
            pullRequests.size(),
            issuesRead,
            issues.size(),
            incidentsRead,
            incidents.size()));
  }

  /**
   * Lists the records behind each headline DORA figure of the report (every production environment
   * combined) with the rule that classified each, reading the sources as {@link #compute} does.
   *
   * @param sources the records, each source iterated once
   * @param options the scope, window and rules
   * @return the records, by figure; see {@link DrillDownRecord} for the rules
   */
  public static List<DrillDownRecord> drillDown(ReportSources sources, ReportOptions options) {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(options, "options");
    Kept kept = read(sources, options);
    Pairing pairing = DeploymentPairer.of(options.dora()).pair(kept.deployments());
    return DoraDrillDown.records(
        pairing, kept.pullRequests(), options.commitRange(), options.window(), options.dora());
  }

  private static boolean labelled(PullRequest pr, Set<String> hotfix) {
    if (hotfix.isEmpty() || pr.labels().isEmpty()) {
      return false;
    }
    for (String label : pr.labels()) {
      if (hotfix.contains(label.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static DoraFigures dora(
      Pairing pairing, List<PullRequest> pullRequests, Window window, ReportOptions options) {
    return Dora.compute(pairing, pullRequests, options.commitRange(), window, options.dora());
  }

  /**
   * The figures of each repository alone, its deployments taken from the pairing of the scope:
   * pairs never cross a repository, so that part equals pairing the repository's deployments alone.
   */
  private static Map<String, DoraFigures> byRepository(
      Pairing pairing,
      List<Deployment> deployments,
      List<PullRequest> pullRequests,
      ReportOptions options) {
    Map<String, List<PullRequest>> p = new HashMap<>();
    for (PullRequest pr : pullRequests) {
      p.computeIfAbsent(pr.repository(), k -> new ArrayList<>()).add(pr);
    }
    Set<String> repositories = new TreeSet<>(p.keySet());
    for (Deployment deployment : deployments) {
      repositories.add(deployment.repository());
    }
    Map<String, DoraFigures> out = new HashMap<>();
    for (String repository : repositories) {
      out.put(
          repository,
          dora(
              pairing.restrictedTo(Set.of(repository)),
              p.getOrDefault(repository, List.of()),
              options.window(),
              options));
    }
    return out;
  }

  /** A growable list of ints: the indices of a team's issues, ascending. */
  private static final class IntList {
    private int[] values = new int[16];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  private static LocalDate weekOf(Instant t, ZoneId zone, DayOfWeek weekStart) {
    return LocalDate.ofInstant(t, zone).with(TemporalAdjusters.previousOrSame(weekStart));
  }

  /** The weeks of the calendar that overlap the window, each clipped to it. */
  static List<Slot> weeks(Window window, ZoneId zone, DayOfWeek weekStart) {
    return slots(window, zone, weekOf(window.start(), zone, weekStart), d -> d.plusWeeks(1));
  }

  /** The calendar months that overlap the window, each clipped to it. */
  static List<Slot> months(Window window, ZoneId zone) {
    LocalDate first = LocalDate.ofInstant(window.start(), zone).withDayOfMonth(1);
    return slots(window, zone, first, d -> d.plusMonths(1));
  }

  /** A calendar period clipped to the window, and whether the clipping cut it. */
  record Slot(Window window, boolean partial) {}

  private static List<Slot> slots(
      Window window, ZoneId zone, LocalDate first, UnaryOperator<LocalDate> next) {
    List<Slot> out = new ArrayList<>();
    for (LocalDate day = first; ; day = next.apply(day)) {
      Instant start = day.atStartOfDay(zone).toInstant();
      if (!start.isBefore(window.end())) {
        return out;
      }
      Instant end = next.apply(day).atStartOfDay(zone).toInstant();
      boolean cutStart = start.isBefore(window.start());
      boolean cutEnd = end.isAfter(window.end());
      out.add(
          new Slot(
              new Window(cutStart ? window.start() : start, cutEnd ? window.end() : end),
              cutStart || cutEnd));
    }
  }

  private static List<Report.Period> periods(
      List<Slot> slots, List<DoraFigures> figures, int offset) {
    List<Report.Period> out = new ArrayList<>(slots.size());
    for (int k = 0; k < slots.size(); k++) {
      Slot slot = slots.get(k);
      out.add(new Report.Period(slot.window(), slot.partial(), figures.get(offset + k)));
    }
    return out;
  }
}
