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
import java.util.Objects;
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

    /** The first entry of each group, made on first use by {@link #countPart}. */
    private int @Nullable [] groupFirst;

    Classified(int[] index, int[] group, @Nullable EnumSet<ReworkRule>[] rules, int size) {
      this.index = index;
      this.group = group;
      this.rules = rules;
      this.size = size;
      this.records = new @Nullable ReworkedDeployment[size];
    }

    /**
     * Counts as {@link #count} does over the deployments of some groups of the pairing only, with
     * the revert and hotfix rules given by some of the pull requests only: exactly what classifying
     * the restricted pairing with those pull requests gives, because the rollback and after-failure
     * rules look at one group alone.
     *
     * @param groups the groups kept, ascending
     * @param fromPullRequests the rules the kept pull requests give, by pairing index
     */
    ReworkRateResult countPart(
        Pairing pairing,
        Window window,
        int[] groups,
        Map<Integer, EnumSet<ReworkRule>> fromPullRequests) {
      long[] bounds = PairingCore.bounds(window);
      int[] first = groupFirst(pairing);
      int deployments = 0;
      Map<ReworkRule, Integer> byRule = new EnumMap<>(ReworkRule.class);
      List<ReworkedDeployment> reworked = new ArrayList<>();
      for (int g : groups) {
        int end = entryAfter(pairing, first[g], first[g + 1], bounds[1]);
        for (int k = entryAtOrAfter(pairing, first[g], first[g + 1], bounds[0]); k < end; k++) {
          int i = index[k];
          long t = pairing.time[i];
          if (t < bounds[0] || t > bounds[1]) {
            continue;
          }
          deployments++;
          EnumSet<ReworkRule> all = rules[k];
          EnumSet<ReworkRule> own = fromPullRequests.isEmpty() ? null : fromPullRequests.get(i);
          EnumSet<ReworkRule> matched;
          boolean shared = false; // the same rules as for the whole pairing
          if (all == null) {
            matched = own;
          } else if (own == null
              && !all.contains(ReworkRule.REVERT)
              && !all.contains(ReworkRule.HOTFIX_LABEL)) {
            matched = all;
            shared = true;
          } else {
            // the rules of the deployment itself, then those of the part's own pull requests
            matched = EnumSet.copyOf(all);
            matched.remove(ReworkRule.REVERT);
            matched.remove(ReworkRule.HOTFIX_LABEL);
            if (own != null) {
              matched.addAll(own);
            }
            if (matched.isEmpty()) {
              matched = null;
            }
          }
          if (matched == null) {
            continue;
          }
          for (ReworkRule rule : matched) {
            byRule.merge(rule, 1, Integer::sum);
          }
          reworked.add(shared ? record(pairing, k) : record(pairing, k, matched));
        }
      }
      return new ReworkRateResult(
          deployments,
          reworked.size(),
          deployments == 0 ? null : (double) reworked.size() / deployments,
          byRule,
          reworked);
    }

    /**
     * Returns the first entry in {@code [from, to)} (entries of one group, so in effective-time
     * order) that took effect at or after {@code t}, or {@code to} when none did.
     */
    private int entryAtOrAfter(Pairing pairing, int from, int to, long t) {
      int lo = from;
      int hi = to;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (pairing.time[index[mid]] < t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** Returns the first entry in {@code [from, to)} that took effect after {@code t}. */
    private int entryAfter(Pairing pairing, int from, int to, long t) {
      return t == Long.MAX_VALUE ? to : entryAtOrAfter(pairing, from, to, t + 1);
    }

    /** The first entry of each group, and the entry count last (groups without any are empty). */
    private int[] groupFirst(Pairing pairing) {
      int[] first = groupFirst;
      if (first == null) {
        int groups = pairing.groupEnvironment.length;
        first = new int[groups + 1];
        int k = 0;
        for (int g = 0; g <= groups; g++) {
          while (k < size && group[k] < g) {
            k++;
          }
          first[g] = k;
        }
        groupFirst = first;
      }
      return first;
    }

    /** The drill-down record of entry {@code k} with its own rules, made once. */
    private ReworkedDeployment record(Pairing pairing, int k) {
      ReworkedDeployment record = records[k];
      if (record == null) {
        record = record(pairing, k, Objects.requireNonNull(rules[k]));
        records[k] = record;
      }
      return record;
    }

    private ReworkedDeployment record(Pairing pairing, int k, EnumSet<ReworkRule> matched) {
      int g = group[k];
      return new ReworkedDeployment(
          pairing.groupRepository[g],
          pairing.groupEnvironment[g],
          pairing.deployments[index[k]].buildId(),
          matched);
    }

    ReworkRateResult count(Pairing pairing, Window window) {
      long[] bounds = PairingCore.bounds(window);
      int deployments = 0;
      Map<ReworkRule, Integer> byRule = new EnumMap<>(ReworkRule.class);
      List<ReworkedDeployment> reworked = new ArrayList<>();
      int[] first = groupFirst(pairing);
      // entries are in pairing order, each group's in time order: only those inside the window are
      // visited, in the same order as a scan of all
      for (int g = 0; g + 1 < first.length; g++) {
        int end = entryAfter(pairing, first[g], first[g + 1], bounds[1]);
        for (int k = entryAtOrAfter(pairing, first[g], first[g + 1], bounds[0]); k < end; k++) {
          deployments++;
          EnumSet<ReworkRule> matched = rules[k];
          if (matched != null) {
            for (ReworkRule rule : matched) {
              byRule.merge(rule, 1, Integer::sum);
            }
            reworked.add(record(pairing, k));
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
      boolean labelled = hotfixLabelled(pr, hotfix);
      if (!revert && !labelled) {
        continue;
      }
      if (deploys == null) {
        deploys = indexed.get();
      }
      addRules(byPullRequest, deploys.link(pr, mergedAt).deployment(), revert, labelled);
    }
    return classifyDeployments(pairing, byPullRequest, options);
  }

  /**
   * Whether a pull request carries a hotfix label (labels compared in lower case), so that a
   * deployment deploying it is rework.
   */
  static boolean hotfixLabelled(PullRequest pr, Set<String> hotfix) {
    boolean labelled = false;
    if (!hotfix.isEmpty() && !pr.labels().isEmpty()) {
      for (String label : pr.labels()) {
        labelled |= hotfix.contains(label.toLowerCase(Locale.ROOT));
      }
    }
    return labelled;
  }

  /**
   * Adds the rules a revert or hotfix pull request deployed by deployment {@code d} (a pairing
   * index, -1 when none) gives that deployment.
   */
  static void addRules(
      Map<Integer, EnumSet<ReworkRule>> byPullRequest, int d, boolean revert, boolean labelled) {
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

  /**
   * Classifies every successful production deployment of the pairing, given the rules the revert
   * and hotfix pull requests give the deployments that deployed them (by pairing index).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Classified classifyDeployments(
      Pairing pairing, Map<Integer, EnumSet<ReworkRule>> byPullRequest, DoraOptions options) {
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
