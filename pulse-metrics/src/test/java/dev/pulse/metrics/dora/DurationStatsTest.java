package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.metrics.Percentiles;
import java.math.BigInteger;
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
        values[i] =
            skewed && random.nextInt(1000) == 0
                ? Long.MAX_VALUE / 4 - random.nextInt(1000)
                : random.nextInt(distinct) * (random.nextBoolean() ? 1_000_003L : 7L);
      }
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      int[] ps = {0, 10, 50, 75, 90, 99, 100};

      Duration[] actual = DurationStats.percentiles(values.clone(), n, ps);

      Duration[] expected = new Duration[ps.length];
      for (int i = 0; i < ps.length; i++) {
        expected[i] = Duration.ofNanos(expectedPercentile(sorted, ps[i]));
      }
      assertArrayEquals(expected, actual, "round " + round + " n " + n);
    }
  }

  @Test
  void percentilesWithin_randomArraysAcrossBothPaths_equalSortThenInterpolate() {
    Random random = new Random(7);
    for (int round = 0; round < 600; round++) {
      // below and above the size from which the given range sends the values to the histogram
      int n = 1 + random.nextInt(round < 300 ? 600 : 20_000);
      long[] values = new long[n];
      int distinct = 1 + random.nextInt(n + 1);
      boolean skewed = random.nextInt(4) == 0;
      for (int i = 0; i < n; i++) {
        values[i] =
            skewed && random.nextInt(100) == 0
                ? Long.MAX_VALUE / 4 - random.nextInt(1000)
                : random.nextInt(distinct) * (random.nextBoolean() ? 1_000_003L : 7L);
      }
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      int[] ps = {0, 50, 75, 90, 100};

      Duration[] actual =
          DurationStats.percentilesWithin(values.clone(), n, sorted[0], sorted[n - 1], ps);

      Duration[] expected = new Duration[ps.length];
      for (int i = 0; i < ps.length; i++) {
        expected[i] = Duration.ofNanos(expectedPercentile(sorted, ps[i]));
      }
      assertArrayEquals(expected, actual, "round " + round + " n " + n);
    }
  }

  @Test
  void percentilesOfSlice_randomSlicesAcrossBothPaths_equalSortAndLeaveTheArray() {
    Random random = new Random(11);
    for (int round = 0; round < 400; round++) {
      int n = 1 + random.nextInt(round < 200 ? 700 : 20_000);
      int before = random.nextInt(50);
      long[] array = new long[before + n + random.nextInt(50)];
      boolean skewed = random.nextInt(3) == 0;
      for (int i = 0; i < array.length; i++) {
        // a skewed slice sends the histogram back to selection, which must work on a copy
        array[i] =
            skewed && random.nextInt(100) == 0
                ? Long.MAX_VALUE / 4 - random.nextInt(1000)
                : random.nextInt(1 + random.nextInt(n + 1)) * 1_000_003L;
      }
      long[] original = array.clone();
      long[] sorted = Arrays.copyOfRange(array, before, before + n);
      Arrays.sort(sorted);
      int[] ps = {0, 50, 75, 90, 100};

      Duration[] actual =
          DurationStats.percentilesOfSlice(array, before, n, sorted[0], sorted[n - 1], ps);

      Duration[] expected = new Duration[ps.length];
      for (int i = 0; i < ps.length; i++) {
        expected[i] = Duration.ofNanos(expectedPercentile(sorted, ps[i]));
      }
      assertArrayEquals(expected, actual, "round " + round + " n " + n);
      assertArrayEquals(original, array, "round " + round + " n " + n);
    }
  }

  /**
   * Sort-then-interpolate in exact rational arithmetic: x[lo] + (h - lo) * (x[hi] - x[lo]), rounded
   * half up.
   */
  private static long expectedPercentile(long[] sorted, int p) {
    BigInteger h100 = BigInteger.valueOf(sorted.length - 1L).multiply(BigInteger.valueOf(p));
    int lo = h100.divide(BigInteger.valueOf(100)).intValueExact();
    int hi = Math.min(lo + 1, sorted.length - 1);
    BigInteger fraction100 = h100.mod(BigInteger.valueOf(100));
    BigInteger spread = BigInteger.valueOf(sorted[hi]).subtract(BigInteger.valueOf(sorted[lo]));
    BigInteger part =
        spread.multiply(fraction100).add(BigInteger.valueOf(50)).divide(BigInteger.valueOf(100));
    return BigInteger.valueOf(sorted[lo]).add(part).longValueExact();
  }

  @Test
  void percentiles_spreadAbove2To53_areExactToTheNanosecond() {
    long odd =
        (1L << 60)
            + 1; // a double cannot hold it: 0.5 * odd in floating point gives 2^59, not 2^59 + 1
    long[] values = {0, odd};

    Duration[] p = DurationStats.percentiles(values.clone(), 2, 50, 90);

    assertEquals(Duration.ofNanos((odd + 1) / 2), p[0]); // (odd * 50 + 50) / 100, half up
    assertEquals(Duration.ofNanos(expectedPercentile(values, 90)), p[1]);
    assertEquals(1037629354146162279L, p[1].toNanos()); // floor((2^60 + 1) * 0.9 + 0.5)
  }

  @Test
  void percentiles_spreadAboveLongMax_areExact() {
    long[] values = {-(1L << 62), Long.MAX_VALUE}; // spread 2^63 + 2^62 - 1 overflows a long

    Duration[] p = DurationStats.percentiles(values.clone(), 2, 10, 50, 99);

    assertEquals(Duration.ofNanos(expectedPercentile(values, 10)), p[0]);
    assertEquals(Duration.ofNanos(expectedPercentile(values, 50)), p[1]);
    assertEquals(Duration.ofNanos(expectedPercentile(values, 99)), p[2]);
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
