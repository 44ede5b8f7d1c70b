package dev.pulse.connectors.jenkins;

import static dev.pulse.connectors.jenkins.JenkinsTestSupport.expected;
import static dev.pulse.connectors.jenkins.JenkinsTestSupport.expectedAll;
import static dev.pulse.connectors.jenkins.JenkinsTestSupport.reversed;
import static dev.pulse.connectors.jenkins.JenkinsTestSupport.scope;
import static dev.pulse.connectors.jenkins.JenkinsTestSupport.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.SourceException;
import dev.pulse.connectors.jenkins.JenkinsTestSupport.Walk;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.spi.ReadOrder;
import dev.pulse.testkit.fake.FakeHttpServer;
import dev.pulse.testkit.fake.Fault;
import dev.pulse.testkit.fake.jenkins.FakeBuild;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class JenkinsConnectorTest {
  private static final String PROD = "payments/deploy-prod";
  private static final String MAIN = "api/main";
  private static final Pattern DEPLOY_STAGE = Pattern.compile("Deploy (staging|prod)");
  private final JenkinsTestSupport support = new JenkinsTestSupport();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private FakeJenkins fake(FakeJenkins.Builder builder) {
    FakeJenkins fake = builder.start();
    open.add(fake);
    return fake;
  }

  private FakeJenkins standard() {
    return fake(FakeJenkins.builder());
  }

  private JenkinsConnector connector(JenkinsConnector.Builder builder) {
    JenkinsConnector c = builder.build();
    open.add(c);
    return c;
  }

  private JenkinsConnector connector(FakeJenkins fake) {
    return connector(support.builder(fake));
  }

  /** The deployments a pipeline build's stages make, as the stage rules say. */
  private static List<Deployment> expectedStages(String job, FakeBuild build) {
    Map<String, Deployment> out = new java.util.LinkedHashMap<>();
    Deployment base = expected(job, "x", build);
    for (FakeBuild.Stage stage : build.stages()) {
      Matcher m = DEPLOY_STAGE.matcher(stage.name().replace("\u0000", ""));
      if (!m.matches() || stage.status().equals("NOT_EXECUTED")) {
        continue;
      }
      DeploymentResult result =
          switch (stage.status()) {
            case "SUCCESS", "UNSTABLE" -> DeploymentResult.SUCCESS;
            case "FAILED" -> DeploymentResult.FAILURE;
            case "ABORTED" -> DeploymentResult.ABORTED;
            default -> DeploymentResult.UNKNOWN;
          };
      out.put(
          m.group(1),
          base.toBuilder()
              .environment(m.group(1))
              .startedAt(stage.startedAt())
              .finishedAt(stage.startedAt().plus(stage.duration()))
              .result(result)
              .updatedAt(null)
              .build());
    }
    return List.copyOf(out.values());
  }

  @Nested
  class Discovery {
    @Test
    void discoverScopes_walksFoldersAndMultibranch_keepsJobsWithAnEnvironment() {
      JenkinsConnector connector = connector(standard());

      List<ScopeKey> scopes = connector.discoverScopes();

      assertEquals(
          List.of(
              scope(PROD),
              scope("payments/deploy-staging"),
              scope("platform/infra/deploy-prod-eu"),
              scope("platform/infra/deploy-prod-us"),
              scope("legacy-deploy-prod")),
          scopes);
      assertEquals(ReadOrder.NEWEST_FIRST, connector.readOrder());
      assertEquals(dev.pulse.EntityType.DEPLOYMENTS, connector.entityType());
    }

    @Test
    void discoverScopes_stageDetection_everyJobIncludingBranchJobs() {
      JenkinsConnector connector = connector(support.builder(standard()).stageDetection(true));

      List<ScopeKey> scopes = connector.discoverScopes();

      assertTrue(scopes.contains(scope(MAIN)), scopes.toString());
      // The branch job "feature%2Flogin" keeps Jenkins' name; its scope value is percent-encoded.
      assertTrue(
          scopes.contains(ScopeKey.of("jenkins", "job", "api/feature%252Flogin")),
          scopes.toString());
      assertTrue(scopes.contains(scope("nightly-tests")));
      assertEquals(8, scopes.size(), scopes.toString());
    }

    @Test
    void discoverScopes_jobFilter_keepsMatchingJobsOnly() {
      JenkinsConnector connector = connector(support.builder(standard()).jobFilter("^platform/"));

      assertEquals(
          List.of(scope("platform/infra/deploy-prod-eu"), scope("platform/infra/deploy-prod-us")),
          connector.discoverScopes());
    }

    @Test
    void discoverScopes_contextPath_resolvesBelowIt() {
      FakeJenkins fake = fake(FakeJenkins.builder().contextPath("/jenkins"));

      List<ScopeKey> scopes = connector(fake).discoverScopes();

      assertEquals(5, scopes.size());
      assertTrue(fake.server().requests().stream().allMatch(r -> r.path().startsWith("/jenkins/")));
    }

    @Test
    void openScope_unknownJobOrFolder_scopeNotFound() {
      JenkinsConnector connector = connector(standard());

      assertThrows(ScopeNotFoundException.class, () -> connector.openScope(scope("payments/nope")));
      assertThrows(ScopeNotFoundException.class, () -> connector.openScope(scope("payments")));
      assertThrows(
          ScopeNotFoundException.class,
          () -> connector.openScope(ScopeKey.of("jenkins", "job", "bad%zz")));
      assertThrows(
          ScopeNotFoundException.class,
          () -> connector.openScope(ScopeKey.of("jenkins", "folder", "payments")));
    }

    @Test
    void checkHealth_upThenDownOnRejectedToken() {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      assertEquals(Health.Status.UP, connector.checkHealth().status());

      fake.inject("/api/json", Fault.status(401));

      Health health = connector.checkHealth();
      assertEquals(Health.Status.DOWN, health.status());
      assertEquals(ErrorCode.AUTH_FAILED, health.code());
    }
  }

  @Nested
  class Builds {
    @Test
    void walk_finishedBuilds_newestFirst_mappedFromScmData_nulStripped() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);

      Walk walk = walk(connector, scope("platform/infra/deploy-prod-eu"), null, 5);

      List<Deployment> expected = expectedAll(fake, "platform/infra/deploy-prod-eu", "prod-eu");
      assertEquals(reversed(expected), walk.items());
      Deployment d = walk.items().get(0);
      assertEquals("acme/infra", d.repository(), "git@github.com:acme/infra.git");
      assertEquals(DeploymentSystem.JENKINS, d.system());
      assertEquals("main", d.ref());
      assertNotNull(d.commitSha());
      for (Deployment each : walk.items()) {
        assertFalse(each.toString().contains("\u0000"), each.toString());
      }
      // Some builds of the fake carry NUL bytes in their branch and remote URL.
      assertTrue(
          fake.builds("platform/infra/deploy-prod-eu").stream()
              .anyMatch(b -> String.valueOf(b.remoteUrl()).contains("\u0000")));
    }

    @Test
    void walk_severalProductionEnvironments_fromCaptureGroups() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector =
          connector(
              support
                  .builder(fake)
                  .environmentPatterns(
                      List.of("deploy-(?<env>prod-(?:eu|us))$", "deploy-(staging)$")));

      assertEquals(
          List.of(
              scope("payments/deploy-staging"),
              scope("platform/infra/deploy-prod-eu"),
              scope("platform/infra/deploy-prod-us")),
          connector.discoverScopes());
      Set<String> environments = new HashSet<>();
      for (ScopeKey s : connector.discoverScopes()) {
        walk(connector, s, null, 50).items().forEach(d -> environments.add(d.environment()));
      }
      assertEquals(Set.of("prod-eu", "prod-us", "staging"), environments);
    }

    @Test
    void walk_resultMapping_everyJenkinsResult() throws Exception {
      FakeJenkins fake =
          fake(
              FakeJenkins.builder()
                  .standardOrganisation(false)
                  .job("svc/deploy-prod", FakeJenkins.FREESTYLE, 0));
      for (String r : List.of("SUCCESS", "FAILURE", "ABORTED", "UNSTABLE", "NOT_BUILT")) {
        fake.addBuild("svc/deploy-prod", r);
      }

      List<DeploymentResult> results =
          walk(connector(fake), scope("svc/deploy-prod"), null, 10).items().stream()
              .map(Deployment::result)
              .toList();

      assertEquals(
          List.of(
              DeploymentResult.ABORTED, // NOT_BUILT
              DeploymentResult.SUCCESS, // UNSTABLE
              DeploymentResult.ABORTED,
              DeploymentResult.FAILURE,
              DeploymentResult.SUCCESS),
          results);
    }

    @Test
    void walk_failuresAndRecoveries_inTheSeededData() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(40));

      List<Deployment> items = walk(connector(fake), scope(PROD), null, 100).items();

      List<DeploymentResult> oldestFirst =
          reversed(items).stream().map(Deployment::result).toList();
      boolean recovery = false;
      for (int i = 1; i < oldestFirst.size(); i++) {
        recovery |=
            oldestFirst.get(i - 1) == DeploymentResult.FAILURE
                && oldestFirst.get(i) == DeploymentResult.SUCCESS;
      }
      assertTrue(recovery, "a failure followed by a success: " + oldestFirst);
    }

    @Test
    void walk_noGitData_repositoryFromMappingOfTheNearestName_elseJobName() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector unmapped = connector(fake);
      JenkinsConnector mapped =
          connector(
              support.builder(fake).repositoryMapping(Map.of("legacy-deploy-prod", "acme/legacy")));

      assertEquals(
          "legacy-deploy-prod",
          walk(unmapped, scope("legacy-deploy-prod"), null, 5).items().get(0).repository());
      Deployment d = walk(mapped, scope("legacy-deploy-prod"), null, 5).items().get(0);
      assertEquals("acme/legacy", d.repository());
      assertEquals(null, d.commitSha());
    }

    @Test
    void walk_pageSizes_sameItems_positionsNewestItemAndDecreasing() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(30).runningBuilds(false));
      JenkinsConnector connector = connector(fake);
      List<Deployment> expected = reversed(expectedAll(fake, PROD, "prod"));

      for (int pageSize : new int[] {1, 4, 29, 30, 31, 100}) {
        Walk walk = walk(connector, scope(PROD), null, pageSize);
        assertEquals(expected, walk.items(), "page size " + pageSize);
        assertEquals(
            BuildMapper.positionOfBuildId(expected.get(0).buildId()),
            walk.watermark(),
            "the watermark is the newest build");
      }
    }

    @Test
    void walk_fromWatermark_readsOnlyNewerBuilds_andStopsThere() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(30).runningBuilds(false));
      JenkinsConnector connector = connector(fake);
      Walk first = walk(connector, scope(PROD), null, 10);
      FakeBuild a = fake.addBuild(PROD, "FAILURE");
      FakeBuild b = fake.addBuild(PROD, "SUCCESS");
      int before = fake.buildsCalls();

      Walk second = walk(connector, scope(PROD), first.watermark(), 10);

      assertEquals(List.of(expected(PROD, "prod", b), expected(PROD, "prod", a)), second.items());
      assertEquals(1, fake.buildsCalls() - before, "one range reached the watermark");
    }

    @Test
    void walk_buildsAddedBetweenPages_noneLostNoneRepeated_nextRunReadsThem() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(20).runningBuilds(false));
      JenkinsConnector connector = connector(fake);
      List<Deployment> original = reversed(expectedAll(fake, PROD, "prod"));
      List<FakeBuild> added = new ArrayList<>();
      fake.afterBuildsCall(
          fake.buildsCalls() + 1,
          () -> {
            for (int i = 0; i < 7; i++) {
              added.add(fake.addBuild(PROD, "SUCCESS"));
            }
          });

      Walk first = walk(connector, scope(PROD), null, 3);
      Walk second = walk(connector, scope(PROD), first.watermark(), 3);

      assertEquals(original, first.items(), "shifted builds are skipped, not repeated");
      List<Deployment> newer = new ArrayList<>();
      added.forEach(b -> newer.add(expected(PROD, "prod", b)));
      assertEquals(reversed(newer), second.items());
    }

    @Test
    void walk_buildsDeletedBetweenPages_stepsBackAndLosesNothing() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(20).runningBuilds(false));
      JenkinsConnector connector = connector(fake);
      List<FakeBuild> builds = fake.builds(PROD);
      long newest = builds.get(builds.size() - 1).number();
      fake.afterBuildsCall(
          fake.buildsCalls() + 1,
          () -> {
            fake.deleteBuild(PROD, newest);
            fake.deleteBuild(PROD, newest - 1);
          });

      Walk walk = walk(connector, scope(PROD), null, 3);

      List<Deployment> expected = reversed(expectedAll(fake, PROD, "prod"));
      assertTrue(walk.items().containsAll(expected), "every build still there was read");
      assertEquals(new HashSet<>(walk.items()).size(), walk.items().size(), "none twice");
    }

    @Test
    void walk_reusedBuildNumber_isANewBuild() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(8).runningBuilds(false));
      JenkinsConnector connector = connector(fake);
      Walk first = walk(connector, scope(PROD), null, 5);
      Deployment oldOne = first.items().get(first.items().size() - 1);

      fake.resetNumbering(PROD);
      Walk second = walk(connector, scope(PROD), first.watermark(), 5);

      assertEquals(1, second.items().size());
      Deployment newOne = second.items().get(0);
      assertTrue(oldOne.buildId().startsWith(PROD + "#1@"), oldOne.buildId());
      assertTrue(newOne.buildId().startsWith(PROD + "#1@"), newOne.buildId());
      assertNotEquals(oldOne.buildId(), newOne.buildId(), "same number, new start time");
      assertTrue(newOne.startedAt().isAfter(oldOne.startedAt()));
    }

    @Test
    void walk_malformedJson_invalidData() {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      fake.inject("/job/payments/job/deploy-prod/api/json", Fault.malformedJson());

      SourceException e =
          assertThrows(SourceException.class, () -> walk(connector, scope(PROD), null, 5));

      assertEquals(ErrorCode.INVALID_DATA, e.code());
    }
  }

  @Nested
  class RunningBuilds {
    @Test
    void newestBuildRunning_notServed_watermarkStaysBelowIt_readOnceFinished() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      List<FakeBuild> builds = fake.builds(PROD);
      FakeBuild running = builds.get(builds.size() - 1);
      assertTrue(running.building());
      Position runningAt = BuildMapper.position(running.startedAt(), running.number());

      Walk first = walk(connector, scope(PROD), null, 5);

      assertEquals(reversed(expectedAll(fake, PROD, "prod")), first.items());
      assertTrue(runningAt.isAfter(first.watermark()), "the watermark stays below the run");
      FakeBuild done = fake.finishBuild(PROD, running.number(), "FAILURE");

      Walk second = walk(connector, scope(PROD), first.watermark(), 5);

      assertEquals(List.of(expected(PROD, "prod", done)), second.items());
      assertEquals(runningAt, second.watermark());
    }

    @Test
    void olderBuildRunning_behindFinishedOnes_probeCapsEveryPage() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(support.builder(fake).stageDetection(true));
      List<FakeBuild> builds = fake.builds(MAIN);
      FakeBuild waiting = builds.get(builds.size() - 3);
      assertTrue(waiting.building());

      // Page size 1: the first page does not reach the end, so the light probe finds the run.
      Walk first = walk(connector, scope(MAIN), null, 1);

      Position waitingAt = BuildMapper.position(waiting.startedAt(), waiting.number());
      assertTrue(waitingAt.isAfter(first.watermark()), "capped below the waiting build");
      assertTrue(
          fake.server().requests().stream()
              .anyMatch(
                  r -> r.param("tree", "").startsWith("allBuilds[number,building,timestamp]")),
          "the probe asked only for numbers, flags and times");
      FakeBuild done = fake.finishBuild(MAIN, waiting.number(), "SUCCESS");

      Walk second = walk(connector, scope(MAIN), first.watermark(), 1);

      List<Deployment> expected = new ArrayList<>();
      for (FakeBuild b : reversed(fake.builds(MAIN)).subList(0, 3)) {
        expected.addAll(expectedStages(MAIN, b));
      }
      assertEquals(expected, second.items(), "the finished run and the two newer builds again");
      assertTrue(
          second.items().stream().anyMatch(d -> d.buildId().contains("#" + done.number() + "@")));
    }
  }

  @Nested
  class Stages {
    @Test
    void stageDetection_deploymentsAreDeployStagesThatRan_skippedOnesAreNone() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(30).runningBuilds(false));
      JenkinsConnector connector = connector(support.builder(fake).stageDetection(true));

      List<Deployment> items = walk(connector, scope(MAIN), null, 7).items();

      List<Deployment> expected = new ArrayList<>();
      for (FakeBuild b : reversed(fake.builds(MAIN))) {
        expected.addAll(expectedStages(MAIN, b));
      }
      assertEquals(expected, items);
      assertTrue(items.stream().anyMatch(d -> d.environment().equals("prod")));
      assertTrue(items.stream().anyMatch(d -> d.environment().equals("staging")));
      assertTrue(
          items.stream().anyMatch(d -> d.result() == DeploymentResult.FAILURE),
          "a deploy stage that failed is a failed deployment");
      long skippedBuilds =
          fake.builds(MAIN).stream().filter(b -> expectedStages(MAIN, b).isEmpty()).count();
      assertTrue(skippedBuilds > 0, "builds whose deploy stages were skipped make no deployment");
      assertEquals(30, connector.stageDescriptionCount());
    }

    @Test
    void stageDetection_buildDeployingTwice_splitAcrossPagesOfOne_eachOnce() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(10).runningBuilds(false));
      JenkinsConnector connector = connector(support.builder(fake).stageDetection(true));
      List<Deployment> expected = new ArrayList<>();
      for (FakeBuild b : reversed(fake.builds(MAIN))) {
        expected.addAll(expectedStages(MAIN, b));
      }

      Walk walk = walk(connector, scope(MAIN), null, 1);

      assertEquals(expected, walk.items(), "staging and prod of one build on two pages");
      assertEquals(10, connector.stageDescriptionCount(), "each build's stages asked for once");
    }

    @Test
    void stageDetection_featureBranch_skippedDeployStage_noDeployment() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(support.builder(fake).stageDetection(true));
      ScopeKey feature = ScopeKey.of("jenkins", "job", "api/feature%252Flogin");

      Walk walk = walk(connector, feature, null, 5);

      assertEquals(List.of(), walk.items());
      assertNotNull(walk.watermark(), "the walk still moves the watermark past the builds");
      assertTrue(
          fake.builds("api/feature%2Flogin").stream()
              .flatMap(b -> b.stages().stream())
              .anyMatch(s -> s.name().equals("Deploy prod") && s.status().equals("NOT_EXECUTED")));
    }

    @Test
    void stageDetection_freestyleJob_fallsBackToJobName() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(support.builder(fake).stageDetection(true));

      List<Deployment> items =
          walk(connector, scope("platform/infra/deploy-prod-us"), null, 50).items();

      assertEquals(reversed(expectedAll(fake, "platform/infra/deploy-prod-us", "prod-us")), items);
    }

    @Test
    void stageDetection_customStagePattern_onlyProduction() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().runningBuilds(false));
      JenkinsConnector connector =
          connector(
              support
                  .builder(fake)
                  .stageDetection(true)
                  .stagePatterns(List.of("(?i)^deploy (prod)$")));

      List<Deployment> items = walk(connector, scope(MAIN), null, 50).items();

      assertFalse(items.isEmpty());
      assertTrue(items.stream().allMatch(d -> d.environment().equals("prod")), items.toString());
    }
  }

  @Nested
  class PreCount {
    private static final Duration BUDGET = Duration.ofSeconds(30);

    @Test
    void preCount_fromScratch_countsTheBuildsInOneRequest() {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(30).runningBuilds(false));
      JenkinsConnector connector = connector(fake);
      int before = fake.buildsCalls();

      assertEquals(ItemCount.approximate(30), connector.preCount(scope(PROD), null, BUDGET));
      assertEquals(1, fake.buildsCalls() - before);
    }

    @Test
    void preCount_fromWatermark_countsTheNewerBuilds() throws Exception {
      FakeJenkins fake = fake(FakeJenkins.builder().buildsPerJob(30).runningBuilds(false));
      JenkinsConnector connector = connector(fake);
      Position mark = walk(connector, scope(PROD), null, 100).watermark();
      fake.addBuild(PROD, "SUCCESS");
      fake.addBuild(PROD, "FAILURE");

      assertEquals(ItemCount.approximate(2), connector.preCount(scope(PROD), mark, BUDGET));
    }

    @Test
    void preCount_moreNewerBuildsThanOneRequestLists_estimatedFromBuildNumbers() {
      String job = "svc/deploy-prod";
      FakeJenkins fake =
          fake(
              FakeJenkins.builder()
                  .standardOrganisation(false)
                  .runningBuilds(false)
                  .job(job, FakeJenkins.FREESTYLE, 1500));
      JenkinsConnector connector = connector(fake);
      FakeBuild build200 =
          fake.builds(job).stream().filter(b -> b.number() == 200).findFirst().orElseThrow();

      assertEquals(ItemCount.approximate(1500), connector.preCount(scope(job), null, BUDGET));
      assertEquals(
          ItemCount.approximate(1300),
          connector.preCount(scope(job), BuildMapper.position(build200.startedAt(), 200), BUDGET));
    }

    @Test
    void preCount_failureOrNotAJob_unknown() {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      fake.inject("/job/payments/job/deploy-prod/", Fault.status(401));

      assertEquals(ItemCount.unknown(), connector.preCount(scope(PROD), null, BUDGET));
      assertEquals(
          ItemCount.unknown(),
          connector.preCount(ScopeKey.of("jenkins", "folder", "payments"), null, BUDGET));
      assertEquals(ItemCount.unknown(), connector.preCount(scope(PROD), null, Duration.ZERO));
    }
  }

  @Nested
  class Failures {
    @Test
    void unauthorized_authFailed_namesTheCredentialNeverTheToken() {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      fake.inject("/job/payments/job/deploy-prod/", Fault.status(401));

      SourceException e =
          assertThrows(SourceException.class, () -> walk(connector, scope(PROD), null, 5));

      assertEquals(ErrorCode.AUTH_FAILED, e.code());
      assertTrue(e.getMessage().contains("jenkins-test-token"), e.getMessage());
      assertFalse(e.getMessage().contains(FakeJenkins.TOKEN), e.getMessage());
      assertFalse(connector.toString().contains(FakeJenkins.TOKEN), connector.toString());
    }

    @Test
    void wrongToken_authFailed() {
      FakeJenkins fake = standard();
      JenkinsConnector connector =
          connector(support.builder(fake).credential("ci", FakeJenkins.USER, "not-the-token-x1"));

      SourceException e = assertThrows(SourceException.class, connector::discoverScopes);

      assertEquals(ErrorCode.AUTH_FAILED, e.code());
    }

    @Test
    void tooManyRequests_retryAfterHonoured_thenRead() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      fake.inject("/job/payments/job/deploy-prod/", Fault.tooManyRequests(Duration.ofSeconds(20)));

      Walk walk = walk(connector, scope(PROD), null, 50);

      assertEquals(reversed(expectedAll(fake, PROD, "prod")), walk.items());
      assertTrue(support.slept.contains(Duration.ofSeconds(20)), support.slept.toString());
    }

    @Test
    void serviceUnavailableWithRetryAfter_honoured() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      fake.inject(
          "/job/payments/job/deploy-prod/",
          new Fault(Fault.Kind.STATUS, 503, Duration.ofSeconds(9), null, Duration.ZERO));

      walk(connector, scope(PROD), null, 50);

      assertTrue(support.slept.contains(Duration.ofSeconds(9)), support.slept.toString());
    }

    @Test
    void rateLimitBeyondMaxWait_rateLimitedWithRetryAfter() {
      FakeJenkins fake = standard();
      JenkinsConnector connector =
          connector(support.builder(fake).maxRateLimitWait(Duration.ofMinutes(1)));
      fake.inject("/job/payments/job/deploy-prod/", Fault.tooManyRequests(Duration.ofMinutes(30)));

      SourceException e =
          assertThrows(SourceException.class, () -> walk(connector, scope(PROD), null, 5));

      assertEquals(ErrorCode.RATE_LIMITED, e.code());
      assertEquals(Duration.ofMinutes(30), e.retryAfter());
    }

    @Test
    void serverErrorsAndResets_retriedThenRead() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      fake.inject("/job/payments/job/deploy-prod/", Fault.status(502));
      fake.inject("/job/payments/job/deploy-prod/", Fault.connectionReset());
      fake.inject("/job/payments/job/deploy-prod/", Fault.status(500));

      Walk walk = walk(connector, scope(PROD), null, 50);

      assertEquals(reversed(expectedAll(fake, PROD, "prod")), walk.items());
      assertEquals(3, support.slept.size(), "three backoff waits");
    }

    @Test
    void serverErrorsPastRetries_sourceUnavailable() {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(support.builder(fake).maxRetries(2));
      for (int i = 0; i < 3; i++) {
        fake.inject("/job/payments/job/deploy-prod/", Fault.status(503));
      }

      SourceException e =
          assertThrows(SourceException.class, () -> walk(connector, scope(PROD), null, 5));

      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, e.code());
      assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
    }

    @Test
    void slowAnswerPastTimeout_retried() throws Exception {
      FakeJenkins fake = standard();
      JenkinsConnector connector =
          connector(support.builder(fake).requestTimeout(Duration.ofMillis(300)));
      fake.inject("/job/payments/job/deploy-prod/", Fault.slow(Duration.ofMillis(1500)));

      Walk walk = walk(connector, scope(PROD), null, 50);

      assertEquals(reversed(expectedAll(fake, PROD, "prod")), walk.items());
      assertEquals(1, support.slept.size(), "one retry after the timeout");
    }

    @Test
    void malformedJson_invalidData() {
      FakeJenkins fake = standard();
      JenkinsConnector connector = connector(fake);
      fake.inject("/api/json", Fault.malformedJson());

      SourceException e = assertThrows(SourceException.class, connector::discoverScopes);

      assertEquals(ErrorCode.INVALID_DATA, e.code());
    }

    @Test
    void wfapiFailure_failsTheFetch_notSilentlyNoDeployment() {
      FakeJenkins fake = fake(FakeJenkins.builder().runningBuilds(false));
      JenkinsConnector connector =
          connector(support.builder(fake).stageDetection(true).maxRetries(0));
      FakeHttpServer server = fake.server();
      server.inject("/job/api/job/main/12/wfapi", Fault.status(500));

      SourceException e =
          assertThrows(SourceException.class, () -> walk(connector, scope(MAIN), null, 50));

      assertEquals(ErrorCode.SOURCE_UNAVAILABLE, e.code());
    }
  }

  @Nested
  class Configuration {
    @Test
    void environmentPatterns_withoutGroup_orInvalid_orBlank_rejectedNamingTheParameter() {
      JenkinsConnector.Builder b = JenkinsConnector.builder();

      IllegalArgumentException noGroup =
          assertThrows(
              IllegalArgumentException.class, () -> b.environmentPatterns(List.of("deploy-prod")));
      IllegalArgumentException invalid =
          assertThrows(IllegalArgumentException.class, () -> b.stagePatterns(List.of("deploy-(")));
      IllegalArgumentException none =
          assertThrows(IllegalArgumentException.class, () -> b.environmentPatterns(List.of()));
      IllegalArgumentException blank =
          assertThrows(IllegalArgumentException.class, () -> b.stagePatterns(List.of(" ")));

      assertTrue(noGroup.getMessage().startsWith("environmentPatterns"), noGroup.getMessage());
      assertTrue(noGroup.getMessage().contains("deploy-prod"), noGroup.getMessage());
      assertTrue(invalid.getMessage().startsWith("stagePatterns"), invalid.getMessage());
      assertTrue(none.getMessage().startsWith("environmentPatterns"), none.getMessage());
      assertTrue(blank.getMessage().startsWith("stagePatterns"), blank.getMessage());
    }

    @Test
    void builder_badArguments_rejectedNamingThem() {
      JenkinsConnector.Builder b = JenkinsConnector.builder();

      assertTrue(
          assertThrows(
                  IllegalArgumentException.class, () -> b.baseUri(java.net.URI.create("ftp://ci")))
              .getMessage()
              .startsWith("baseUri"));
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> b.baseUri(java.net.URI.create("https://u:p@ci/")))
              .getMessage()
              .startsWith("baseUri"));
      assertThrows(IllegalArgumentException.class, () -> b.credential("ci", "user", " "));
      assertThrows(IllegalArgumentException.class, () -> b.maxRetries(21));
      assertThrows(IllegalArgumentException.class, () -> b.requestTimeout(Duration.ZERO));
      assertThrows(IllegalArgumentException.class, () -> b.requestsPerSecond(-1));
      assertThrows(IllegalArgumentException.class, () -> b.jobFilter("("));
      assertThrows(IllegalArgumentException.class, () -> b.repositoryMapping(Map.of("job", " ")));
      assertThrows(IllegalStateException.class, b::build);
      assertThrows(
          IllegalStateException.class,
          () -> JenkinsConnector.builder().baseUri(java.net.URI.create("https://ci/")).build());
    }
  }
}
