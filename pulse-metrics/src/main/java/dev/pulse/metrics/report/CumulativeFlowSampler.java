package dev.pulse.metrics.report;

import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.metrics.internal.IssueHistories;
import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Computes the {@link Report.CumulativeFlowSeries cumulative flow} of a report: picks the sample
 * instants of the window and counts, at each, the issues in each normalized status, for the
 * organisation and every team at once (each issue's history is read once and its statuses added to
 * every team owning its project at its creation, the rule the report's other team figures use).
 *
 * <p>An issue whose transitions are listed in time order (the usual case) holds each status from
 * one transition to the next: its history is a few runs of samples, found by a binary search of the
 * sorted sample instants per transition and added to difference arrays, so the cost is one search
 * per transition, not per sample. Any other history (unordered transitions, none at all) is sampled
 * instant by instant through {@link FlowMetrics#statusesAt}, whose rule the runs follow: the status
 * at an instant is that of the last transition entered at or before it (the later listed of equal
 * instants), to do before the first, none before the issue's creation.
 *
 * <p>Stateless; allocates the counts of each series and, for an organisation report, an index from
 * each issue to its teams.
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
   * Computes the series of a report, finding each issue's teams.
   *
   * @param issues the issues the report kept
   * @param options the report's window, zone, team and mapping; teams get series only when the
   *     report is the organisation's
   */
  static Result compute(List<Issue> issues, ReportOptions options) {
    List<int[]> groups = new ArrayList<>();
    if (options.team() == null && !options.teams().teams().isEmpty()) {
      Map<String, List<Integer>> members = new HashMap<>();
      for (int i = 0; i < issues.size(); i++) {
        Issue issue = issues.get(i);
        Integer index = i;
        options
            .teams()
            .forEachIssueOwner(
                issue,
                issue.createdAt(),
                t -> members.computeIfAbsent(t, k -> new ArrayList<>()).add(index));
      }
      for (String t : options.teams().teams()) {
        groups.add(
            members.getOrDefault(t, List.of()).stream().mapToInt(Integer::intValue).toArray());
      }
    }
    return compute(issues, options, groups);
  }

  /**
   * Computes the series of a report from the issues of each team, found once by the report.
   *
   * @param issues the issues the report kept
   * @param options the report's window, zone, team and mapping
   * @param groups for an organisation report, the indices into {@code issues} of each team of the
   *     mapping, in the order of {@link TeamMapping#teams()}, each ascending; else empty
   */
  static Result compute(List<Issue> issues, ReportOptions options, List<int[]> groups) {
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
    List<String> teamNames = byTeam ? List.copyOf(options.teams().teams()) : List.of();
    if (groups.size() != teamNames.size()) {
      throw new IllegalArgumentException(
          "expected " + teamNames.size() + " groups but got " + groups.size());
    }
    int n = issues.size();
    // for each issue, the teams holding it: memberGroups[memberStart[i] .. memberStart[i + 1])
    int[] memberStart = new int[n + 1];
    for (int[] members : groups) {
      for (int i : members) {
        memberStart[i + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      memberStart[i + 1] += memberStart[i];
    }
    int[] memberGroups = new int[memberStart[n]];
    int[] fill = Arrays.copyOf(memberStart, n);
    for (int g = 0; g < groups.size(); g++) {
      for (int i : groups.get(g)) {
        // counts 0 are the scope's
        memberGroups[fill[i]++] = g + 1;
      }
    }

    int samples = instants.size();
    Counts[] counts = new Counts[1 + groups.size()];
    for (int g = 0; g < counts.length; g++) {
      counts[g] = new Counts(samples);
    }
    // the sample instants as primitives, so that each search reads two arrays rather than an object
    // per step
    long[] sampleSeconds = new long[samples];
    int[] sampleNanos = new int[samples];
    for (int k = 0; k < samples; k++) {
      Instant at = instants.get(k);
      sampleSeconds[k] = at.getEpochSecond();
      sampleNanos[k] = at.getNano();
    }
    @Nullable NormalizedStatus[] statuses = new NormalizedStatus[samples];
    IssueHistories histories = IssueHistories.of(issues);
    for (int i = 0; i < n; i++) {
      int from = memberStart[i];
      int to = memberStart[i + 1];
      if (histories.completion(i) != IssueHistories.NOT_COPIED) {
        // transitions listed in time order, read from the columns
        int created =
            firstAtOrAfter(
                sampleSeconds,
                sampleNanos,
                0,
                histories.createdSeconds(i),
                histories.createdNanos(i));
        int column = column(NormalizedStatus.TODO);
        int since = created;
        int entered = 0;
        for (int t = histories.start(i); t < histories.end(i); t++) {
          // each transition enters at or after the one before: search from its sample on
          entered =
              firstAtOrAfter(
                  sampleSeconds, sampleNanos, entered, histories.seconds(t), histories.nanos(t));
          for (int k = from - 1; k < to; k++) {
            counts[k < from ? 0 : memberGroups[k]].addRun(column, since, entered);
          }
          column = column(histories.status(t));
          since = Math.max(entered, created);
        }
        for (int k = from - 1; k < to; k++) {
          counts[k < from ? 0 : memberGroups[k]].addRun(column, since, samples);
        }
      } else {
        boolean known = FlowMetrics.statusesAt(histories.get(i), instants, statuses);
        for (int k = from - 1; k < to; k++) {
          counts[k < from ? 0 : memberGroups[k]].add(known, statuses);
        }
      }
    }
    Map<String, Report.CumulativeFlowSeries> teamSeries = new HashMap<>();
    for (int g = 0; g < teamNames.size(); g++) {
      teamSeries.put(teamNames.get(g), counts[1 + g].series(step, days, instants));
    }
    return new Result(counts[0].series(step, days, instants), teamSeries);
  }

  /**
   * The index of the first sample (given as epoch seconds and nanos of the second, ascending) at or
   * after the instant {@code (second, nano)}, searching from sample {@code low} on (the samples
   * before it are known to precede the instant): the samples before the answer precede it.
   */
  private static int firstAtOrAfter(long[] seconds, int[] nanos, int low, long second, int nano) {
    int high = seconds.length;
    // consecutive transitions are usually within one sample step: try the first candidate alone
    if (low < high && !IssueHistories.before(seconds[low], nanos[low], second, nano)) {
      return low;
    }
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (IssueHistories.before(seconds[mid], nanos[mid], second, nano)) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
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

  /** Issue counts per sample and status, and the issues whose history is unknown. */
  private static final class Counts {
    private final int[] counts;

    /**
     * Runs of a status: +1 where one starts, -1 where it ends; summed into the counts at the end.
     */
    private final int[] runs;

    private int unknown;

    Counts(int samples) {
      this.counts = new int[samples * STATUSES];
      this.runs = new int[(samples + 1) * STATUSES];
    }

    /** Counts one issue in a status at the samples {@code [from, to)}. */
    void addRun(int column, int from, int to) {
      if (from < to) {
        runs[from * STATUSES + column]++;
        runs[to * STATUSES + column]--;
      }
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
      int[] open = new int[STATUSES];
      List<Report.FlowSample> samples = new ArrayList<>(days.size());
      for (int k = 0; k < days.size(); k++) {
        int base = k * STATUSES;
        for (int column = 0; column < STATUSES; column++) {
          open[column] += runs[base + column];
        }
        samples.add(
            new Report.FlowSample(
                days.get(k),
                instants.get(k),
                counts[base] + open[0],
                counts[base + 1] + open[1],
                counts[base + 2] + open[2],
                counts[base + 3] + open[3]));
      }
      return new Report.CumulativeFlowSeries(step, samples, unknown);
    }
  }
}
