package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Pairs each failed deployment with the success that restored it, per (repository, environment).
 *
 * <h2>Rules</h2>
 *
 * Environments are normalized with {@link DoraOptions#environmentAliases()} first; deployments are
 * then grouped by (repository, normalized environment) and ordered by <i>pairing order</i>:
 * effective time ({@link Deployment#effectiveAt()}), then at equal times failures before successes
 * before other results, then build id. Within a group, walking in that order:
 *
 * <ul>
 *   <li>the first failure after a success (or at the start) anchors an incident;
 *   <li>later failures before the next success are {@link IncidentStatus#SUPERSEDED} and point to
 *       that anchor;
 *   <li>the next success closes the chain. If it is at most {@link
 *       DoraOptions#openIncidentWindow()} after the anchor, the anchor is {@link
 *       IncidentStatus#RESOLVED} and owns the recovery time; otherwise, or when no success follows,
 *       the anchor is {@link IncidentStatus#OPEN};
 *   <li>aborted and unknown results neither fail nor restore and are skipped.
 * </ul>
 *
 * So for {@code F1 S1 F2} the failure {@code F2} anchors its own incident, and for {@code F1 F2 F3
 * S} there is one incident anchored by {@code F1} with two superseded failures.
 *
 * <p>The pairing of a failure depends only on deployments of its group from its chain's start
 * onwards, which is what makes {@link IncrementalPairer} exact. Pairing runs in linear time on
 * input already in pairing order and in {@code O(n log n)} otherwise, over primitive arrays.
 *
 * <p>A deployment is identified by (repository, build id). When the input holds one more than once
 * (a running deployment reported again once finished, say), only the <b>last occurrence in input
 * order</b> is kept, exactly as {@link IncrementalPairer#add} replaces an earlier version by a
 * later one; so pairing everything ever added, in the order added, gives the incremental pairer's
 * result. Instances are immutable and thread-safe.
 *
 * <p>This class only sequences the steps, each a package-private class with one job: {@link
 * LatestPerBuild} (the last occurrence per build), {@link PairingInput} (primitive columns), {@link
 * SortedScan} (already in order?), {@link GroupIndex} (grouping by repository and environment),
 * {@link GroupOrder} (the order within a group) and {@link PairingWalk} (the walk, via {@link
 * Pairing}).
 */
public final class DeploymentPairer {

  private final DoraOptions options;

  private DeploymentPairer(DoraOptions options) {
    this.options = options;
  }

  /**
   * Returns a pairer with the given options.
   *
   * @param options the open-incident window and environment aliases are used
   * @return the pairer
   */
  public static DeploymentPairer of(DoraOptions options) {
    return new DeploymentPairer(Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns the options.
   *
   * @return the options this pairer was created with
   */
  public DoraOptions options() {
    return options;
  }

  /**
   * Returns the pairing order: repository, normalized environment, effective time, failures before
   * successes at equal times, then build id.
   *
   * @param aliases the aliases that normalize environments
   * @return a comparator that sorts deployments into pairing order
   */
  public static Comparator<Deployment> pairingOrder(EnvironmentAliases aliases) {
    Objects.requireNonNull(aliases, "aliases");
    return Comparator.comparing(Deployment::repository)
        .thenComparing(d -> aliases.normalize(d.environment()))
        .thenComparing(PairingCore::compareInGroup);
  }

  /**
   * Pairs deployments given in any order.
   *
   * @param deployments the deployments; when a (repository, build id) occurs more than once, only
   *     its last occurrence in iteration order is paired (the same rule as {@link
   *     IncrementalPairer#add})
   * @return the pairing
   * @throws IllegalArgumentException if an effective time is outside the supported range (years
   *     1677 to 2262)
   */
  public Pairing pair(Collection<? extends Deployment> deployments) {
    Deployment[] in = LatestPerBuild.keep(deployments.toArray(new Deployment[0]), null);
    PairingInput input = PairingInput.of(in, options.environmentAliases());
    GroupOrder order = input.groupOrder();
    int[] starts = SortedScan.groupStarts(input.repository, input.environment, order);
    if (starts != null) {
      return pairAsIs(input, starts);
    }
    GroupIndex groups = GroupIndex.of(input.repository, input.environment);
    order.sortRanges(groups.order, groups.start);
    int n = in.length;
    Deployment[] sorted = new Deployment[n];
    long[] time = new long[n];
    byte[] kind = new byte[n];
    for (int j = 0; j < n; j++) {
      int i = groups.order[j];
      sorted[j] = in[i];
      time[j] = input.time[i];
      kind[j] = input.kind[i];
    }
    return Pairing.create(
        sorted, time, kind, groups.start, groups.repository, groups.environment, options);
  }

  /**
   * Pairs deployments that are already in pairing order, without sorting them.
   *
   * @param deployments the deployments in {@link #pairingOrder(EnvironmentAliases)}; of a repeated
   *     (repository, build id) only the last occurrence is paired, and only the kept deployments
   *     need to be in order
   * @return the pairing
   * @throws IllegalArgumentException if the deployments are not in pairing order, naming the first
   *     misplaced one
   */
  public Pairing pairSorted(List<? extends Deployment> deployments) {
    Deployment[] all = deployments.toArray(new Deployment[0]);
    int[] kept = new int[all.length];
    Deployment[] in = LatestPerBuild.keep(all, kept);
    PairingInput input = PairingInput.of(in, options.environmentAliases());
    GroupOrder order = input.groupOrder();
    int[] starts = SortedScan.groupStarts(input.repository, input.environment, order);
    if (starts == null) {
      int inversion = SortedScan.firstInversion(input.repository, input.environment, order);
      Deployment d = in[inversion];
      throw new IllegalArgumentException(
          "deployments are not in pairing order at index "
              + kept[inversion]
              + ": "
              + d.repository()
              + "/"
              + d.buildId()
              + " sorts before the one preceding it");
    }
    return pairAsIs(input, starts);
  }

  private Pairing pairAsIs(PairingInput input, int[] starts) {
    int groups = starts.length - 1;
    String[] repository = new String[groups];
    String[] environment = new String[groups];
    for (int g = 0; g < groups; g++) {
      repository[g] = input.repository[starts[g]];
      environment[g] = input.environment[starts[g]];
    }
    return Pairing.create(
        input.deployments, input.time, input.kind, starts, repository, environment, options);
  }
}
