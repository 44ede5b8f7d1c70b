package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.T0;
import static dev.pulse.metrics.dora.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Lead time linked by commit, branch and time; exclusion before the first deployment; drafts. */
final class LinkedLeadTimeTest {

  private static final DoraOptions OPTIONS = DoraOptions.defaults();
  private static final Window WINDOW = new Window(T0, T0.plus(Duration.ofDays(30)));

  private static Deployment deployment(
      String build, long started, long finished, @Nullable String ref, @Nullable String sha) {
    return Fixtures.deployment(
            "api", "production", build, at(started), at(finished), DeploymentResult.SUCCESS)
        .toBuilder()
        .ref(ref)
        .commitSha(sha)
        .build();
  }

  private static PullRequest.Builder merged(long number, long merged) {
    return PullRequest.builder()
        .repository("api")
        .number(number)
        .firstCommitAt(at(0))
        .createdAt(at(10))
        .firstReviewAt(at(20))
        .mergedAt(at(merged))
        .closedAt(at(merged))
        .state(PullRequestState.MERGED)
        .baseBranch("main")
        .updatedAt(at(merged));
  }

  private static Pairing pairing(Deployment... deployments) {
    return DeploymentPairer.of(OPTIONS).pair(List.of(deployments));
  }

  private static final Deployment SEEN = deployment("seen", -10, -5, "main", "0000000");

  @Test
  void pullRequestIntoMain_isNotDeployedByReleaseBranchDeployment() {
    PullRequest pr = merged(1, 100).build();
    Deployment release = deployment("release", 110, 120, "release/1.2", null);
    Deployment main = deployment("main", 200, 230, "refs/heads/main", null);

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(
                List.of(pr), pairing(SEEN, release, main), WINDOW, OPTIONS)
            .get(0);

    // the release deployment started after the merge but deployed another branch
    assertEquals(at(230), lt.deployedAt());
    assertEquals(Linkage.BRANCH, lt.linkage());
    assertEquals(Duration.ofMinutes(130), lt.deploy());
    assertEquals(Duration.ofMinutes(230), lt.total());
  }

  @Test
  void pullRequestIntoMain_onlyReleaseDeployments_isNotDeployed() {
    PullRequest pr = merged(1, 100).build();

    LeadTimeResult r =
        LeadTimeForChanges.compute(
            List.of(pr),
            pairing(SEEN, deployment("release", 110, 120, "release/1.2", null)),
            WINDOW,
            OPTIONS);

    assertEquals(1, r.pullRequests());
    assertEquals(0, r.deployed());
    assertEquals(Map.of(Linkage.NOT_DEPLOYED, 1), r.byLinkage());
    assertNull(r.level());
  }

  @Test
  void deploymentWithoutRef_linksByTime() {
    PullRequest pr = merged(1, 100).build();

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(
                List.of(pr), pairing(SEEN, deployment("d", 150, 160, null, null)), WINDOW, OPTIONS)
            .get(0);

    assertEquals(Linkage.TIME, lt.linkage());
    assertEquals(at(160), lt.deployedAt());
  }

  @Test
  void pullRequestMergedBeforeFirstSeenDeployment_isExcludedAndCounted() {
    // the first deployment seen started at 300: whether #1 (merged at 100) shipped earlier is
    // unknown. #2 merged at 400 is deployed at 500
    PullRequest old = merged(1, 100).build();
    PullRequest recent = merged(2, 400).build();
    Pairing deployments =
        pairing(
            deployment("first", 300, 310, "main", null),
            deployment("next", 450, 500, "main", null));

    LeadTimeResult r =
        LeadTimeForChanges.compute(List.of(old, recent), deployments, WINDOW, OPTIONS);
    List<PullRequestLeadTime> each =
        LeadTimeForChanges.perPullRequest(List.of(old, recent), deployments, WINDOW, OPTIONS);

    assertEquals(1, r.pullRequests());
    assertEquals(1, r.excludedBeforeFirstDeployment());
    assertEquals(Map.of(Linkage.BEFORE_FIRST_DEPLOYMENT, 1, Linkage.BRANCH, 1), r.byLinkage());
    // only #2: first commit 0 to deployed 500
    assertEquals(1, r.total().count());
    assertEquals(Duration.ofMinutes(500), r.total().median());
    assertEquals(Linkage.BEFORE_FIRST_DEPLOYMENT, each.get(0).linkage());
    assertNull(each.get(0).deployedAt());
    assertNull(each.get(0).total());
  }

  @Test
  void failedFirstDeployment_stillMarksTheFirstSeen() {
    Deployment failed =
        Fixtures.deployment("api", "production", "f", at(50), at(60), DeploymentResult.FAILURE);

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(
                List.of(merged(1, 100).build()),
                pairing(failed, deployment("d", 150, 160, "main", null)),
                WINDOW,
                OPTIONS)
            .get(0);

    assertEquals(Linkage.BRANCH, lt.linkage());
  }

  @Test
  void mergeCommitShaEqualToDeployedSha_linksByCommitSha() {
    PullRequest pr = merged(1, 100).mergeCommitSha("ABC1234").build();
    // an earlier release-branch deployment carries the same SHA (a release cut from it)
    Deployment release = deployment("release", 105, 140, "release/1.2", "abc1234");
    Deployment main = deployment("main", 110, 150, "main", "fff0000");

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(
                List.of(pr), pairing(SEEN, release, main), WINDOW, OPTIONS)
            .get(0);

    assertEquals(Linkage.COMMIT_SHA, lt.linkage());
    assertEquals(at(140), lt.deployedAt());
  }

