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
   * @param incidents incidents linked to a deployment of the repository their {@code service} names
   *     by {@link #attribute}: the deployment they name, else one found within {@link
   *     DoraOptions#incidentAttributionWindow()}; others are ignored
   * @param window the window
   * @param options the production environment and benchmark
   * @return the result, with {@code incidentLinked} true
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static ChangeFailureRateResult incidentLinked(
      Pairing pairing, Collection<Incident> incidents, Window window, DoraOptions options) {
    Set<String> caused = new HashSet<>();
    for (AttributedIncident a : attribute(pairing, incidents, options)) {
      String build = a.deploymentBuildId();
      if (build != null) {
        caused.add(key(a.incident().service(), build));
      }
    }
    return compute(pairing, window, options, caused);
  }

  /**
   * Links each incident to the deployment that caused it: the one it names, else (when {@link
   * DoraOptions#incidentAttributionWindow()} is positive) the latest successful production
   * deployment of the repository its {@code service} names that took effect at most that long
   * before the incident was opened (at the same instant included), else none. Every result says
   * which rule applied.
   *
   * @param pairing deployments paired with the same options
   * @param incidents the incidents, any order
   * @param options the production environments and attribution window
   * @return one entry per incident, in input order
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static java.util.List<AttributedIncident> attribute(
      Pairing pairing, Collection<Incident> incidents, DoraOptions options) {
    pairing.requireCompatible(options);
    long window = options.incidentAttributionWindow().toNanos();
    java.util.Map<String, long[]> times = new java.util.HashMap<>();
    java.util.Map<String, int[]> indexes = new java.util.HashMap<>();
    // without incidents there is nothing to attribute, so the deployments are not indexed
    if (window > 0 && !incidents.isEmpty()) {
      java.util.Map<String, java.util.List<long[]>> byRepository = new java.util.HashMap<>();
      for (int g = 0; g < pairing.groupEnvironment.length; g++) {
        if (!options.isProduction(pairing.groupEnvironment[g])) {
          continue;
        }
        for (int i = pairing.groupStart[g]; i < pairing.groupStart[g + 1]; i++) {
          if (pairing.kind[i] == PairingCore.SUCCESS) {
            byRepository
                .computeIfAbsent(pairing.groupRepository[g], k -> new java.util.ArrayList<>())
                .add(new long[] {pairing.time[i], i});
          }
        }
      }
      byRepository.forEach(
          (repository, list) -> {
            list.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            long[] t = new long[list.size()];
            int[] index = new int[list.size()];
            for (int k = 0; k < t.length; k++) {
              t[k] = list.get(k)[0];
              index[k] = (int) list.get(k)[1];
            }
            times.put(repository, t);
            indexes.put(repository, index);
          });
    }
    java.util.List<AttributedIncident> out = new java.util.ArrayList<>(incidents.size());
    for (Incident incident : incidents) {
      String named = incident.causedByDeployment();
      if (named != null) {
        out.add(new AttributedIncident(incident, named, IncidentAttribution.NAMED));
        continue;
      }
      long[] t = times.get(incident.service());
      int[] index = indexes.get(incident.service());
      String found = null;
      if (t != null && index != null) {
        long opened = PairingCore.nanos(incident.createdAt());
        // the last deployment at or before the incident opened
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (t[mid] <= opened) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        if (lo > 0 && opened - t[lo - 1] <= window) {
          found = pairing.deployments[index[lo - 1]].buildId();
        }
      }
      out.add(
          found == null
              ? new AttributedIncident(incident, null, IncidentAttribution.NONE)
              : new AttributedIncident(incident, found, IncidentAttribution.ATTRIBUTION_WINDOW));
    }
    return java.util.Collections.unmodifiableList(out);
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
      // a group is in time order: only its deployments inside the window are visited
      int from = pairing.groupStart[g];
      int to = pairing.groupStart[g + 1];
      int end = PairingCore.firstAfter(pairing.time, from, to, last);
      for (int i = PairingCore.firstAtOrAfter(pairing.time, from, to, first); i < end; i++) {
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
        } else if (!caused.isEmpty()
            && caused.contains(key(pairing.groupRepository[g], pairing.deployments[i].buildId()))) {
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
