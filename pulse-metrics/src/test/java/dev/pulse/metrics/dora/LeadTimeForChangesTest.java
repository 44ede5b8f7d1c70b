package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.T0;
import static dev.pulse.metrics.dora.Fixtures.at;
import static dev.pulse.metrics.dora.Fixtures.deploy;
import static dev.pulse.metrics.dora.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class LeadTimeForChangesTest {

  private static final DoraOptions OPTIONS = DoraOptions.defaults();
  private static final Window WINDOW = new Window(T0, T0.plus(Duration.ofDays(30)));

  private static PullRequest pr(
      long number,
      @Nullable Long firstCommit,
      long created,
      @Nullable Long firstReview,
      @Nullable Long merged) {
    return PullRequest.builder()
        .repository("api")
        .number(number)
        .createdAt(at(created))
        .firstCommitAt(firstCommit == null ? null : at(firstCommit))
        .firstReviewAt(firstReview == null ? null : at(firstReview))
        .mergedAt(merged == null ? null : at(merged))
        .closedAt(merged == null ? null : at(merged))
        .state(merged == null ? PullRequestState.OPEN : PullRequestState.MERGED)
        .baseBranch("main")
        .updatedAt(at(created))
        .build();
  }

  /**
   * A production deployment of {@code api} seen before every merge of these tests, so that no pull
   * request is excluded as merged before the first deployment seen (tested on its own below).
   */
  private static final Deployment SEEN = ok("seen", -1);

  private static Pairing pairing(Deployment... deployments) {
    List<Deployment> all = new ArrayList<>(List.of(deployments));
    all.add(SEEN);
    return DeploymentPairer.of(OPTIONS).pair(all);
  }

  @Test
  void perPullRequest_phasesAreHandComputed() {
    PullRequest pr = pr(1, 0L, 60, 180L, 300L);
    Pairing deployments =
        pairing(
            ok("early", 299),
            deploy("api", "staging", "stg", 310, DeploymentResult.SUCCESS),
            deploy("api", "production", "failed", 320, DeploymentResult.FAILURE),
            ok("d1", 400),
            ok("d2", 500));

    List<PullRequestLeadTime> out =
        LeadTimeForChanges.perPullRequest(List.of(pr), deployments, WINDOW, OPTIONS);

    // coding 60, pickup 120, review 120, deploy 100 (first production success at or after merge),
    // total 400
    assertEquals(
        List.of(
            new PullRequestLeadTime(
                "api",
                1,
                at(400),
                Duration.ofMinutes(60),
                Duration.ofMinutes(120),
                Duration.ofMinutes(120),
                Duration.ofMinutes(100),
                Duration.ofMinutes(400),
                Linkage.TIME)),
        out);
  }

  @Test
  void perPullRequest_deploymentStartedAtMergeInstant_counts() {
    List<PullRequestLeadTime> out =
        LeadTimeForChanges.perPullRequest(
            List.of(pr(1, 0L, 0, 0L, 30L)),
            pairing(
                Fixtures.deployment(
                    "api", "production", "d", at(30), at(30), DeploymentResult.SUCCESS)),
            WINDOW,
            OPTIONS);

    assertEquals(Duration.ZERO, out.get(0).deploy());
    assertEquals(Duration.ZERO, out.get(0).coding());
  }

  @Test
  void perPullRequest_deploymentStartedBeforeMerge_doesNotDeliverIt() {
    // merged 10:05; a deployment running 10:00-10:20 cannot contain it, the one started 10:06 can
    PullRequest pr = pr(1, 0L, 0, 0L, 605L);
    Deployment running =
        Fixtures.deployment("api", "production", "r", at(600), at(620), DeploymentResult.SUCCESS);
    Deployment next =
        Fixtures.deployment("api", "production", "n", at(606), at(630), DeploymentResult.SUCCESS);

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(List.of(pr), pairing(running, next), WINDOW, OPTIONS)
            .get(0);

    assertEquals(at(630), lt.deployedAt());
    assertEquals(Duration.ofMinutes(25), lt.deploy());
  }

  @Test
  void perPullRequest_laterStartedDeploymentFinishingFirst_givesDeployedAt() {
    // both started after the merge at 10:05; the one started later finished first, so the change
    // was live at 10:30
    PullRequest pr = pr(1, 0L, 0, 0L, 605L);
    Deployment slow =
        Fixtures.deployment(
            "api", "production", "slow", at(610), at(660), DeploymentResult.SUCCESS);
    Deployment fast =
        Fixtures.deployment(
            "api", "production", "fast", at(615), at(630), DeploymentResult.SUCCESS);

    LeadTimeResult r =
        LeadTimeForChanges.compute(List.of(pr), pairing(slow, fast), WINDOW, OPTIONS);

    assertEquals(Duration.ofMinutes(25), r.deploy().median());
    assertEquals(
        at(630),
        LeadTimeForChanges.perPullRequest(List.of(pr), pairing(slow, fast), WINDOW, OPTIONS)
            .get(0)
            .deployedAt());
  }

  @Test
  void perPullRequest_reversedBoundaries_areClampedSoPhasesAddUp() {
    // first commit after creation (a draft opened before coding) and a review before creation
    // (clock skew): ready and review are moved up to the first commit (100), so coding and pickup
    // are zero and the phases still add up to the total
    PullRequest pr = pr(7, 100L, 50, 40L, 200L);

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(List.of(pr), pairing(ok("d", 260)), WINDOW, OPTIONS)
            .get(0);

    assertEquals(Duration.ZERO, lt.coding());
    assertEquals(Duration.ZERO, lt.pickup());
    assertEquals(Duration.ofMinutes(100), lt.review());
    assertEquals(Duration.ofMinutes(60), lt.deploy());
    assertEquals(Duration.ofMinutes(160), lt.total());
  }

  @Test
  void compute_reversedPhases_areZeroAndCounted() {
    List<PullRequest> prs =
        List.of(
            pr(
                7, 100L, 50, 40L,
                200L), // coding and pickup reversed: 0 and 0; review 100, deploy 60, total 160
            pr(8, 0L, 10, 20L, 30L), // coding 10, pickup 10, review 10, deploy 230, total 260
            pr(
                9, null, 0, null,
                30L)); // coding and total unknown; no review: pickup 30, review 0; deploy 230

    LeadTimeResult r = LeadTimeForChanges.compute(prs, pairing(ok("d", 260)), WINDOW, OPTIONS);

    // coding 0, 10: median 5, P75 7.5, P90 9
    assertEquals(
        new DurationSummary(
            2,
            Duration.ofMinutes(5),
            Duration.ofMinutes(7).plusSeconds(30),
            Duration.ofMinutes(9),
            1),
        r.coding());
    // pickup 0, 10, 30: median 10, P75 20, P90 10 + 0.8 * 20 = 26
    assertEquals(
        new DurationSummary(
            3, Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(26), 1),
        r.pickup());
    // review 0, 10, 100: median 10, P75 55, P90 10 + 0.8 * 90 = 82
    assertEquals(
        new DurationSummary(
            3, Duration.ofMinutes(10), Duration.ofMinutes(55), Duration.ofMinutes(82), 0),
        r.review());
    assertEquals(
        new DurationSummary(
            3, Duration.ofMinutes(230), Duration.ofMinutes(230), Duration.ofMinutes(230), 0),
        r.deploy());
    assertEquals(
        new DurationSummary(
            2, Duration.ofMinutes(210), Duration.ofMinutes(235), Duration.ofMinutes(250), 0),
        r.total());
    assertEquals(3, r.deployed());
  }

  @Test
  void compute_andPerPullRequest_agreeOnWhichPhasesAreKnown() {
    java.util.Random random = new java.util.Random(23);
    List<PullRequest> prs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long created = random.nextInt(1_000);
      prs.add(
          pr(
              i + 1,
              random.nextInt(5) == 0 ? null : (long) random.nextInt(1_000),
              created,
              random.nextInt(5) == 0 ? null : (long) random.nextInt(1_000),
              (long) random.nextInt(1_000)));
    }
    Pairing deployments = pairing(ok("a", 300), ok("b", 700), ok("c", 1_100));

    LeadTimeResult r = LeadTimeForChanges.compute(prs, deployments, WINDOW, OPTIONS);
    List<PullRequestLeadTime> each =
        LeadTimeForChanges.perPullRequest(prs, deployments, WINDOW, OPTIONS);

    assertEquals(each.stream().filter(x -> x.coding() != null).count(), r.coding().count());
    assertEquals(each.stream().filter(x -> x.pickup() != null).count(), r.pickup().count());
    assertEquals(each.stream().filter(x -> x.review() != null).count(), r.review().count());
    assertEquals(each.stream().filter(x -> x.deploy() != null).count(), r.deploy().count());
    assertEquals(each.stream().filter(x -> x.total() != null).count(), r.total().count());
    assertEquals(
        prs.stream()
            .filter(pr -> pr.firstCommitAt() != null && pr.firstCommitAt().isAfter(pr.createdAt()))
            .count(),
        r.coding().negative());
  }

  @Test
  void perPullRequest_withoutDeploymentOrFirstCommit_leavesThoseUnknown() {
    PullRequest pr = pr(2, null, 0, null, 10L);

    PullRequestLeadTime lt =
        LeadTimeForChanges.perPullRequest(
                List.of(pr),
                pairing(deploy("web", "production", "other-repo", 20, DeploymentResult.SUCCESS)),
                WINDOW,
                OPTIONS)
            .get(0);

    // no review before the merge: pickup runs from creation to the merge, review is zero
    assertEquals(
        new PullRequestLeadTime(
            "api",
            2,
            null,
            null,
            Duration.ofMinutes(10),
            Duration.ZERO,
            null,
            null,
            Linkage.NOT_DEPLOYED),
        lt);
  }

  @Test
  void perPullRequest_onlyPullRequestsMergedInWindow() {
    List<PullRequest> prs =
        List.of(
            pr(1, 0L, 0, 0L, null),
            pr(2, 0L, 0, 0L, -1L),
            pr(3, 0L, 0, 0L, 0L),
            pr(4, 0L, 0, 0L, Duration.ofDays(30).toMinutes()));

    List<PullRequestLeadTime> out =
        LeadTimeForChanges.perPullRequest(prs, pairing(), WINDOW, OPTIONS);

    assertEquals(List.of(3L), out.stream().map(PullRequestLeadTime::number).toList());
  }

  @Test
  void compute_medianP75P90PerPhase_andLevelFromMedianTotal() {
    List<PullRequest> prs = new ArrayList<>();
    List<Deployment> deployments = new ArrayList<>();
    // totals 10, 20, 30, 40, 50 hours: merged at commit + total - 1h, deployed at commit + total
    long[] totals = {10, 20, 30, 40, 50};
    for (int i = 0; i < totals.length; i++) {
      long commit = i * 10_000L;
      long deployAt = commit + totals[i] * 60;
      prs.add(pr(i + 1, commit, commit, commit, deployAt - 60));
      deployments.add(ok("d" + i, deployAt));
    }
    prs.add(pr(99, 5L, 0, null, null)); // open: ignored
    deployments.add(SEEN);

    LeadTimeResult r =
        LeadTimeForChanges.compute(
            prs, DeploymentPairer.of(OPTIONS).pair(deployments), WINDOW, OPTIONS);

    assertEquals(5, r.pullRequests());
    assertEquals(5, r.deployed());
    // median 30h; P75: h = 3 -> 40h; P90: h = 3.6 -> 40 + 0.6 * 10 = 46h
    assertEquals(
        new DurationSummary(5, Duration.ofHours(30), Duration.ofHours(40), Duration.ofHours(46), 0),
        r.total());
    assertEquals(
        new DurationSummary(5, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), 0),
        r.deploy());
    assertEquals(DoraLevel.HIGH, r.level()); // DORA 2023: 30h is between one day and one week
  }

  @Test
  void compute_nothingMerged_hasNoLevel() {
    LeadTimeResult r = LeadTimeForChanges.compute(List.of(), pairing(), WINDOW, OPTIONS);

    assertEquals(
        new LeadTimeResult(
            0, 0, empty(), empty(), empty(), empty(), empty(), null, 0, java.util.Map.of()),
        r);
  }

  private static DurationSummary empty() {
    return new DurationSummary(0, null, null, null, 0);
  }

  @Test
  void perPullRequest_randomData_deployedAtIsEarliestProductionSuccessStartedAtOrAfterMerge() {
    java.util.Random random = new java.util.Random(17);
    for (int round = 0; round < 200; round++) {
      List<Deployment> deployments = new ArrayList<>();
      int n = random.nextInt(60);
      for (int i = 0; i < n; i++) {
        long minute = random.nextInt(3) == 0 ? random.nextInt(50) * 100L : random.nextInt(5_000);
        Instant finished = at(minute);
        deployments.add(
            Fixtures.deployment(
                random.nextBoolean() ? "api" : "web",
                random.nextInt(4) == 0 ? "staging" : "prod",
                "b" + i,
                finished.minus(Duration.ofMinutes(random.nextInt(150))),
                finished,
                random.nextInt(3) == 0 ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS));
      }
      List<PullRequest> prs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        long merged = random.nextInt(5_200) - 100L;
        prs.add(
            PullRequest.builder()
                .repository(random.nextBoolean() ? "api" : "web")
                .number(i + 1)
                .createdAt(at(merged - 10))
                .mergedAt(at(merged))
                .closedAt(at(merged))
                .state(PullRequestState.MERGED)
                .baseBranch("main")
                .updatedAt(at(merged))
                .build());
      }
      Window window = new Window(at(-1_000), at(10_000));

      List<PullRequestLeadTime> out =
          LeadTimeForChanges.perPullRequest(prs, pairing(deployments), window, OPTIONS);

      for (int i = 0; i < prs.size(); i++) {
        PullRequest pr = prs.get(i);
        Instant expected = null;
        Instant firstSeen = null;
        for (Deployment d : deployments) {
          if (d.repository().equals(pr.repository())
              && d.environment().equals("prod")
              && (firstSeen == null || d.startedAt().isBefore(firstSeen))) {
            firstSeen = d.startedAt();
          }
        }
        for (Deployment d : deployments) {
          if (d.repository().equals(pr.repository())
              && d.environment().equals("prod")
              && d.result() == DeploymentResult.SUCCESS
              && !d.startedAt().isBefore(pr.mergedAt())
              && (expected == null || d.effectiveAt().isBefore(expected))) {
            expected = d.effectiveAt();
          }
        }
        if (firstSeen != null && pr.mergedAt().isBefore(firstSeen)) {
          // merged before the first deployment seen: excluded, whatever came after
          expected = null;
          assertEquals(Linkage.BEFORE_FIRST_DEPLOYMENT, out.get(i).linkage());
        }
        assertEquals(expected, out.get(i).deployedAt(), "round " + round + " pr " + i);
      }
    }
  }

  private static Pairing pairing(List<Deployment> deployments) {
    return DeploymentPairer.of(OPTIONS).pair(deployments);
  }

  @Test
  void span_negative_isNull() {
    Instant t = at(10);

    assertNull(LeadTimeForChanges.span(t, t.minusNanos(1)));
    assertEquals(Duration.ZERO, LeadTimeForChanges.span(t, t));
  }
}
