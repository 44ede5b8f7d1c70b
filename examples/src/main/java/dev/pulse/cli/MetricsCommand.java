package dev.pulse.cli;

import dev.pulse.ErrorCode;
import dev.pulse.config.PipelineDefinition;
import dev.pulse.jdbc.JdbcRecordReader;
import dev.pulse.jdbc.RecordQuery;
import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.SprintMetrics;
import dev.pulse.metrics.report.TeamMapping;
import dev.pulse.model.Deployment;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import dev.pulse.model.Sprint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pulse metrics}: DORA and flow from the stored records. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    header = "DORA per team and repository and flow per project over a window.",
    description = {
      "Computes DORA (deployment frequency, lead time for changes, change failure rate, time to"
          + " restore) for all repositories, per team and per repository, and flow (cycle and lead"
          + " time, WIP) per Jira project, from the records in the store, with pulse-metrics'"
          + " report. --format json prints that report's JSON (docs/report.schema.json); --format"
          + " html prints the same report as one self-contained HTML page (opens offline)."
          + " Definitions: docs/metrics.md.",
      "A team is a pipeline label: team=core owns the repositories and projects its pipelines"
          + " ingested, and --team core reports on them alone."
    })
final class MetricsCommand implements Callable<Integer> {
  private static final Duration PAIRING_LOOKBACK = Duration.ofDays(30);

  @ParentCommand
  @SuppressWarnings("NullAway.Init") // set by picocli
  PulseCommand root;

  @Option(
      names = {"-t", "--team"},
      paramLabel = "TEAM",
      description = "Only the pipelines labelled team=TEAM.")
  @Nullable String team;

  @Option(
      names = {"-w", "--window"},
      paramLabel = "LENGTH",
      defaultValue = "90d",
      converter = WindowConverter.class,
      description = "The window, ending now (or at --until): 90d, 12w, 36h or ISO-8601 (P90D).")
  Duration window = Duration.ofDays(90);

  @Option(
      names = "--until",
      paramLabel = "INSTANT",
      description = "The window's end, e.g. 2026-06-30T00:00:00Z (default: now).")
  @Nullable Instant until;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json or html (redirect html to a file and open it in a browser).")
  Format format = Format.text;

  @Option(
      names = "--drill-down",
      description =
          "With --format html: list the records behind each DORA figure, linked from its tile.")
  boolean drillDown;

  /** What {@code --format} accepts. */
  enum Format {
    text,
    json,
    html
  }

  @Override
  public Integer call() {
    CliContext context = root.context();
    LoadedConfig config = root.load();
    config.requireValid();
    Instant end = until != null ? until : context.clock().instant();
    MetricsReport report =
        report(config, context, team, new Window(end.minus(window), end), drillDown);
    root.spec
        .commandLine()
        .getOut()
        .print(
            switch (format) {
              case text -> report.text();
              case json -> report.json() + "\n";
              case html -> report.html();
            });
    return ExitCodes.OK;
  }

