package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.PullRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Computes lead time for changes per pull request and its phases.
 *
 * <p>Counted: pull requests with a merge time in the window {@code [start, end)}. A pull request
 * merged before the first production deployment seen for its repository (the earliest start of any
 * of them, whatever its result) is excluded and counted ({@link Linkage#BEFORE_FIRST_DEPLOYMENT}).
 * The others are deployed by the first successful production deployment of the repository (in
 * effective-time order) that contains the merge commit, with the evidence said by {@link Linkage}:
 * a deployment whose commit SHA equals the merge commit SHA, or whose {@link CommitRange} (when the
 * caller gives one) lists it; else, among the deployments whose contents are not known from a
 * commit range, the earliest effective time of one that <b>started</b> at or after the merge and
 * deployed the base branch ({@link Linkage#BRANCH}) or does not say which ref it deployed ({@link
 * Linkage#TIME}). A deployment of another branch never deploys it.
 *
 * <p>Phases between the boundaries first commit, ready for review ({@code readyForReviewAt}, else
 * created), first review (else the merge), merge and deployment: coding, pickup, review, deploy. A
 * boundary earlier than the one before it is moved up to it (ready and review are also kept at or
 * before the merge, the deployment at or after it), so every phase is {@code >= 0} and, when the
 * total is known, the four phases add up to it exactly; such reversed spans are counted as {@code
 * negative} per phase. Total = deployed - first commit. Median, P75 and P90 per phase over the pull
 * requests where it is known. Stateless and thread-safe.
 */
public final class LeadTimeForChanges {
  private LeadTimeForChanges() {}

  /**
   * Computes the aggregate lead time, linking by commit SHA equality, branch and time.
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
    return compute(pullRequests, pairing, null, window, options);
  }

  /**
   * Computes the aggregate lead time, linking also by the commits each deployment contains.
   *
   * @param pullRequests pull requests in any order
   * @param pairing the deployments, paired with the same options
   * @param commitRange the merge commits of each deployment, or null to link by SHA equality,
   *     branch and time only
   * @param window the merge window
   * @param options the production environment and benchmark
   * @return the result
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static LeadTimeResult compute(
      Collection<PullRequest> pullRequests,
      Pairing pairing,
      @Nullable CommitRange commitRange,
      Window window,
      DoraOptions options) {
    return computeMany(pullRequests, pairing, commitRange, List.of(window), options).get(0);
  }

  /**
   * Computes the aggregate lead time over several windows at once, linking each pull request once.
   *
   * @return one result per window, in the order given
   */
  static List<LeadTimeResult> computeMany(
      Iterable<PullRequest> pullRequests,
      Pairing pairing,
      @Nullable CommitRange commitRange,
      List<Window> windows,
      DoraOptions options) {
    pairing.requireCompatible(options);
    return computeLinked(pullRequests, Deploys.of(pairing, options, commitRange), windows, options);
  }

  /**
   * Computes the aggregate lead time over several windows at once, linking each pull request once
   * with deployments already indexed (and shared with the rework rate).
   *
   * @return one result per window, in the order given
   */
  static List<LeadTimeResult> computeLinked(
      Iterable<PullRequest> pullRequests,
      Deploys deploys,
      List<Window> windows,
      DoraOptions options) {
    int w = windows.size();
    Nanos scratch = new Nanos();
    long[] first = new long[w];
    long[] last = new long[w];
    Accumulator[] acc = new Accumulator[w];
    for (int k = 0; k < w; k++) {
      long[] bounds = PairingCore.bounds(windows.get(k));
      first[k] = bounds[0];
      last[k] = bounds[1];
      acc[k] = new Accumulator();
    }
    for (PullRequest pr : pullRequests) {
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null) {
        continue;
      }
      long m = PairingCore.nanos(mergedAt);
      Link link = null;
      boolean measured = false;
      for (int k = 0; k < w; k++) {
        if (m < first[k] || m > last[k]) {
          continue;
        }
        if (link == null) {
          link = deploys.link(pr, mergedAt);
          measured = link.linkage != Linkage.BEFORE_FIRST_DEPLOYMENT;
          if (measured) {
            scratch.set(pr, mergedAt, link.deployedAt);
          }
        }
        acc[k].add(link, measured ? scratch : null);
      }
    }
    List<LeadTimeResult> out = new ArrayList<>(w);
    for (int k = 0; k < w; k++) {
      out.add(acc[k].result(options));
    }
    return out;
  }

  /** The running figures of one window. */
  static final class Accumulator {
    private static final Linkage[] LINKAGES = Linkage.values();

    private final Phase coding;
    private final Phase pickup;
    private final Phase review;
    private final Phase deploy;
    private final Phase total;

    /** A counter per linkage, by ordinal: counted for every pull request, so no map lookup. */
    private final int[] byLinkage = new int[LINKAGES.length];

    Accumulator() {
      this(16);
    }

    /** An accumulator expecting at most about {@code expected} pull requests. */
    Accumulator(int expected) {
      int capacity = Math.max(1, expected);
      coding = new Phase(capacity);
      pickup = new Phase(capacity);
      review = new Phase(capacity);
      deploy = new Phase(capacity);
      total = new Phase(capacity);
    }

    private int merged;
    private int deployed;
    private int excluded;

    /** Empties the accumulator, keeping its arrays, so that one serves many sets in turn. */
    void reset() {
      coding.reset();
      pickup.reset();
      review.reset();
      deploy.reset();
      total.reset();
      Arrays.fill(byLinkage, 0);
      merged = 0;
      deployed = 0;
      excluded = 0;
    }

    void add(Link link, @Nullable Nanos p) {
      if (p == null) {
        addExcluded(link.linkage);
        return;
      }
      add(
          link.linkage,
          link.deployedAt != null,
          p.codingNanos,
          p.pickupNanos,
          p.reviewNanos,
          p.deployNanos,
          p.totalNanos,
          p.knownBits(),
          p.reversedBits());
    }

    /** Counts a pull request left out of the figures, with its linkage. */
    void addExcluded(Linkage linkage) {
      byLinkage[slot(linkage)]++;
      excluded++;
    }

    /**
     * Adds a measured pull request: its linkage, whether a deployment was found, its phases as
     * nanoseconds, and as bit masks ({@link Nanos#knownBits}, {@link Nanos#reversedBits}) which
     * phases are known and which had reversed raw ends.
     */
    void add(
        Linkage linkage,
        boolean deployedFound,
        long codingNanos,
        long pickupNanos,
        long reviewNanos,
        long deployNanos,
        long totalNanos,
        int known,
        int reversed) {
      byLinkage[slot(linkage)]++;
      merged++;
      if (deployedFound) {
        deployed++;
      }
      coding.add(codingNanos, (known & 1) != 0, (reversed & 1) != 0);
      pickup.add(pickupNanos, (known & 2) != 0, (reversed & 2) != 0);
      review.add(reviewNanos, (known & 4) != 0, (reversed & 4) != 0);
      deploy.add(deployNanos, (known & 8) != 0, (reversed & 8) != 0);
      total.add(totalNanos, (known & 16) != 0, false);
    }

    LeadTimeResult result(DoraOptions options) {
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
          median == null ? null : options.benchmark().leadTimeLevel(median),
          excluded,
          counts(byLinkage));
    }

    /** The counter of a linkage in {@link #byLinkage}. */
    static int slot(Linkage linkage) {
      return switch (linkage) {
        case COMMIT_SHA -> 0;
        case COMMIT_RANGE -> 1;
        case BRANCH -> 2;
        case TIME -> 3;
        case NOT_DEPLOYED -> 4;
        case BEFORE_FIRST_DEPLOYMENT -> 5;
      };
    }

    static Map<Linkage, Integer> counts(int[] byLinkage) {
      Map<Linkage, Integer> out = new EnumMap<>(Linkage.class);
      for (Linkage linkage : LINKAGES) {
        if (byLinkage[slot(linkage)] > 0) {
          out.put(linkage, byLinkage[slot(linkage)]);
        }
      }
      return out;
    }
  }

  /**
   * Computes the lead time of each pull request merged in the window, linking by commit SHA
   * equality, branch and time.
   *
   * @param pullRequests pull requests in any order
   * @param pairing the deployments, paired with the same options
   * @param window the merge window
   * @param options the production environment
   * @return one record per pull request merged in the window, in input order, those merged before
   *     the first deployment included with linkage {@link Linkage#BEFORE_FIRST_DEPLOYMENT}
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static List<PullRequestLeadTime> perPullRequest(
      Collection<PullRequest> pullRequests, Pairing pairing, Window window, DoraOptions options) {
    return perPullRequest(pullRequests, pairing, null, window, options);
  }

  /**
   * Computes the lead time of each pull request merged in the window, linking also by the commits
   * each deployment contains.
   *
   * @param pullRequests pull requests in any order
   * @param pairing the deployments, paired with the same options
   * @param commitRange the merge commits of each deployment, or null
   * @param window the merge window
   * @param options the production environment
   * @return one record per pull request merged in the window, in input order
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static List<PullRequestLeadTime> perPullRequest(
      Collection<PullRequest> pullRequests,
      Pairing pairing,
      @Nullable CommitRange commitRange,
      Window window,
      DoraOptions options) {
    pairing.requireCompatible(options);
    Deploys deploys = Deploys.of(pairing, options, commitRange);
    List<PullRequestLeadTime> out = new ArrayList<>();
    for (PullRequest pr : pullRequests) {
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null || !window.contains(mergedAt)) {
        continue;
      }
      Link link = deploys.link(pr, mergedAt);
      if (link.linkage == Linkage.BEFORE_FIRST_DEPLOYMENT) {
        out.add(
            new PullRequestLeadTime(
                pr.repository(), pr.number(), null, null, null, null, null, null, link.linkage));
        continue;
      }
      Phases p = Phases.of(pr, mergedAt, link.deployedAt);
      out.add(
          new PullRequestLeadTime(
              pr.repository(),
              pr.number(),
              link.deployedAt,
              p.coding,
              p.pickup,
              p.review,
              p.deploy,
              p.total,
              link.linkage));
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

  /** The four phases and total of one pull request, from boundaries kept in order. */
  static final class Phases {
    final @Nullable Duration coding;
    final @Nullable Duration pickup;
    final @Nullable Duration review;
    final @Nullable Duration deploy;
    final @Nullable Duration total;
    final boolean[] reversed;

    private Phases(Boundaries c) {
      coding = span(c.firstCommit, c.ready);
      pickup = span(c.ready, c.review);
      review = span(c.review, c.merged);
      deploy = span(c.merged, c.deployed);
      total = span(c.firstCommit, c.deployed);
      this.reversed = c.reversed.clone();
    }

    static Phases of(PullRequest pr, Instant mergedAt, @Nullable Instant deployedAt) {
      Boundaries boundaries = new Boundaries();
      boundaries.set(pr, mergedAt, deployedAt);
      return new Phases(boundaries);
    }
  }

  /**
   * The phase boundaries of one pull request (first commit, ready for review, first review, merge,
   * deployment), kept in order, and which raw spans were reversed. Mutable, so that an aggregate
   * reuses one from a pull request to the next.
   */
  static class Boundaries {
    @Nullable Instant firstCommit;
    Instant ready = Instant.EPOCH;
    Instant review = Instant.EPOCH;
    Instant merged = Instant.EPOCH;
    @Nullable Instant deployed;
    final boolean[] reversed = new boolean[4];

    void set(PullRequest pr, Instant mergedAt, @Nullable Instant deployedAt) {
      Instant firstReview = pr.firstReviewAt();
      Instant readyAt = pr.readyForReviewAt();
      // the raw boundaries; a pull request merged without a review before the merge waited for
      // pickup until the merge and had no review
      Instant rawFirstCommit = pr.firstCommitAt();
      Instant rawReady = readyAt != null ? readyAt : pr.createdAt();
      Instant rawReview =
          firstReview != null && !firstReview.isAfter(mergedAt) ? firstReview : mergedAt;
      reversed[0] = rawFirstCommit != null && rawReady.isBefore(rawFirstCommit);
      reversed[1] = rawReview.isBefore(rawReady);
      reversed[2] = mergedAt.isBefore(rawReview);
      reversed[3] = deployedAt != null && deployedAt.isBefore(mergedAt);
      // keep the boundaries in order so that the phases add up to the total: the first commit
      // and ready for review at or before the merge, each boundary at or after the one before,
      // the deployment at or after the merge
      Instant c0 = rawFirstCommit;
      if (c0 != null && c0.isAfter(mergedAt)) {
        c0 = mergedAt;
      }
      Instant c1 = c0 != null && rawReady.isBefore(c0) ? c0 : rawReady;
      c1 = c1.isAfter(mergedAt) ? mergedAt : c1;
      Instant c2 = rawReview.isBefore(c1) ? c1 : rawReview;
      c2 = c2.isAfter(mergedAt) ? mergedAt : c2;
      Instant c4 = deployedAt;
      if (c4 != null && c4.isBefore(mergedAt)) {
        c4 = mergedAt;
      }
      firstCommit = c0;
      ready = c1;
      review = c2;
      merged = mergedAt;
      deployed = c4;
    }
  }

  /**
   * The phases of one pull request as nanoseconds ({@code Duration.toNanos} of {@link Phases}'
   * spans), with whether each is known; reused from one pull request to the next, so an aggregate
   * over a million pull requests allocates nothing per pull request.
   */
  static final class Nanos extends Boundaries {
    long codingNanos;
    long pickupNanos;
    long reviewNanos;
    long deployNanos;
    long totalNanos;
    final boolean[] known = new boolean[5];

    @Override
    void set(PullRequest pr, Instant mergedAt, @Nullable Instant deployedAt) {
      super.set(pr, mergedAt, deployedAt);
      Instant c0 = firstCommit;
      Instant c4 = deployed;
      known[0] = c0 != null;
      codingNanos = c0 != null ? between(c0, ready) : 0;
      known[1] = true;
      pickupNanos = between(ready, review);
      known[2] = true;
      reviewNanos = between(review, merged);
      known[3] = c4 != null;
      deployNanos = c4 != null ? between(merged, c4) : 0;
      known[4] = c0 != null && c4 != null;
      totalNanos = c0 != null && c4 != null ? between(c0, c4) : 0;
    }

    /** Which of coding, pickup, review, deploy and total are known: bits 0 to 4. */
    int knownBits() {
      int bits = 0;
      for (int i = 0; i < known.length; i++) {
        bits |= known[i] ? 1 << i : 0;
      }
      return bits;
    }

    /** Which of coding, pickup, review and deploy had reversed raw ends: bits 0 to 3. */
    int reversedBits() {
      int bits = 0;
      for (int i = 0; i < reversed.length; i++) {
        bits |= reversed[i] ? 1 << i : 0;
      }
      return bits;
    }

    /** {@code Duration.between(from, to).toNanos()} for {@code from <= to}, without the object. */
    private static long between(Instant from, Instant to) {
      return between(from.getEpochSecond(), from.getNano(), to.getEpochSecond(), to.getNano());
    }

    /**
     * {@link #between(Instant, Instant)} of the instants {@code fromSecond + fromNano} and {@code
     * toSecond + toNano} (each nano in {@code [0, 10^9)}), with the same arithmetic and overflow.
     */
    static long between(long fromSecond, int fromNano, long toSecond, int toNano) {
      long seconds = Math.subtractExact(toSecond, fromSecond);
      long nanos = (long) toNano - fromNano;
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }

    /**
     * {@link #between(Instant, Instant)} from an instant to {@code Instant.ofEpochSecond(0,
     * toNanos)}.
     */
    static long between(long fromSecond, int fromNano, long toNanos) {
      return between(
          fromSecond,
          fromNano,
          Math.floorDiv(toNanos, 1_000_000_000L),
          (int) Math.floorMod(toNanos, 1_000_000_000L));
    }
  }

  /**
   * The known spans of one phase, as nanoseconds, and how many had reversed raw ends and were kept
   * as zero.
   */
  private static final class Phase {
    private long[] nanos;
    private int count;
    private int negative;

    /** The smallest and largest span added, kept as they come so the percentiles need no pass. */
    private long min = Long.MAX_VALUE;

    private long max = Long.MIN_VALUE;

    Phase(int capacity) {
      nanos = new long[capacity];
    }

    void add(long span, boolean known, boolean reversed) {
      if (known) {
        if (count == nanos.length) {
          nanos = java.util.Arrays.copyOf(nanos, Math.max(16, count * 2));
        }
        nanos[count++] = span;
        min = Math.min(min, span);
        max = Math.max(max, span);
      }
      if (reversed) {
        negative++;
      }
    }

    DurationSummary summary() {
      return DurationSummary.of(nanos, count, min, max, negative);
    }

    void reset() {
      count = 0;
      negative = 0;
      min = Long.MAX_VALUE;
      max = Long.MIN_VALUE;
    }
  }

  /**
   * A pull request's deployment (its effective time and its index in the pairing, -1 when none),
   * how it was linked, and the number {@link Deploys} gave its repository (-1 when the repository
   * has no production deployment).
   */
  record Link(@Nullable Instant deployedAt, int deployment, Linkage linkage, int repository) {}

  /**
   * Successful production deployments of one repository, indexed for linking: the first one
   * containing each known merge commit, and per deployed ref (null for unknown) the deployments
   * whose contents are not known from a commit range, as effective times ascending with the running
   * maximum start time (the first index whose running maximum reaches {@code t} is the earliest
   * effective time among the deployments started at or after {@code t}, found by binary search).
   */
  static final class RepositoryDeploys {
    long firstStart;
    final Map<String, Integer> firstContaining = new HashMap<>();
    final Map<String, Linkage> containingLinkage = new HashMap<>();
    final Map<String, RefDeploys> byRef = new HashMap<>();

    /** The deployments that do not say which ref they deployed, or null when there are none. */
    @Nullable RefDeploys unknownRef;

    /** The repository's number, in the order the index met the repositories. */
    final int id;

    RepositoryDeploys(long firstStart, int id) {
      this.firstStart = firstStart;
      this.id = id;
    }

    void put(@Nullable String ref, RefDeploys deploys) {
      if (ref == null) {
        unknownRef = deploys;
      } else {
        byRef.put(ref, deploys);
      }
    }

    /** The deployments of a ref (null: those not saying which), or null when there are none. */
    @Nullable RefDeploys ref(@Nullable String ref) {
      return ref == null ? unknownRef : byRef.get(ref);
    }
  }

  /**
   * The deployments of one ref of a repository whose contents are not known from a commit range:
   * effective times ascending, the running maximum of their start times, and their pairing indices.
   */
  static final class RefDeploys {
    final long[] effective;
    final long[] maxStart;
    final int[] index;

    RefDeploys(long[] effective, long[] maxStart, int[] index) {
      this.effective = effective;
      this.maxStart = maxStart;
      this.index = index;
    }

    /**
     * Returns the pairing index of the deployment with the earliest effective time among those
     * started at or after {@code t} (of {@code deploys}, which may be null), or -1 when none.
     */
    static int firstStartedAtOrAfter(@Nullable RefDeploys deploys, long t) {
      if (deploys == null) {
        return -1;
      }
      long[] maxStart = deploys.maxStart;
      int length = maxStart.length;
      if (length == 0) {
        return -1;
      }
      // the first position whose running maximum reaches t, by a search whose steps are
      // conditional moves rather than branches: a pull request's merge time is as likely to fall
      // on either side of any deployment, so a branch would be mispredicted at every other step
      int base = 0;
      int n = length;
      while (n > 1) {
        int half = n >>> 1;
        base = maxStart[base + half - 1] < t ? base + half : base;
        n -= half;
      }
      int lo = maxStart[base] < t ? base + 1 : base;
      return lo < length ? deploys.index[lo] : -1;
    }
  }

  /** A deployment chosen for a pull request (pairing index, -1 when none) and how it was linked. */
  private static final class Choice {
    int best;
    Linkage linkage = Linkage.NOT_DEPLOYED;
  }

  /** The production deployments of every repository, indexed for linking. */
  static final class Deploys {
    private final Pairing pairing;
    private final Map<String, RepositoryDeploys> byRepository;

    private Deploys(Pairing pairing, Map<String, RepositoryDeploys> byRepository) {
      this.pairing = pairing;
      this.byRepository = byRepository;
    }

    static Deploys of(Pairing pairing, DoraOptions options, @Nullable CommitRange commitRange) {
      Map<String, RepositoryDeploys> map = new HashMap<>();
      Map<String, Map<@Nullable String, List<long[]>>> refs = new HashMap<>();
      // a repository may have several production environments (one per region, say): their
      // deployments are indexed together, so a pull request is deployed by the earliest of them
      for (int g = 0; g < pairing.groupEnvironment.length; g++) {
        if (!options.isProduction(pairing.groupEnvironment[g])) {
          continue;
        }
        int from = pairing.groupStart[g];
        int to = pairing.groupStart[g + 1];
        long firstStart = Long.MAX_VALUE;
        for (int i = from; i < to; i++) {
          firstStart =
              Math.min(firstStart, PairingCore.clampedNanos(pairing.deployments[i].startedAt()));
        }
        String name = pairing.groupRepository[g];
        RepositoryDeploys repo = map.get(name);
        if (repo == null) {
          repo = new RepositoryDeploys(firstStart, map.size());
          map.put(name, repo);
        } else {
          repo.firstStart = Math.min(repo.firstStart, firstStart);
        }
        Map<@Nullable String, List<long[]>> byRef =
            refs.computeIfAbsent(name, k -> new HashMap<>());
        Deployment previous = null;
        for (int i = from; i < to; i++) {
          if (pairing.kind[i] != PairingCore.SUCCESS) {
            continue;
          }
          Deployment d = pairing.deployments[i];
          long effective = pairing.time[i];
          String sha = d.commitSha();
          if (sha != null) {
            offer(pairing, repo, sha, i, Linkage.COMMIT_SHA);
          }
          Set<String> range =
              commitRange == null || sha == null ? null : commitRange.mergeCommits(d, previous);
          if (range != null) {
            for (String merge : range) {
              offer(
                  pairing, repo, merge.toLowerCase(java.util.Locale.ROOT), i, Linkage.COMMIT_RANGE);
            }
          } else {
            // contents unknown: eligible for linking by branch or time
            byRef
                .computeIfAbsent(ref(d.ref()), k -> new ArrayList<>())
                .add(new long[] {effective, PairingCore.clampedNanos(d.startedAt()), i});
          }
          previous = d;
        }
      }
      for (Map.Entry<String, Map<@Nullable String, List<long[]>>> r : refs.entrySet()) {
        RepositoryDeploys repo = Objects.requireNonNull(map.get(r.getKey()));
        for (Map.Entry<@Nullable String, List<long[]>> e : r.getValue().entrySet()) {
          List<long[]> list = e.getValue();
          // one group is already in effective-time order; several are merged here
          list.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[2], b[2]));
          long[] effective = new long[list.size()];
          long[] maxStart = new long[list.size()];
          int[] index = new int[list.size()];
          long max = Long.MIN_VALUE;
          for (int k = 0; k < list.size(); k++) {
            effective[k] = list.get(k)[0];
            max = Math.max(max, list.get(k)[1]);
            maxStart[k] = max;
            index[k] = (int) list.get(k)[2];
          }
          repo.put(e.getKey(), new RefDeploys(effective, maxStart, index));
        }
      }
      return new Deploys(pairing, map);
    }

    /**
     * Records that deployment {@code i} contains {@code commit}, unless an earlier deployment (or,
     * at the same deployment, stronger evidence) already does.
     */
    private static void offer(
        Pairing pairing, RepositoryDeploys repo, String commit, int i, Linkage linkage) {
      Integer known = repo.firstContaining.get(commit);
      if (known == null || earlier(pairing, i, known)) {
        repo.firstContaining.put(commit, i);
        repo.containingLinkage.put(commit, linkage);
      }
    }

    /** Whether deployment {@code a} took effect before {@code b} (ties: pairing index). */
    static boolean earlier(Pairing pairing, int a, int b) {
      long ta = pairing.time[a];
      long tb = pairing.time[b];
      return ta != tb ? ta < tb : a < b;
    }

    /**
     * Returns the number of each of the repositories that has a production deployment, as {@link
     * Link#repository()} gives it; repositories without one are left out.
     */
    int[] repositoryIds(Set<String> repositories) {
      int[] out = new int[repositories.size()];
      int n = 0;
      for (String repository : repositories) {
        RepositoryDeploys repo = byRepository.get(repository);
        if (repo != null) {
          out[n++] = repo.id;
        }
      }
      return java.util.Arrays.copyOf(out, n);
    }

    /** The number of repositories with a production deployment. */
    int repositoryCount() {
      return byRepository.size();
    }

    Link link(PullRequest pr, Instant mergedAt) {
      RepositoryDeploys repo =
          byRepository.get(Objects.requireNonNull(pr.repository(), "repository"));
      if (repo == null) {
        return new Link(null, -1, Linkage.NOT_DEPLOYED, -1);
      }
      long m = PairingCore.nanos(mergedAt);
      if (m < repo.firstStart) {
        return new Link(null, -1, Linkage.BEFORE_FIRST_DEPLOYMENT, repo.id);
      }
      String sha = pr.mergeCommitSha();
      Integer containing = sha == null ? null : repo.firstContaining.get(sha);
      Choice choice = new Choice();
      choice.best = containing == null ? -1 : containing;
      choice.linkage =
          containing == null
              ? Linkage.NOT_DEPLOYED
              : Objects.requireNonNull(repo.containingLinkage.get(sha));
      choose(choice, repo.ref(ref(pr.baseBranch())), repo.unknownRef, m);
      int best = choice.best;
      Linkage linkage = choice.linkage;
      return linkage == Linkage.NOT_DEPLOYED
          ? new Link(null, -1, linkage, repo.id)
          : new Link(Instant.ofEpochSecond(0, pairing.time[best]), best, linkage, repo.id);
    }

    /**
     * Chooses the deployment of a pull request merged at {@code m}, at or after its repository's
     * first deployment: the earliest (in effective-time order) of the first one containing its
     * merge commit ({@code containing}, -1 when none, with its linkage), the first of its base
     * branch started at or after the merge, and the first of those not saying their ref started at
     * or after it. {@code choice} holds the first on entry and the earliest on return.
     */
    private void choose(
        Choice choice,
        @Nullable RefDeploys branchDeploys,
        @Nullable RefDeploys unknownDeploys,
        long m) {
      int best = choice.best;
      Linkage linkage = choice.linkage;
      int branch = RefDeploys.firstStartedAtOrAfter(branchDeploys, m);
      if (branch >= 0 && (best < 0 || earlier(pairing, branch, best))) {
        best = branch;
        linkage = Linkage.BRANCH;
      }
      int time = RefDeploys.firstStartedAtOrAfter(unknownDeploys, m);
      if (time >= 0 && (best < 0 || earlier(pairing, time, best))) {
        best = time;
        linkage = Linkage.TIME;
      }
      choice.best = best;
      choice.linkage = linkage;
    }

    /**
     * Links many pull requests as {@link #link} does, repository by repository, so that each
     * repository's index is searched while it is in cache rather than once per pull request in
     * input order. Not thread-safe; one per computation.
     */
    final class Batch {
      /** {@link Link#repository()} of each position. */
      final int[] repository;

      /** {@link Link#deployment()} of each position. */
      final int[] deployment;

      /** {@link Link#linkage()} of each position. */
      final Linkage[] linkage;

      // the pull requests left to search, in the order added
      private final int[] pendingPosition;
      private final long[] pendingMerged;
      private final int[] pendingBest;
      private final Linkage[] pendingLinkage;
      private final @Nullable RefDeploys[] pendingBranch;
      private int pendingCount;

      Batch(int size) {
        repository = new int[size];
        deployment = new int[size];
        linkage = new Linkage[size];
        pendingPosition = new int[size];
        pendingMerged = new long[size];
        pendingBest = new int[size];
        pendingLinkage = new Linkage[size];
        pendingBranch = new @Nullable RefDeploys[size];
      }

      /**
       * Looks up what of pull request {@code pr} (at position {@code j}, merged at {@code m}
       * nanoseconds) can be found without searching by time; {@link #linkAll} finishes the rest.
       */
      void add(int j, PullRequest pr, long m) {
        RepositoryDeploys repo =
            byRepository.get(Objects.requireNonNull(pr.repository(), "repository"));
        deployment[j] = -1;
        if (repo == null) {
          repository[j] = -1;
          linkage[j] = Linkage.NOT_DEPLOYED;
          return;
        }
        repository[j] = repo.id;
        if (m < repo.firstStart) {
          linkage[j] = Linkage.BEFORE_FIRST_DEPLOYMENT;
          return;
        }
        String sha = pr.mergeCommitSha();
        Integer containing = sha == null ? null : repo.firstContaining.get(sha);
        int e = pendingCount++;
        pendingPosition[e] = j;
        pendingMerged[e] = m;
        pendingBest[e] = containing == null ? -1 : containing;
        pendingLinkage[e] =
            containing == null
                ? Linkage.NOT_DEPLOYED
                : Objects.requireNonNull(repo.containingLinkage.get(sha));
        pendingBranch[e] = repo.ref(ref(pr.baseBranch()));
      }

      /**
       * Finishes every pull request added, repository by repository: the pending entries are copied
       * in repository order first, so the searches read them in sequence and each repository's
       * deployments stay in cache while its pull requests are linked.
       */
      void linkAll() {
        int repositories = byRepository.size();
        @Nullable RefDeploys[] unknown = new @Nullable RefDeploys[repositories];
        for (RepositoryDeploys repo : byRepository.values()) {
          unknown[repo.id] = repo.unknownRef;
        }
        int n = pendingCount;
        int[] start = new int[repositories + 1];
        for (int e = 0; e < n; e++) {
          start[repository[pendingPosition[e]] + 1]++;
        }
        for (int r = 0; r < repositories; r++) {
          start[r + 1] += start[r];
        }
        int[] position = new int[n];
        long[] merged = new long[n];
        int[] best = new int[n];
        Linkage[] chosen = new Linkage[n];
        @Nullable RefDeploys[] branch = new @Nullable RefDeploys[n];
        @Nullable RefDeploys[] other = new @Nullable RefDeploys[n];
        // a stable counting sort by repository
        for (int e = 0; e < n; e++) {
          int j = pendingPosition[e];
          int r = repository[j];
          int at = start[r]++;
          position[at] = j;
          merged[at] = pendingMerged[e];
          best[at] = pendingBest[e];
          chosen[at] = pendingLinkage[e];
          branch[at] = pendingBranch[e];
          other[at] = unknown[r];
        }
        Choice choice = new Choice();
        for (int at = 0; at < n; at++) {
          choice.best = best[at];
          choice.linkage = Objects.requireNonNull(chosen[at]);
          choose(choice, branch[at], other[at], merged[at]);
          int j = position[at];
          deployment[j] = choice.best;
          linkage[j] = choice.linkage;
        }
      }
    }

    /** The branch name of a ref: {@code refs/heads/main} and {@code main} are the same branch. */
    private static @Nullable String ref(@Nullable String ref) {
      if (ref == null) {
        return null;
      }
      return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    }
  }
}
