package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Computes change failure rate over a half-open window.
 *
 * <p>The denominator is the number of production deployments (normalized environment equal to
 * {@link DoraOptions#productionEnvironment()}) whose effective time is in {@code [start, end)} and
 * whose result is {@code SUCCESS} or {@code FAILURE}; aborted and unknown deployments are in
 * neither count. The default numerator is those with result {@code FAILURE}. The incident-linked
 * numerator is those whose (repository, build id) equals the (service, causedByDeployment) of at
 * least one incident, whatever their result. Stateless and thread-safe.
 */
public final class ChangeFailureRate {
  private ChangeFailureRate() {}

  /**
   * Computes change failure rate from failed deployments.
   *
   * @param pairing deployments paired with the same options
   * @param window the window
   * @param options the production environment and benchmark
   * @return the result
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static ChangeFailureRateResult fromPairing(
      Pairing pairing, Window window, DoraOptions options) {
    return compute(pairing, window, options, null);
  }

  /**
   * Computes change failure rate from deployments in any order.
   *
   * @param deployments the deployments
   * @param window the window
   * @param options the aliases, production environment and benchmark
   * @return the result
   */
  public static ChangeFailureRateResult compute(
      Collection<? extends Deployment> deployments, Window window, DoraOptions options) {
    return compute(DeploymentPairer.of(options).pair(deployments), window, options, null);
  }

  /**
   * Computes the incident-linked change failure rate.
   *
   * @param pairing deployments paired with the same options
   * @param incidents incidents whose {@code causedByDeployment} names the build id of a deployment
   *     of the repository named by their {@code service}; others are ignored
   * @param window the window
   * @param options the production environment and benchmark
   * @return the result, with {@code incidentLinked} true
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static ChangeFailureRateResult incidentLinked(
      Pairing pairing, Collection<Incident> incidents, Window window, DoraOptions options) {
    Set<String> caused = new HashSet<>();
    for (Incident incident : incidents) {
      String build = incident.causedByDeployment();
      if (build != null) {
        caused.add(key(incident.service(), build));
      }
    }
    return compute(pairing, window, options, caused);
  }

  private static String key(String repository, String buildId) {
    return repository.length() + ":" + repository + "/" + buildId;
  }

  private static ChangeFailureRateResult compute(
      Pairing pairing,
      Window window,
      DoraOptions options,
      @org.jspecify.annotations.Nullable Set<String> caused) {
    pairing.requireCompatible(options);
    long[] bounds = PairingCore.bounds(window);
    long first = bounds[0];
    long last = bounds[1];
    long failed = 0;
    long total = 0;
    for (int g = 0; g < pairing.groupEnvironment.length; g++) {
      if (!options.isProduction(pairing.groupEnvironment[g])) {
        continue;
      }
      for (int i = pairing.groupStart[g]; i < pairing.groupStart[g + 1]; i++) {
        byte k = pairing.kind[i];
        long t = pairing.time[i];
        if (k == PairingCore.OTHER || t < first || t > last) {
          continue;
        }
        total++;
        if (caused == null) {
          if (k == PairingCore.FAILURE) {
            failed++;
          }
        } else if (caused.contains(
            key(pairing.groupRepository[g], pairing.deployments[i].buildId()))) {
          failed++;
        }
      }
    }
    if (total == 0) {
      return new ChangeFailureRateResult(0, 0, null, null, caused != null);
    }
    return new ChangeFailureRateResult(
        failed,
        total,
        (double) failed / total,
        options.benchmark().changeFailureRateLevel(failed, total),
        caused != null);
  }
}
