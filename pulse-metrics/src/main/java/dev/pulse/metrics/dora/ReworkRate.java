package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.PullRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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
    return classify(pairing, pullRequests, commitRange, options).count(pairing, window);
  }

  /**
   * Computes the rework rate over several windows at once, classifying each deployment once.
   *
   * @return one result per window, in the order given
   */
  static List<ReworkRateResult> computeMany(
      Pairing pairing,
      Iterable<PullRequest> pullRequests,
      LeadTimeForChanges.Deploys deploys,
      List<Window> windows,
      DoraOptions options) {
    Classified classified = classify(pairing, pullRequests, () -> deploys, options);
    List<ReworkRateResult> out = new ArrayList<>(windows.size());
    for (Window window : windows) {
      out.add(classified.count(pairing, window));
    }
    return out;
  }

  /**
   * The successful production deployments in pairing order with the rules each matched (null when
   * none).
   */
  static final class Classified {
    final int[] index;
    final int[] group;
    final @Nullable EnumSet<ReworkRule>[] rules;
    final int size;

    /** The drill-down record of each reworked deployment, made once and shared by the windows. */
    private final @Nullable ReworkedDeployment[] records;

    Classified(int[] index, int[] group, @Nullable EnumSet<ReworkRule>[] rules, int size) {
      this.index = index;
      this.group = group;
      this.rules = rules;
      this.size = size;
      this.records = new @Nullable ReworkedDeployment[size];
    }

    ReworkRateResult count(Pairing pairing, Window window) {
      long[] bounds = PairingCore.bounds(window);
      int deployments = 0;
      Map<ReworkRule, Integer> byRule = new EnumMap<>(ReworkRule.class);
      List<ReworkedDeployment> reworked = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        long t = pairing.time[index[k]];
        if (t < bounds[0] || t > bounds[1]) {
          continue;
        }
        deployments++;
        EnumSet<ReworkRule> matched = rules[k];
        if (matched != null) {
          for (ReworkRule rule : matched) {
            byRule.merge(rule, 1, Integer::sum);
          }
          ReworkedDeployment record = records[k];
          if (record == null) {
            int g = group[k];
            record =
                new ReworkedDeployment(
                    pairing.groupRepository[g],
                    pairing.groupEnvironment[g],
                    pairing.deployments[index[k]].buildId(),
                    matched);
            records[k] = record;
          }
          reworked.add(record);
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

  static Classified classify(
      Pairing pairing,
      Iterable<PullRequest> pullRequests,
      @Nullable CommitRange commitRange,
      DoraOptions options) {
    pairing.requireCompatible(options);
    return classify(
        pairing,
        pullRequests,
        () -> LeadTimeForChanges.Deploys.of(pairing, options, commitRange),
        options);
  }

  /**
   * Classifies as {@link #classify(Pairing, Iterable, CommitRange, DoraOptions)} does, indexing the
   * deployments for linking only when a revert or hotfix pull request needs it.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Classified classify(
      Pairing pairing,
      Iterable<PullRequest> pullRequests,
      Supplier<LeadTimeForChanges.Deploys> indexed,
      DoraOptions options) {
    LeadTimeForChanges.Deploys deploys = null;
    Map<Integer, EnumSet<ReworkRule>> byPullRequest = new HashMap<>();
    Set<String> hotfix = options.hotfixLabels();
    for (PullRequest pr : pullRequests) {
      Instant mergedAt = pr.mergedAt();
      if (mergedAt == null) {
        continue;
      }
      boolean revert = pr.revert();
      boolean labelled = false;
      if (!hotfix.isEmpty() && !pr.labels().isEmpty()) {
        for (String label : pr.labels()) {
          labelled |= hotfix.contains(label.toLowerCase(Locale.ROOT));
        }
      }
      if (!revert && !labelled) {
        continue;
      }
      if (deploys == null) {
        deploys = indexed.get();
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
    long after = options.reworkAfterFailure().toNanos();
    int capacity = 16;
    int[] index = new int[capacity];
    int[] groupOf = new int[capacity];
    @Nullable EnumSet[] matched = new @Nullable EnumSet[capacity];
    int size = 0;
    for (int g = 0; g < pairing.groupEnvironment.length; g++) {
      if (!options.isProduction(pairing.groupEnvironment[g])) {
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
        EnumSet<ReworkRule> rules = null;
        if (sha != null && !sha.equals(previousSha) && deployedShas.contains(sha)) {
          rules = EnumSet.of(ReworkRule.ROLLBACK);
        }
        EnumSet<ReworkRule> fromPullRequests =
            byPullRequest.isEmpty() ? null : byPullRequest.get(i);
        if (fromPullRequests != null) {
          if (rules == null) {
            rules = EnumSet.noneOf(ReworkRule.class);
          }
          rules.addAll(fromPullRequests);
        }
        // a failure sorts before a success at the same instant, so lastFailure <= t
        if (lastFailure != Long.MIN_VALUE && t - lastFailure <= after) {
          if (rules == null) {
            rules = EnumSet.noneOf(ReworkRule.class);
          }
          rules.add(ReworkRule.AFTER_FAILURE);
        }
        if (sha != null) {
          // a deployment without a SHA says nothing about what runs, so it does not reset it
          deployedShas.add(sha);
          previousSha = sha;
        }
        if (size == capacity) {
          capacity *= 2;
          index = Arrays.copyOf(index, capacity);
          groupOf = Arrays.copyOf(groupOf, capacity);
          matched = Arrays.copyOf(matched, capacity);
        }
        index[size] = i;
        groupOf[size] = g;
        matched[size] = rules;
        size++;
      }
    }
    return new Classified(index, groupOf, (@Nullable EnumSet<ReworkRule>[]) matched, size);
  }
}
