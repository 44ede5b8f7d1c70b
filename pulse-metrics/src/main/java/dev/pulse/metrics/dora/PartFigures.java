package dev.pulse.metrics.dora;

import dev.pulse.model.PullRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The computation behind {@link Dora#computeParts}: every pull request is linked to its deployment
 * and measured once, and added to the lead time and rework figures of the scope's windows and of
 * each part holding it, in one pass over the pull requests.
 *
 * <p>Exact because a pull request's link and phases depend only on the production deployments of
 * its own repository (their effective and start times, refs, SHAs and the order among them), which
 * a part's pairing ({@link Pairing#restrictedTo}) keeps whole and in the same order; a pull request
 * of a part whose repository is not one of the part's is not deployed within it, and is measured as
 * such (its coding, pickup and review phases do not depend on the deployment).
 */
final class PartFigures {
  /**
   * Flags of a pull request: needed at all, merged in some window, in the first, revert, hotfix.
   */
  private static final int NEEDED = 1;

  private static final int IN_ANY = 2;
  private static final int IN_FIRST = 4;
  private static final int REVERT = 8;
  private static final int HOTFIX = 16;

  private PartFigures() {}

  static DoraBreakdown compute(
      Pairing pairing,
      List<PullRequest> pullRequests,
      @Nullable CommitRange commitRange,
      List<Window> windows,
      List<DoraPart> parts,
      DoraOptions options) {
    pairing.requireCompatible(options);
    int n = pullRequests.size();
    int partCount = parts.size();
    // the last part seen holding each pull request: parts are walked in order, so a repeat within
    // one is a position whose last part is the current one. One walk checks both the range and
    // the repeats.
    int[] lastPart = new int[n];
    Arrays.fill(lastPart, -1);
    for (int p = 0; p < partCount; p++) {
      for (int position : parts.get(p).pullRequestPositions()) {
        if (position >= n) {
          throw new IllegalArgumentException(
              "pull request position " + position + " of part " + p + " is not below " + n);
        }
        if (lastPart[position] == p) {
          throw new IllegalArgumentException(
              "pull request position " + position + " is in part " + p + " twice");
        }
        lastPart[position] = p;
      }
    }

    LeadTimeForChanges.Deploys deploys =
        LeadTimeForChanges.Deploys.of(pairing, options, commitRange);
    int w = windows.size();
    WindowSegments segments = WindowSegments.of(windows);

    // pass 1, in input order, the only one reading the pull requests: each one's merge time,
    // windows and flags, its phases up to the merge (the deploy and total phases wait for the
    // link), and what of its link needs no search
    Set<String> hotfixLabels = options.hotfixLabels();
    long[] merged = new long[n];
    byte[] flags = new byte[n];
    int[] segment = new int[n];
    long[] coding = new long[n];
    long[] pickup = new long[n];
    long[] review = new long[n];
    long[] firstCommitSecond = new long[n];
    int[] firstCommitNano = new int[n];
    byte[] knownBits = new byte[n];
    byte[] reversedBits = new byte[n];
    LeadTimeForChanges.Nanos scratch = new LeadTimeForChanges.Nanos();
    LeadTimeForChanges.Deploys.Batch links = deploys.new Batch(n);
    for (int j = 0; j < n; j++) {
      PullRequest pr = pullRequests.get(j);
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null) {
        continue;
      }
      long m = PairingCore.nanos(mergedAt);
      int s = segments.segmentAt(m);
      int[] in = segments.windowsOf(s);
      boolean isRevert = pr.revert();
      boolean isHotfix = ReworkRate.hotfixLabelled(pr, hotfixLabels);
      if (in.length == 0 && !isRevert && !isHotfix) {
        continue;
      }
      merged[j] = m;
      segment[j] = s;
      flags[j] =
          (byte)
              (NEEDED
                  | (in.length > 0 ? IN_ANY : 0)
                  | (in.length > 0 && in[0] == 0 ? IN_FIRST : 0)
                  | (isRevert ? REVERT : 0)
                  | (isHotfix ? HOTFIX : 0));
      links.add(j, pr, m);
      if (in.length > 0) {
        // without a deployment: the deploy and total phases unknown, the deploy not reversed
        scratch.set(pr, mergedAt, null);
        coding[j] = scratch.codingNanos;
        pickup[j] = scratch.pickupNanos;
        review[j] = scratch.reviewNanos;
        Instant firstCommit = scratch.firstCommit;
        if (firstCommit != null) {
          firstCommitSecond[j] = firstCommit.getEpochSecond();
          firstCommitNano[j] = firstCommit.getNano();
        }
        knownBits[j] = (byte) scratch.knownBits();
        reversedBits[j] = (byte) scratch.reversedBits();
      }
    }
    // pass 2, repository by repository: the searches by time
    links.linkAll();

    // the windows' figures: each pull request's spans once, by segment, as the report's window,
    // weeks and months would hold each one three times
    SegmentedLeadTimes bySegment = new SegmentedLeadTimes(segments.size());
    // each part: which repositories (by the index's numbers) it holds, and the rules its own
    // revert and hotfix pull requests give deployments
    boolean[][] holds = new boolean[partCount][];
    List<Map<Integer, EnumSet<ReworkRule>>> partRules = new ArrayList<>(partCount);
    int largestPart = 0;
    for (int p = 0; p < partCount; p++) {
      DoraPart part = parts.get(p);
      largestPart = Math.max(largestPart, part.pullRequestPositions().length);
      holds[p] = new boolean[deploys.repositoryCount()];
      for (int id : deploys.repositoryIds(part.repositories())) {
        holds[p][id] = true;
      }
      partRules.add(new HashMap<>());
    }

    // pass 3, in input order over the columns: the deploy and total phases from each pull
    // request's deployment, as LeadTimeForChanges.Nanos gives them, and the windows it was merged
    // in
    Map<Integer, EnumSet<ReworkRule>> rulesByDeployment = new HashMap<>();
    long[] deploy = new long[n];
    long[] total = new long[n];
    for (int j = 0; j < n; j++) {
      int flag = flags[j];
      if ((flag & NEEDED) == 0) {
        continue;
      }
      int deployment = links.deployment[j];
      boolean isRevert = (flag & REVERT) != 0;
      boolean isHotfix = (flag & HOTFIX) != 0;
      if (isRevert || isHotfix) {
        ReworkRate.addRules(rulesByDeployment, deployment, isRevert, isHotfix);
      }
      if ((flag & IN_ANY) == 0) {
        continue;
      }
      Linkage linkage = links.linkage[j];
      boolean deployed = deployment >= 0;
      int known = knownBits[j];
      int reversed = reversedBits[j];
      if (deployed) {
        long m = merged[j];
        long at = pairing.time[deployment];
        // a deployment before the merge is kept at the merge, and the deploy phase reversed
        if (at < m) {
          reversed |= 8;
          at = m;
        }
        known |= 8;
        deploy[j] =
            LeadTimeForChanges.Nanos.between(
                Math.floorDiv(m, 1_000_000_000L), (int) Math.floorMod(m, 1_000_000_000L), at);
        if ((known & 1) != 0) {
          known |= 16;
          total[j] = LeadTimeForChanges.Nanos.between(firstCommitSecond[j], firstCommitNano[j], at);
        }
        knownBits[j] = (byte) known;
        reversedBits[j] = (byte) reversed;
      }
      if (linkage == Linkage.BEFORE_FIRST_DEPLOYMENT) {
        bySegment.countExcluded(segment[j], linkage);
      } else {
        bySegment.count(
            segment[j],
            linkage,
            deployed,
            coding[j],
            pickup[j],
            review[j],
            deploy[j],
            total[j],
            known,
            reversed);
      }
    }
    bySegment.allocate();
    for (int j = 0; j < n; j++) {
      if ((flags[j] & IN_ANY) != 0 && links.linkage[j] != Linkage.BEFORE_FIRST_DEPLOYMENT) {
        bySegment.place(
            segment[j], coding[j], pickup[j], review[j], deploy[j], total[j], knownBits[j]);
      }
    }

    // each part gathers its pull requests' figures from the columns: reads of independent
    // positions, where adding each pull request to its parts in input order would chase every
    // part's accumulator at random. One accumulator serves every part in turn, so its arrays stay
    // in cache and are allocated once.
    LeadTimeForChanges.Accumulator into = new LeadTimeForChanges.Accumulator(largestPart);
    LeadTimeResult[] partLeadTime = new LeadTimeResult[partCount];
    for (int p = 0; p < partCount; p++) {
      into.reset();
      boolean[] held = holds[p];
      Map<Integer, EnumSet<ReworkRule>> rules = partRules.get(p);
      for (int j : parts.get(p).pullRequestPositions()) {
        int flag = flags[j];
        if ((flag & NEEDED) == 0) {
          continue;
        }
        int repository = links.repository[j];
        // a repository without production deployments links alike within any part
        boolean owns = repository < 0 || held[repository];
        boolean isRevert = (flag & REVERT) != 0;
        boolean isHotfix = (flag & HOTFIX) != 0;
        if (owns && (isRevert || isHotfix)) {
          ReworkRate.addRules(rules, links.deployment[j], isRevert, isHotfix);
        }
        if ((flag & IN_FIRST) == 0) {
          continue;
        }
        Linkage linkage = links.linkage[j];
        if (owns) {
          if (linkage == Linkage.BEFORE_FIRST_DEPLOYMENT) {
            into.addExcluded(linkage);
          } else {
            into.add(
                linkage,
                links.deployment[j] >= 0,
                coding[j],
                pickup[j],
                review[j],
                deploy[j],
                total[j],
                knownBits[j],
                reversedBits[j]);
          }
        } else {
          // none of the part's deployments is of the pull request's repository: not deployed,
          // so the deploy and total phases are unknown and the deploy phase not reversed
          into.add(
              Linkage.NOT_DEPLOYED,
              false,
              coding[j],
              pickup[j],
              review[j],
              deploy[j],
              total[j],
              knownBits[j] & ~(8 | 16),
              reversedBits[j] & ~8);
        }
      }
      partLeadTime[p] = into.result(options);
    }

    ReworkRate.Classified classified =
        ReworkRate.classifyDeployments(pairing, rulesByDeployment, options);
    int[] runs = segments.segmentRuns(w);
    List<DoraFigures> byWindow = new ArrayList<>(w);
    for (int k = 0; k < w; k++) {
      Window window = windows.get(k);
      LeadTimeResult lt = bySegment.result(runs[2 * k], runs[2 * k + 1], options);
      byWindow.add(figures(pairing, window, options, lt, classified.count(pairing, window)));
    }
    List<DoraFigures> byPart = new ArrayList<>(partCount);
    for (int p = 0; p < partCount; p++) {
      Set<String> repositories = parts.get(p).repositories();
      Window window = windows.get(0);
      int[] kept = new int[pairing.groupRepository.length];
      int groups = 0;
      for (int g = 0; g < pairing.groupRepository.length; g++) {
        if (repositories.contains(pairing.groupRepository[g])) {
          kept[groups++] = g;
        }
      }
      ReworkRateResult rework =
          classified.countPart(pairing, window, Arrays.copyOf(kept, groups), partRules.get(p));
      byPart.add(
          figures(pairing.restrictedTo(repositories), window, options, partLeadTime[p], rework));
    }
    return new DoraBreakdown(byWindow, byPart);
  }

  private static DoraFigures figures(
      Pairing pairing,
      Window window,
      DoraOptions options,
      LeadTimeResult lt,
      ReworkRateResult rework) {
    DeploymentFrequencyResult df = DeploymentFrequency.fromPairing(pairing, window, options);
    ChangeFailureRateResult cfr = ChangeFailureRate.fromPairing(pairing, window, options);
    MttrResult mttr = TimeToRestore.fromPairing(pairing, window, options);
    return new DoraFigures(df, lt, cfr, mttr, rework, DoraReport.worst(df, lt, cfr, mttr));
  }
}
