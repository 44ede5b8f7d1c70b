package dev.pulse.metrics.flow;

import dev.pulse.metrics.Percentiles;
import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.PullRequest;
import dev.pulse.model.StatusTransition;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The flow metric calculators: pure functions from issues (with their status transitions) to
 * aggregate results.
 *
 * <p>Every method takes the issues to consider and a {@link FlowScope} (one project or all); the
 * scope filters the issues, nothing is ever grouped by person. Inputs are validated: null
 * collections or elements throw {@link NullPointerException} naming the argument, and two issues
 * with the same key throw {@link IllegalArgumentException}. The issues may come in any order and
 * are not modified.
 *
 * <p>Timing rules, shared by every metric (details in {@code docs/metrics.md}, section "Flow
 * metrics"):
 *
 * <ul>
 *   <li>An issue's history is its transitions sorted by {@code enteredAt} (stable: for equal
 *       instants the one listed later wins). An issue with no transitions gets a synthesized
 *       history: to do at {@code createdAt}, active at {@code startedAt}, done at {@code
 *       completedAt}.
 *   <li>An issue is <em>completed</em> when its last status is done; its completion is the start of
 *       that final run of done statuses. A reopened issue that is done again is thus completed at
 *       its last completion; one still reopened is not completed.
 *   <li>Cycle time runs from the first entry into an active status (in progress or in review) to
 *       completion; lead time from {@code createdAt} to completion. Negative spans are unknown:
 *       excluded and counted.
 *   <li>The status at an instant {@code t} is that of the last event entered at or before {@code
 *       t}; before any event it is to do; before {@code createdAt} the issue does not exist.
 * </ul>
 *
 * <p>This class is stateless and thread-safe: all methods are static, keep no caches and may be
 * called concurrently.
 */
public final class FlowMetrics {

  private static final double SECONDS_PER_HOUR = 3600.0;
  private static final double NANOS_PER_HOUR = 3_600_000_000_000.0;

  private FlowMetrics() {}

  /**
   * Returns the cycle time of every completed issue of the scope: first active status to final
   * completion.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @return the cycle times and their percentiles
   */
  public static FlowTimes cycleTimes(Collection<Issue> issues, FlowScope scope) {
    return flowTimes(issues, scope, null, FlowTimeKind.CYCLE_TIME);
  }

  /**
   * Returns the cycle time of every issue of the scope whose final completion falls in a window.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param completedIn the window the completion must fall in
   * @return the cycle times and their percentiles
   */
  public static FlowTimes cycleTimes(
      Collection<Issue> issues, FlowScope scope, FlowWindow completedIn) {
    return flowTimes(
        issues, scope, Objects.requireNonNull(completedIn, "completedIn"), FlowTimeKind.CYCLE_TIME);
  }

  /**
   * Returns the lead time of every completed issue of the scope: creation to final completion.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @return the lead times and their percentiles
   */
  public static FlowTimes leadTimes(Collection<Issue> issues, FlowScope scope) {
    return flowTimes(issues, scope, null, FlowTimeKind.LEAD_TIME);
  }

  /**
   * Returns the lead time of every issue of the scope whose final completion falls in a window.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param completedIn the window the completion must fall in
   * @return the lead times and their percentiles
   */
  public static FlowTimes leadTimes(
      Collection<Issue> issues, FlowScope scope, FlowWindow completedIn) {
    return flowTimes(
        issues, scope, Objects.requireNonNull(completedIn, "completedIn"), FlowTimeKind.LEAD_TIME);
  }

  /**
   * Returns the lead-time distribution of every completed issue of the scope.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @return the bucket counts and percentiles
   */
  public static LeadTimeDistribution leadTimeDistribution(
      Collection<Issue> issues, FlowScope scope) {
    return distribution(flowTimes(issues, scope, null, FlowTimeKind.LEAD_TIME));
  }

  /**
   * Returns the lead-time distribution of the issues of the scope whose final completion falls in a
   * window.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param completedIn the window the completion must fall in
   * @return the bucket counts and percentiles
   */
  public static LeadTimeDistribution leadTimeDistribution(
      Collection<Issue> issues, FlowScope scope, FlowWindow completedIn) {
    return distribution(
        flowTimes(
            issues,
            scope,
            Objects.requireNonNull(completedIn, "completedIn"),
            FlowTimeKind.LEAD_TIME));
  }

