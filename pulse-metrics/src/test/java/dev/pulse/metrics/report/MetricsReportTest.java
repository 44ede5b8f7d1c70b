package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static dev.pulse.metrics.report.ReportFixtures.deploy;
import static dev.pulse.metrics.report.ReportFixtures.hour;
import static dev.pulse.metrics.report.ReportFixtures.issue;
import static dev.pulse.metrics.report.ReportFixtures.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Linkage;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.DeploymentResult;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class MetricsReportTest {
  private static final DeploymentResult OK = DeploymentResult.SUCCESS;
  private static final DeploymentResult FAIL = DeploymentResult.FAILURE;
  private static final String SHA = "a".repeat(40);

  private static DoraOptions twoRegions() {
    return DoraOptions.builder()
        .productionEnvironments(List.of("prod-eu", "prod-us"))
        .minSample(1)
        .build();
  }

  @Test
  void environments_eachAloneAndCombinedWithoutDoubleCounting() {
    ReportFixtures.Data data = new ReportFixtures.Data();
    // both regions deployed once before (so the pull request is not before the first seen), then
    // one change shipped to both on day 0: EU at 10:00, US at 12:00
    data.deployments.add(deploy("api", "prod-eu", "0e", hour(1), OK));
    data.deployments.add(deploy("api", "prod-us", "0u", hour(2), OK));
    data.pullRequests.add(merged("api", 1, hour(9), SHA, Set.of(), false));
    data.deployments.add(deploy("api", "prod-eu", "1", hour(10), OK, SHA, "main"));
    data.deployments.add(deploy("api", "prod-us", "2", hour(12), OK, SHA, "main"));
    // day 1: EU fails at 01:00; a US success at 02:00 does not restore EU; EU restores at 05:00
    data.deployments.add(deploy("api", "prod-eu", "3", hour(25), FAIL));
    data.deployments.add(deploy("api", "prod-us", "4", hour(26), OK));
    data.deployments.add(deploy("api", "prod-eu", "5", hour(29), OK));
    data.deployments.add(deploy("api", "staging", "6", hour(30), OK));
    Report report =
        MetricsReport.compute(
            data.sources(),
            ReportOptions.builder("acme", new Window(day(0), day(7))).dora(twoRegions()).build());

    DoraFigures all = report.dora();
    assertEquals(6, all.deploymentFrequency().deployments());
    // six deployments on two dates, not 2 + 2 dates
    assertEquals(2, all.deploymentFrequency().deployDays());
    // the pull request counts once, shipped by the first region to get it
    assertEquals(1, all.leadTime().pullRequests());
    assertEquals(Map.of(Linkage.COMMIT_SHA, 1), all.leadTime().byLinkage());
    assertEquals(Duration.ofHours(1), all.leadTime().deploy().median());
    assertEquals(1, all.recoveryTime().resolved(), all.recoveryTime()::toString);
    assertEquals(Duration.ofHours(4), all.recoveryTime().median());
    assertEquals(7, all.changeFailureRate().total());

    DoraFigures eu = report.byEnvironment().get("prod-eu");
    DoraFigures us = report.byEnvironment().get("prod-us");
    assertEquals(3, eu.deploymentFrequency().deployments());
    assertEquals(3, us.deploymentFrequency().deployments());
    assertEquals(Duration.ofHours(1), eu.leadTime().deploy().median());
    assertEquals(Duration.ofHours(3), us.leadTime().deploy().median());
    assertEquals(1, eu.recoveryTime().resolved());
    assertEquals(0, us.recoveryTime().resolved() + us.recoveryTime().open());
    // staging is read but never kept
    assertEquals(8, report.inputs().deploymentsRead());
    assertEquals(7, report.inputs().deploymentsKept());
  }

  @Test
  void teams_aRepositoryOfTwoTeamsCountsOnceInTheOrganisation() {
    TeamMapping teams =
        TeamMapping.builder()
            .repository("alpha", "shared")
            .repository("beta", "shared")
            .repository("alpha", "solo")
            .project("alpha", "SH")
            .project("beta", "SH")
            .build();
    ReportFixtures.Data data = new ReportFixtures.Data();
    for (int i = 0; i < 3; i++) {
      data.deployments.add(deploy("shared", "production", "s" + i, day(i + 0.5), OK));
    }
    for (int i = 0; i < 2; i++) {
      data.deployments.add(deploy("solo", "production", "o" + i, day(i + 0.5), OK));
    }
    data.issues.add(issue("SH-1", day(0), day(0.5), day(1)));
    data.issues.add(issue("SH-2", day(0), day(0.5), day(2)));
    Report report =
        MetricsReport.compute(
            data.sources(),
            ReportOptions.builder("acme", new Window(day(0), day(7))).teams(teams).build());

    assertEquals(3, report.byTeam().get("beta").deploymentFrequency().deployments());
    assertEquals(5, report.byTeam().get("alpha").deploymentFrequency().deployments());
    // 3 + 5 by team, but each deployment once in the organisation
    assertEquals(5, report.dora().deploymentFrequency().deployments());
    assertEquals(2, report.flow().leadTime().items().size());
    assertEquals(2, report.flowByTeam().get("alpha").leadTime().items().size());
    assertEquals(2, report.flowByTeam().get("beta").leadTime().items().size());
    assertEquals(Set.of("shared", "solo"), report.byRepository().keySet());
  }

  @Test
  void teams_ownershipChangeDoesNotRewriteHistory() {
    TeamMapping teams =
        TeamMapping.builder()
            .repository("alpha", "api", null, day(10))
            .repository("beta", "api", day(10), null)
            .build();
    ReportFixtures.Data data = new ReportFixtures.Data();
    data.deployments.add(deploy("api", "production", "1", day(5), OK));
    data.deployments.add(deploy("api", "production", "2", day(15), OK));
    data.deployments.add(deploy("api", "production", "3", day(16), OK));
    Window window = new Window(day(0), day(21));
    Report org =
        MetricsReport.compute(
            data.sources(), ReportOptions.builder("acme", window).teams(teams).build());
    assertEquals(1, org.byTeam().get("alpha").deploymentFrequency().deployments());
    assertEquals(2, org.byTeam().get("beta").deploymentFrequency().deployments());
    Report alpha =
        MetricsReport.compute(
            data.sources(),
            ReportOptions.builder("acme", window).teams(teams).team("alpha").build());
    assertEquals("alpha", alpha.team());
    assertEquals(1, alpha.dora().deploymentFrequency().deployments());
    assertEquals(Map.of(), alpha.byTeam());
    assertEquals(Set.of("alpha"), teams.teamsOfRepository("api", day(9)));
    assertEquals(Set.of("beta"), teams.teamsOfRepository("api", day(10)));
  }

  @Test
  void trends_eachPeriodIsExactlyTheReportOfThatPeriodAlone() {
    ReportFixtures.Data data = ReportFixtures.random(11, 120);
    Window window = new Window(day(9.5), day(80));
    ReportOptions.Builder options =
        ReportOptions.builder("acme", window).dora(twoRegions().toBuilder().minSample(2).build());
    Report report = MetricsReport.compute(data.sources(), options.build());
    assertEquals(11, report.weekly().size());
    assertTrue(report.weekly().get(0).partial());
    assertFalse(report.weekly().get(1).partial());
    assertTrue(report.weekly().get(10).partial());
    assertEquals(3, report.monthly().size());
    for (Report.Period period : concat(report.weekly(), report.monthly())) {
      Report alone =
          MetricsReport.compute(
              data.sources(),
              ReportOptions.builder("acme", period.period()).dora(options.build().dora()).build());
      assertEquals(alone.dora(), period.dora(), () -> "period " + period.period());
    }
  }

  @Test
  void slidingWindows_figuresDependOnlyOnTheRecordsInside() {
    ReportFixtures.Data data = ReportFixtures.random(5, 120);
    DoraOptions dora = twoRegions().toBuilder().minSample(2).build();
    Map<Instant, DoraFigures> seen = new java.util.HashMap<>();
    int compared = 0;
    for (double start = 7; start <= 35; start += 3.5) {
      Report report =
          MetricsReport.compute(
              data.sources(),
              ReportOptions.builder("acme", new Window(day(start), day(start + 42)))
                  .dora(dora)
                  .build());
      for (Report.Period week : report.weekly()) {
        if (week.partial()) {
          continue;
        }
        DoraFigures earlier = seen.putIfAbsent(week.period().start(), week.dora());
        if (earlier != null) {
          assertEquals(earlier, week.dora(), () -> "week " + week.period());
          compared++;
        }
      }
    }
    assertTrue(compared > 20, "compared " + compared);
  }

  @Test
  void streamedSources_giveTheReportOfTheLists() {
    ReportFixtures.Data data = ReportFixtures.random(3, 60);
    ReportOptions options =
        ReportOptions.builder("acme", new Window(day(14), day(42))).dora(twoRegions()).build();
    Report fromLists = MetricsReport.compute(data.sources(), options);
    Report fromStreams =
        MetricsReport.compute(
            ReportSources.of(
                    data.deployments.stream(),
                    data.pullRequests.stream(),
                    data.issues.stream(),
                    data.incidents.stream())
                .withSprints(data.sprints),
            options);
    assertEquals(ReportJson.write(fromLists), ReportJson.write(fromStreams));
    assertFalse(fromStreams.sprints().sprints().isEmpty(), "the sprints are in both reports");
    Report.Inputs in = fromStreams.inputs();
    assertEquals(data.deployments.size(), in.deploymentsRead());
    assertEquals(data.issues.size(), in.issuesRead());
    assertTrue(in.pullRequestsKept() < in.pullRequestsRead());
    assertTrue(in.issuesKept() < in.issuesRead());
    assertTrue(in.incidentsKept() < in.incidentsRead());
  }

  @Test
  void calendar_zoneAndWeekStartAreOptions() {
    ZoneId newYork = ZoneId.of("America/New_York");
    ReportFixtures.Data data = new ReportFixtures.Data();
    // Tuesday 03:00 UTC is Monday 22:00 in New York (EST, UTC-5)
    data.deployments.add(
        deploy("api", "production", "1", Instant.parse("2026-03-03T03:00:00Z"), OK));
    data.deployments.add(
        deploy("api", "production", "2", Instant.parse("2026-03-02T15:00:00Z"), OK));
    data.issues.add(issue("API-1", day(-3), day(-2), Instant.parse("2026-03-08T03:00:00Z")));
    Window window =
        new Window(Instant.parse("2026-03-01T05:00:00Z"), Instant.parse("2026-03-29T04:00:00Z"));
    Report report =
        MetricsReport.compute(
            data.sources(),
            ReportOptions.builder("acme", window)
                .zone(newYork)
                .weekStart(DayOfWeek.SUNDAY)
                .build());
    assertEquals(1, report.dora().deploymentFrequency().deployDays());
    assertEquals(4, report.weekly().size());
    // Sunday 1 March 00:00 EST; 8 March is the day DST starts, so that week is an hour shorter
    assertEquals(Instant.parse("2026-03-01T05:00:00Z"), report.weekly().get(0).period().start());
    assertEquals(Instant.parse("2026-03-08T05:00:00Z"), report.weekly().get(1).period().start());
    assertEquals(Instant.parse("2026-03-15T04:00:00Z"), report.weekly().get(2).period().start());
    assertFalse(report.weekly().get(0).partial());
    // the issue completed at 7 March 22:00 in New York: the first week (from Sunday 1 March)
    assertEquals(LocalDate.of(2026, 3, 1), report.flow().throughput().get(0).weekStart());
    assertEquals(1, report.flow().throughput().get(0).completed());
    assertEquals(newYork, report.zone());
  }

  @Test
  void options_rejectBadValuesNamingThem() {
    Window window = new Window(day(0), day(7));
    IllegalArgumentException blank =
        assertThrows(IllegalArgumentException.class, () -> ReportOptions.builder(" ", window));
    assertTrue(blank.getMessage().contains("tenant"), blank.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReportOptions.builder("acme", window).team("gamma").build());
    assertTrue(unknown.getMessage().contains("'gamma'"), unknown.getMessage());
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> DoraOptions.builder().productionEnvironments(List.of()));
    assertTrue(empty.getMessage().contains("productionEnvironments"), empty.getMessage());
    IllegalArgumentException reversed =
        assertThrows(
            IllegalArgumentException.class,
            () -> TeamMapping.builder().repository("alpha", "api", day(2), day(1)));
    assertTrue(reversed.getMessage().contains("until"), reversed.getMessage());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
