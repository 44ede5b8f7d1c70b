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
 * and measured once, and the lead time and rework figures of the scope's windows and of each part
 * are derived from those per-pull-request results.
 *
 * <p>Exact because a pull request's link and phases depend only on the production deployments of
 * its own repository (their effective and start times, refs, SHAs and the order among them), which
 * a part's pairing ({@link Pairing#restrictedTo}) keeps whole and in the same order; a pull request
 * of a part whose repository is not one of the part's is not deployed within it, and is measured as
 * such.
 */
final class PartFigures {
  private static final Linkage[] LINKAGES = Linkage.values();

  /** Longs per pull request in {@link #records}. */
  private static final int STRIDE = 8;

  private static final int MERGED = 0;
  private static final int PHASES = 1;
  private static final int BITS = 6;
  private static final int DEPLOYMENT = 7;

  /** In {@code BITS}: the linkage ordinal + 1 (0 when the pull request was not linked). */
  private static final long LINKAGE_MASK = 0xff;

  private static final int KNOWN_SHIFT = 8;
  private static final int REVERSED_SHIFT = 16;
  private static final long REVERT = 1L << 24;
  private static final long HOTFIX = 1L << 25;

  /** In {@code BITS}: the repository number of the link + 1 (0 when it has no deployment). */
  private static final int REPOSITORY_SHIFT = 32;

  /** The deploy and total phases, which a link to no deployment leaves unknown. */
  private static final int DEPLOYED_PHASES = 8 | 16;

  /**
   * Each pull request's results, {@link #STRIDE} longs at {@code STRIDE * position} so that a part
   * reads one place per pull request: merge time (nanoseconds), the five phases (coding, pickup,
   * review, deploy, total nanoseconds; set for those merged in the first window), bits (linkage,
   * known and reversed phases, revert, hotfix label, repository) and the deployment's pairing index
   * (-1 when none).
   */
  private final long[] records;

  private PartFigures(int n) {
    records = new long[STRIDE * n];
  }

  static DoraBreakdown compute(
      Pairing pairing,
      List<PullRequest> pullRequests,
      @Nullable CommitRange commitRange,
      List<Window> windows,
      List<DoraPart> parts,
      DoraOptions options) {
    pairing.requireCompatible(options);
    int n = pullRequests.size();
    int[] seenBy = new int[parts.isEmpty() ? 0 : n];
    for (int p = 0; p < parts.size(); p++) {
      for (int position : parts.get(p).pullRequestPositions()) {
        if (position >= n) {
          throw new IllegalArgumentException(
              "pull request position " + position + " of part " + p + " is not below " + n);
        }
        if (seenBy[position] == p + 1) {
          throw new IllegalArgumentException(
              "pull request position " + position + " is in part " + p + " twice");
        }
        seenBy[position] = p + 1;
      }
    }
    LeadTimeForChanges.Deploys deploys =
        LeadTimeForChanges.Deploys.of(pairing, options, commitRange);
    PartFigures linked = new PartFigures(n);
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
    // one pass: link and measure each pull request once, add it to the windows it was merged in
    Set<String> hotfixLabels = options.hotfixLabels();
    Map<Integer, EnumSet<ReworkRule>> rulesByDeployment = new HashMap<>();
    LeadTimeForChanges.Nanos scratch = new LeadTimeForChanges.Nanos();
    long[] records = linked.records;
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
      int at = STRIDE * j;
      long bits =
          (code(link.linkage()) + 1)
              | (isRevert ? REVERT : 0)
              | (isHotfix ? HOTFIX : 0)
              | ((long) (link.repository() + 1) << REPOSITORY_SHIFT);
      records[at + MERGED] = m;
      records[at + DEPLOYMENT] = link.deployment();
      if (isRevert || isHotfix) {
        ReworkRate.addRules(rulesByDeployment, link.deployment(), isRevert, isHotfix);
      }
      if (inAny) {
        boolean measured = link.linkage() != Linkage.BEFORE_FIRST_DEPLOYMENT;
        // measured also when excluded here, for a part that does not hold the repository
        scratch.set(pr, mergedAt, link.deployedAt());
        if (inFirst) {
          records[at + PHASES] = scratch.codingNanos;
          records[at + PHASES + 1] = scratch.pickupNanos;
          records[at + PHASES + 2] = scratch.reviewNanos;
          records[at + PHASES + 3] = scratch.deployNanos;
          records[at + PHASES + 4] = scratch.totalNanos;
          bits |=
              ((long) scratch.knownBits() << KNOWN_SHIFT)
                  | ((long) scratch.reversedBits() << REVERSED_SHIFT);
        }
        for (int k = 0; k < w; k++) {
          if (m >= first[k] && m <= last[k]) {
            acc[k].add(link, measured ? scratch : null);
          }
        }
      }
      records[at + BITS] = bits;
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
    List<DoraFigures> byPart = new ArrayList<>(parts.size());
    if (!parts.isEmpty()) {
      Window window = windows.get(0);
      for (DoraPart part : parts) {
        byPart.add(
            linked.part(pairing, deploys, part, window, first[0], last[0], classified, options));
      }
    }
    return new DoraBreakdown(byWindow, byPart);
  }

