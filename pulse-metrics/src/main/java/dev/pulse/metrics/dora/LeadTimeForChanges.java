package dev.pulse.metrics.dora;

import dev.pulse.model.PullRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Computes lead time for changes per pull request and its phases.
 *
 * <p>Counted: pull requests with a merge time in the window {@code [start, end)}. For each, {@code
 * deployedAt} is the effective time of the first successful production deployment of the same
 * repository that <b>started</b> at or after the merge: among the deployments with {@code startedAt
 * >= mergedAt}, the earliest effective time (a deployment that started before the merge cannot
 * contain it, even if it finished after). Phases: coding = created - first commit, pickup = first
 * review - created, review = merged - first review, deploy = deployed - merged, total = deployed -
 * first commit. A phase with a missing end or a negative span is unknown and left out of its
 * statistics; zero is a valid span. Median, P75 and P90 are computed per phase over the pull
 * requests where it is known. Stateless and thread-safe.
 */
public final class LeadTimeForChanges {
  private LeadTimeForChanges() {}

  /**
   * Computes the aggregate lead time.
   *
   * @param pullRequests pull requests in any order
   * @param pairing the deployments, paired with the same options
   * @param window the merge window
   * @param options the production environment and benchmark
   * @return the result
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static LeadTimeResult compute(
      Collection<PullRequest> pullRequests, Pairing pairing, Window window, DoraOptions options) {
    pairing.requireCompatible(options);
    Deploys deploys = Deploys.of(pairing, options.productionEnvironment());
    long[] bounds = PairingCore.bounds(window);
    long first = bounds[0];
    long last = bounds[1];
    int n = pullRequests.size();
    Phase coding = new Phase(n);
    Phase pickup = new Phase(n);
    Phase review = new Phase(n);
    Phase deploy = new Phase(n);
    Phase total = new Phase(n);
    int merged = 0;
    int deployed = 0;
    for (PullRequest pr : pullRequests) {
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null) {
        continue;
      }
      long m = PairingCore.nanos(mergedAt);
      if (m < first || m > last) {
        continue;
      }
      merged++;
      long d = deploys.firstStartedAtOrAfter(pr.repository(), m);
      Instant deployedAt = d == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, d);
      if (deployedAt != null) {
        deployed++;
      }
      // the same five spans, through the same span(), as perPullRequest
      coding.add(pr.firstCommitAt(), pr.createdAt());
      pickup.add(pr.createdAt(), pr.firstReviewAt());
      review.add(pr.firstReviewAt(), mergedAt);
      deploy.add(mergedAt, deployedAt);
      total.add(pr.firstCommitAt(), deployedAt);
    }
    DurationSummary totals = total.summary();
    Duration median = totals.median();
    return new LeadTimeResult(
        merged,
        deployed,
        coding.summary(),
        pickup.summary(),
        review.summary(),
        deploy.summary(),
        totals,
        median == null ? null : options.benchmark().leadTimeLevel(median));
  }

  /**
   * Computes the lead time of each pull request merged in the window.
   *
   * @param pullRequests pull requests in any order
   * @param pairing the deployments, paired with the same options
   * @param window the merge window
   * @param options the production environment
   * @return one record per pull request merged in the window, in input order
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static List<PullRequestLeadTime> perPullRequest(
      Collection<PullRequest> pullRequests, Pairing pairing, Window window, DoraOptions options) {
    pairing.requireCompatible(options);
    Deploys deploys = Deploys.of(pairing, options.productionEnvironment());
    List<PullRequestLeadTime> out = new ArrayList<>();
    for (PullRequest pr : pullRequests) {
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null || !window.contains(mergedAt)) {
        continue;
      }
      long d = deploys.firstStartedAtOrAfter(pr.repository(), PairingCore.nanos(mergedAt));
      Instant deployedAt = d == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, d);
      out.add(
          new PullRequestLeadTime(
              pr.repository(),
              pr.number(),
              deployedAt,
              span(pr.firstCommitAt(), pr.createdAt()),
              span(pr.createdAt(), pr.firstReviewAt()),
              span(pr.firstReviewAt(), mergedAt),
              span(mergedAt, deployedAt),
              span(pr.firstCommitAt(), deployedAt)));
    }
    return Collections.unmodifiableList(out);
  }

  /** Returns {@code to - from}, or null when an end is missing or the span is negative. */
  static @Nullable Duration span(@Nullable Instant from, @Nullable Instant to) {
    if (from == null || to == null || to.isBefore(from)) {
      return null;
    }
    return Duration.between(from, to);
  }

  /**
   * The known spans of one phase, as nanoseconds, and how many were left out because they were
   * negative.
   */
  private static final class Phase {
    private final long[] nanos;
    private int count;
    private int negative;

    Phase(int capacity) {
      nanos = new long[capacity];
    }

    void add(@Nullable Instant from, @Nullable Instant to) {
      Duration span = span(from, to);
      if (span != null) {
        nanos[count++] = span.toNanos();
      } else if (from != null && to != null) { // both ends known, so span() found it negative
        negative++;
      }
    }

    DurationSummary summary() {
      return DurationSummary.of(nanos, count, negative);
    }
  }

  /**
   * Successful production deployments per repository: effective times ascending (pairing order)
   * and, at each index, the latest start time up to it. The first deployment that started at or
   * after {@code t} in effective-time order is the first index whose running maximum start reaches
   * {@code t}, found by binary search; its effective time is the earliest among all deployments
   * started at or after {@code t}.
   */
  private static final class Deploys {
    private final Map<String, long[][]> byRepository;

    private Deploys(Map<String, long[][]> byRepository) {
      this.byRepository = byRepository;
    }

    static Deploys of(Pairing pairing, String production) {
      Map<String, long[][]> map = new HashMap<>();
      for (int g = 0; g < pairing.groupEnvironment.length; g++) {
        if (!pairing.groupEnvironment[g].equals(production)) {
          continue;
        }
        int from = pairing.groupStart[g];
        int to = pairing.groupStart[g + 1];
        long[] effective = new long[to - from];
        long[] maxStart = new long[to - from];
        long max = Long.MIN_VALUE;
        int k = 0;
        for (int i = from; i < to; i++) {
          if (pairing.kind[i] == PairingCore.SUCCESS) {
            max = Math.max(max, PairingCore.clampedNanos(pairing.deployments[i].startedAt()));
            effective[k] = pairing.time[i];
            maxStart[k++] = max;
          }
        }
        // one production group per repository
        map.put(
            pairing.groupRepository[g],
            new long[][] {Arrays.copyOf(effective, k), Arrays.copyOf(maxStart, k)});
      }
      return new Deploys(map);
    }

    /**
     * Returns the earliest effective time of a deployment that started at or after {@code t}, or
     * {@link Long#MIN_VALUE} when none.
     */
    long firstStartedAtOrAfter(String repository, long t) {
      long[][] times = byRepository.get(Objects.requireNonNull(repository, "repository"));
      if (times == null) {
        return Long.MIN_VALUE;
      }
      long[] effective = times[0];
      long[] maxStart = times[1];
      int lo = 0;
      int hi = maxStart.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (maxStart[mid] < t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo < effective.length ? effective[lo] : Long.MIN_VALUE;
    }
  }
}
