package dev.pulse.testkit.fake.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.testkit.fake.FakeJson;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class FakeJenkinsTest {
  /** A status and body; the JDK's URL connection keeps the test module on java.base. */
  private record Answer(int statusCode, String body) {}

  private static Answer get(FakeJenkins fake, String path, boolean auth) throws Exception {
    HttpURLConnection c = (HttpURLConnection) fake.baseUri().resolve(path).toURL().openConnection();
    if (auth) {
      String pair = FakeJenkins.USER + ":" + FakeJenkins.TOKEN;
      c.setRequestProperty(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      return new Answer(
          status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      c.disconnect();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Long> numbers(FakeJenkins fake, String job, String tree) throws Exception {
    String body =
        get(fake, job + "api/json?tree=" + URLEncoder.encode(tree, StandardCharsets.UTF_8), true)
            .body();
    Map<String, Object> root = (Map<String, Object>) Objects.requireNonNull(FakeJson.parse(body));
    String property = tree.startsWith("allBuilds") ? "allBuilds" : "builds";
    return ((List<Map<String, Object>>) root.get(property))
        .stream().map(b -> ((Number) b.get("number")).longValue()).toList();
  }

  @Test
  void tree_rangeForms_allBuildsNewestFirst_buildsOnlyTheNewest100() throws Exception {
    try (FakeJenkins fake =
        FakeJenkins.builder()
            .standardOrganisation(false)
            .job("svc/deploy-prod", FakeJenkins.FREESTYLE, 120)
            .start()) {
      String job = "job/svc/job/deploy-prod/";

      assertEquals(List.of(120L, 119L, 118L), numbers(fake, job, "allBuilds[number]{0,3}"));
      assertEquals(List.of(3L, 2L, 1L), numbers(fake, job, "allBuilds[number]{117,}"));
      assertEquals(List.of(120L, 119L), numbers(fake, job, "allBuilds[number]{,2}"));
      assertEquals(List.of(115L), numbers(fake, job, "allBuilds[number]{5}"));
      assertEquals(List.of(), numbers(fake, job, "allBuilds[number]{500,510}"));
      assertEquals(120, numbers(fake, job, "allBuilds[number]").size());
      assertEquals(100, numbers(fake, job, "builds[number]").size());
    }
  }

  @Test
  void api_withoutCredentials_401_unknownJob_404_freestyleHasNoStages() throws Exception {
    try (FakeJenkins fake = FakeJenkins.builder().start()) {
      assertEquals(401, get(fake, "api/json", false).statusCode());
      assertEquals(404, get(fake, "job/nope/api/json", true).statusCode());
      assertEquals(
          404,
          get(fake, "job/platform/job/infra/job/deploy-prod-eu/1/wfapi/describe", true)
              .statusCode());
      Answer stages = get(fake, "job/api/job/main/1/wfapi/describe", true);
      assertEquals(200, stages.statusCode());
      assertTrue(stages.body().contains("\"stages\""), stages.body());
    }
  }

  @Test
  void fieldList_honoured_actionsOnlyWhenAsked() throws Exception {
    try (FakeJenkins fake = FakeJenkins.builder().start()) {
      String light =
          get(
                  fake,
                  "job/payments/job/deploy-prod/api/json?tree="
                      + URLEncoder.encode(
                          "allBuilds[number,building,timestamp]{0,2}", StandardCharsets.UTF_8),
                  true)
              .body();
      String full =
          get(
                  fake,
                  "job/payments/job/deploy-prod/api/json?tree="
                      + URLEncoder.encode(
                          "allBuilds[number,actions[_class]]{0,2}", StandardCharsets.UTF_8),
                  true)
              .body();

      assertFalse(light.contains("actions"), light);
      assertTrue(light.contains("\"building\":true"), "the newest build runs: " + light);
      assertTrue(full.contains("hudson.plugins.git.util.BuildData"), full);
    }
  }

  @Test
  void folders_listChildrenWithClasses() throws Exception {
    try (FakeJenkins fake = FakeJenkins.builder().start()) {
      String root =
          get(
                  fake,
                  "api/json?tree="
                      + URLEncoder.encode("jobs[name,_class,jobs[name]]", StandardCharsets.UTF_8),
                  true)
              .body();

      assertTrue(root.contains(FakeJenkins.MULTIBRANCH), root);
      assertTrue(root.contains("\"name\":\"archive\",\"url\""), root);
      assertTrue(root.contains("\"jobs\":[]"), "an empty folder lists no jobs: " + root);
      assertEquals(
          List.of(
              "payments/deploy-prod",
              "payments/deploy-staging",
              "platform/infra/deploy-prod-eu",
              "platform/infra/deploy-prod-us",
              "api/main",
              "api/feature%2Flogin",
              "legacy-deploy-prod",
              "nightly-tests"),
          fake.jobNames());
      URI base = fake.baseUri();
      assertTrue(base.toString().endsWith("/"), base.toString());
    }
  }
}