  /**
   * Returns the number of issues completed per ISO week, with a four-week moving average.
   *
   * <p>The weeks run from the Monday on or before {@code from} to the Monday on or before {@code
   * to}, both included; every week is whole (Monday 00:00 UTC inclusive to the next Monday 00:00
   * UTC exclusive), even when {@code from} or {@code to} falls mid-week. The moving average of a
   * week is the mean of its count and the three weeks before it; it is null for the first three
   * weeks of the range.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param from a day in the first week
   * @param to a day in the last week
   * @return one entry per week
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public static Throughput throughput(
      Collection<Issue> issues, FlowScope scope, LocalDate from, LocalDate to) {
    List<Issue> selected = select(issues, scope);
    requireOrdered(from, to);
    LocalDate firstWeek = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate lastWeek = to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    int weekCount = Math.toIntExact(ChronoUnit.WEEKS.between(firstWeek, lastWeek) + 1);
    Instant rangeStart = startOfDay(firstWeek);
    Instant rangeEnd = startOfDay(lastWeek.plusWeeks(1));
    int[] counts = new int[weekCount];
    for (Issue issue : selected) {
      Instant completion = IssueTimeline.of(issue).completion();
      if (completion == null || completion.isBefore(rangeStart) || !completion.isBefore(rangeEnd)) {
        continue;
      }
      LocalDate completionDay = LocalDate.ofInstant(completion, ZoneOffset.UTC);
      LocalDate week = completionDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      counts[(int) ChronoUnit.WEEKS.between(firstWeek, week)]++;
    }
    List<WeeklyThroughput> weeks = new ArrayList<>(weekCount);
    for (int i = 0; i < weekCount; i++) {
      LocalDate week = firstWeek.plusWeeks(i);
      Double movingAverage = null;
      if (i >= 3) {
        movingAverage = (counts[i - 3] + counts[i - 2] + counts[i - 1] + counts[i]) / 4.0;
      }
      weeks.add(
          new WeeklyThroughput(
              week,
              week.get(IsoFields.WEEK_BASED_YEAR),
              week.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
              counts[i],
              movingAverage));
    }
    return new Throughput(scope, weeks);
  }

  /**
   * Returns the work in progress now: the issues of the scope whose current {@link Issue#status()}
   * is active.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @return the counts, with a null {@code asOf}
   */
  public static WipCount wipNow(Collection<Issue> issues, FlowScope scope) {
    int inProgress = 0;
    int inReview = 0;
    for (Issue issue : select(issues, scope)) {
      if (issue.status() == NormalizedStatus.IN_PROGRESS) {
        inProgress++;
      } else if (issue.status() == NormalizedStatus.IN_REVIEW) {
        inReview++;
      }
    }
    return new WipCount(scope, null, inProgress, inReview, 0);
  }

  /**
   * Returns the work in progress at an instant: the issues of the scope that existed then and whose
   * status reconstructed at that instant (inclusive) was active.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param asOf the instant
   * @return the counts
   */
  public static WipCount wipAt(Collection<Issue> issues, FlowScope scope, Instant asOf) {
    List<Issue> selected = select(issues, scope);
    Objects.requireNonNull(asOf, "asOf");
    return wipAt(timelines(selected), scope, asOf);
  }

  private static WipCount wipAt(List<IssueTimeline> timelines, FlowScope scope, Instant asOf) {
    int inProgress = 0;
    int inReview = 0;
    int unknown = 0;
    for (IssueTimeline timeline : timelines) {
      if (!timeline.known()) {
        unknown++;
        continue;
      }
      NormalizedStatus status = timeline.statusAt(asOf);
      if (status == NormalizedStatus.IN_PROGRESS) {
        inProgress++;
      } else if (status == NormalizedStatus.IN_REVIEW) {
        inReview++;
      }
    }
    return new WipCount(scope, asOf, inProgress, inReview, unknown);
  }

