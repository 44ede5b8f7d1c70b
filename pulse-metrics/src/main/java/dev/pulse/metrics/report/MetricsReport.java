package dev.pulse.metrics.report;

import dev.pulse.metrics.dora.ChangeFailureRate;
import dev.pulse.metrics.dora.DeploymentPairer;
import dev.pulse.metrics.dora.Dora;
import dev.pulse.metrics.dora.DoraBreakdown;
import dev.pulse.metrics.dora.DoraDrillDown;
import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DoraPart;
import dev.pulse.metrics.dora.DrillDownRecord;
import dev.pulse.metrics.dora.EnvironmentAliases;
import dev.pulse.metrics.dora.FailedDeploymentRecoveryTime;
import dev.pulse.metrics.dora.MttrResult;
import dev.pulse.metrics.dora.Pairing;
import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.metrics.flow.FlowSummary;
import dev.pulse.metrics.flow.FlowWindow;
import dev.pulse.metrics.internal.IssueHistories;
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
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

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
    // repositories with a deployment whose components are known: such a deployment belongs to
    // those components' teams only, each keeping the repository's pairing (Pairing#restrictedTo)
    Set<String> split = splitRepositories(deployments);
    pairing = teamView(pairing, split, options);
    List<Slot> weeks = weeks(window, options.zone(), options.weekStart());
    List<Slot> months = months(window, options.zone());
    List<Window> windows = new ArrayList<>(1 + weeks.size() + months.size());
    windows.add(window);
    weeks.forEach(slot -> windows.add(slot.window()));
    months.forEach(slot -> windows.add(slot.window()));
    // every repository, and every team owning its repositories throughout, is a part of the
    // organisation's figures: each pull request is linked and measured once for all of them
    Map<String, IntList> repositoryPullRequests = new HashMap<>();
    for (int j = 0; j < pullRequests.size(); j++) {
      repositoryPullRequests
          .computeIfAbsent(pullRequests.get(j).repository(), k -> new IntList())
          .add(j);
    }
    List<String> repositoryNames = repositories(deployments, repositoryPullRequests.keySet());
    List<DoraPart> parts = new ArrayList<>();
    for (String repository : repositoryNames) {
      IntList members = repositoryPullRequests.get(repository);
      parts.add(DoraPart.of(Set.of(repository), members == null ? new int[0] : members.toArray()));
    }
    // a team owning its repositories throughout gets their part of the pairing as is; the
    // deployments of a team owning one for a period only are picked one by one
    Map<String, Set<String>> throughout = new HashMap<>();
    Map<String, IntList> teamPullRequests = new HashMap<>();
    boolean periods = false;
    if (team == null && !teams.teams().isEmpty()) {
      for (String t : teams.teams()) {
        Set<String> repositories = teams.repositoriesOwnedThroughout(t);
        if (repositories == null || (!split.isEmpty() && teams.ownsPartOf(t, split))) {
          periods = true;
        } else {
          throughout.put(t, repositories);
        }
      }
      // one pass: each pull request is looked up once and added to every team owning it
      IndexAdder adder = new IndexAdder(teamPullRequests);
      for (int j = 0; j < pullRequests.size(); j++) {
        PullRequest pr = pullRequests.get(j);
        adder.index = j;
        teams.forEachPullRequestOwner(pr, Objects.requireNonNull(pr.mergedAt()), adder);
      }
    }
    List<String> teamParts = new ArrayList<>();
    for (String t : teams.teams()) {
      Set<String> repositories = throughout.get(t);
      if (repositories != null) {
        IntList members = teamPullRequests.get(t);
        teamParts.add(t);
        parts.add(DoraPart.of(repositories, members == null ? new int[0] : members.toArray()));
      }
    }
    DoraBreakdown breakdown =
        Dora.computeParts(pairing, pullRequests, options.commitRange(), windows, parts, dora);
    List<DoraFigures> figures = breakdown.windows();

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

    Map<String, DoraFigures> byRepository = new HashMap<>();
    for (int r = 0; r < repositoryNames.size(); r++) {
      byRepository.put(repositoryNames.get(r), breakdown.parts().get(r));
    }
    Map<String, DoraFigures> byTeam = new HashMap<>();
    Map<String, FlowSummary> flowByTeam = new HashMap<>();
    for (int t = 0; t < teamParts.size(); t++) {
      byTeam.put(teamParts.get(t), breakdown.parts().get(repositoryNames.size() + t));
    }
    if (periods) {
      // a team owning a repository for a period only: its deployments are picked one by one and
      // paired alone
      Map<String, List<Deployment>> teamDeployments = new HashMap<>();
      for (Deployment d : deployments) {
        teams.forEachDeploymentOwner(
            d,
            d.effectiveAt(),
            t -> teamDeployments.computeIfAbsent(t, k -> new ArrayList<>()).add(d));
      }
      for (String t : teams.teams()) {
        if (throughout.containsKey(t)) {
          continue;
        }
        IntList members = teamPullRequests.get(t);
        List<PullRequest> own = new ArrayList<>();
        if (members != null) {
          for (int j : members.toArray()) {
            own.add(pullRequests.get(j));
          }
        }
        List<Deployment> owned = teamDeployments.getOrDefault(t, List.of());
        Pairing teamPairing;
        if (!split.isEmpty() && teams.ownsPartOf(t, split)) {
          Set<Deployment> shown = Collections.newSetFromMap(new IdentityHashMap<>());
          shown.addAll(owned);
          teamPairing = pairing.restrictedTo(shown::contains);
        } else {
          teamPairing = DeploymentPairer.of(dora).pair(owned);
        }
        byTeam.put(t, dora(teamPairing, own, window, options));
      }
    }
    // the flow figures of the scope and of every team in one pass over the issues
    List<String> flowTeams = new ArrayList<>();
    List<int[]> flowGroups = new ArrayList<>();
    if (team == null && !teams.teams().isEmpty()) {
      flowTeams.addAll(teams.teams());
      for (IntList members : issueGroups(issues, teams, flowTeams)) {
        flowGroups.add(members.toArray());
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
    CumulativeFlowSampler.Result cumulativeFlow =
        CumulativeFlowSampler.compute(issues, options, flowGroups);
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
    List<Deployment> deployments = new ArrayList<>(sizeHint(sources.deployments()));
    // a source names a handful of environments: each name is normalised once, not per deployment
    Map<String, Boolean> productionByName = new HashMap<>();
    for (Deployment d : sources.deployments()) {
      deploymentsRead++;
      String environment = d.environment();
      Boolean isProduction = productionByName.get(environment);
      if (isProduction == null) {
        isProduction = production.contains(aliases.normalize(environment));
        productionByName.put(environment, isProduction);
      }
      // other environments cannot change a production figure: pairing is per environment
      if (isProduction
          && (team == null || teams.ownsRepository(team, d.repository(), d.effectiveAt()))) {
        deployments.add(d);
      }
    }
    long pullRequestsRead = 0;
    List<PullRequest> pullRequests = new ArrayList<>(sizeHint(sources.pullRequests()));
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
    // each kept issue's history is read here, once, into the columns the flow passes read
    IssueHistories.Builder kept = new IssueHistories.Builder(sizeHint(sources.issues()));
    for (Issue issue : sources.issues()) {
      issuesRead++;
      if (!issue.createdAt().isBefore(window.end())
          || (team != null && !teams.ownsIssue(team, issue, issue.createdAt()))) {
        continue;
      }
      kept.add(issue);
      if (kept.lastCompletedBefore(window.start())) {
        kept.removeLast();
      }
    }
    List<Issue> issues = kept.build();
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
    Pairing pairing =
        teamView(
            DeploymentPairer.of(options.dora()).pair(kept.deployments()),
            splitRepositories(kept.deployments()),
            options);
    return DoraDrillDown.records(
        pairing, kept.pullRequests(), options.commitRange(), options.window(), options.dora());
  }

  /**
   * The size of a source that is a collection, else a small default: a million kept records then
   * fill one array instead of growing through thirty copies.
   */
  private static int sizeHint(Iterable<?> source) {
    return source instanceof Collection<?> c ? c.size() : 16;
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
   * A team report's pairing: its repositories' deployments were read whole, and those naming their
   * components are kept only when the team owns one of them, each failure keeping its pair.
   */
  private static Pairing teamView(Pairing pairing, Set<String> split, ReportOptions options) {
    String team = options.team();
    if (team == null || split.isEmpty()) {
      return pairing;
    }
    return ownedPart(pairing, options.teams(), team);
  }

  private static Pairing ownedPart(Pairing pairing, TeamMapping teams, String team) {
    return pairing.restrictedTo(d -> teams.ownsDeployment(team, d, d.effectiveAt()));
  }

  /** The repositories of which a deployment says which components it changed, if any. */
  private static Set<String> splitRepositories(List<Deployment> deployments) {
    Set<String> out = new HashSet<>();
    for (Deployment d : deployments) {
      if (d.components() != null) {
        out.add(d.repository());
      }
    }
    return out;
  }

  /**
   * The repositories of the deployments and of the pull requests (given as the distinct names the
   * pull requests were already grouped by), in name order.
   */
  private static List<String> repositories(
      List<Deployment> deployments, Set<String> pullRequestRepositories) {
    Set<String> repositories = new HashSet<>(pullRequestRepositories);
    for (Deployment deployment : deployments) {
      repositories.add(deployment.repository());
    }
    List<String> out = new ArrayList<>(repositories);
    out.sort(null);
    return out;
  }

  /**
   * The indices of each team's issues, in the order of {@code teamNames}: every owner of an issue's
   * project at its creation and of each component it names. The owners of a project owned without a
   * period are looked up once for all its issues that can gain no component's owner; the other
   * issues one by one.
   */
  private static IntList[] issueGroups(
      List<Issue> issues, TeamMapping teams, List<String> teamNames) {
    Map<String, IntList> byName = new HashMap<>();
    IntList[] out = new IntList[teamNames.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = new IntList();
      byName.put(teamNames.get(t), out[t]);
    }
    boolean components = teams.ownsProjectComponents();
    // a project's owners when they hold at every instant; absent while not looked up, null when
    // its issues must be looked up one by one
    Map<String, IntList @Nullable []> projects = new HashMap<>();
    IndexAdder adder = new IndexAdder(byName);
    for (int i = 0; i < issues.size(); i++) {
      Issue issue = issues.get(i);
      if (!components || issue.components().isEmpty()) {
        String project = issue.projectKey();
        IntList[] owners = projects.get(project);
        if (owners == null && !projects.containsKey(project)) {
          owners = projectOwners(teams, issue, byName);
          projects.put(project, owners);
        }
        if (owners != null) {
          for (IntList owner : owners) {
            owner.add(i);
          }
          continue;
        }
      }
      adder.index = i;
      teams.forEachIssueOwner(issue, issue.createdAt(), adder);
    }
    return out;
  }

  /**
   * The lists of the teams owning an issue's project at every instant, or null when an ownership of
   * the project has a period.
   */
  private static IntList @Nullable [] projectOwners(
      TeamMapping teams, Issue issue, Map<String, IntList> byName) {
    if (!teams.projectOwnedThroughout(issue.projectKey())) {
      return null;
    }
    List<IntList> owners = new ArrayList<>(2);
    teams.forEachIssueOwner(
        issue, issue.createdAt(), t -> owners.add(Objects.requireNonNull(byName.get(t))));
    return owners.toArray(new IntList[0]);
  }

  /** Adds the current record's index to the list of each team it is given. */
  private static final class IndexAdder implements Consumer<String> {
    private final Map<String, IntList> lists;
    int index;

    IndexAdder(Map<String, IntList> lists) {
      this.lists = lists;
    }

    @Override
    public void accept(String team) {
      IntList list = lists.get(team);
      if (list == null) {
        list = new IntList();
        lists.put(team, list);
      }
      list.add(index);
    }
  }

  /** A growable list of ints: the indices of a part's records, ascending. */
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
