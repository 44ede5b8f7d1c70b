package dev.pulse.connectors.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.Position;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class BuildMapperTest {
  private static final JobPath JOB = JobPath.ROOT.child("svc").child("deploy-prod");

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void buildResult_everyJenkinsResult() {
    assertEquals(DeploymentResult.SUCCESS, BuildMapper.buildResult("SUCCESS"));
    assertEquals(DeploymentResult.SUCCESS, BuildMapper.buildResult("UNSTABLE"));
    assertEquals(DeploymentResult.FAILURE, BuildMapper.buildResult("FAILURE"));
    assertEquals(DeploymentResult.ABORTED, BuildMapper.buildResult("ABORTED"));
    assertEquals(DeploymentResult.ABORTED, BuildMapper.buildResult("NOT_BUILT"));
    assertEquals(DeploymentResult.UNKNOWN, BuildMapper.buildResult(null));
    assertEquals(DeploymentResult.UNKNOWN, BuildMapper.buildResult("WEIRD"));
  }

  @Test
  void stageResult_ranOrSkipped() {
    assertEquals(DeploymentResult.SUCCESS, BuildMapper.stageResult("SUCCESS"));
    assertEquals(DeploymentResult.SUCCESS, BuildMapper.stageResult("UNSTABLE"));
    assertEquals(DeploymentResult.FAILURE, BuildMapper.stageResult("FAILED"));
    assertEquals(DeploymentResult.ABORTED, BuildMapper.stageResult("ABORTED"));
    assertNull(BuildMapper.stageResult("NOT_EXECUTED"));
    assertNull(BuildMapper.stageResult("SKIPPED"));
    assertNull(BuildMapper.stageResult(null));
    assertEquals(DeploymentResult.UNKNOWN, BuildMapper.stageResult("PAUSED_PENDING_INPUT"));
  }

  @Test
  void repositoryOf_httpsSshScpAndPaths() {
    assertEquals("acme/api", BuildMapper.repositoryOf("https://github.com/acme/api.git"));
    assertEquals("acme/api", BuildMapper.repositoryOf("https://github.com/acme/api/"));
    assertEquals("acme/api", BuildMapper.repositoryOf("git@github.com:acme/api.git"));
    assertEquals("acme/api", BuildMapper.repositoryOf("ssh://git@github.com:22/acme/api.git"));
    assertEquals(
        "group/sub/api", BuildMapper.repositoryOf("https://gitlab.acme.com/group/sub/api.git"));
    assertNull(BuildMapper.repositoryOf("https://github.com"));
    assertNull(BuildMapper.repositoryOf(" "));
  }

  @Test
  void branchName_gitPluginForms() {
    assertEquals("main", BuildMapper.branchName("refs/remotes/origin/main"));
    assertEquals("feature/x", BuildMapper.branchName("origin/feature/x"));
    assertEquals("main", BuildMapper.branchName("refs/heads/main"));
    assertEquals("v1.2", BuildMapper.branchName("v1.2"));
    assertNull(BuildMapper.branchName(" "));
  }

  @Test
  void buildId_roundTripsToThePosition() {
    Instant started = Instant.parse("2026-02-03T04:05:06.789Z");
    String id = BuildMapper.buildId(JOB, 42, started);

    assertEquals("svc/deploy-prod#42@" + started.toEpochMilli(), id);
    assertEquals(Position.at(started, 42), BuildMapper.positionOfBuildId(id));
    assertNull(BuildMapper.positionOfBuildId("no-number"));
  }

  @Test
  void map_buildData_firstCheckoutWithRevision_badShaDropped() throws Exception {
    BuildMapper mapper = new BuildMapper(Map.of());
    JsonNode build =
        json(
            "{'number':7,'result':'SUCCESS','building':false,'timestamp':1000,'duration':500,"
                + "'actions':[{'_class':'hudson.model.CauseAction'},{},"
                + "{'_class':'hudson.plugins.git.util.BuildData','lastBuiltRevision':"
                + "{'SHA1':'not-hex','branch':[{'name':'refs/remotes/origin/rel\\u0000ease'}]},"
                + "'remoteUrls':['https://github.com/acme/pay\\u0000ments.git']},"
                + "{'_class':'hudson.plugins.git.util.BuildData','lastBuiltRevision':"
                + "{'SHA1':'abcdef1234567'},'remoteUrls':['https://github.com/acme/lib.git']}]}");

    List<Deployment> out = mapper.map(JOB, "prod", build, null, null);

    assertEquals(1, out.size());
    Deployment d = out.get(0);
    assertEquals("acme/payments", d.repository());
    assertEquals("release", d.ref());
    assertNull(d.commitSha(), "a SHA that is not hexadecimal is dropped, not failed on");
    assertEquals(Instant.ofEpochMilli(1000), d.startedAt());
    assertEquals(Instant.ofEpochMilli(1500), d.finishedAt());
  }

  @Test
  void map_stages_retriedStageKeepsItsLastRun_noStagesNoDeployment() throws Exception {
    BuildMapper mapper = new BuildMapper(Map.of("svc", "acme/svc"));
    EnvironmentPatterns stages =
        EnvironmentPatterns.compile(List.of(JenkinsConnector.DEFAULT_ENVIRONMENT_PATTERN), "p");
    JsonNode build = json("{'number':3,'result':'SUCCESS','timestamp':1000,'duration':900}");
    JsonNode describe =
        json(
            "{'stages':[{'name':'Deploy to prod','status':'FAILED','startTimeMillis':1100,"
                + "'durationMillis':50},{'name':'Deploy to prod','status':'SUCCESS',"
                + "'startTimeMillis':1200,'durationMillis':70},{'name':'Smoke','status':'SUCCESS'}]}");

    List<Deployment> out = mapper.map(JOB, null, build, stages, describe);
    List<Deployment> none = mapper.map(JOB, null, build, stages, json("{'stages':[]}"));

    assertEquals(1, out.size());
    assertEquals("prod", out.get(0).environment());
    assertEquals(DeploymentResult.SUCCESS, out.get(0).result());
    assertEquals(Instant.ofEpochMilli(1270), out.get(0).finishedAt());
    assertEquals("acme/svc", out.get(0).repository(), "the folder's mapping");
    assertEquals(List.of(), none);
  }

  @Test
  void environmentPatterns_namedGroupFirstGroupFirstMatchWins() {
    EnvironmentPatterns patterns =
        EnvironmentPatterns.compile(
            List.of("(x)?deploy-(?<env>prod-(?:eu|us))", "(stag\\w+)", "deploy-(\\w+)"), "p");

    assertEquals("prod-eu", patterns.environmentOf("team/deploy-prod-eu"));
    assertEquals("staging", patterns.environmentOf("team/deploy-staging"));
    assertEquals("hml", patterns.environmentOf("team/deploy-hml"));
    assertEquals("prod", patterns.environmentOf("team/deploy-pr\u0000od"), "NUL stripped first");
    assertNull(patterns.environmentOf("team/build"));
  }
}
