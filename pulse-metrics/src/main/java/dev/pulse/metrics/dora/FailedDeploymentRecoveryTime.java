package dev.pulse.metrics.dora;

import dev.pulse.model.Incident;
import java.util.Collection;

/**
 * Failed deployment recovery time, the DORA 2023 name of the metric earlier reports called "time to
 * restore service" and tools call "MTTR".
 *
 * <p>The same calculator as {@link TimeToRestore}, under the current name: each method returns
 * exactly what its {@code TimeToRestore} namesake returns. The flaky threshold applies to
 * deployment pairing only, never to incidents. Stateless and thread-safe.
 */
public final class FailedDeploymentRecoveryTime {
  private FailedDeploymentRecoveryTime() {}

  /**
   * Computes recovery time from production failures paired with the next success.
   *
   * @param pairing deployments paired with the same options
   * @param window the incidents counted: those whose anchor took effect in {@code [start, end)}
   * @param options the production environment, flaky threshold, minimum sample and benchmark
   * @return the result, as {@link TimeToRestore#fromPairing}
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static MttrResult fromPairing(Pairing pairing, Window window, DoraOptions options) {
    return TimeToRestore.fromPairing(pairing, window, options);
  }

  /**
   * Computes recovery time from incidents, without the flaky filter.
   *
   * @param incidents the incidents, any order
   * @param window the incidents counted: those created in {@code [start, end)}
   * @param options the minimum sample and benchmark
   * @return the result, as {@link TimeToRestore#fromIncidents}
   */
  public static MttrResult fromIncidents(
      Collection<Incident> incidents, Window window, DoraOptions options) {
    return TimeToRestore.fromIncidents(incidents, window, options);
  }
}
