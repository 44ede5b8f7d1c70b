package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.PullRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Computes the DORA keys at once, pairing the deployments a single time.
 *
 * <p>Stateless and thread-safe; runs on the calling thread.
 */
public final class Dora {
  private Dora() {}

  /**
   * Computes the report.
   *
   * @param deployments deployments in any order, every environment
   * @param pullRequests pull requests in any order
   * @param window the window of every metric
   * @param options the options
   * @return the report; the overall level is the worst of the metric levels
   */
  public static DoraReport compute(
      Collection<? extends Deployment> deployments,
      Collection<PullRequest> pullRequests,
      Window window,
      DoraOptions options) {
    Pairing pairing = DeploymentPairer.of(options).pair(deployments);
    return compute(pairing, pullRequests, window, options);
  }

  /**
   * Computes the report from an existing pairing.
   *
   * @param pairing the deployments, paired with the same options
   * @param pullRequests pull requests in any order
   * @param window the window of every metric
   * @param options the options
   * @return the report
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static DoraReport compute(
      Pairing pairing, Collection<PullRequest> pullRequests, Window window, DoraOptions options) {
    DeploymentFrequencyResult df = DeploymentFrequency.fromPairing(pairing, window, options);
    LeadTimeResult lt = LeadTimeForChanges.compute(pullRequests, pairing, window, options);
    ChangeFailureRateResult cfr = ChangeFailureRate.fromPairing(pairing, window, options);
    MttrResult mttr = TimeToRestore.fromPairing(pairing, window, options);
    return new DoraReport(
        window, options.benchmark(), df, lt, cfr, mttr, DoraReport.worst(df, lt, cfr, mttr));
  }

  /**
   * Computes the five figures (the four keys and the rework rate) from a pairing, linking pull
   * requests also by the commits each deployment contains.
   *
   * @param pairing the deployments, paired with the same options
   * @param pullRequests pull requests in any order
   * @param commitRange the merge commits of each deployment, or null to link by SHA equality,
   *     branch and time only
   * @param window the window of every figure
   * @param options the options
   * @return the figures
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static DoraFigures compute(
      Pairing pairing,
      Collection<PullRequest> pullRequests,
      @Nullable CommitRange commitRange,
      Window window,
      DoraOptions options) {
    return compute(pairing, pullRequests, commitRange, List.of(window), options).get(0);
  }

  /**
   * Computes the five figures over several windows at once (a report's window and its weeks and
   * months, say): each pull request is linked to its deployment once and each deployment classified
   * for rework once, so the figures of a window are exactly those {@link #compute(Pairing,
   * Collection, CommitRange, Window, DoraOptions)} gives for it alone.
   *
   * @param pairing the deployments, paired with the same options
   * @param pullRequests pull requests in any order; iterated twice
   * @param commitRange the merge commits of each deployment, or null
   * @param windows the windows, any number, may overlap
   * @param options the options
   * @return one result per window, in the order given
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static List<DoraFigures> compute(
      Pairing pairing,
      Iterable<PullRequest> pullRequests,
      @Nullable CommitRange commitRange,
      List<Window> windows,
      DoraOptions options) {
    Objects.requireNonNull(pairing, "pairing");
    Objects.requireNonNull(pullRequests, "pullRequests");
    Objects.requireNonNull(options, "options");
    List<Window> copy = List.copyOf(windows);
    pairing.requireCompatible(options);
    // the deployments are indexed for linking once, for lead time and rework alike
    LeadTimeForChanges.Deploys deploys =
        LeadTimeForChanges.Deploys.of(pairing, options, commitRange);
    List<LeadTimeResult> leadTimes =
        LeadTimeForChanges.computeLinked(pullRequests, deploys, copy, options);
    List<ReworkRateResult> rework =
        ReworkRate.computeMany(pairing, pullRequests, deploys, copy, options);
    List<DoraFigures> out = new ArrayList<>(copy.size());
    for (int k = 0; k < copy.size(); k++) {
      Window window = copy.get(k);
      DeploymentFrequencyResult df = DeploymentFrequency.fromPairing(pairing, window, options);
      LeadTimeResult lt = leadTimes.get(k);
      ChangeFailureRateResult cfr = ChangeFailureRate.fromPairing(pairing, window, options);
      MttrResult mttr = TimeToRestore.fromPairing(pairing, window, options);
      out.add(
          new DoraFigures(df, lt, cfr, mttr, rework.get(k), DoraReport.worst(df, lt, cfr, mttr)));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Computes the five figures over several windows, as {@link #compute(Pairing, Iterable,
   * CommitRange, List, DoraOptions)} does, and of parts of the records (each repository, or each
   * team) over the first window, linking and measuring each pull request once for all of them.
   *
   * <p>A part's figures are exactly those {@link #compute(Pairing, Collection, CommitRange, Window,
   * DoraOptions)} gives for {@code pairing.restrictedTo(part.repositories())} and the part's pull
   * requests over the first window: a pull request's link and phases depend only on the deployments
   * of its repository, which the restricted pairing keeps whole.
   *
   * @param pairing the deployments, paired with the same options
   * @param pullRequests pull requests in any order; the parts name them by position
   * @param commitRange the merge commits of each deployment, or null
   * @param windows the windows, at least one when there are parts; may overlap
   * @param parts the parts, any number
   * @param options the options
   * @return the figures of each window and of each part, in the orders given
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window, if a part names a position outside the list, or if there
   *     are parts but no window
   */
  public static DoraBreakdown computeParts(
      Pairing pairing,
      List<PullRequest> pullRequests,
      @Nullable CommitRange commitRange,
      List<Window> windows,
      List<DoraPart> parts,
      DoraOptions options) {
    Objects.requireNonNull(pairing, "pairing");
    Objects.requireNonNull(pullRequests, "pullRequests");
    Objects.requireNonNull(options, "options");
    List<Window> copy = List.copyOf(windows);
    List<DoraPart> partsCopy = List.copyOf(parts);
    if (copy.isEmpty() && !partsCopy.isEmpty()) {
      throw new IllegalArgumentException("parts need a window: windows is empty");
    }
    return PartFigures.compute(pairing, pullRequests, commitRange, copy, partsCopy, options);
  }
}
