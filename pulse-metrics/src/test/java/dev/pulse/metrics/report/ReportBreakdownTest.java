package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The organisation report's figures per team and per repository against reports of that team or
 * repository alone, on random records: the breakdowns reuse the organisation's pairing and one pass
 * over the issues, and must give exactly what a report of the part alone gives.
 */
final class ReportBreakdownTest {
  private static final DoraOptions REGIONS =
      DoraOptions.builder()
          .productionEnvironments(List.of("prod-eu", "prod-us"))
          .hotfixLabels(List.of("hotfix"))
          .minSample(1)
          .build();

  @Test
  void teamsAndRepositories_equalTheReportOfEachAlone() {
    TeamMapping teams =
        TeamMapping.builder()
            .repository("both", "api")
            .repository("both", "web")
            .project("both", "API")
            .project("both", "WEB")
            .repository("api-team", "api")
            .project("api-team", "API")
            // owned for a period only: its records are assigned one by one
            .repository("web-later", "web", day(15), null)
            .project("web-later", "WEB", day(10), day(30))
            .project("projects-only", "API")
            .build();
    for (long seed = 1; seed <= 12; seed++) {
      ReportFixtures.Data data = ReportFixtures.random(seed, 40);
      Window window = new Window(day(3), day(33 + (double) (seed % 3)));
      Report org =
          MetricsReport.compute(
              data.sources(),
              ReportOptions.builder("acme", window).dora(REGIONS).teams(teams).build());

      assertEquals(teams.teams(), org.byTeam().keySet());
      for (String team : teams.teams()) {
        Report alone =
            MetricsReport.compute(
                data.sources(),
                ReportOptions.builder("acme", window)
                    .dora(REGIONS)
                    .teams(teams)
                    .team(team)
                    .build());
        assertEquals(alone.dora(), org.byTeam().get(team), "seed " + seed + ", team " + team);
        assertEquals(alone.flow(), org.flowByTeam().get(team), "seed " + seed + ", team " + team);
        assertEquals(
            alone.cumulativeFlow(),
            org.cumulativeFlowByTeam().get(team),
            "seed " + seed + ", team " + team);
      }
      assertTrue(org.byRepository().keySet().containsAll(List.of("api", "web")));
      for (String repository : org.byRepository().keySet()) {
        Report alone =
            MetricsReport.compute(
                data.sources(),
                ReportOptions.builder("acme", window)
                    .dora(REGIONS)
                    .teams(TeamMapping.builder().repository("solo", repository).build())
                    .team("solo")
                    .build());
        assertEquals(
            alone.dora(),
            org.byRepository().get(repository),
            "seed " + seed + ", repository " + repository);
      }
    }
  }

  /**
   * The flow figures of each team of an organisation report (issues grouped once, a project's
   * owners looked up once when they hold throughout) equal those of the team's own report (each
   * issue checked alone), with teams owning project components, for a period or throughout, and a
   * project owned for a period.
   */
  @Test
  void flowOfEachTeam_equalsTheTeamsOwnReport_withProjectComponents() {
    TeamMapping teams =
        TeamMapping.builder()
            .project("core", "API")
            .project("core", "WEB")
            .projectComponent("payments", "API", "billing")
            .projectComponent("core", "API", "billing")
            .projectComponent("search", "WEB", "search", day(12), day(25))
            .project("web-later", "WEB", day(10), day(30))
            .build();
    for (long seed = 1; seed <= 8; seed++) {
      ReportFixtures.Data data = ReportFixtures.random(seed, 40);
      java.util.Random random = new java.util.Random(seed);
      for (int i = 0; i < data.issues.size(); i++) {
        int roll = random.nextInt(4);
        List<String> components =
            roll == 0 ? List.of("billing") : roll == 1 ? List.of("billing", "search") : List.of();
        data.issues.set(i, data.issues.get(i).toBuilder().components(components).build());
      }
      Window window = new Window(day(3), day(33));
      Report org =
          MetricsReport.compute(
              data.sources(), ReportOptions.builder("acme", window).teams(teams).build());
      for (String team : teams.teams()) {
        Report alone =
            MetricsReport.compute(
                data.sources(),
                ReportOptions.builder("acme", window).teams(teams).team(team).build());
        assertEquals(alone.flow(), org.flowByTeam().get(team), "seed " + seed + ", team " + team);
        assertEquals(
            alone.cumulativeFlow(),
            org.cumulativeFlowByTeam().get(team),
            "seed " + seed + ", team " + team);
      }
      assertTrue(org.flowByTeam().get("payments").issues() > 0, "seed " + seed);
    }
  }
}
