package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Dora#computeParts} against the straightforward computation on random records: the windows'
 * figures against {@link Dora#compute(Pairing, Iterable, CommitRange, List, DoraOptions)}, and each
 * part's against {@link Dora#compute(Pairing, java.util.Collection, CommitRange, Window,
 * DoraOptions)} of the restricted pairing and the part's pull requests alone. The records mix every
 * linkage (SHA, commit range, branch, time, before the first deployment, not deployed), two
 * production environments, reverts and hotfix labels (also merged outside the windows), pull
 * requests of repositories outside their part and of a repository never deployed.
 */
final class DoraPartsTest {
  private static final String[] REPOSITORIES = {"api", "web", "db", "ops"};
  private static final String[] ENVIRONMENTS = {"production", "prod-eu", "staging"};
  private static final String[] REFS = {"main", "refs/heads/main", "release", "main"};
  private static final DeploymentResult[] RESULTS = DeploymentResult.values();
  private static final long SPAN = 60 * 24 * 30;

  @Test
  void parts_equalTheFiguresOfEachPartAlone() {
    Random random = new Random(22);
    for (int round = 0; round < 80; round++) {
      DoraOptions options =
          DoraOptions.builder()
              .productionEnvironments(
                  random.nextBoolean() ? List.of("production", "prod-eu") : List.of("production"))
              .hotfixLabels(List.of("hotfix"))
              .minSample(1)
              .build();
      List<Deployment> deployments = deployments(random);
      List<PullRequest> pullRequests = pullRequests(random);
      CommitRange range = random.nextBoolean() ? null : range(random.nextLong());
      Pairing pairing = DeploymentPairer.of(options).pair(deployments);
      List<Window> windows = new ArrayList<>();
      long from = random.nextInt((int) (SPAN / 3));
      long to = from + 1 + random.nextInt((int) (SPAN - from));
      windows.add(new Window(at(from), at(to)));
      for (int k = random.nextInt(4); k > 0; k--) {
        long a = random.nextInt((int) SPAN);
        windows.add(new Window(at(a), at(a + 1 + random.nextInt(60 * 24 * 7))));
      }
      List<DoraPart> parts = new ArrayList<>();
      List<Set<String>> partRepositories = new ArrayList<>();
      List<List<PullRequest>> partPullRequests = new ArrayList<>();
      for (int p = random.nextInt(6); p > 0; p--) {
        Set<String> repositories = new HashSet<>();
        for (String repository : REPOSITORIES) {
          if (random.nextInt(3) == 0) {
            repositories.add(repository);
          }
        }
        // most of the part's pull requests are of its repositories; some are not
        List<Integer> positions = new ArrayList<>();
        List<PullRequest> mine = new ArrayList<>();
        for (int j = 0; j < pullRequests.size(); j++) {
          PullRequest pr = pullRequests.get(j);
          boolean ofPart = repositories.contains(pr.repository());
          if (ofPart ? random.nextInt(5) != 0 : random.nextInt(8) == 0) {
            positions.add(j);
            mine.add(pr);
          }
        }
        // positions in any order
        java.util.Collections.shuffle(positions, random);
        parts.add(DoraPart.of(repositories, positions.stream().mapToInt(i -> i).toArray()));
        partRepositories.add(repositories);
        partPullRequests.add(mine);
      }

      DoraBreakdown breakdown =
          Dora.computeParts(pairing, pullRequests, range, windows, parts, options);

      String at = "round " + round;
      assertEquals(
          Dora.compute(pairing, pullRequests, range, windows, options), breakdown.windows(), at);
      for (int p = 0; p < parts.size(); p++) {
        assertEquals(
            Dora.compute(
                pairing.restrictedTo(partRepositories.get(p)),
                partPullRequests.get(p),
                range,
                windows.get(0),
                options),
            breakdown.parts().get(p),
            at + ", part " + partRepositories.get(p));
      }
    }
  }

