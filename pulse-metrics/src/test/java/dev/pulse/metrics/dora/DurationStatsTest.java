package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.metrics.Percentiles;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class DurationStatsTest {

  @Test
  void percentiles_randomArrays_equalSortThenInterpolate() {
    Random random = new Random(99);
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + random.nextInt(round < 1_000 ? 60 : round < 1_900 ? 5_000 : 100_000);
      long[] values = new long[n];
      int distinct = 1 + random.nextInt(n + 1);
      boolean skewed = random.nextInt(4) == 0;
      for (int i = 0; i < n; i++) {
        values[i] = skewed && random.nextInt(1000) == 0 ? Long.MAX_VALUE / 4 - random.nextInt(1000)
            : random.nextInt(distinct) * (random.nextBoolean() ? 1_000_003L : 7L);
      }
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      double[] ps = {0, 10, 50, 75, 90, 99.9, 100};

      Duration[] actual = DurationStats.percentiles(values.clone(), n, ps);

      Duration[] expected = new Duration[ps.length];
      for (int i = 0; i < ps.length; i++) {
        expected[i] = Duration.ofNanos(expectedPercentile(sorted, ps[i]));
      }
      assertArrayEquals(expected, actual, "round " + round + " n " + n);
    }
  }

  private static long expectedPercentile(long[] sorted, double p) {
    double h = (sorted.length - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + Math.round((h - lo) * (sorted[hi] - sorted[lo]));
  }

  @Test
  void percentiles_agreeWithSharedPercentilesOnSmallValues() {
    long[] minutes = {10, 20, 30, 40, 100};
    double[] asDouble = Arrays.stream(minutes).asDoubleStream().toArray();

    Duration[] p = DurationStats.percentiles(minutes.clone(), minutes.length, 50, 90);

    assertEquals(Percentiles.percentile(asDouble, 50), (double) p[0].toNanos(), 0.0);
    assertEquals(Percentiles.percentile(asDouble, 90), (double) p[1].toNanos(), 1e-9);
  }

  @Test
  void select_degenerateInput_fallsBackAndStillPlacesRank() {
    long[] values = new long[10_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i % 2 == 0) ? i : values.length - i; // organ-pipe-like
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);

    DurationStats.select(values, 0, values.length, 7_777);

    assertEquals(sorted[7_777], values[7_777]);
  }
}
