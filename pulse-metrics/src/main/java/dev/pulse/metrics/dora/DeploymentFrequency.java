package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Computes deployment frequency: successful production deployments per day over a half-open window, and deploy
 * days per week.
 *
 * <p>Counted: deployments whose normalized environment is {@link DoraOptions#productionEnvironment()}, whose result
 * is {@code SUCCESS}, and whose effective time is in {@code [start, end)}. Failed, aborted and unknown deployments
 * are not counted (they feed the change failure rate). Deploy days per week is {@code 7 * deployDays / D}, where
 * {@code D} is the number of calendar dates in {@link DoraOptions#zone()} that the window touches (from the date
 * of {@code start} to the date of the window's last nanosecond), so it is always within {@code [0, 7]}. Stateless
 * and thread-safe.
 */
public final class DeploymentFrequency {
  private static final double NANOS_PER_DAY = 86_400e9;

  private DeploymentFrequency() {}

  /**
   * Computes deployment frequency from deployments in any order.
   *
   * @param deployments the deployments
   * @param window the window
   * @param options the aliases, production environment, zone and benchmark
   * @return the result
   */
  public static DeploymentFrequencyResult compute(Collection<? extends Deployment> deployments, Window window,
      DoraOptions options) {
    return fromPairing(DeploymentPairer.of(options).pair(deployments), window, options);
  }

  /**
   * Computes deployment frequency from a pairing, which holds every deployment in pairing order.
   *
   * @param pairing deployments paired with the same options
   * @param window the window
   * @param options the production environment, zone and benchmark
   * @return the result
   * @throws IllegalArgumentException if {@code options} differ from the pairing's in environment aliases or
   *     open-incident window
   */
  public static DeploymentFrequencyResult fromPairing(Pairing pairing, Window window, DoraOptions options) {
    pairing.requireCompatible(options);
    long start = PairingCore.nanos(window.start());
    long end = PairingCore.nanos(window.end());
    String production = options.productionEnvironment();
    ZoneId zone = options.zone();
    @Nullable ZoneOffset fixed = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
    long firstDay = epochDay(start, zone, fixed);
    BitSet days = new BitSet();
    long count = 0;
    for (int g = 0; g < pairing.groupEnvironment.length; g++) {
      if (!pairing.groupEnvironment[g].equals(production)) {
        continue;
      }
      for (int i = pairing.groupStart[g]; i < pairing.groupStart[g + 1]; i++) {
        long t = pairing.time[i];
        if (pairing.kind[i] == PairingCore.SUCCESS && t >= start && t < end) {
          count++;
          days.set((int) (epochDay(t, zone, fixed) - firstDay));
        }
      }
    }
    double windowNanos = (double) end - (double) start;
    double perDay = count / (windowNanos / NANOS_PER_DAY);
    long datesSpanned = epochDay(end - 1, zone, fixed) - firstDay + 1; // zone dates touched by [start, end)
    double daysPerWeek = days.cardinality() * 7.0 / datesSpanned;
    return new DeploymentFrequencyResult(count, days.cardinality(), perDay, daysPerWeek,
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
