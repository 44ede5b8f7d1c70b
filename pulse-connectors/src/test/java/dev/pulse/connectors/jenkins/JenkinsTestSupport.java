package dev.pulse.connectors.jenkins;

import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.fake.jenkins.FakeBuild;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Builds connectors against a {@link FakeJenkins} whose waits advance a fake clock. */
final class JenkinsTestSupport {
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T00:00:00Z"));
  final List<Duration> slept = new CopyOnWriteArrayList<>();

  JenkinsConnector.Builder builder(FakeJenkins fake) {
    return JenkinsConnector.builder()
        .baseUri(fake.baseUri())
        .credential("jenkins-test-token", FakeJenkins.USER, FakeJenkins.TOKEN)
        .clock(clock)
        .sleeper(
            d -> {
              slept.add(d);
              clock.advance(d);
            })
        .random(new SplittableRandom(7))
        .requestTimeout(Duration.ofSeconds(10));
  }

  static ScopeKey scope(String fullName) {
    JobPath path = JobPath.ROOT;
    for (String name : fullName.split("/")) {
      path = path.child(name);
    }
    return JenkinsConnector.scopeOf(path);
  }

  /** One newest-first walk: the pages, and the watermark the engine would store after it. */
  record Walk(List<Page<Deployment>> pages, @Nullable Position watermark) {
    List<Deployment> items() {
      List<Deployment> out = new ArrayList<>();
      pages.forEach(p -> out.addAll(p.items()));
      return out;
    }
  }

  static Walk walk(
      Connector<Deployment> connector, ScopeKey scope, @Nullable Position after, int pageSize)
      throws Exception {
    List<Page<Deployment>> pages = new ArrayList<>();
    Position highest = after;
    try (PageFetcher<Deployment> fetcher = connector.openScope(scope)) {
      String continuation = null;
      Position previous = null;
      for (int i = 0; i < 10_000; i++) {
        Page<Deployment> page =
            fetcher.fetch(new PageRequest(scope, after, continuation, pageSize));
        pages.add(page);
        Position position = page.position();
        if (position != null) {
          if (previous != null && !page.items().isEmpty() && !previous.isAfter(position)) {
            throw new AssertionError(
                "page positions must decrease: " + position + " after " + previous);
          }
          if (!page.items().isEmpty()) {
            previous = position;
          }
          if (highest == null || position.isAfter(highest)) {
            highest = position;
          }
        }
        if (!page.hasMore()) {
          return new Walk(pages, highest);
        }
        continuation = Objects.requireNonNull(page.continuation());
      }
    }
    throw new AssertionError("the walk did not end");
  }

  /** The deployment a finished build of a job named by its environment must become. */
  static Deployment expected(String job, String environment, FakeBuild build) {
    return expected(job, environment, build, null);
  }

  static Deployment expected(
      String job, String environment, FakeBuild build, @Nullable String repository) {
    String repo = repository;
    if (repo == null) {
      repo =
          build.remoteUrl() == null
              ? job
              : BuildMapper.repositoryOf(build.remoteUrl().replace("\u0000", ""));
    }
    return Deployment.builder()
        .repository(Objects.requireNonNull(repo))
        .environment(environment)
        .buildId(job + "#" + build.number() + "@" + build.startedAt().toEpochMilli())
        .startedAt(build.startedAt())
        .finishedAt(build.finishedAt())
        .result(result(build.result()))
        .commitSha(build.sha())
        .ref(
            build.branch() == null
                ? null
                : BuildMapper.branchName(build.branch().replace("\u0000", "")))
        .system(DeploymentSystem.JENKINS)
        .build();
  }

  static DeploymentResult result(@Nullable String result) {
    if (result == null) {
      return DeploymentResult.UNKNOWN;
    }
    return switch (result) {
      case "SUCCESS", "UNSTABLE" -> DeploymentResult.SUCCESS;
      case "FAILURE" -> DeploymentResult.FAILURE;
      case "ABORTED", "NOT_BUILT" -> DeploymentResult.ABORTED;
      default -> DeploymentResult.UNKNOWN;
    };
  }

  /** Every finished build of a job as deployments, oldest first. */
  static List<Deployment> expectedAll(FakeJenkins fake, String job, String environment) {
    List<Deployment> out = new ArrayList<>();
    for (FakeBuild b : fake.builds(job)) {
      if (!b.building()) {
        out.add(expected(job, environment, b));
      }
    }
    return out;
  }

  static <T> List<T> reversed(List<T> list) {
    List<T> out = new ArrayList<>(list);
    java.util.Collections.reverse(out);
    return out;
  }
}
