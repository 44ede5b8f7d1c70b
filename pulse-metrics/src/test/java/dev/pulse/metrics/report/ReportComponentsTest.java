package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static dev.pulse.metrics.report.ReportFixtures.deploy;
import static dev.pulse.metrics.report.ReportFixtures.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.metrics.dora.DoraFigures;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.PullRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Teams owning monorepo components: their pull requests by component; deployments shared unless
 * they name the components they changed.
 */
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

  /** Teams of one monorepo: two components' teams and the whole repository's, without periods. */
  private static final TeamMapping SPLIT_TEAMS =
      TeamMapping.builder()
          .component("payments", "mono", "payments")
          .component("search", "mono", "search")
          .repository("platform", "mono")
          .build();

  private static Deployment changed(
      String build, double finishedDay, DeploymentResult result, String... components) {
    return deploy("mono", "production", build, day(finishedDay), result).toBuilder()
        .components(List.of(components))
        .build();
  }

  /** A deployment of the monorepo that does not know which components it changed. */
  private static Deployment unclassified(String build, double finishedDay) {
    return deploy("mono", "production", build, day(finishedDay), DeploymentResult.SUCCESS);
  }

  /**
   * Six deployments of the monorepo: d1 changed payments; d2 changed search and failed; d3, two
   * hours later, changed payments only and recovered the repository; d4 does not know what it
   * changed; d5 changed both.
   */
  private static ReportFixtures.Data splitData() {
    ReportFixtures.Data data = new ReportFixtures.Data();
    data.deployments.add(unclassified("d0", -1));
    data.deployments.add(changed("d1", 1, DeploymentResult.SUCCESS, "payments"));
    data.deployments.add(changed("d2", 2, DeploymentResult.FAILURE, "search"));
    data.deployments.add(changed("d3", 2 + 2.0 / 24, DeploymentResult.SUCCESS, "payments"));
    data.deployments.add(unclassified("d4", 4));
    data.deployments.add(changed("d5", 5, DeploymentResult.SUCCESS, "search", "payments"));
    return data;
  }

  private static ReportOptions.Builder splitOptions() {
    return ReportOptions.builder("acme", WEEK)
        .teams(SPLIT_TEAMS)
        .dora(DoraOptions.builder().minSample(1).build());
  }

  @Test
  void deploymentsNamingComponents_belongToThoseComponentsTeamsAndTheRepositorysOnly() {
    Report report = MetricsReport.compute(splitData().sources(), splitOptions().build());

    // in the week: successes d1, d3, d4, d5 and the failure d2, each once in the organisation
    assertEquals(4, report.dora().deploymentFrequency().deployments());
    assertEquals(1, report.dora().changeFailureRate().failed());
    assertEquals(5, report.dora().changeFailureRate().total());
    DoraFigures platform = report.byTeam().get("platform");
    assertEquals(4, platform.deploymentFrequency().deployments(), "the whole repository");
    assertEquals(5, platform.changeFailureRate().total());
    DoraFigures payments = report.byTeam().get("payments");
    assertEquals(4, payments.deploymentFrequency().deployments(), "d1, d3, d4 (unknown), d5");
    assertEquals(0, payments.changeFailureRate().failed(), "d2 changed search only");
    assertEquals(4, payments.changeFailureRate().total());
    assertEquals(0, payments.recoveryTime().resolved());
    DoraFigures search = report.byTeam().get("search");
    assertEquals(2, search.deploymentFrequency().deployments(), "d4 (unknown) and d5");
    assertEquals(1, search.changeFailureRate().failed());
    assertEquals(3, search.changeFailureRate().total(), "d2, d4, d5");
    // d2 recovered when the repository did (d3, two hours later), not at search's next deployment
    assertEquals(1, search.recoveryTime().resolved());
    assertEquals(Duration.ofHours(2), search.recoveryTime().median());
    assertEquals(Duration.ofHours(2), report.dora().recoveryTime().median());
  }

  @Test
  void aDeploymentThatChangedNoComponent_countsForTheRepositorysOwnersOnly() {
    ReportFixtures.Data data = splitData();
    // changed files outside every component (README, build files): known, and none
    data.deployments.add(changed("d6", 5.5, DeploymentResult.SUCCESS));
    data.deployments.add(changed("d7", 6, DeploymentResult.FAILURE));
    Report report = MetricsReport.compute(data.sources(), splitOptions().build());

    assertEquals(5, report.dora().deploymentFrequency().deployments(), "d1, d3, d4, d5, d6");
    assertEquals(7, report.dora().changeFailureRate().total());
    assertEquals(5, report.byTeam().get("platform").deploymentFrequency().deployments());
    assertEquals(2, report.byTeam().get("platform").changeFailureRate().failed(), "d2, d7");
    DoraFigures payments = report.byTeam().get("payments");
    assertEquals(4, payments.deploymentFrequency().deployments(), "as without d6: d1, d3, d4, d5");
    assertEquals(0, payments.changeFailureRate().failed(), "d7 changed no component");
    DoraFigures search = report.byTeam().get("search");
    assertEquals(2, search.deploymentFrequency().deployments(), "d4 and d5, not d6");
    assertEquals(1, search.changeFailureRate().failed(), "d2 only");
  }

  @Test
  void aTeamReport_ofAComponent_seesTheDeploymentsThatChangedItWithTheRepositorysRecovery() {
    Report search =
        MetricsReport.compute(splitData().sources(), splitOptions().team("search").build());

    assertEquals(2, search.dora().deploymentFrequency().deployments());
    assertEquals(1, search.dora().changeFailureRate().failed());
    assertEquals(3, search.dora().changeFailureRate().total());
    assertEquals(Duration.ofHours(2), search.dora().recoveryTime().median());
    assertEquals(search.dora(), report().byTeam().get("search"));
  }

  private static Report report() {
    return MetricsReport.compute(splitData().sources(), splitOptions().build());
  }

  @Test
  void deploymentsNamingAComponentThatChangedOwner_goToTheOwnerAtTheirTime() {
    ReportFixtures.Data data = new ReportFixtures.Data();
    data.deployments.add(changed("u", 2, DeploymentResult.SUCCESS, "shared-ui"));
    data.deployments.add(changed("v", 4, DeploymentResult.SUCCESS, "shared-ui"));
    data.deployments.add(changed("w", 5, DeploymentResult.SUCCESS, "payments"));
    Report report =
        MetricsReport.compute(
            data.sources(), ReportOptions.builder("acme", WEEK).teams(TEAMS).build());

    assertEquals(1, report.byTeam().get("search").deploymentFrequency().deployments(), "u");
    assertEquals(1, report.byTeam().get("web").deploymentFrequency().deployments(), "v");
    assertEquals(1, report.byTeam().get("payments").deploymentFrequency().deployments(), "w");
    assertEquals(3, report.byTeam().get("platform").deploymentFrequency().deployments());
    assertEquals(3, report.dora().deploymentFrequency().deployments());
  }

  @Test
  void teamsOfDeployment_namedComponentsAndTheRepository_orEveryOwnerWhenUnknown() {
    assertEquals(
        Set.of("payments", "platform"),
        SPLIT_TEAMS.teamsOfDeployment(
            changed("x", 1, DeploymentResult.SUCCESS, "payments"), day(1)));
    assertEquals(
        Set.of("payments", "platform", "search"),
        SPLIT_TEAMS.teamsOfDeployment(unclassified("y", 1), day(1)));
    assertEquals(
        Set.of("platform"),
        SPLIT_TEAMS.teamsOfDeployment(changed("n", 1, DeploymentResult.SUCCESS), day(1)),
        "changed files in no component: the whole repository's owners only");
    assertEquals(
        Set.of("platform"),
        SPLIT_TEAMS.teamsOfDeployment(changed("z", 1, DeploymentResult.SUCCESS, "docs"), day(1)),
        "a component no team owns");
    // a component changing owner on day 3: each deployment goes with the owner at its own time
    assertEquals(
        Set.of("platform", "search"),
        TEAMS.teamsOfDeployment(changed("u", 2, DeploymentResult.SUCCESS, "shared-ui"), day(2)));
    assertEquals(
        Set.of("platform", "web"),
        TEAMS.teamsOfDeployment(changed("v", 4, DeploymentResult.SUCCESS, "shared-ui"), day(4)));
  }
}
