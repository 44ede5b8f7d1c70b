package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.PullRequest;
import java.util.Collection;

/**
 * Computes all four DORA keys at once, pairing the deployments a single time.
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
}
