package dev.pulse.connectors.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.Position;
import dev.pulse.connectors.internal.Json;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one finished Jenkins build (an element of {@code allBuilds}) into the deployments it made.
 *
 * <p>Without stage detection a build of a job whose full name carries an environment is one
 * deployment to that environment, with the build's result. With stage detection, each stage of the
 * build's {@code wfapi/describe} whose name carries an environment and that ran is one deployment,
 * with the stage's status; a skipped stage ({@code NOT_EXECUTED}) is none. Builds without stage
 * data (not a pipeline) fall back to the job's name. Stateless and thread-safe.
 */
final class BuildMapper {
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
  private static final String BUILD_DATA = "hudson.plugins.git.util.BuildData";

  private final Map<String, String> repositoryMapping;

  BuildMapper(Map<String, String> repositoryMapping) {
    this.repositoryMapping = Map.copyOf(repositoryMapping);
  }

  /** The build's position: (start time, build number). */
  static Position position(Instant startedAt, long number) {
    return Position.at(startedAt, number);
  }

  /**
   * The build id of a deployment: the job, the number and the start time, so a number Jenkins hands
   * out again (a job reset) makes a new build.
   */
  static String buildId(JobPath job, long number, Instant startedAt) {
    return job.fullName() + "#" + number + "@" + startedAt.toEpochMilli();
  }