  /**
   * Returns the cumulative flow: for every UTC day from {@code from} to {@code to} (both included),
   * the number of issues of the scope in each status at the end of the day (23:59:59.999999999
   * UTC). Issues created after the end of a day are not counted on that day.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param from the first day
   * @param to the last day
   * @return one entry per day
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public static CumulativeFlow cumulativeFlow(
      Collection<Issue> issues, FlowScope scope, LocalDate from, LocalDate to) {
    List<Issue> selected = select(issues, scope);
    requireOrdered(from, to);
    List<IssueTimeline> timelines = new ArrayList<>(selected.size());
    int unknown = 0;
    for (Issue issue : selected) {
      IssueTimeline timeline = IssueTimeline.of(issue);
      if (timeline.known()) {
        timelines.add(timeline);
      } else {
        unknown++;
      }
    }
    List<CumulativeFlowDay> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      Instant endOfDay = startOfDay(day.plusDays(1)).minusNanos(1);
      Map<NormalizedStatus, Integer> counts = new EnumMap<>(NormalizedStatus.class);
      for (IssueTimeline timeline : timelines) {
        NormalizedStatus status = timeline.statusAt(endOfDay);
        if (status != null) {
          counts.merge(status, 1, Integer::sum);
        }
      }
      days.add(
          new CumulativeFlowDay(
              day,
              counts.getOrDefault(NormalizedStatus.TODO, 0),
              counts.getOrDefault(NormalizedStatus.IN_PROGRESS, 0),
              counts.getOrDefault(NormalizedStatus.IN_REVIEW, 0),
              counts.getOrDefault(NormalizedStatus.DONE, 0)));
    }
    return new CumulativeFlow(scope, days, unknown);
  }

  /**
   * Writes an issue's status at each of several instants, by the rule every flow metric uses: the
   * status of the last event entered at or before the instant (inclusive), to do before its first
   * event. The history is built once, so sampling many instants costs one binary search each, and
   * the caller's array is reused across issues.
   *
   * @param issue the issue
   * @param instants the instants, in any order
   * @param into receives at index {@code k} the status at {@code instants.get(k)}, or null where
   *     the issue was not created yet; at least as long as {@code instants}
   * @return false, writing nothing, when the issue's history cannot be reconstructed
   * @throws IllegalArgumentException if {@code into} is shorter than {@code instants}
   */
  public static boolean statusesAt(
      Issue issue, List<Instant> instants, @Nullable NormalizedStatus[] into) {
    Objects.requireNonNull(issue, "issue");
    Objects.requireNonNull(instants, "instants");
    Objects.requireNonNull(into, "into");
    if (into.length < instants.size()) {
      throw new IllegalArgumentException(
          "into must hold " + instants.size() + " statuses but holds " + into.length);
    }
    IssueTimeline timeline = IssueTimeline.of(issue);
    if (!timeline.known()) {
      return false;
    }
    for (int k = 0; k < instants.size(); k++) {
      into[k] = timeline.statusAt(Objects.requireNonNull(instants.get(k), "instant"));
    }
    return true;
  }

  /**
   * Returns the aging work in progress at an instant: every issue of the scope active then, with
   * its age since the start of its current uninterrupted active stretch (a reopen starts a new
   * stretch; moving between in progress and in review does not).
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param asOf the instant of measure
   * @return the active issues, oldest first, and the percentiles of their ages
   */
  public static AgingWip agingWip(Collection<Issue> issues, FlowScope scope, Instant asOf) {
    List<Issue> selected = select(issues, scope);
    Objects.requireNonNull(asOf, "asOf");
    List<AgingItem> items = new ArrayList<>();
    int unknown = 0;
    for (Issue issue : selected) {
      IssueTimeline timeline = IssueTimeline.of(issue);
      if (!timeline.known()) {
        unknown++;
        continue;
      }
      NormalizedStatus status = timeline.statusAt(asOf);
      if (status == null || !status.isActive()) {
        continue;
      }
      Instant since = timeline.activeSince(asOf);
      items.add(
          new AgingItem(
              issue.key(), issue.projectKey(), status, since, Duration.between(since, asOf)));
    }
    items.sort(Comparator.comparing(AgingItem::age).reversed().thenComparing(AgingItem::issueKey));
    return new AgingWip(
        scope, asOf, items, percentiles(items.stream().map(AgingItem::age).toList()), unknown);
  }

