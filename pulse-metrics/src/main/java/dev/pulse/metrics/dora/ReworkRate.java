package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.PullRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Computes the deployment rework rate, DORA 2024's fifth metric: the share of production
 * deployments that were unplanned.
 *
 * <p>Counted: successful production deployments whose effective time is in the window (the
 * deployments of deployment frequency). Each is rework when at least one {@link ReworkRule}
 * matches: a rollback (an earlier SHA redeployed to the same repository and environment), a
 * deployed revert pull request, a deployed pull request with a hotfix label ({@link
 * DoraOptions#hotfixLabels()}), or a deployment within {@link DoraOptions#reworkAfterFailure()}
 * after a failed one of the same repository and environment. Which pull requests a deployment
 * deployed is decided by the linkage of {@link LeadTimeForChanges}, over every merged pull request
 * given (not only those merged in the window). Stateless and thread-safe.
 */
public final class ReworkRate {
  private ReworkRate() {}

  /**
   * Computes the rework rate, linking pull requests by commit SHA equality, branch and time.
   *
   * @param pairing the deployments, paired with the same options
   * @param pullRequests pull requests in any order, for the revert and hotfix rules
   * @param window the deployments counted: those that took effect in {@code [start, end)}
   * @param options the production environment, hotfix labels and rework window
   * @return the result
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static ReworkRateResult compute(
      Pairing pairing, Collection<PullRequest> pullRequests, Window window, DoraOptions options) {
    return compute(pairing, pullRequests, null, window, options);
  }

  /**
   * Computes the rework rate, linking pull requests also by the commits each deployment contains.
   *
   * @param pairing the deployments, paired with the same options
   * @param pullRequests pull requests in any order, for the revert and hotfix rules
   * @param commitRange the merge commits of each deployment, or null
   * @param window the deployments counted: those that took effect in {@code [start, end)}
   * @param options the production environment, hotfix labels and rework window
   * @return the result
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static ReworkRateResult compute(
      Pairing pairing,
      Collection<PullRequest> pullRequests,
      @Nullable CommitRange commitRange,
      Window window,
      DoraOptions options) {
    pairing.requireCompatible(options);
    String production = options.productionEnvironment();
    LeadTimeForChanges.Deploys deploys =
        LeadTimeForChanges.Deploys.of(pairing, production, commitRange);
    Map<Integer, EnumSet<ReworkRule>> byPullRequest = new HashMap<>();
    Set<String> hotfix = options.hotfixLabels();
    for (PullRequest pr : pullRequests) {
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null) {
        continue;
      }
      boolean revert = pr.revert();
      boolean labelled = false;
      for (String label : pr.labels()) {
        labelled |= hotfix.contains(label.toLowerCase(Locale.ROOT));
      }
      if (!revert && !labelled) {
        continue;
      }
      int d = deploys.link(pr, mergedAt).deployment();
      if (d >= 0) {
        EnumSet<ReworkRule> rules =
            byPullRequest.computeIfAbsent(d, k -> EnumSet.noneOf(ReworkRule.class));
        if (revert) {
          rules.add(ReworkRule.REVERT);
        }
        if (labelled) {
          rules.add(ReworkRule.HOTFIX_LABEL);
        }
      }
    }
    long[] bounds = PairingCore.bounds(window);
    long after = options.reworkAfterFailure().toNanos();
    int deployments = 0;
    Map<ReworkRule, Integer> byRule = new EnumMap<>(ReworkRule.class);
    List<ReworkedDeployment> reworked = new ArrayList<>();
    for (int g = 0; g < pairing.groupEnvironment.length; g++) {
      if (!pairing.groupEnvironment[g].equals(production)) {
        continue;
      }
      Set<String> deployedShas = new HashSet<>();
      String previousSha = null;
      long lastFailure = Long.MIN_VALUE;
      for (int i = pairing.groupStart[g]; i < pairing.groupStart[g + 1]; i++) {
        long t = pairing.time[i];
        if (pairing.kind[i] == PairingCore.FAILURE) {
          lastFailure = t;
          continue;
        }
        if (pairing.kind[i] != PairingCore.SUCCESS) {
          continue;
        }
        Deployment d = pairing.deployments[i];
        String sha = d.commitSha();
        EnumSet<ReworkRule> rules = EnumSet.noneOf(ReworkRule.class);
        if (sha != null && !sha.equals(previousSha) && deployedShas.contains(sha)) {
          rules.add(ReworkRule.ROLLBACK);
        }
        EnumSet<ReworkRule> fromPullRequests = byPullRequest.get(i);
        if (fromPullRequests != null) {
          rules.addAll(fromPullRequests);
        }
        // a failure sorts before a success at the same instant, so lastFailure <= t
        if (lastFailure != Long.MIN_VALUE && t - lastFailure <= after) {
          rules.add(ReworkRule.AFTER_FAILURE);
        }
        if (sha != null) {
          // a deployment without a SHA says nothing about what runs, so it does not reset it
          deployedShas.add(sha);
          previousSha = sha;
        }
        if (t < bounds[0] || t > bounds[1]) {
          continue;
        }
        deployments++;
        if (!rules.isEmpty()) {
          for (ReworkRule rule : rules) {
            byRule.merge(rule, 1, Integer::sum);
          }
          reworked.add(
              new ReworkedDeployment(
                  pairing.groupRepository[g], pairing.groupEnvironment[g], d.buildId(), rules));
        }
      }
    }
    return new ReworkRateResult(
        deployments,
        reworked.size(),
        deployments == 0 ? null : (double) reworked.size() / deployments,
        byRule,
        reworked);
  }
}