  /**
   * Computes the report of a valid configuration's store over a window; {@code pulse serve}'s
   * {@code /report} shares it.
   *
   * @param team only the pipelines labelled {@code team=TEAM}, or null for all
   * @param drillDown whether the HTML page lists the records behind each DORA figure
   * @throws CliFailure if no pipeline has that team
   */
  static MetricsReport report(
      LoadedConfig config,
      CliContext context,
      @Nullable String team,
      Window span,
      boolean drillDown) {
    TeamSettings explicit = config.teams();
    TreeSet<String> tenants = new TreeSet<>();
    Map<String, Set<String>> teamsOfTenant = new TreeMap<>();
    for (PipelineDefinition pipeline : config.pipelines()) {
      String label = pipeline.labels().get("team");
      if (team == null || team.equals(label)) {
        tenants.add(pipeline.tenant());
        if (label != null && !label.isBlank()) {
          teamsOfTenant.computeIfAbsent(pipeline.tenant(), t -> new TreeSet<>()).add(label);
        }
      }
    }
    if (tenants.isEmpty() && team != null && explicit.teams().contains(team)) {
      // A team known only from the teams section may own records of any tenant.
      config.pipelines().forEach(p -> tenants.add(p.tenant()));
    }
    if (tenants.isEmpty()) {
      throw new CliFailure(
          ErrorCode.SCOPE_NOT_FOUND,
          "no pipeline is labelled team="
              + team
              + " and the teams section does not name it in "
              + config.file());
    }
    JdbcRecordReader reader = new Stores(config.store(), context.clock()).reader();
    List<Deployment> deployments = new ArrayList<>();
    List<PullRequest> pullRequests = new ArrayList<>();
    List<Issue> issues = new ArrayList<>();
    List<Sprint> sprints = new ArrayList<>();
    Set<String> repositories = new TreeSet<>();
    Set<String> projects = new TreeSet<>();
    for (String tenant : tenants) {
      // Failures just before the window still pair with recoveries inside it.
      RecordQuery wide = RecordQuery.of(tenant, span.start().minus(PAIRING_LOOKBACK), span.end());
      RecordQuery query = RecordQuery.of(tenant, span.start(), span.end());
      // A team owns what its labelled pipelines ingested: their repositories and projects.
      Set<String> owners = teamsOfTenant.getOrDefault(tenant, Set.of());
      try (Stream<Deployment> rows = reader.deployments(wide)) {
        rows.forEach(
            d -> {
              deployments.add(d);
              owners.forEach(t -> repositories.add(t + "\u0000" + d.repository()));
            });
      }
      try (Stream<PullRequest> rows = reader.pullRequests(query)) {
        rows.forEach(
            p -> {
              pullRequests.add(p);
              owners.forEach(t -> repositories.add(t + "\u0000" + p.repository()));
            });
      }
      // the report's sprint figures: the sprints running in the window
      List<Sprint> sprintsOfTenant = new ArrayList<>();
      try (Stream<Sprint> rows = reader.sprints(query)) {
        rows.forEach(sprintsOfTenant::add);
      }
      sprints.addAll(sprintsOfTenant);
      RecordQuery issueQuery =
          RecordQuery.of(tenant, issuesFrom(sprintsOfTenant, span), span.end());
      try (Stream<Issue> rows = reader.issues(issueQuery)) {
        rows.forEach(
            i -> {
              issues.add(i);
              owners.forEach(t -> projects.add(t + "\u0000" + i.projectKey()));
            });
      }
    }
    TeamMapping.Builder mapping = TeamMapping.builder();
    for (String owned : repositories) {
      int cut = owned.indexOf('\u0000');
      mapping.repository(owned.substring(0, cut), owned.substring(cut + 1));
    }
    for (String owned : projects) {
      int cut = owned.indexOf('\u0000');
      mapping.project(owned.substring(0, cut), owned.substring(cut + 1));
    }
    explicit.addTo(mapping);
    if (team != null && deployments.isEmpty() && pullRequests.isEmpty() && issues.isEmpty()) {
      // The team's pipelines stored nothing in the window (yet): its report is empty, but the
      // report's options must still know the team. With no record read, the name owned here
      // cannot match anything.
      mapping.project(team, "-");
    }
    String title = team == null ? "all teams" : "team " + team;
    return MetricsReport.compute(
        title,
        String.join(",", tenants),
        team,
        mapping.build(),
        deployments,
        pullRequests,
        issues,
        sprints,
        span,
        drillDown);
  }

  /** Reads {@code 90d}, {@code 12w}, {@code 36h}, {@code 45m} or an ISO-8601 duration. */
  static final class WindowConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([mhdw])");

    @Override
    public Duration convert(String value) {
      Matcher matcher = SHORT.matcher(value.strip());
      Duration duration;
      if (matcher.matches()) {
        long n = Long.parseLong(matcher.group(1));
        duration =
            switch (matcher.group(2)) {
              case "m" -> Duration.ofMinutes(n);
              case "h" -> Duration.ofHours(n);
              case "d" -> Duration.ofDays(n);
              default -> Duration.ofDays(7 * n);
            };
      } else {
        try {
          duration = Duration.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException(
              "window must be like 90d, 12w, 36h or P90D but was \"" + value + "\"");
        }
      }
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("window must be > 0 but was \"" + value + "\"");
      }
      return duration;
    }
  }

  /**
   * Returns where the issues of a report must be read from: the window's start, or the start of a
   * sprint that finished in the window but began before it. The reader leaves out issues completed
   * before the window's start, which the report's flow figures leave out too; but such an issue,
   * done early in that sprint, still counts in the sprint's figures (completed, committed).
   */
  static Instant issuesFrom(List<Sprint> sprints, Window span) {
    Instant from = span.start();
    for (Sprint sprint : sprints) {
      Instant end = SprintMetrics.end(sprint);
      Instant start = sprint.startedAt();
      if (end != null && start != null && span.contains(end) && start.isBefore(from)) {
        from = start;
      }
    }
    return from;
  }
}