  /**
   * Returns the lead-time scatterplot of measured issues: one point per item, in completion order,
   * an outlier when its lead time is strictly above the P95 of the items (the origin's rule).
   *
   * @param leadTimes lead times from {@link #leadTimes}
   * @return the points; empty when there is no item
   */
  public static List<ScatterPoint> scatter(FlowTimes leadTimes) {
    Objects.requireNonNull(leadTimes, "leadTimes");
    FlowPercentiles p = leadTimes.percentiles();
    List<ScatterPoint> out = new ArrayList<>(leadTimes.items().size());
    for (ItemFlowTime item : leadTimes.items()) {
      double h = hours(item.duration());
      out.add(new ScatterPoint(item.issueKey(), item.end(), h, p != null && h > p.p95()));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the size buckets of the pull requests merged in a window.
   *
   * @param pullRequests pull requests, any order
   * @param mergedIn the window the merge must fall in
   * @return the counts per bucket
   */
  public static PullRequestSizes pullRequestSizes(
      Iterable<PullRequest> pullRequests, FlowWindow mergedIn) {
    Objects.requireNonNull(pullRequests, "pullRequests");
    Objects.requireNonNull(mergedIn, "mergedIn");
    Map<PullRequestSize, Integer> map = new EnumMap<>(PullRequestSize.class);
    for (PullRequestSize size : PullRequestSize.values()) {
      map.put(size, 0);
    }
    int unsized = 0;
    for (PullRequest pr : pullRequests) {
      Instant merged = pr.mergedAt();
      if (merged == null || !mergedIn.contains(merged)) {
        continue;
      }
      PullRequestSize size = PullRequestSize.of((long) pr.additions() + pr.deletions());
      if (size == null) {
        unsized++;
      } else {
        map.merge(size, 1, Integer::sum);
      }
    }
    return new PullRequestSizes(map, unsized);
  }

  /**
   * Returns the flow figures of one window at once, reconstructing each issue's history a single
   * time: cycle and lead time of the issues completed in the window, completions per week of the
   * given calendar (every week that overlaps the window, each counting the completions inside the
   * window), work in progress at the window's last instant, flow efficiency and the lead-time
   * scatterplot. Each figure equals the one its own method gives.
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param window the window
   * @param zone the zone of calendar weeks
   * @param weekStart the first day of a week
   * @return the figures
   */
  public static FlowSummary summary(
      Collection<Issue> issues,
      FlowScope scope,
      FlowWindow window,
      ZoneId zone,
      DayOfWeek weekStart) {
    List<Issue> selected = select(issues, scope);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(weekStart, "weekStart");
    List<IssueTimeline> timelines = timelines(selected);
    FlowTimes lead = flowTimes(timelines, scope, window, FlowTimeKind.LEAD_TIME);
    LocalDate firstWeek =
        LocalDate.ofInstant(window.from(), zone).with(TemporalAdjusters.previousOrSame(weekStart));
    LocalDate lastWeek =
        LocalDate.ofInstant(window.to().minusNanos(1), zone)
            .with(TemporalAdjusters.previousOrSame(weekStart));
    int[] completed = new int[Math.toIntExact(ChronoUnit.WEEKS.between(firstWeek, lastWeek) + 1)];
    for (IssueTimeline timeline : timelines) {
      Instant completion = timeline.completion();
      if (completion != null && window.contains(completion)) {
        LocalDate week =
            LocalDate.ofInstant(completion, zone).with(TemporalAdjusters.previousOrSame(weekStart));
        completed[(int) ChronoUnit.WEEKS.between(firstWeek, week)]++;
      }
    }
    List<FlowSummary.WeekCount> weeks = new ArrayList<>(completed.length);
    for (int k = 0; k < completed.length; k++) {
      weeks.add(new FlowSummary.WeekCount(firstWeek.plusWeeks(k), completed[k]));
    }
    return new FlowSummary(
        selected.size(),
        flowTimes(timelines, scope, window, FlowTimeKind.CYCLE_TIME),
        lead,
        weeks,
        wipAt(timelines, scope, window.to().minusNanos(1)),
        flowEfficiency(timelines, window),
        scatter(lead));
  }

  /**
   * Returns the flow figures of a set of issues and of groups of them (a report's organisation and
   * its teams, say) at once, reconstructing each issue's history a single time: element 0 is what
   * {@link #summary} gives for every issue, element {@code 1 + g} what it gives for the issues of
   * group {@code g} alone, each with {@link FlowScope#all()}. An issue may be in several groups or
   * in none.
   *
   * @param issues the issues
   * @param groups each group as indices into {@code issues}, strictly ascending
   * @param window the window
   * @param zone the zone of calendar weeks
   * @param weekStart the first day of a week
   * @return {@code 1 + groups.size()} summaries
   * @throws IllegalArgumentException if two issues have the same key, or a group's indices are out
   *     of range or not strictly ascending
   */
  public static List<FlowSummary> summaries(
      List<Issue> issues, List<int[]> groups, FlowWindow window, ZoneId zone, DayOfWeek weekStart) {
    return FlowSummaries.compute(issues, groups, window, zone, weekStart);
  }

  /** The fewest issues flow efficiency needs, as the origin's rule. */
  public static final int FLOW_EFFICIENCY_MIN_SAMPLE = 5;

  /**
   * Returns the flow efficiency of the issues of the scope completed in a window: the time they
   * spent in an active status (in progress or in review) over their cycle time, summed over the
   * issues ({@code sum(touch) / sum(cycle)}).
   *
   * <p>Cycle is completion minus the first entry into an active status; touch is the time in an
   * active status within it, at most the cycle. Issues never active, or with a cycle under one
   * hour, are left out and counted; fewer than {@link #FLOW_EFFICIENCY_MIN_SAMPLE} issues left give
   * insufficient data (counts only).
   *
   * @param issues the issues
   * @param scope which issues to aggregate
   * @param completedIn the window the completion must fall in
   * @return the efficiency
   */
  public static FlowEfficiency flowEfficiency(
      Collection<Issue> issues, FlowScope scope, FlowWindow completedIn) {
    List<Issue> selected = select(issues, scope);
    Objects.requireNonNull(completedIn, "completedIn");
    return flowEfficiency(timelines(selected), completedIn);
  }

  private static FlowEfficiency flowEfficiency(
      List<IssueTimeline> timelines, FlowWindow completedIn) {
    // Durations, not nanoseconds: a million issues' cycles overflow a long of nanoseconds
    Duration touch = Duration.ZERO;
    Duration cycle = Duration.ZERO;
    int measured = 0;
    int excludedShort = 0;
    int noStart = 0;
    for (IssueTimeline timeline : timelines) {
      Instant end = timeline.completion();
      if (end == null || !completedIn.contains(end)) {
        continue;
      }
      Instant start = timeline.firstActive();
      if (start == null || start.isAfter(end)) {
        noStart++;
        continue;
      }
      Duration c = Duration.between(start, end);
      if (c.compareTo(Duration.ofHours(1)) < 0) {
        excludedShort++;
        continue;
      }
      Duration t = timeline.activeTime(start, end);
      touch = touch.plus(t.compareTo(c) > 0 ? c : t);
      cycle = cycle.plus(c);
      measured++;
    }
    boolean sufficient = measured >= FLOW_EFFICIENCY_MIN_SAMPLE;
    return new FlowEfficiency(
        measured,
        excludedShort,
        noStart,
        FLOW_EFFICIENCY_MIN_SAMPLE,
        touch,
        cycle,
        sufficient ? hours(touch) / hours(cycle) : null);
  }

  /**
   * Returns an issue's final completion (the rule every flow metric uses): the first instant of the
   * trailing run of done statuses in its history, or its {@code completedAt} when it has no
   * transitions and is done.
   *
   * @param issue the issue
   * @return the completion, or null when the issue is not (or no longer) done or its timeline is
   *     unknown
   */
  public static @Nullable Instant completion(Issue issue) {
    Objects.requireNonNull(issue, "issue");
    List<StatusTransition> transitions = issue.transitions();
    int n = transitions.size();
    if (n > 0) {
      // a history in time order (the usual case) is its transitions as listed: the first of the
      // trailing run of DONE events, read without building the history
      boolean ordered = true;
      for (int i = 1; i < n && ordered; i++) {
        ordered = !transitions.get(i).enteredAt().isBefore(transitions.get(i - 1).enteredAt());
      }
      if (ordered) {
        int first = n - 1;
        if (transitions.get(first).status() != NormalizedStatus.DONE) {
          return null;
        }
        while (first > 0 && transitions.get(first - 1).status() == NormalizedStatus.DONE) {
          first--;
        }
        return transitions.get(first).enteredAt();
      }
    }
    IssueTimeline timeline = IssueTimeline.of(issue);
    return timeline.known() ? timeline.completion() : null;
  }

  /**
   * Converts a duration to fractional hours.
   *
   * @param duration the duration
   * @return {@code seconds / 3600 + nanos / 3.6e12}
   */
  static double hours(Duration duration) {
    return duration.getSeconds() / SECONDS_PER_HOUR + duration.getNano() / NANOS_PER_HOUR;
  }

  static int requireNonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    return value;
  }

  private static FlowTimes flowTimes(
      Collection<Issue> issues, FlowScope scope, @Nullable FlowWindow window, FlowTimeKind kind) {
    return flowTimes(timelines(select(issues, scope)), scope, window, kind);
  }

  private static List<IssueTimeline> timelines(List<Issue> issues) {
    List<IssueTimeline> out = new ArrayList<>(issues.size());
    for (Issue issue : issues) {
      out.add(IssueTimeline.of(issue));
    }
    return out;
  }

  private static FlowTimes flowTimes(
      List<IssueTimeline> timelines,
      FlowScope scope,
      @Nullable FlowWindow window,
      FlowTimeKind kind) {
    List<ItemFlowTime> items = new ArrayList<>();
    int negative = 0;
    int noStart = 0;
    for (IssueTimeline timeline : timelines) {
      Issue issue = timeline.issue();
      Instant end = timeline.completion();
      if (end == null || (window != null && !window.contains(end))) {
        continue;
      }
      Instant start = kind == FlowTimeKind.LEAD_TIME ? issue.createdAt() : timeline.firstActive();
      if (start == null) {
        noStart++;
        continue;
      }
      Duration duration = Duration.between(start, end);
      if (duration.isNegative()) {
        negative++;
        continue;
      }
      items.add(new ItemFlowTime(issue.key(), issue.projectKey(), start, end, duration));
    }
    items.sort(Comparator.comparing(ItemFlowTime::end).thenComparing(ItemFlowTime::issueKey));
    return new FlowTimes(
        scope,
        kind,
        window,
        items,
        percentiles(items.stream().map(ItemFlowTime::duration).toList()),
        negative,
        noStart);
  }

  private static LeadTimeDistribution distribution(FlowTimes leadTimes) {
    Map<LeadTimeBucket, Integer> counts = new EnumMap<>(LeadTimeBucket.class);
    for (ItemFlowTime item : leadTimes.items()) {
      counts.merge(LeadTimeBucket.of(item.duration()), 1, Integer::sum);
    }
    List<BucketCount> buckets = new ArrayList<>();
    for (LeadTimeBucket bucket : LeadTimeBucket.values()) {
      buckets.add(new BucketCount(bucket, counts.getOrDefault(bucket, 0)));
    }
    return new LeadTimeDistribution(
        leadTimes.scope(),
        leadTimes.window(),
        buckets,
        leadTimes.items().size(),
        leadTimes.percentiles(),
        leadTimes.negativeExcluded());
  }

  private static @Nullable FlowPercentiles percentiles(List<Duration> durations) {
    double[] sorted = new double[durations.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = hours(durations.get(i));
    }
    Arrays.sort(sorted);
    return percentilesOfSorted(sorted);
  }

  /** The percentiles of hours sorted ascending, or null when there are none. */
  static @Nullable FlowPercentiles percentilesOfSorted(double[] sorted) {
    if (sorted.length == 0) {
      return null;
    }
    return new FlowPercentiles(
        sorted.length,
        Percentiles.percentile(sorted, 50),
        Percentiles.percentile(sorted, 75),
        Percentiles.percentile(sorted, 85),
        Percentiles.percentile(sorted, 90),
        Percentiles.percentile(sorted, 95));
  }

  /** Validates the issues and returns those in the scope, in input order. */
  private static List<Issue> select(Collection<Issue> issues, FlowScope scope) {
    Objects.requireNonNull(issues, "issues");
    Objects.requireNonNull(scope, "scope");
    Set<String> keys = new HashSet<>();
    List<Issue> selected = new ArrayList<>();
    int index = 0;
    for (Issue issue : issues) {
      if (issue == null) {
        throw new NullPointerException("issues contains null at index " + index);
      }
      if (!keys.add(issue.key())) {
        throw new IllegalArgumentException(
            "issues contains the key " + issue.key() + " more than once; give each issue once");
      }
      if (scope.includes(issue)) {
        selected.add(issue);
      }
      index++;
    }
    return selected;
  }

  private static void requireOrdered(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to " + to + " must not be before from " + from);
    }
  }

  private static Instant startOfDay(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