  /** The position of a linkage in {@link #LINKAGES}. */
  private static int code(Linkage linkage) {
    for (int c = 0; ; c++) {
      if (LINKAGES[c] == linkage) {
        return c;
      }
    }
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

  /** The figures of one part over the first window, from the stored per-pull-request results. */
  private DoraFigures part(
      Pairing pairing,
      LeadTimeForChanges.Deploys deploys,
      DoraPart part,
      Window window,
      long first,
      long last,
      ReworkRate.Classified classified,
      DoraOptions options) {
    Set<String> repositories = part.repositories();
    // the part's repositories that have production deployments, by number
    boolean[] ours = new boolean[deploys.repositoryCount()];
    for (int id : deploys.repositoryIds(repositories)) {
      ours[id] = true;
    }
    LeadTimeForChanges.Accumulator acc =
        new LeadTimeForChanges.Accumulator(part.pullRequestPositions().length);
    Map<Integer, EnumSet<ReworkRule>> own = new HashMap<>();
    for (int j : part.pullRequestPositions()) {
      int at = STRIDE * j;
      long bits = records[at + BITS];
      int l = (int) (bits & LINKAGE_MASK);
      if (l == 0) {
        continue; // not merged, or needed by no figure
      }
      int repository = (int) (bits >>> REPOSITORY_SHIFT) - 1;
      // a repository without production deployments links alike within any part
      boolean held = repository < 0 || ours[repository];
      boolean isRevert = (bits & REVERT) != 0;
      boolean isHotfix = (bits & HOTFIX) != 0;
      if (held && (isRevert || isHotfix)) {
        ReworkRate.addRules(own, (int) records[at + DEPLOYMENT], isRevert, isHotfix);
      }
      long m = records[at + MERGED];
      if (m < first || m > last) {
        continue;
      }
      Linkage linkage = LINKAGES[l - 1];
      int known = (int) (bits >>> KNOWN_SHIFT) & 0x1f;
      int reversed = (int) (bits >>> REVERSED_SHIFT) & 0xf;
      boolean deployed = records[at + DEPLOYMENT] >= 0;
      if (!held) {
        // none of the part's deployments is of the pull request's repository
        linkage = Linkage.NOT_DEPLOYED;
        known &= ~DEPLOYED_PHASES;
        reversed &= ~8;
        deployed = false;
      } else if (linkage == Linkage.BEFORE_FIRST_DEPLOYMENT) {
        acc.addExcluded(linkage);
        continue;
      }
      acc.add(
          linkage,
          deployed,
          records[at + PHASES],
          records[at + PHASES + 1],
          records[at + PHASES + 2],
          records[at + PHASES + 3],
          records[at + PHASES + 4],
          known,
          reversed);
    }
    Pairing restricted = pairing.restrictedTo(repositories);
    int groups = 0;
    int[] kept = new int[pairing.groupRepository.length];
    for (int g = 0; g < pairing.groupRepository.length; g++) {
      if (repositories.contains(pairing.groupRepository[g])) {
        kept[groups++] = g;
      }
    }
    ReworkRateResult rework =
        classified.countPart(pairing, window, Arrays.copyOf(kept, groups), own);
    return figures(restricted, window, options, acc.result(options), rework);
  }
}
