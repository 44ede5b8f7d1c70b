package dev.pulse.metrics.report;

import dev.pulse.metrics.dora.AttributedIncident;
import dev.pulse.metrics.dora.ChangeFailureRateResult;
import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraThresholds;
import dev.pulse.metrics.dora.MttrResult;
import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.FlowSummary;
import dev.pulse.metrics.flow.PullRequestSizes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The DORA and flow figures of a tenant (or one team) over a window, as computed by {@link
 * MetricsReport#compute}; {@link ReportJson#write} renders it.
 *
 * <p>Immutable and thread-safe; maps are sorted by key and unmodifiable, lists unmodifiable. The
 * result objects keep the records behind each figure where the calculators list them (lead time
 * items, reworked deployments), for drill-down.
 *
 * @param tenant the tenant
 * @param team the team, or null for the organisation
 * @param window the window of the headline figures and breakdowns
 * @param zone the time zone of days, weeks and months
 * @param weekStart the first day of a week
 * @param benchmark the DORA table levels come from
 * @param productionEnvironments the production environments, as normalized
 * @param inputs how many records each source gave and how many the report kept
 * @param dora the five DORA figures of the scope, every production environment combined
 * @param incidentRecoveryTime failed deployment recovery time from the incidents created in the
 *     window (no flaky filter)
 * @param byEnvironment the DORA figures of each production environment alone
 * @param byRepository the DORA figures of each repository with a deployment or merged pull request
 *     in the scope
 * @param byTeam the DORA figures of each team of the mapping (organisation reports only; empty for
 *     a team report)
 * @param weekly the DORA figures of each week that overlaps the window
 * @param monthly the DORA figures of each calendar month that overlaps the window
 * @param flow the flow figures of the scope's issues
 * @param flowByTeam the flow figures of each team (organisation reports only)
 * @param pullRequestSizes the size buckets of the scope's pull requests merged in the window
 * @param cumulativeFlow the cumulative flow of the scope's issues over the window
 * @param cumulativeFlowByTeam the cumulative flow of each team's issues (organisation reports only)
 * @param incidentLinks how the incidents of the window were linked to the deployments that caused
 *     them, and the change failure rate that counts those deployments as failed
 * @param sprints the figures of the sprints that finished in the window and each board's velocity
 *     (empty when the sources give no sprints)
 */
public record Report(
    String tenant,
    @Nullable String team,
    Window window,
    ZoneId zone,
    DayOfWeek weekStart,
    DoraThresholds benchmark,
    List<String> productionEnvironments,
    Inputs inputs,
    DoraFigures dora,
    MttrResult incidentRecoveryTime,
    Map<String, DoraFigures> byEnvironment,
    Map<String, DoraFigures> byRepository,
    Map<String, DoraFigures> byTeam,
    List<Period> weekly,
    List<Period> monthly,
    FlowSummary flow,
    Map<String, FlowSummary> flowByTeam,
    PullRequestSizes pullRequestSizes,
    CumulativeFlowSeries cumulativeFlow,
    Map<String, CumulativeFlowSeries> cumulativeFlowByTeam,
    IncidentLinks incidentLinks,
    SprintSection sprints) {

  /** Validates and copies the report. */
  public Report {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(weekStart, "weekStart");
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(dora, "dora");
    Objects.requireNonNull(incidentRecoveryTime, "incidentRecoveryTime");
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(pullRequestSizes, "pullRequestSizes");
    Objects.requireNonNull(cumulativeFlow, "cumulativeFlow");
    Objects.requireNonNull(incidentLinks, "incidentLinks");
    Objects.requireNonNull(sprints, "sprints");
    productionEnvironments = List.copyOf(productionEnvironments);
    byEnvironment = sorted(byEnvironment);
    byRepository = sorted(byRepository);
    byTeam = sorted(byTeam);
    weekly = List.copyOf(weekly);
    monthly = List.copyOf(monthly);
    flowByTeam = sorted(flowByTeam);
    cumulativeFlowByTeam = sorted(cumulativeFlowByTeam);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /**
   * How each incident created in the window was linked to the production deployment that caused it
   * ({@link dev.pulse.metrics.dora.IncidentAttribution}): the one it names, else the latest
   * successful production deployment of its service within {@link
   * dev.pulse.metrics.dora.DoraOptions#incidentAttributionWindow()} before it (off by default),
   * else none; and the change failure rate in which a deployment an incident is linked to counts as
   * failed besides the failed deployments themselves.
   *
   * @param named incidents naming their deployment
   * @param attributionWindow incidents linked by the attribution window
   * @param unlinked incidents linked to no deployment
   * @param changeFailureRate the incident-linked change failure rate ({@code incidentLinked} true)
   */
  public record IncidentLinks(
      int named, int attributionWindow, int unlinked, ChangeFailureRateResult changeFailureRate) {
    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public IncidentLinks {
      if (named < 0 || attributionWindow < 0 || unlinked < 0) {
        throw new IllegalArgumentException(
            "incident counts must be >= 0 but were "
                + named
                + ", "
                + attributionWindow
                + ", "
                + unlinked);
      }
      Objects.requireNonNull(changeFailureRate, "changeFailureRate");
    }

    /**
     * Counts the attributions.
     *
     * @param attributed the incidents with their attribution
     * @param changeFailureRate the incident-linked change failure rate
     * @return the links
     */
    static IncidentLinks of(
        List<AttributedIncident> attributed, ChangeFailureRateResult changeFailureRate) {
      int named = 0;
      int window = 0;
      int unlinked = 0;
      for (AttributedIncident a : attributed) {
        switch (a.attribution()) {
          case NAMED -> named++;
          case ATTRIBUTION_WINDOW -> window++;
          case NONE -> unlinked++;
        }
      }
      return new IncidentLinks(named, window, unlinked, changeFailureRate);
    }
  }

  /**
   * The DORA figures of one week or month.
   *
   * @param period the period, clipped to the report's window
   * @param partial whether the clipping cut it short (the first or last period of the window)
   * @param dora the figures over {@code period}: exactly those of a report whose window is {@code
   *     period}
   */
  public record Period(Window period, boolean partial, DoraFigures dora) {
    /** Checks that every part is present. */
    public Period {
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(dora, "dora");
    }
  }

  /**
   * How many records each source gave ({@code read}) and how many the report kept to compute from
   * ({@code kept}): the rest were outside the scope, not in production, or could not affect any
   * figure of the window.
   *
   * @param deploymentsRead deployments read
   * @param deploymentsKept production deployments of the scope
   * @param pullRequestsRead pull requests read
   * @param pullRequestsKept pull requests of the scope merged in the window or marking rework
   * @param issuesRead issues read
   * @param issuesKept issues of the scope created before the window's end and not completed before
   *     its start
   * @param incidentsRead incidents read
   * @param incidentsKept incidents of the scope created in the window
   */
  public record Inputs(
      long deploymentsRead,
      long deploymentsKept,
      long pullRequestsRead,
      long pullRequestsKept,
      long issuesRead,
      long issuesKept,
      long incidentsRead,
      long incidentsKept) {
    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a kept count is negative or above its read count
     */
    public Inputs {
      check(deploymentsRead, deploymentsKept, "deployments");
      check(pullRequestsRead, pullRequestsKept, "pullRequests");
      check(issuesRead, issuesKept, "issues");
      check(incidentsRead, incidentsKept, "incidents");
    }

    private static void check(long read, long kept, String name) {
      if (kept < 0 || kept > read) {
        throw new IllegalArgumentException(
            name + " kept must be in [0, read] but was " + kept + " of " + read);
      }
    }
  }

  /**
   * A cumulative flow diagram: how many of a scope's issues were in each normalized status at
   * regular instants of the window (rules in {@code docs/metrics.md}, "Cumulative flow").
   *
   * <p>Samples are the ends of days of the report's zone, the last one the window's last instant:
   * every day when the window spans at most 92 days, else every {@code stepDays} days back from the
   * window's end (a multiple of 7, chosen so there are at most 104 samples). Issues completed
   * before the window's start are not in the report, so {@code done} counts the issues completed
   * since then.
   *
   * @param stepDays days between two samples: 1 (daily) or a multiple of 7
   * @param samples the samples, oldest first
   * @param unknownTimeline issues whose history cannot be reconstructed: excluded from every
   *     sample, counted here
   */
  public record CumulativeFlowSeries(int stepDays, List<FlowSample> samples, int unknownTimeline) {
    /**
     * Validates and copies the series.
     *
     * @throws IllegalArgumentException if {@code stepDays} is not positive or {@code
     *     unknownTimeline} is negative
     */
    public CumulativeFlowSeries {
      samples = List.copyOf(samples);
      if (stepDays < 1) {
        throw new IllegalArgumentException("stepDays must be >= 1 but was " + stepDays);
      }
      if (unknownTimeline < 0) {
        throw new IllegalArgumentException(
            "unknownTimeline must be >= 0 but was " + unknownTimeline);
      }
    }
  }

  /**
   * The number of a scope's issues in each normalized status at one instant: created by then, with
   * the status of their last transition entered at or before it (to do before the first).
   *
   * @param day the day of the report's zone the sample ends
   * @param asOf the instant: the end of {@code day}, or the window's last instant if earlier
   * @param todo issues in to do
   * @param inProgress issues in progress
   * @param inReview issues in review
   * @param done issues done
   */
  public record FlowSample(
      LocalDate day, Instant asOf, int todo, int inProgress, int inReview, int done) {
    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public FlowSample {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(asOf, "asOf");
      if (todo < 0 || inProgress < 0 || inReview < 0 || done < 0) {
        throw new IllegalArgumentException(
            "counts must be >= 0 but were "
                + todo
                + ", "
                + inProgress
                + ", "
                + inReview
                + ", "
                + done);
      }
    }
  }
}