  @Test
  void commitRange_decidesWhichDeploymentContainsTheMerge() {
    PullRequest pr = merged(1, 100).mergeCommitSha("abc1234").build();
    Deployment a = deployment("a", 110, 120, "main", "aaa0000");
    Deployment b = deployment("b", 200, 230, "main", "bbb0000");
    List<String> calls = new ArrayList<>();
    CommitRange range =
        (deployment, previous) -> {
          calls.add(deployment.buildId() + "<-" + (previous == null ? "none" : previous.buildId()));
          return deployment.buildId().equals("b") ? Set.of("ABC1234", "bbb0000") : Set.of();
        };

    List<PullRequestLeadTime> without =
        LeadTimeForChanges.perPullRequest(List.of(pr), pairing(SEEN, a, b), WINDOW, OPTIONS);
    List<PullRequestLeadTime> with =
        LeadTimeForChanges.perPullRequest(List.of(pr), pairing(SEEN, a, b), range, WINDOW, OPTIONS);

    // without the range, a (main, started after the merge) is taken by branch; with it, a is known
    // not to contain the merge and b does
    assertEquals(Linkage.BRANCH, without.get(0).linkage());
    assertEquals(at(120), without.get(0).deployedAt());
    assertEquals(Linkage.COMMIT_RANGE, with.get(0).linkage());
    assertEquals(at(230), with.get(0).deployedAt());
    assertEquals(List.of("seen<-none", "a<-seen", "b<-a"), calls);
  }

  @Test
  void draft_pickupStartsAtReadyForReview() {
    // opened as a draft at 10, ready for review at 40, first review 60, merged 90, deployed 120
    PullRequest pr = merged(1, 90).readyForReviewAt(at(40)).firstReviewAt(at(60)).build();

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(
                List.of(pr),
                pairing(SEEN, deployment("d", 100, 120, "main", null)),
                WINDOW,
                OPTIONS)
            .get(0);

    assertEquals(Duration.ofMinutes(40), lt.coding());
    assertEquals(Duration.ofMinutes(20), lt.pickup());
    assertEquals(Duration.ofMinutes(30), lt.review());
    assertEquals(Duration.ofMinutes(30), lt.deploy());
    assertEquals(Duration.ofMinutes(120), lt.total());
  }

  @Test
  void reviewAfterMerge_isNoReview() {
    // a comment after the merge does not end pickup: pickup runs to the merge, review is zero
    PullRequest pr = merged(1, 90).firstReviewAt(at(95)).build();

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(
                List.of(pr),
                pairing(SEEN, deployment("d", 100, 120, "main", null)),
                WINDOW,
                OPTIONS)
            .get(0);

    assertEquals(Duration.ofMinutes(80), lt.pickup());
    assertEquals(Duration.ZERO, lt.review());
  }

  @Test
  void phases_addUpToTotal_forEveryPullRequest() {
    Random random = new Random(41);
    List<Deployment> deployments = new ArrayList<>();
    deployments.add(SEEN);
    for (int i = 0; i < 40; i++) {
      long started = random.nextInt(3_000);
      deployments.add(
          deployment(
              "d" + i,
              started,
              started + random.nextInt(60),
              random.nextInt(3) == 0 ? "release" : random.nextBoolean() ? "main" : null,
              random.nextInt(4) == 0 ? String.format("%07x", i) : null));
    }
    List<PullRequest> prs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      long created = random.nextInt(2_000);
      long merged = created + random.nextInt(500);
      PullRequest.Builder b =
          PullRequest.builder()
              .repository("api")
              .number(i + 1)
              .createdAt(at(created))
              .firstCommitAt(
                  random.nextInt(5) == 0 ? null : at(created - 200 + random.nextInt(400)))
              .mergedAt(at(merged))
              .closedAt(at(merged))
              .state(PullRequestState.MERGED)
              .baseBranch("main")
              .mergeCommitSha(
                  random.nextInt(4) == 0 ? String.format("%07x", random.nextInt(40)) : null)
              .updatedAt(at(merged));
      if (random.nextBoolean()) {
        b.readyForReviewAt(at(created + random.nextInt(300)));
      }
      if (random.nextInt(4) != 0) {
        b.firstReviewAt(at(created + random.nextInt(600)));
      }
      prs.add(b.build());
    }

    List<PullRequestLeadTime> out =
        LeadTimeForChanges.perPullRequest(
            prs, pairing(deployments.toArray(Deployment[]::new)), WINDOW, OPTIONS);

    int withTotal = 0;
    for (PullRequestLeadTime lt : out) {
      if (lt.total() != null) {
        withTotal++;
        assertEquals(
            lt.total(),
            java.util.Objects.requireNonNull(lt.coding())
                .plus(lt.pickup())
                .plus(lt.review())
                .plus(lt.deploy()));
        for (Duration phase : List.of(lt.coding(), lt.pickup(), lt.review(), lt.deploy())) {
          assertEquals(false, phase.isNegative());
        }
      }
    }
    assertEquals(true, withTotal > 100, "enough pull requests with a total: " + withTotal);
  }

  @Test
  void pullRequestLeadTime_phasesNotAddingUp_areRejected() {
    Duration m = Duration.ofMinutes(1);
    assertThrows(
        IllegalArgumentException.class,
        () -> new PullRequestLeadTime("api", 1, at(10), m, m, m, m, m, Linkage.TIME));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PullRequestLeadTime("api", 1, null, m, m, m, m, null, Linkage.TIME));
  }
}
