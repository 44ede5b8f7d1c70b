package dev.pulse.metrics.report;

import dev.pulse.metrics.dora.ChangeFailureRateResult;
import dev.pulse.metrics.dora.DeploymentFrequencyResult;
import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DrillDownRecord;
import dev.pulse.metrics.dora.DurationSummary;
import dev.pulse.metrics.dora.LeadTimeResult;
import dev.pulse.metrics.dora.Linkage;
import dev.pulse.metrics.dora.MttrResult;
import dev.pulse.metrics.dora.ReworkRateResult;
import dev.pulse.metrics.dora.ReworkRule;
import dev.pulse.metrics.dora.Window;
import dev.pulse.metrics.flow.BoardVelocity;
import dev.pulse.metrics.flow.FlowEfficiency;
import dev.pulse.metrics.flow.FlowPercentiles;
import dev.pulse.metrics.flow.FlowSummary;
import dev.pulse.metrics.flow.FlowTimes;
import dev.pulse.metrics.flow.PullRequestSize;
import dev.pulse.metrics.flow.PullRequestSizes;
import dev.pulse.metrics.flow.ScatterPoint;
import dev.pulse.metrics.flow.SprintFigures;
import dev.pulse.metrics.flow.SprintOutcome;
import dev.pulse.metrics.flow.WipCount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a {@link Report} as JSON, in the layout of the JSON Schema {@link #SCHEMA_RESOURCE}
 * shipped in this jar (and in {@code docs/report.schema.json}).
 *
 * <p>Conventions: instants are ISO-8601 strings in UTC, durations are seconds as JSON numbers,
 * rates are unrounded fractions in {@code [0, 1]}, levels and rules are the enum constant names,
 * and a figure without data is {@code null}. Maps are written with sorted keys, so equal reports
 * render byte for byte the same. The output is compact (no whitespace). Drill-down lists (lead time
 * items, reworked deployments) are not rendered: they stay on the {@link Report}. Stateless and
 * thread-safe.
 */
public final class ReportJson {
  /** The class-path resource of the JSON Schema (draft 2020-12) the output follows. */
  public static final String SCHEMA_RESOURCE = "/dev/pulse/metrics/report/report.schema.json";

  /** The version of the layout, written as {@code schemaVersion}; bumped on incompatible change. */
  public static final int SCHEMA_VERSION = 1;

  private ReportJson() {}

  /**
   * Renders a report.
   *
   * @param report the report
   * @return compact JSON, one object
   */
  public static String write(Report report) {
    Objects.requireNonNull(report, "report");
    StringBuilder out = new StringBuilder(4096);
    JsonWriter w = new JsonWriter(out);
    w.beginObject();
    w.name("schemaVersion").value(SCHEMA_VERSION);
    w.name("tenant").value(report.tenant());
    w.name("team").value(report.team());
    w.name("window");
    window(w, report.window());
    w.name("zone").value(report.zone().getId());
    w.name("weekStart").value(report.weekStart());
    w.name("benchmark").value(report.benchmark());
    w.name("productionEnvironments").beginArray();
    report.productionEnvironments().forEach(w::value);
    w.endArray();
    Report.Inputs in = report.inputs();
    w.name("inputs").beginObject();
    count(w, "deployments", in.deploymentsRead(), in.deploymentsKept());
    count(w, "pullRequests", in.pullRequestsRead(), in.pullRequestsKept());
    count(w, "issues", in.issuesRead(), in.issuesKept());
    count(w, "incidents", in.incidentsRead(), in.incidentsKept());
    w.endObject();
    w.name("dora");
    dora(w, report.dora());
    w.name("incidentRecoveryTime");
    recovery(w, report.incidentRecoveryTime());
    Report.IncidentLinks links = report.incidentLinks();
    w.name("incidentLinks").beginObject();
    w.name("named").value(links.named());
    w.name("attributionWindow").value(links.attributionWindow());
    w.name("unlinked").value(links.unlinked());
    changeFailureRate(w, links.changeFailureRate());
    w.endObject();
    doraMap(w, "byEnvironment", report.byEnvironment());
    doraMap(w, "byRepository", report.byRepository());
    doraMap(w, "byTeam", report.byTeam());
    w.name("trends").beginObject();
    w.name("weekly");
    periods(w, report.weekly());
    w.name("monthly");
    periods(w, report.monthly());
    w.endObject();
    w.name("flow");
    flow(w, report.flow());
    w.name("flowByTeam").beginObject();
    for (Map.Entry<String, FlowSummary> e : report.flowByTeam().entrySet()) {
      w.name(e.getKey());
      flow(w, e.getValue());
    }
    w.endObject();
    PullRequestSizes sizes = report.pullRequestSizes();
    w.name("pullRequestSizes").beginObject();
    for (PullRequestSize size : PullRequestSize.values()) {
      w.name(size.name()).value(sizes.counts().getOrDefault(size, 0));
    }
    w.name("unsized").value(sizes.unsized());
    w.endObject();
    w.name("cumulativeFlow");
    cumulativeFlow(w, report.cumulativeFlow());
    w.name("cumulativeFlowByTeam").beginObject();
    for (Map.Entry<String, Report.CumulativeFlowSeries> e :
        report.cumulativeFlowByTeam().entrySet()) {
      w.name(e.getKey());
      cumulativeFlow(w, e.getValue());
    }
    w.endObject();
    w.name("sprints");
    sprints(w, report.sprints());
    w.endObject();
    return out.toString();
  }

  private static void sprints(JsonWriter w, SprintSection section) {
    w.beginObject();
    w.name("read").value(section.sprintsRead());
    w.name("issuesInSprints").value(section.issuesInSprints());
    w.name("sprints").beginArray();
    for (SprintOutcome o : section.sprints()) {
      SprintFigures f = o.figures();
      w.beginObject();
      w.name("sprintId").value(o.sprintId());
      w.name("boardId").value(o.boardId());
      w.name("name").value(o.name());
      w.name("start").value(o.start());
      w.name("end").value(o.end());
      w.name("committed").value(f.committed());
      w.name("added").value(f.added());
      w.name("removed").value(f.removed());
      w.name("completed").value(f.completed());
      w.name("carried").value(f.carried());
      w.name("finalScope").value(f.finalScope());
      w.name("completionRate").value(f.completionRate());
      w.name("scopeCreep").value(f.scopeCreep());
      w.name("carryOverRate").value(f.carryOverRate());
      w.name("completedEffort").value(o.completedEffort());
      w.name("completedUnestimated").value(o.completedUnestimated());
      w.endObject();
    }
    w.endArray();
    w.name("velocityByBoard").beginObject();
    for (Map.Entry<String, BoardVelocity> e : section.velocityByBoard().entrySet()) {
      BoardVelocity v = e.getValue();
      w.name(e.getKey()).beginObject();
      w.name("sprintIds").beginArray();
      v.sprintIds().forEach(w::value);
      w.endArray();
      w.name("velocities").beginArray();
      v.velocities().forEach(w::value);
      w.endArray();
      w.name("unit").value(v.unit());
      w.name("trend").value(v.trend());
      w.endObject();
    }
    w.endObject();
    w.endObject();
  }

  /**
   * Renders drill-down records ({@link MetricsReport#drillDown}) as a JSON array of objects with
   * the fields of {@link DrillDownRecord} ({@code metric, kind, repository, environment, id, at,
   * rule, related}), in the list's order; absent values are {@code null}.
   *
   * @param records the records
   * @return compact JSON, one array
   */
  public static String writeDrillDown(List<DrillDownRecord> records) {
    Objects.requireNonNull(records, "records");
    StringBuilder out = new StringBuilder(64 + records.size() * 128);
    JsonWriter w = new JsonWriter(out);
    w.beginArray();
    for (DrillDownRecord r : records) {
      w.beginObject();
      w.name("metric").value(r.metric());
      w.name("kind").value(r.kind());
      w.name("repository").value(r.repository());
      w.name("environment").value(r.environment());
      w.name("id").value(r.id());
      w.name("at").value(r.at());
      w.name("rule").value(r.rule());
      w.name("related").value(r.related());
      w.endObject();
    }
    w.endArray();
    return out.toString();
  }

  /**
   * Returns the JSON Schema the output follows.
   *
   * @return the schema text, UTF-8 decoded
   * @throws UncheckedIOException if the resource cannot be read
   */
  public static String schema() {
    try (InputStream in = ReportJson.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing resource " + SCHEMA_RESOURCE));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void count(JsonWriter w, String name, long read, long kept) {
    w.name(name).beginObject().name("read").value(read).name("kept").value(kept).endObject();
  }

  private static void window(JsonWriter w, Window window) {
    w.beginObject().name("start").value(window.start()).name("end").value(window.end()).endObject();
  }

  private static void doraMap(JsonWriter w, String name, Map<String, DoraFigures> map) {
    w.name(name).beginObject();
    for (Map.Entry<String, DoraFigures> e : map.entrySet()) {
      w.name(e.getKey());
      dora(w, e.getValue());
    }
    w.endObject();
  }

  private static void periods(JsonWriter w, List<Report.Period> periods) {
    w.beginArray();
    for (Report.Period p : periods) {
      w.beginObject();
      w.name("start").value(p.period().start());
      w.name("end").value(p.period().end());
      w.name("partial").value(p.partial());
      w.name("dora");
      dora(w, p.dora());
      w.endObject();
    }
    w.endArray();
  }

  private static void dora(JsonWriter w, DoraFigures f) {
    w.beginObject();
    w.name("overall").value(f.overall());
    DeploymentFrequencyResult df = f.deploymentFrequency();
    w.name("deploymentFrequency").beginObject();
    w.name("deployments").value(df.deployments());
    w.name("deployDays").value(df.deployDays());
    w.name("deploymentsPerDay").value(df.deploymentsPerDay());
    w.name("deployDaysPerWeek").value(df.deployDaysPerWeek());
    w.name("medianDeployDaysPerWeek").value(df.medianDeployDaysPerWeek());
    w.name("medianDeployDaysPerMonth").value(df.medianDeployDaysPerMonth());
    w.name("level").value(df.level());
    w.name("rateLevel").value(df.rateLevel());
    w.endObject();
    LeadTimeResult lt = f.leadTime();
    w.name("leadTime").beginObject();
    w.name("pullRequests").value(lt.pullRequests());
    w.name("deployed").value(lt.deployed());
    w.name("excludedBeforeFirstDeployment").value(lt.excludedBeforeFirstDeployment());
    w.name("level").value(lt.level());
    w.name("bottleneck").value(lt.bottleneck());
    summary(w, "coding", lt.coding());
    summary(w, "pickup", lt.pickup());
    summary(w, "review", lt.review());
    summary(w, "deploy", lt.deploy());
    summary(w, "total", lt.total());
    w.name("byLinkage").beginObject();
    for (Linkage linkage : Linkage.values()) {
      w.name(linkage.name()).value(lt.byLinkage().getOrDefault(linkage, 0));
    }
    w.endObject();
    w.endObject();
    changeFailureRate(w, f.changeFailureRate());
    w.name("recoveryTime");
    recovery(w, f.recoveryTime());
    ReworkRateResult rw = f.reworkRate();
    w.name("reworkRate").beginObject();
    w.name("deployments").value(rw.deployments());
    w.name("rework").value(rw.rework());
    w.name("rate").value(rw.rate());
    w.name("byRule").beginObject();
    for (ReworkRule rule : ReworkRule.values()) {
      w.name(rule.name()).value(rw.byRule().getOrDefault(rule, 0));
    }
    w.endObject();
    w.endObject();
    w.endObject();
  }

  private static void summary(JsonWriter w, String name, DurationSummary s) {
    w.name(name).beginObject();
    w.name("count").value(s.count());
    w.name("negative").value(s.negative());
    w.name("medianSeconds").seconds(s.median());
    w.name("p75Seconds").seconds(s.p75());
    w.name("p90Seconds").seconds(s.p90());
    w.endObject();
  }

  private static void changeFailureRate(JsonWriter w, ChangeFailureRateResult cfr) {
    w.name("changeFailureRate").beginObject();
    w.name("failed").value(cfr.failed());
    w.name("total").value(cfr.total());
    w.name("rate").value(cfr.rate());
    w.name("level").value(cfr.level());
    w.name("incidentLinked").value(cfr.incidentLinked());
    w.endObject();
  }

  private static void recovery(JsonWriter w, MttrResult r) {
    w.beginObject();
    w.name("source").value(r.source());
    w.name("status").value(r.status());
    w.name("resolved").value(r.resolved());
    w.name("open").value(r.open());
    w.name("superseded").value(r.superseded());
    w.name("flakyExcluded").value(r.flakyExcluded());
    w.name("sampleSize").value(r.sampleSize());
    w.name("minSample").value(r.minSample());
    w.name("medianSeconds").seconds(r.median());
    w.name("p90Seconds").seconds(r.p90());
    w.name("level").value(r.level());
    w.endObject();
  }

  private static void flow(JsonWriter w, FlowSummary f) {
    w.beginObject();
    w.name("issues").value(f.issues());
    times(w, "cycleTime", f.cycleTime());
    times(w, "leadTime", f.leadTime());
    w.name("throughput").beginArray();
    for (FlowSummary.WeekCount week : f.throughput()) {
      w.beginObject()
          .name("weekStart")
          .value(week.weekStart().toString())
          .name("completed")
          .value(week.completed())
          .endObject();
    }
    w.endArray();
    WipCount wip = f.wipAtEnd();
    w.name("wipAtEnd").beginObject();
    w.name("asOf").value(wip.asOf());
    w.name("inProgress").value(wip.inProgress());
    w.name("inReview").value(wip.inReview());
    w.name("unknownTimeline").value(wip.unknownTimeline());
    w.endObject();
    FlowEfficiency fe = f.efficiency();
    w.name("efficiency").beginObject();
    w.name("status").value(fe.sufficient() ? "SUFFICIENT" : "INSUFFICIENT_DATA");
    w.name("issues").value(fe.issues());
    w.name("minSample").value(fe.minSample());
    w.name("excludedShort").value(fe.excludedShort());
    w.name("noStartExcluded").value(fe.noStartExcluded());
    w.name("touchSeconds").seconds(fe.touch());
    w.name("cycleSeconds").seconds(fe.cycle());
    w.name("efficiency").value(fe.efficiency());
    w.endObject();
    w.name("scatter").beginObject();
    w.name("points").value(f.scatter().size());
    w.name("outliers").beginArray();
    for (ScatterPoint point : f.scatter()) {
      if (point.outlier()) {
        w.beginObject()
            .name("issueKey")
            .value(point.issueKey())
            .name("completedAt")
            .value(point.completedAt())
            .name("leadTimeHours")
            .value(point.leadTimeHours())
            .endObject();
      }
    }
    w.endArray();
    w.endObject();
    w.endObject();
  }

  private static void cumulativeFlow(JsonWriter w, Report.CumulativeFlowSeries series) {
    w.beginObject();
    w.name("stepDays").value(series.stepDays());
    w.name("samples").beginArray();
    for (Report.FlowSample sample : series.samples()) {
      w.beginObject();
      w.name("day").value(sample.day().toString());
      w.name("asOf").value(sample.asOf());
      w.name("todo").value(sample.todo());
      w.name("inProgress").value(sample.inProgress());
      w.name("inReview").value(sample.inReview());
      w.name("done").value(sample.done());
      w.endObject();
    }
    w.endArray();
    w.name("unknownTimeline").value(series.unknownTimeline());
    w.endObject();
  }

  private static void times(JsonWriter w, String name, FlowTimes t) {
    w.name(name).beginObject();
    w.name("count").value(t.items().size());
    w.name("negativeExcluded").value(t.negativeExcluded());
    w.name("noStartExcluded").value(t.noStartExcluded());
    FlowPercentiles p = t.percentiles();
    w.name("percentilesHours");
    if (p == null) {
      w.nullValue();
    } else {
      w.beginObject()
          .name("p50")
          .value(p.p50())
          .name("p75")
          .value(p.p75())
          .name("p85")
          .value(p.p85())
          .name("p90")
          .value(p.p90())
          .name("p95")
          .value(p.p95())
          .endObject();
    }
    w.endObject();
  }
}
