package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Computes deployment frequency: successful production deployments per day over a half-open window,
 * and deploy days per week.
 *
 * <p>Counted: deployments whose normalized environment is {@link
 * DoraOptions#productionEnvironment()}, whose result is {@code SUCCESS}, and whose effective time
 * is in {@code [start, end)}. Failed, aborted and unknown deployments are not counted (they feed
 * the change failure rate). Deploy days per week is {@code 7 * deployDays / D}, where {@code D} is
 * the number of calendar dates in {@link DoraOptions#zone()} that the window touches (from the date
 * of {@code start} to the date of the window's last nanosecond), so it is always within {@code [0,
 * 7]}. Window bounds beyond the supported range (years 1677 to 2262) are clamped to it; {@code
 * deploymentsPerDay} still uses the window's real length. Stateless and thread-safe.
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
    String production = options.productionEnvironment();
    ZoneId zone = options.zone();
    @Nullable ZoneOffset fixed =
        zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
    long firstDay = first <= last ? epochDay(first, zone, fixed) : 0;
    BitSet days = new BitSet();
    long count = 0;
    for (int g = 0; g < pairing.groupEnvironment.length; g++) {
      if (!pairing.groupEnvironment[g].equals(production)) {
        continue;
      }
      for (int i = pairing.groupStart[g]; i < pairing.groupStart[g + 1]; i++) {
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
    // zone dates touched by the window (within the supported range); no deploy day means 0 whatever
    // their number
    double daysPerWeek =
        deployDays == 0 ? 0 : deployDays * 7.0 / (epochDay(last, zone, fixed) - firstDay + 1);
    return new DeploymentFrequencyResult(
        count,
        deployDays,
        perDay,
        daysPerWeek,
        options.benchmark().deploymentFrequencyLevel(count, window.length()));
  }

  private static long epochDay(long nanos, ZoneId zone, @Nullable ZoneOffset fixed) {
    long second = Math.floorDiv(nanos, 1_000_000_000L);
    if (fixed != null) {
      return Math.floorDiv(second + fixed.getTotalSeconds(), 86_400L);
    }
    return Instant.ofEpochSecond(second).atZone(zone).toLocalDate().toEpochDay();
  }
}
