package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static dev.pulse.metrics.report.ReportFixtures.deploy;
import static dev.pulse.metrics.report.ReportFixtures.hour;
import static dev.pulse.metrics.report.ReportFixtures.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraMetric;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DrillDownRecord;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.DeploymentResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class DrillDownTest {
  private static final DeploymentResult OK = DeploymentResult.SUCCESS;
  private static final DeploymentResult FAIL = DeploymentResult.FAILURE;

  private static List<DrillDownRecord> of(List<DrillDownRecord> all, DoraMetric metric) {
    return all.stream().filter(r -> r.metric() == metric).toList();
  }

  private static Map<String, Long> rules(List<DrillDownRecord> records) {
    return records.stream()
        .collect(Collectors.groupingBy(DrillDownRecord::rule, Collectors.counting()));
  }

  @Test
  void drillDown_listsEachRecordWithItsRuleAndAddsUpToTheFigures() {
    String sha = "b".repeat(40);
    ReportFixtures.Data data = new ReportFixtures.Data();
    data.deployments.add(deploy("api", "production", "1", hour(1), OK, "c".repeat(40), "main"));
    data.pullRequests.add(merged("api", 7, hour(2), sha, Set.of(), false));
    data.deployments.add(deploy("api", "production", "2", hour(3), OK, sha, "main"));
    data.deployments.add(deploy("api", "production", "3", hour(5), FAIL));
    data.deployments.add(deploy("api", "production", "4", hour(5.5), FAIL));
    data.deployments.add(deploy("api", "production", "5", hour(6), OK, "c".repeat(40), "main"));
    data.pullRequests.add(merged("api", 8, hour(30), null, Set.of(), false));
    ReportOptions options =
        ReportOptions.builder("acme", new Window(day(0), day(7)))
            .dora(DoraOptions.builder().minSample(1).build())
            .build();
    List<DrillDownRecord> all = MetricsReport.drillDown(data.sources(), options);
    DoraFigures figures = MetricsReport.compute(data.sources(), options).dora();

    assertEquals(
        figures.deploymentFrequency().deployments(),
        of(all, DoraMetric.DEPLOYMENT_FREQUENCY).size());
    assertEquals(
        Map.of("FAILED", 2L, "SUCCEEDED", 3L), rules(of(all, DoraMetric.CHANGE_FAILURE_RATE)));
    // #7 shipped by build 2 through its merge SHA; #8 merged after the last deployment
    List<DrillDownRecord> lead = of(all, DoraMetric.LEAD_TIME);
    assertEquals(
        List.of("7 COMMIT_SHA 2", "8 NOT_DEPLOYED null"),
        lead.stream().map(r -> r.id() + " " + r.rule() + " " + r.related()).toList());
    // build 3 anchors the incident and is restored by build 5; build 4 is superseded by build 3
    assertEquals(
        List.of("3 RESOLVED 5", "4 SUPERSEDED 3"),
        of(all, DoraMetric.RECOVERY_TIME).stream()
            .map(r -> r.id() + " " + r.rule() + " " + r.related())
            .toList());
    assertEquals(figures.recoveryTime().resolved(), 1);
    // build 5 redeploys build 1's SHA one hour after a failure: a rollback and after-failure
    assertEquals(
        List.of("5 ROLLBACK+AFTER_FAILURE"),
        of(all, DoraMetric.REWORK_RATE).stream().map(r -> r.id() + " " + r.rule()).toList());
    assertEquals(figures.reworkRate().rework(), of(all, DoraMetric.REWORK_RATE).size());

    List<Object> json = MiniJson.arr(MiniJson.parse(ReportJson.writeDrillDown(all)));
    assertEquals(all.size(), json.size());
    Map<String, Object> first = MiniJson.obj(json.get(0));
    assertEquals(
        List.of("metric", "kind", "repository", "environment", "id", "at", "rule", "related"),
        List.copyOf(first.keySet()));
    assertEquals("DEPLOYMENT_FREQUENCY", first.get("metric"));
  }
}
