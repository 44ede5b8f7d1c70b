package dev.pulse.metrics.dora;

import dev.pulse.metrics.Percentiles;
import dev.pulse.model.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Computes deployment frequency: deployment days per week and per month, with the level they give,
 * and successful production deployments per day over a half-open window beside them.
 *
 * <p>Counted: deployments whose normalized environment is {@link
 * DoraOptions#productionEnvironment()}, whose result is {@code SUCCESS}, and whose effective time
 * is in {@code [start, end)}. Failed, aborted and unknown deployments are not counted (they feed
 * the change failure rate). Deploy days per week is {@code 7 * deployDays / D}, where {@code D} is
 * the number of calendar dates in {@link DoraOptions#zone()} that the window touches (from the date
 * of {@code start} to the date of the window's last nanosecond), so it is always within {@code [0,
 * 7]}.
 *
 * <p>Level: by deployment days, not deployments. The dates the window touches are cut into blocks
 * of 7 (a week) and 30 (a month) dates from its first date; the median number of deploy days per
 * block gives the level ({@link DoraThresholds#ELITE_DEPLOY_DAYS_PER_WEEK} per week for Elite, at
 * least one per week, month or six months below), so seven deployments on one Monday are one day of
 * deploying, not a daily habit. The level of the rate alone is kept as {@link
 * DeploymentFrequencyResult#rateLevel()}. Window bounds beyond the supported range (years 1677 to
 * 2262) are clamped to it; {@code deploymentsPerDay} still uses the window's real length. Stateless
 * and thread-safe.
 */
public final class DeploymentFrequency {
  private static final double SECONDS_PER_DAY = 86_400;

  private DeploymentFrequency() {}

  /**
   * Computes deployment frequency from deployments in any order.
   *
   * @param deployments the deployments
   * @param window the window
   * @param options the aliases, production environment, zone and benchmark
   * @return the result
   */
  public static DeploymentFrequencyResult compute(
      Collection<? extends Deployment> deployments, Window window, DoraOptions options) {
    return fromPairing(DeploymentPairer.of(options).pair(deployments), window, options);
  }

  /**
   * Computes deployment frequency from a pairing, which holds every deployment in pairing order.
   *
   * @param pairing deployments paired with the same options
   * @param window the window
   * @param options the production environment, zone and benchmark
   * @return the result
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment
   *     aliases or open-incident window
   */
  public static DeploymentFrequencyResult fromPairing(
      Pairing pairing, Window window, DoraOptions options) {
    pairing.requireCompatible(options);
    long[] bounds = PairingCore.bounds(window);
    long first = bounds[0];
    long last = bounds[1];
    ZoneId zone = options.zone();
    @Nullable ZoneOffset fixed =
        zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
    long firstDay = first <= last ? epochDay(first, zone, fixed) : 0;
    BitSet days = new BitSet();
    long count = 0;
    for (int g = 0; g < pairing.groupEnvironment.length; g++) {
      if (!options.isProduction(pairing.groupEnvironment[g])) {
        continue;
      }
      // a group is in time order: only its deployments inside the window are visited
      int from = pairing.groupStart[g];
      int to = pairing.groupStart[g + 1];
      int end = PairingCore.firstAfter(pairing.time, from, to, last);
      for (int i = PairingCore.firstAtOrAfter(pairing.time, from, to, first); i < end; i++) {
        long t = pairing.time[i];
        if (pairing.kind[i] == PairingCore.SUCCESS && t >= first && t <= last) {
          count++;
          days.set((int) (epochDay(t, zone, fixed) - firstDay));
        }
      }
    }
    Duration length = window.length();
    double perDay = count / ((length.getSeconds() + length.getNano() / 1e9) / SECONDS_PER_DAY);
    int deployDays = days.cardinality();
    // zone dates touched by the window (within the supported range)
    int dates = first <= last ? Math.toIntExact(epochDay(last, zone, fixed) - firstDay + 1) : 0;
    // no deploy day means 0 whatever the number of dates
    double daysPerWeek = deployDays == 0 ? 0 : deployDays * 7.0 / dates;
    DoraThresholds benchmark = options.benchmark();
    return new DeploymentFrequencyResult(
        count,
        deployDays,
        perDay,
        daysPerWeek,
        medianDeployDays(days, dates, 7),
        medianDeployDays(days, dates, 30),
        benchmark.deploymentDaysLevel(blockLength -> medianDeployDays(days, dates, blockLength)),
        benchmark.deploymentFrequencyLevel(count, length));
  }

  /**
   * Returns the median number of deployment days per block of {@code blockLength} consecutive
   * dates, the blocks starting at the window's first date. An incomplete last block is left out,
   * unless the window is shorter than one block: then the window is the only block.
   */
  static double medianDeployDays(BitSet days, int dates, int blockLength) {
    if (dates == 0) {
      return 0;
    }
    int blocks = dates < blockLength ? 1 : dates / blockLength;
    double[] perBlock = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      int from = b * blockLength;
      perBlock[b] = days.get(from, Math.min(from + blockLength, dates)).cardinality();
    }
    Arrays.sort(perBlock);
    return Percentiles.percentile(perBlock, 50);
  }

  private static long epochDay(long nanos, ZoneId zone, @Nullable ZoneOffset fixed) {
    long second = Math.floorDiv(nanos, 1_000_000_000L);
    if (fixed != null) {
      return Math.floorDiv(second + fixed.getTotalSeconds(), 86_400L);
    }
    return Instant.ofEpochSecond(second).atZone(zone).toLocalDate().toEpochDay();
  }
}
