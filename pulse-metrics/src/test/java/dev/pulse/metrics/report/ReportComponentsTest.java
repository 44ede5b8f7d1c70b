package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static dev.pulse.metrics.report.ReportFixtures.deploy;
import static dev.pulse.metrics.report.ReportFixtures.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.metrics.dora.Window;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.PullRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Teams owning monorepo components: their pull requests by component, deployments shared. */
final class ReportComponentsTest {
  private static final Window WEEK = new Window(day(0), day(7));

  private static final TeamMapping TEAMS =
      TeamMapping.builder()
          .component("payments", "mono", "payments")
          .component("search", "mono", "search")
          .repository("platform", "mono")
          .component("search", "mono", "shared-ui", null, day(3))
          .component("web", "mono", "shared-ui", day(3), null)
          .build();

  private static PullRequest pr(long number, double mergedDay, String... components) {
    return merged("mono", number, day(mergedDay), "abc" + number + "0000", Set.of(), false)
        .toBuilder()
        .components(List.of(components))
        .build();
  }

  private static ReportFixtures.Data data() {
    ReportFixtures.Data data = new ReportFixtures.Data();
    data.deployments.add(deploy("mono", "production", "0", day(-1), DeploymentResult.SUCCESS));
    data.pullRequests.add(pr(1, 1, "payments"));
    data.pullRequests.add(pr(2, 1.5, "search"));
    data.pullRequests.add(pr(3, 2, "payments", "search"));
    data.pullRequests.add(pr(4, 2.5, "shared-ui"));
    data.deployments.add(deploy("mono", "production", "h", day(3.5), DeploymentResult.SUCCESS));
    data.pullRequests.add(pr(5, 4, "shared-ui"));
    data.pullRequests.add(pr(6, 4.5));
    data.deployments.add(deploy("mono", "production", "1", day(5), DeploymentResult.SUCCESS));
    data.deployments.add(deploy("mono", "production", "2", day(6), DeploymentResult.SUCCESS));
    return data;
  }

  @Test
  void pullRequests_belongToTheTeamsOfTheirComponents_deploymentsToEveryComponentTeam() {
    Report report =
        MetricsReport.compute(
            data().sources(), ReportOptions.builder("acme", WEEK).teams(TEAMS).build());

    assertEquals(2, report.byTeam().get("payments").leadTime().pullRequests());
    assertEquals(3, report.byTeam().get("search").leadTime().pullRequests(), "2, 3 and 4");
    assertEquals(1, report.byTeam().get("web").leadTime().pullRequests(), "5, after day 3");
    assertEquals(6, report.byTeam().get("platform").leadTime().pullRequests(), "the whole repo");
    assertEquals(6, report.dora().leadTime().pullRequests(), "each once in the organisation");
    for (String team : List.of("payments", "search", "web", "platform")) {
      assertEquals(
          3, report.byTeam().get(team).deploymentFrequency().deployments(), team + " ships");
    }
    assertEquals(3, report.dora().deploymentFrequency().deployments());
  }

  @Test
  void aTeamReport_keepsOnlyItsComponentsPullRequests() {
    Report payments =
        MetricsReport.compute(
            data().sources(),
            ReportOptions.builder("acme", WEEK).teams(TEAMS).team("payments").build());

    assertEquals(2, payments.dora().leadTime().pullRequests());
    assertEquals(3, payments.dora().deploymentFrequency().deployments());
  }

  @Test
  void teamsOfPullRequestAndComponent_honourValidity() {
    assertEquals(
        Set.of("payments", "platform", "search"),
        TEAMS.teamsOfPullRequest(pr(3, 2, "payments", "search"), day(2)));
    assertEquals(Set.of("search"), TEAMS.teamsOfComponent("mono", "shared-ui", day(2)));
    assertEquals(Set.of("web"), TEAMS.teamsOfComponent("mono", "shared-ui", day(3)));
    assertEquals(Set.of(), TEAMS.teamsOfComponent("other", "shared-ui", day(3)));
    assertEquals(Set.of("platform"), TEAMS.teamsOfRepository("mono", day(3)));
    assertEquals(Set.of("payments", "platform", "search", "web"), TEAMS.teams());
    assertThrows(
        IllegalArgumentException.class, () -> TeamMapping.builder().component("t", "mono", " "));
  }
}
