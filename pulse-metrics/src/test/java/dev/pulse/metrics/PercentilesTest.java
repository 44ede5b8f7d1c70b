package dev.pulse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class PercentilesTest {

  private static final double[] ONE_TO_FOUR = {1, 2, 3, 4};

  @Test
  void percentile_medianOfEvenCount_isMeanOfMiddleValues() {
    assertEquals(2.5, Percentiles.percentile(ONE_TO_FOUR, 50), 0.0);
  }

  @Test
  void percentile_p90_interpolatesLikeNumpyLinear() {
    // numpy.percentile([1, 2, 3, 4], 90) == 3.7; ([1..10], 75) == 7.75
    assertEquals(3.7, Percentiles.percentile(ONE_TO_FOUR, 90), 1e-12);
    assertEquals(7.75, Percentiles.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 75), 1e-12);
  }

  @Test
  void percentile_extremes_areMinAndMax() {
    assertEquals(1.0, Percentiles.percentile(ONE_TO_FOUR, 0), 0.0);
    assertEquals(4.0, Percentiles.percentile(ONE_TO_FOUR, 100), 0.0);
  }

  @Test
  void percentile_singleValue_isThatValue() {
    assertEquals(7.0, Percentiles.percentile(new double[] {7}, 90), 0.0);
  }

  @Test
  void percentile_outOfRangeP_isRejectedWithValue() {
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
        () -> Percentiles.percentile(ONE_TO_FOUR, 100.5));
    assertEquals("p must be in [0, 100] but was 100.5", high.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(ONE_TO_FOUR, -1));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(ONE_TO_FOUR, Double.NaN));
  }

  @Test
  void percentile_empty_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Percentiles.percentile(new double[0], 50));
    assertEquals("sortedValues must not be empty but had length 0", e.getMessage());
  }
}
