package dev.pulse.metrics.dora;

import dev.pulse.model.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * Computes failed deployment recovery time (the DORA 2023 name; "time to restore" and "MTTR" are
 * aliases) from paired deployments or from incidents; {@link FailedDeploymentRecoveryTime} is the
 * same calculator under the current name.
 *
 * <p>From pairing: production anchors (per {@link DoraOptions#productionEnvironment()}) whose
 * failure's effective time is in the window are counted as resolved or open, and the failures they
 * supersede as superseded, wherever those fall: a superseded failure is counted by its
 * <b>anchor's</b> time, so an incident's failures are counted together or not at all. Each resolved
 * anchor contributes its recovery time. From incidents: incidents created in the window; a resolved
 * one contributes {@code resolvedAt - createdAt}, one without a resolution time is open.
 *
 * <p>From pairing only: recoveries strictly shorter than {@link DoraOptions#flakyThreshold()} are
 * excluded (one exactly at the threshold is kept). Incidents are never filtered: a quickly resolved
 * incident is real. Then, for both: if fewer than {@link DoraOptions#minSample()} remain the result
 * is {@link MttrStatus#INSUFFICIENT_DATA} with the counts only; otherwise the median and P90
 * (linear interpolation, see {@link dev.pulse.metrics.Percentiles}) and the median's level.
 * Stateless and thread-safe.
 */
public final class TimeToRestore {
  private TimeToRestore() {}

  /**
   * Computes time to restore from a pairing.
   *
   * @param pairing deployments paired with the same options
   * @param window the failures counted: those with effective time in {@code [start, end)}
   * @param options the production environment, flaky threshold, minimum sample and benchmark
   * @return the result
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static MttrResult fromPairing(Pairing pairing, Window window, DoraOptions options) {
    pairing.requireCompatible(options);
    long[] bounds = PairingCore.bounds(window);
    long first = bounds[0];
    long last = bounds[1];
    long flaky = options.flakyThreshold().toNanos();
    int resolved = 0;
    int open = 0;
    int superseded = 0;
    int flakyExcluded = 0;
    long[] sample = new long[16];
    int size = 0;
    for (int g = 0; g < pairing.groupEnvironment.length; g++) {
      if (!options.isProduction(pairing.groupEnvironment[g])) {
        continue;
      }
      // a group is in time order and a failure counts at or before its own time (a superseded
      // one at its anchor's): none before the window's first instant counts. Past the window only
      // failures superseded by an anchor inside it count, and a success ends their chain.
      int to = pairing.groupStart[g + 1];
      for (int i = PairingCore.firstAtOrAfter(pairing.time, pairing.groupStart[g], to, first);
          i < to;
          i++) {
        long t = pairing.time[i];
        if (t > last && pairing.kind[i] == PairingCore.SUCCESS) {
          break;
        }
        byte st = pairing.status[i];
        if (st == PairingCore.NONE) {
          continue;
        }
        // a superseded failure belongs to its anchor's incident, so it is counted by the anchor's
        // time
        long counted = st == PairingCore.SUPERSEDED ? pairing.time[pairing.link[i]] : t;
        if (counted < first || counted > last) {
          continue;
        }
        if (st == PairingCore.OPEN) {
          open++;
        } else if (st == PairingCore.SUPERSEDED) {
          superseded++;
        } else {
          resolved++;
          long recovery = pairing.time[pairing.link[i]] - t;
          if (recovery < flaky) {
            flakyExcluded++;
          } else {
            if (size == sample.length) {
              sample = Arrays.copyOf(sample, size * 2);
            }
            sample[size++] = recovery;
          }
        }
      }
    }
    return result(
        MttrSource.DEPLOYMENT_PAIRING,
        resolved,
        open,
        superseded,
        flakyExcluded,
        sample,
        size,
        options);
  }

  /**
   * Computes time to restore from incidents.
   *
   * @param incidents the incidents, any order
   * @param window the incidents counted: those created in {@code [start, end)}
   * @param options the minimum sample and benchmark; the flaky threshold does not apply
   * @return the result; {@code superseded} and {@code flakyExcluded} are always 0
   */
  public static MttrResult fromIncidents(
      Collection<Incident> incidents, Window window, DoraOptions options) {
    int resolved = 0;
    int open = 0;
    long[] sample = new long[Math.max(16, incidents.size())];
    int size = 0;
    for (Incident incident : incidents) {
      Objects.requireNonNull(incident, "incident");
      if (!window.contains(incident.createdAt())) {
        continue;
      }
      Instant resolvedAt = incident.resolvedAt();
      if (resolvedAt == null) {
        open++;
        continue;
      }
      resolved++;
      // no flaky filter: a quickly resolved incident is a real one; the filter exists for a
      // failed deployment retried into success within minutes
      sample[size++] = Duration.between(incident.createdAt(), resolvedAt).toNanos();
    }
    return result(MttrSource.INCIDENTS, resolved, open, 0, 0, sample, size, options);
  }

  private static MttrResult result(
      MttrSource source,
      int resolved,
      int open,
      int superseded,
      int flakyExcluded,
      long[] sample,
      int size,
      DoraOptions options) {
    int minSample = options.minSample();
    if (size < minSample) {
      return new MttrResult(
          source,
          MttrStatus.INSUFFICIENT_DATA,
          resolved,
          open,
          superseded,
          flakyExcluded,
          size,
          minSample,
          null,
          null,
          null);
    }
    Duration[] p = DurationStats.percentiles(sample, size, 50, 90);
    Duration median = p[0];
    Duration p90 = p[1];
    return new MttrResult(
        source,
        MttrStatus.SUFFICIENT,
        resolved,
        open,
        superseded,
        flakyExcluded,
        size,
        minSample,
        median,
        p90,
        options.benchmark().recoveryTimeLevel(median));
  }
}
