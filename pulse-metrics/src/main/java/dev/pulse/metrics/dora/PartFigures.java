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
    // for each pull request, the parts holding it: memberParts[memberStart[j] .. memberStart[j+1])
    int[] memberStart = new int[n + 1];
    for (int p = 0; p < partCount; p++) {
      for (int position : parts.get(p).pullRequestPositions()) {
        if (position >= n) {
          throw new IllegalArgumentException(
              "pull request position " + position + " of part " + p + " is not below " + n);
        }
        memberStart[position + 1]++;
      }
    }
    for (int j = 0; j < n; j++) {
      memberStart[j + 1] += memberStart[j];
    }
    int[] memberParts = new int[memberStart[n]];
    int[] fill = Arrays.copyOf(memberStart, n);
    for (int p = 0; p < partCount; p++) {
      for (int position : parts.get(p).pullRequestPositions()) {
        // parts are filled in order, so a repeat is the entry just before
        if (fill[position] > memberStart[position] && memberParts[fill[position] - 1] == p) {
          throw new IllegalArgumentException(
              "pull request position " + position + " is in part " + p + " twice");
        }
        memberParts[fill[position]++] = p;
      }
    }

    LeadTimeForChanges.Deploys deploys =
        LeadTimeForChanges.Deploys.of(pairing, options, commitRange);
    int w = windows.size();
    long[] first = new long[w];
    long[] last = new long[w];
    LeadTimeForChanges.Accumulator[] acc = new LeadTimeForChanges.Accumulator[w];
    for (int k = 0; k < w; k++) {
      long[] bounds = PairingCore.bounds(windows.get(k));
      first[k] = bounds[0];
      last[k] = bounds[1];
      // the first window (a report's whole window) may hold every pull request
      acc[k] = new LeadTimeForChanges.Accumulator(k == 0 ? n : 16);
    }
    // each part: its accumulator, which repositories (by the index's numbers) it holds, and the
    // rules its own revert and hotfix pull requests give deployments
    LeadTimeForChanges.Accumulator[] partAcc = new LeadTimeForChanges.Accumulator[partCount];
    boolean[][] holds = new boolean[partCount][];
    List<Map<Integer, EnumSet<ReworkRule>>> partRules = new ArrayList<>(partCount);
    for (int p = 0; p < partCount; p++) {
      DoraPart part = parts.get(p);
      partAcc[p] = new LeadTimeForChanges.Accumulator(part.pullRequestPositions().length);
      holds[p] = new boolean[deploys.repositoryCount()];
      for (int id : deploys.repositoryIds(part.repositories())) {
        holds[p][id] = true;
      }
      partRules.add(new HashMap<>());
    }

    // one pass: link and measure each pull request once, add it to the windows it was merged in
    // and to the parts holding it
    Set<String> hotfixLabels = options.hotfixLabels();
    Map<Integer, EnumSet<ReworkRule>> rulesByDeployment = new HashMap<>();
    LeadTimeForChanges.Nanos scratch = new LeadTimeForChanges.Nanos();
    for (int j = 0; j < n; j++) {
      PullRequest pr = pullRequests.get(j);
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null) {
        continue;
      }
      long m = PairingCore.nanos(mergedAt);
      boolean inFirst = w > 0 && m >= first[0] && m <= last[0];
      boolean inAny = inFirst;
      for (int k = 1; k < w && !inAny; k++) {
        inAny = m >= first[k] && m <= last[k];
      }
      boolean isRevert = pr.revert();
      boolean isHotfix = ReworkRate.hotfixLabelled(pr, hotfixLabels);
      if (!inAny && !isRevert && !isHotfix) {
        continue;
      }
      LeadTimeForChanges.Link link = deploys.link(pr, mergedAt);
      if (isRevert || isHotfix) {
        ReworkRate.addRules(rulesByDeployment, link.deployment(), isRevert, isHotfix);
      }
      Linkage linkage = link.linkage();
      boolean measured = linkage != Linkage.BEFORE_FIRST_DEPLOYMENT;
      boolean deployed = link.deployedAt() != null;
      int known = 0;
      int reversed = 0;
      if (inAny) {
        scratch.set(pr, mergedAt, link.deployedAt());
        known = scratch.knownBits();
        reversed = scratch.reversedBits();
        for (int k = 0; k < w; k++) {
          if (m >= first[k] && m <= last[k]) {
            add(acc[k], linkage, measured, deployed, scratch, known, reversed);
          }
        }
      }
      int repository = link.repository();
      for (int e = memberStart[j]; e < memberStart[j + 1]; e++) {
        int p = memberParts[e];
        // a repository without production deployments links alike within any part
        boolean held = repository < 0 || holds[p][repository];
        if (held && (isRevert || isHotfix)) {
          ReworkRate.addRules(partRules.get(p), link.deployment(), isRevert, isHotfix);
        }
        if (!inFirst) {
          continue;
        }
        if (held) {
          add(partAcc[p], linkage, measured, deployed, scratch, known, reversed);
        } else {
          // none of the part's deployments is of the pull request's repository: not deployed,
          // so the deploy and total phases are unknown and the deploy phase not reversed
          add(
              partAcc[p],
              Linkage.NOT_DEPLOYED,
              true,
              false,
              scratch,
              known & ~(8 | 16),
              reversed & ~8);
        }
      }
    }

    ReworkRate.Classified classified =
        ReworkRate.classifyDeployments(pairing, rulesByDeployment, options);
    List<DoraFigures> byWindow = new ArrayList<>(w);
    for (int k = 0; k < w; k++) {
      Window window = windows.get(k);
      byWindow.add(
          figures(
              pairing, window, options, acc[k].result(options), classified.count(pairing, window)));
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
          figures(
              pairing.restrictedTo(repositories),
              window,
              options,
              partAcc[p].result(options),
              rework));
    }
    return new DoraBreakdown(byWindow, byPart);
  }

  /**
   * Adds a pull request to an accumulator as {@link LeadTimeForChanges.Accumulator#add(
   * LeadTimeForChanges.Link, LeadTimeForChanges.Nanos)} does, with its known and reversed phases
   * computed once for every accumulator holding it.
   */
  private static void add(
      LeadTimeForChanges.Accumulator acc,
      Linkage linkage,
      boolean measured,
      boolean deployed,
      LeadTimeForChanges.Nanos p,
      int known,
      int reversed) {
    if (!measured) {
      acc.addExcluded(linkage);
      return;
    }
    acc.add(
        linkage,
        deployed,
        p.codingNanos,
        p.pickupNanos,
        p.reviewNanos,
        p.deployNanos,
        p.totalNanos,
        known,
        reversed);
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