  @Test
  void computeParts_rejectsPositionsOutsideTheList() {
    DoraOptions options = DoraOptions.builder().build();
    Pairing pairing = DeploymentPairer.of(options).pair(List.of());
    Window window = new Window(at(0), at(10));
    List<DoraPart> parts = List.of(DoraPart.of(Set.of("api"), new int[] {0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Dora.computeParts(pairing, List.of(), null, List.of(window), parts, options));
    assertThrows(
        IllegalArgumentException.class,
        () -> Dora.computeParts(pairing, List.of(), null, List.of(), parts, options));
    List<PullRequest> two = pullRequests(new Random(1)).subList(0, 2);
    List<DoraPart> twice = List.of(DoraPart.of(Set.of("api"), new int[] {1, 0, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Dora.computeParts(pairing, two, null, List.of(window), twice, options));
    assertThrows(IllegalArgumentException.class, () -> DoraPart.of(Set.of(), new int[] {-1}));
  }

  private static List<Deployment> deployments(Random random) {
    List<Deployment> out = new ArrayList<>();
    int n = random.nextInt(120);
    for (int i = 0; i < n; i++) {
      Instant finished = at(random.nextInt((int) SPAN / 10) * 10L);
      boolean withSha = random.nextInt(3) != 0;
      out.add(
          Deployment.builder()
              .repository(REPOSITORIES[random.nextInt(REPOSITORIES.length)])
              .environment(ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)])
              // few build ids, so some repeat and times tie
              .buildId("b" + random.nextInt(n + 1))
              .startedAt(finished.minusSeconds(60L * random.nextInt(600)))
              .finishedAt(finished)
              .result(RESULTS[random.nextInt(RESULTS.length)])
              .commitSha(withSha ? sha(random.nextInt(40)) : null)
              .ref(random.nextInt(4) == 0 ? null : REFS[random.nextInt(REFS.length)])
              .system(DeploymentSystem.JENKINS)
              .build());
    }
    return out;
  }

  private static List<PullRequest> pullRequests(Random random) {
    List<PullRequest> out = new ArrayList<>();
    int n = 2 + random.nextInt(150);
    for (int i = 0; i < n; i++) {
      Instant created = at(random.nextInt((int) SPAN));
      boolean merged = random.nextInt(10) != 0;
      Instant mergedAt = created.plusSeconds(60L * random.nextInt(60 * 24 * 3));
      PullRequest.Builder pr =
          PullRequest.builder()
              // "docs" is never deployed
              .repository(random.nextInt(10) == 0 ? "docs" : REPOSITORIES[random.nextInt(4)])
              .number(i + 1)
              .createdAt(created)
              .firstCommitAt(
                  random.nextInt(5) == 0
                      ? null
                      : created.plusSeconds(60L * (random.nextInt(600) - 400)))
              .firstReviewAt(
                  random.nextInt(4) == 0
                      ? null
                      : created.plusSeconds(60L * (random.nextInt(60 * 24 * 4) - 60)))
              .readyForReviewAt(
                  random.nextInt(4) == 0 ? created.plusSeconds(60L * random.nextInt(300)) : null)
              .baseBranch(random.nextInt(4) == 0 ? "release" : "main")
              .mergeCommitSha(
                  random.nextInt(3) == 0
                      ? (random.nextBoolean()
                          ? sha(random.nextInt(40)).toUpperCase(Locale.ROOT)
                          : sha(random.nextInt(40)))
                      : null)
              .updatedAt(created);
      if (merged) {
        pr.mergedAt(mergedAt).closedAt(mergedAt).state(PullRequestState.MERGED);
      } else {
        pr.state(PullRequestState.OPEN);
      }
      if (random.nextInt(8) == 0) {
        pr.revertOf(null);
      }
      if (random.nextInt(8) == 0) {
        pr.labels(List.of(random.nextBoolean() ? "HotFix" : "hotfix", "other"));
      }
      out.add(pr.build());
    }
    return out;
  }

  /** A commit range that knows the contents of some deployments: merges from a small pool. */
  private static CommitRange range(long seed) {
    return (deployment, previous) -> {
      Random r = new Random(seed ^ deployment.buildId().hashCode());
      if (r.nextInt(3) == 0) {
        return null;
      }
      Set<String> commits = new HashSet<>();
      for (int k = r.nextInt(4); k > 0; k--) {
        commits.add(sha(r.nextInt(40)));
      }
      return commits;
    };
  }

  private static String sha(int k) {
    return String.format(Locale.ROOT, "%07x", 0xabc0000 + k);
  }
}
