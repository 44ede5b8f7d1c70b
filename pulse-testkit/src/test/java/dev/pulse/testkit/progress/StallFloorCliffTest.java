package dev.pulse.testkit.progress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.progress.TimeDecayedRateEstimator;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a 59 s and a 61 s retry-after, either side of the 60 s stall floor, give ETA errors
 * within a few points of each other, reported or not.
 */
final class StallFloorCliffTest {
  private static double medianError(double retryAfterSeconds, boolean reported) {
    double[] errors = new double[EtaAccuracyTargetsTest.SEEDS];
    for (int seed = 0; seed < errors.length; seed++) {
      Trace trace =
          Traces.retryAfter(
              Traces.DEFAULT_SEED + 100L * seed, retryAfterSeconds, retryAfterSeconds);
      Trace replayed = reported ? trace : trace.withoutWaits("unreported");
      errors[seed] = EtaAccuracyHarness.score(replayed, TimeDecayedRateEstimator::new).errorPct();
    }
    Arrays.sort(errors);
    return errors[errors.length / 2];
  }

  @Test
  void retryAfter59And61Unreported_errorsWithinAFewPoints() {
    double below = medianError(59, false);
    double above = medianError(61, false);

    assertTrue(
        Math.abs(below - above) <= 2.0,
        String.format(Locale.ROOT, "59 s: %.2f%%, 61 s: %.2f%%", below, above));
  }

  @Test
  void retryAfter59And61Reported_errorsWithinAFewPoints() {
    double below = medianError(59, true);
    double above = medianError(61, true);

    assertTrue(
        Math.abs(below - above) <= 2.0,
        String.format(Locale.ROOT, "59 s: %.2f%%, 61 s: %.2f%%", below, above));
  }
}
