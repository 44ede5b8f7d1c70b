package dev.pulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.metrics.dora.Dora;
import dev.pulse.metrics.dora.DoraLevel;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DoraReport;
import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.metrics.flow.FlowPercentiles;
import dev.pulse.metrics.flow.FlowScope;
import dev.pulse.metrics.flow.FlowTimes;
import dev.pulse.metrics.flow.FlowWindow;
import dev.pulse.model.Deployment;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The DORA and flow report of a set of records over one window: DORA for all repositories and per
 * repository, flow (cycle and lead time, throughput, WIP) per Jira project, rendered as text or
 * JSON. Computed with the pulse-metrics calculators; immutable.
 */
final class MetricsReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One DORA row. */
  record DoraRow(String name, DoraReport report) {}

  /** One flow row: a project's figures, in hours where they are times. */
  record FlowRow(
      String project,
      int completed,
      @Nullable FlowPercentiles cycle,
      @Nullable FlowPercentiles lead,
      int wip) {}

  private final String title;
  private final Window window;
  private final long deployments;
  private final long pullRequests;
  private final long issues;
  private final DoraRow overall;
  private final List<DoraRow> repositories;
  private final List<FlowRow> projects;

  private MetricsReport(
      String title,
      Window window,
      long deployments,
      long pullRequests,
      long issues,
      DoraRow overall,
      List<DoraRow> repositories,
      List<FlowRow> projects) {
    this.title = title;
    this.window = window;
    this.deployments = deployments;
    this.pullRequests = pullRequests;
    this.issues = issues;
    this.overall = overall;
    this.repositories = List.copyOf(repositories);
    this.projects = List.copyOf(projects);
  }

  static MetricsReport compute(
      String title,
      List<Deployment> deployments,
      List<PullRequest> pullRequests,
      List<Issue> issues,
      Window window) {
    DoraOptions options = DoraOptions.defaults();
    DoraRow overall =
        new DoraRow("all repositories", Dora.compute(deployments, pullRequests, window, options));
    Map<String, List<Deployment>> deploysByRepo = new TreeMap<>();
    for (Deployment deployment : deployments) {
      deploysByRepo
          .computeIfAbsent(deployment.repository(), r -> new java.util.ArrayList<>())
          .add(deployment);
    }
    Map<String, List<PullRequest>> prsByRepo = new TreeMap<>();
    for (PullRequest pullRequest : pullRequests) {
      prsByRepo
          .computeIfAbsent(pullRequest.repository(), r -> new java.util.ArrayList<>())
          .add(pullRequest);
    }
    TreeSet<String> repos = new TreeSet<>(deploysByRepo.keySet());
    repos.addAll(prsByRepo.keySet());
    List<DoraRow> perRepo = new java.util.ArrayList<>();
    for (String repo : repos) {
      perRepo.add(
          new DoraRow(
              repo,
              Dora.compute(
                  deploysByRepo.getOrDefault(repo, List.of()),
                  prsByRepo.getOrDefault(repo, List.of()),
                  window,
                  options)));
    }
    TreeSet<String> projectKeys = new TreeSet<>();
    issues.forEach(issue -> projectKeys.add(issue.projectKey()));
    FlowWindow completedIn = new FlowWindow(window.start(), window.end());
    List<FlowRow> flow = new java.util.ArrayList<>();
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
    return new MetricsReport(
        title,
        window,
        deployments.size(),
        pullRequests.size(),
        issues.size(),
        overall,
        perRepo,
        flow);
  }

  DoraRow overall() {
    return overall;
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
            window.start(),
            window.end(),
            deployments,
            pullRequests,
            issues));
    out.append(String.format(Locale.ROOT, "%nDORA (levels: %s)%n", overall.report().benchmark()));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-22s %9s %7s %10s %10s %8s %10s  %s%n",
            "REPOSITORY",
            "DEPLOYS/D",
            "CFR_%",
            "LEAD_P50",
            "MTTR_P50",
            "RESTORES",
            "LEVEL",
            "LEVELS (DF/LT/CFR/MTTR)"));
    doraLine(out, overall);
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
    DoraReport r = row.report();
    Double rate = r.changeFailureRate().rate();
    out.append(
        String.format(
            Locale.ROOT,
            "  %-22s %9.2f %7s %10s %10s %8d %10s  %s/%s/%s/%s%n",
            row.name(),
            r.deploymentFrequency().deploymentsPerDay(),
            rate == null ? "-" : String.format(Locale.ROOT, "%.1f", 100 * rate),
            duration(r.leadTime().total().median()),
            duration(r.timeToRestore().median()),
            r.timeToRestore().resolved(),
            level(r.overall()),
            level(r.deploymentFrequency().level()),
            level(r.leadTime().level()),
            level(r.changeFailureRate().level()),
            level(r.timeToRestore().level())));
  }

  String json() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("title", title);
    root.put("windowStart", window.start().toString());
    root.put("windowEnd", window.end().toString());
    root.put("deploymentsRead", deployments);
    root.put("pullRequestsRead", pullRequests);
    root.put("issuesRead", issues);
    root.set("dora", doraJson(overall));
    ArrayNode repos = root.putArray("repositories");
    repositories.forEach(row -> repos.add(doraJson(row)));
    ArrayNode flow = root.putArray("flow");
    for (FlowRow row : projects) {
      ObjectNode node = flow.addObject();
      node.put("project", row.project());
      node.put("completed", row.completed());
      putHours(node, "cycleTimeP50Hours", p50(row.cycle()));
      putHours(node, "cycleTimeP85Hours", p85(row.cycle()));
      putHours(node, "leadTimeP50Hours", p50(row.lead()));
      putHours(node, "leadTimeP85Hours", p85(row.lead()));
      node.put("wip", row.wip());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  private static ObjectNode doraJson(DoraRow row) {
    DoraReport r = row.report();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", row.name());
    node.put("level", level(r.overall()));
    node.put("deployments", r.deploymentFrequency().deployments());
    node.put("deploymentsPerDay", r.deploymentFrequency().deploymentsPerDay());
    node.put("deploymentFrequencyLevel", level(r.deploymentFrequency().level()));
    node.put("changeFailures", r.changeFailureRate().failed());
    Double rate = r.changeFailureRate().rate();
    if (rate == null) {
      node.putNull("changeFailureRate");
    } else {
      node.put("changeFailureRate", rate);
    }
    node.put("changeFailureRateLevel", level(r.changeFailureRate().level()));
    node.put("leadTimeMedian", text(r.leadTime().total().median()));
    node.put("leadTimeLevel", level(r.leadTime().level()));
    node.put("timeToRestoreMedian", text(r.timeToRestore().median()));
    node.put("restores", r.timeToRestore().resolved());
    node.put("timeToRestoreLevel", level(r.timeToRestore().level()));
    return node;
  }

  private static void putHours(ObjectNode node, String name, @Nullable Double hours) {
    if (hours == null) {
      node.putNull(name);
    } else {
      node.put(name, Math.round(hours * 10) / 10.0);
    }
  }

  private static @Nullable String text(@Nullable Duration duration) {
    return duration == null ? null : duration.toString();
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
