package dev.pulse.metrics.report;

import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Computes the {@link Report.CumulativeFlowSeries cumulative flow} of a report: picks the sample
 * instants of the window and counts, at each, the issues in each normalized status, for the
 * organisation and every team at once (each issue's history is built once and its statuses added to
 * every team owning its project at its creation, the rule the report's other team figures use).
 *
 * <p>Stateless; the counting is one pass over the issues with one binary search per issue and
 * sample, so the cost is bounded by {@value #MAX_SAMPLES} times the issues, and allocates one
 * history per issue and one status array per call.
 */
final class CumulativeFlowSampler {
  /** Windows up to this many days (a quarter) are sampled every day. */
  static final int DAILY_UP_TO_DAYS = 92;

  /** Longer windows are sampled weekly or sparser, at most this many times (two years weekly). */
  static final int MAX_SAMPLES = 104;

  /** Columns per sample: to do, in progress, in review, done. */
  private static final int STATUSES = 4;

  private CumulativeFlowSampler() {}

  /** The organisation's (or the one team's) series and, for an organisation report, each team's. */
  record Result(
      Report.CumulativeFlowSeries scope, Map<String, Report.CumulativeFlowSeries> teams) {}

  /**
   * Computes the series of a report.
   *
   * @param issues the issues the report kept
   * @param options the report's window, zone, team and mapping; teams get series only when the
   *     report is the organisation's
   */
  static Result compute(List<Issue> issues, ReportOptions options) {
    Window window = options.window();
    ZoneId zone = options.zone();
    List<LocalDate> days = sampleDays(window, zone);
    int step = days.size() < 2 ? 1 : (int) ChronoUnit.DAYS.between(days.get(0), days.get(1));
    List<Instant> instants = new ArrayList<>(days.size());
    Instant last = window.end().minusNanos(1);
    for (LocalDate day : days) {
      Instant end = day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
      instants.add(end.isAfter(last) ? last : end);
    }
    boolean byTeam = options.team() == null && !options.teams().teams().isEmpty();
    Counts scope = new Counts(days.size());
    Map<String, Counts> teams = new HashMap<>();
    @Nullable NormalizedStatus[] statuses = new NormalizedStatus[instants.size()];
    // one consumer for every issue, told whether the current one's history is known
    TeamAdder adder = new TeamAdder(teams, days.size(), statuses);
    for (Issue issue : issues) {
      boolean known = FlowMetrics.statusesAt(issue, instants, statuses);
      scope.add(known, statuses);
      if (byTeam) {
        adder.known = known;
        options.teams().forEachIssueOwner(issue, issue.createdAt(), adder);
      }
    }
    Map<String, Report.CumulativeFlowSeries> teamSeries = new HashMap<>();
    if (byTeam) {
      for (String t : options.teams().teams()) {
        teamSeries.put(
            t, teams.getOrDefault(t, new Counts(days.size())).series(step, days, instants));
      }
    }
    return new Result(scope.series(step, days, instants), teamSeries);
  }

  /**
   * The days whose ends are sampled, oldest first: every day of the zone that the window touches
   * when there are at most {@link #DAILY_UP_TO_DAYS}, else every {@code 7k} days back from the
   * window's last day, {@code k} the smallest that keeps at most {@link #MAX_SAMPLES} samples.
   */
  static List<LocalDate> sampleDays(Window window, ZoneId zone) {
    LocalDate first = LocalDate.ofInstant(window.start(), zone);
    LocalDate last = LocalDate.ofInstant(window.end().minusNanos(1), zone);
    long span = ChronoUnit.DAYS.between(first, last) + 1;
    long step;
    if (span <= DAILY_UP_TO_DAYS) {
      step = 1;
    } else {
      long weeks = (span + 6) / 7;
      step = 7 * ((weeks + MAX_SAMPLES - 1) / MAX_SAMPLES);
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = last; !day.isBefore(first); day = day.minusDays(step)) {
      days.add(day);
    }
    Collections.reverse(days);
    return days;
  }

  private static int column(NormalizedStatus status) {
    return switch (status) {
      case TODO -> 0;
      case IN_PROGRESS -> 1;
      case IN_REVIEW -> 2;
      case DONE -> 3;
    };
  }

  /** Adds the current issue's statuses to the counts of each team it is given. */
  private static final class TeamAdder implements Consumer<String> {
    private final Map<String, Counts> teams;
    private final int samples;
    private final @Nullable NormalizedStatus[] statuses;
    boolean known;

    TeamAdder(Map<String, Counts> teams, int samples, @Nullable NormalizedStatus[] statuses) {
      this.teams = teams;
      this.samples = samples;
      this.statuses = statuses;
    }

    @Override
    public void accept(String team) {
      Counts counts = teams.get(team);
      if (counts == null) {
        counts = new Counts(samples);
        teams.put(team, counts);
      }
      counts.add(known, statuses);
    }
  }

  /** Issue counts per sample and status, and the issues whose history is unknown. */
  private static final class Counts {
    private final int[] counts;
    private int unknown;

    Counts(int samples) {
      this.counts = new int[samples * STATUSES];
    }

    void add(boolean known, @Nullable NormalizedStatus[] statuses) {
      if (!known) {
        unknown++;
        return;
      }
      for (int k = 0; k < statuses.length; k++) {
        NormalizedStatus status = statuses[k];
        if (status != null) {
          counts[k * STATUSES + column(status)]++;
        }
      }
    }

    Report.CumulativeFlowSeries series(int step, List<LocalDate> days, List<Instant> instants) {
      List<Report.FlowSample> samples = new ArrayList<>(days.size());
      for (int k = 0; k < days.size(); k++) {
        int base = k * STATUSES;
        samples.add(
            new Report.FlowSample(
                days.get(k),
                instants.get(k),
                counts[base],
                counts[base + 1],
                counts[base + 2],
                counts[base + 3]));
      }
      return new Report.CumulativeFlowSeries(step, samples, unknown);
    }
  }
}