  /** Reads a build id back as the position of its build, or null when it is not one of ours. */
  static @Nullable Position positionOfBuildId(String buildId) {
    int hash = buildId.lastIndexOf('#');
    int at = buildId.lastIndexOf('@');
    if (hash < 0 || at < hash) {
      return null;
    }
    try {
      long number = Long.parseLong(buildId.substring(hash + 1, at));
      long millis = Long.parseLong(buildId.substring(at + 1));
      return position(Instant.ofEpochMilli(millis), number);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Maps Jenkins' build result. UNSTABLE is a success: the build ran to its end and deployed, only
   * tests (or other publishers) flagged problems. NOT_BUILT (a build stopped before it ran, or a
   * skipped matrix part) is an abort: it neither fails nor restores.
   */
  static DeploymentResult buildResult(@Nullable String result) {
    if (result == null) {
      return DeploymentResult.UNKNOWN;
    }
    return switch (result.strip().toUpperCase(Locale.ROOT)) {
      case "SUCCESS", "UNSTABLE" -> DeploymentResult.SUCCESS;
      case "FAILURE" -> DeploymentResult.FAILURE;
      case "ABORTED", "NOT_BUILT" -> DeploymentResult.ABORTED;
      default -> DeploymentResult.UNKNOWN;
    };
  }

  /**
   * Maps a wfapi stage status, or returns null when the stage did not run (so it is no deployment).
   */
  static @Nullable DeploymentResult stageResult(@Nullable String status) {
    if (status == null) {
      return null;
    }
    return switch (status.strip().toUpperCase(Locale.ROOT)) {
      case "SUCCESS", "UNSTABLE" -> DeploymentResult.SUCCESS;
      case "FAILED", "FAILURE" -> DeploymentResult.FAILURE;
      case "ABORTED" -> DeploymentResult.ABORTED;
      case "NOT_EXECUTED", "SKIPPED", "NOT_BUILT" -> null;
      default -> DeploymentResult.UNKNOWN;
    };
  }

  /**
   * Maps a finished build.
   *
   * @param job the job
   * @param jobEnvironment the environment the job's name carries, or null
   * @param build the build's JSON
   * @param stagePatterns the deploy-stage patterns, or null without stage detection
   * @param describe the build's {@code wfapi/describe}, or null when stage data is off or missing
   */
  List<Deployment> map(
      JobPath job,
      @Nullable String jobEnvironment,
      JsonNode build,
      @Nullable EnvironmentPatterns stagePatterns,
      @Nullable JsonNode describe) {
    long number = build.path("number").asLong();
    Instant started = Instant.ofEpochMilli(build.path("timestamp").asLong());
    long duration = Math.max(0, build.path("duration").asLong());
    Scm scm = scm(build);
    String repository = scm.repository != null ? scm.repository : mappedRepository(job);
    String id = buildId(job, number, started);
    Deployment.Builder base =
        Deployment.builder()
            .repository(repository)
            .buildId(id)
            .commitSha(scm.sha)
            .ref(scm.ref)
            .system(DeploymentSystem.JENKINS);
    if (stagePatterns != null && describe != null) {
      JsonNode stages = Json.child(describe, "stages");
      Map<String, Deployment> byEnvironment = new LinkedHashMap<>();
      if (stages != null) {
        for (JsonNode stage : stages) {
          String name = Json.cleanText(stage, "name");
          String env = name == null ? null : stagePatterns.environmentOf(name);
          DeploymentResult result = stageResult(Json.cleanText(stage, "status"));
          if (env == null || result == null) {
            continue;
          }
          long stageStart = stage.path("startTimeMillis").asLong(0);
          Instant stageStarted = stageStart > 0 ? Instant.ofEpochMilli(stageStart) : started;
          long stageDuration = Math.max(0, stage.path("durationMillis").asLong(0));
          // A stage that ran twice (a retry) for one environment keeps its last run.
          byEnvironment.put(
              env,
              base.environment(env)
                  .startedAt(stageStarted)
                  .finishedAt(stageStarted.plusMillis(stageDuration))
                  .result(result)
                  .build());
        }
      }
      return List.copyOf(byEnvironment.values());
    }
    if (jobEnvironment == null) {
      return List.of();
    }
    List<Deployment> out = new ArrayList<>(1);
    out.add(
        base.environment(jobEnvironment)
            .startedAt(started)
            .finishedAt(started.plusMillis(duration))
            .result(buildResult(Json.cleanText(build, "result")))
            .build());
    return out;
  }

  /** The configured repository of a job or of its nearest configured folder, else its name. */
  String mappedRepository(JobPath job) {
    List<String> names = job.names();
    for (int n = names.size(); n > 0; n--) {
      String mapped = repositoryMapping.get(String.join("/", names.subList(0, n)));
      if (mapped != null) {
        return mapped;
      }
    }
    return Json.stripNul(job.fullName());
  }

  private record Scm(@Nullable String repository, @Nullable String sha, @Nullable String ref) {}

  /**
   * Reads the git plugin's BuildData: the first action with a built revision (a pipeline that loads
   * a shared library has one action per checkout, the project's own first).
   */
  private static Scm scm(JsonNode build) {
    JsonNode actions = Json.child(build, "actions");
    if (actions == null) {
      return new Scm(null, null, null);
    }
    for (JsonNode action : actions) {
      JsonNode revision = Json.child(action, "lastBuiltRevision");
      boolean buildData = BUILD_DATA.equals(Json.text(action, "_class")) || revision != null;
      if (!buildData || revision == null) {
        continue;
      }
      String sha = Json.cleanText(revision, "SHA1");
      if (sha != null && !SHA.matcher(sha).matches()) {
        sha = null;
      }
      String ref = null;
      JsonNode branches = Json.child(revision, "branch");
      if (branches != null && branches.size() > 0) {
        ref = branchName(Json.cleanText(branches.get(0), "name"));
      }
      String repository = null;
      JsonNode urls = Json.child(action, "remoteUrls");
      if (urls != null && urls.size() > 0) {
        repository = repositoryOf(Json.stripNul(urls.get(0).asText("")));
      }
      return new Scm(repository, sha, ref);
    }
    return new Scm(null, null, null);
  }

  /** {@code refs/remotes/origin/main}, {@code origin/main}, {@code refs/heads/main} → main. */
  static @Nullable String branchName(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.strip();
    for (String prefix : new String[] {"refs/remotes/origin/", "refs/heads/", "origin/"}) {
      if (n.startsWith(prefix) && n.length() > prefix.length()) {
        return n.substring(prefix.length());
      }
    }
    return n;
  }

  /**
   * The repository a remote URL names, as owner/name: {@code https://github.com/acme/api.git} and
   * {@code git@github.com:acme/api.git} are both {@code acme/api}; null when the URL has no path.
   */
  static @Nullable String repositoryOf(String url) {
    String u = url.strip();
    if (u.isEmpty()) {
      return null;
    }
    int scheme = u.indexOf("://");
    String path;
    if (scheme >= 0) {
      int slash = u.indexOf('/', scheme + 3);
      path = slash < 0 ? "" : u.substring(slash + 1);
    } else {
      int colon = u.indexOf(':');
      path = colon < 0 ? u : u.substring(colon + 1);
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return path.isBlank() ? null : path;
  }
}
