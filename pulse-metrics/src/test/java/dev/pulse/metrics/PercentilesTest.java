package dev.pulse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class PercentilesTest {

  private static final double EPSILON = 1e-9;
  private static final double[] ONE_TO_FOUR = {1, 2, 3, 4};

  // h = (n - 1) * p / 100 with n = 4: P50 -> h = 1.5 -> 2 + 0.5 * (3 - 2) = 2.5; P90 -> h = 2.7 ->
  // 3 + 0.7 = 3.7.
  @ParameterizedTest
  @CsvSource({
    "0, 1.0",
    "25, 1.75",
    "50, 2.5",
    "75, 3.25",
    "85, 3.55",
    "90, 3.7",
    "95, 3.85",
    "100, 4.0"
  })
  void percentile_oneToFour(double p, double expected) {
    assertEquals(expected, Percentiles.percentile(ONE_TO_FOUR, p), EPSILON);
  }

  @Test
  void percentile_singleValue() {
    double[] one = {7.5};
    assertEquals(7.5, Percentiles.percentile(one, 0), EPSILON);
    assertEquals(7.5, Percentiles.percentile(one, 50), EPSILON);
    assertEquals(7.5, Percentiles.percentile(one, 100), EPSILON);
  }

  @Test
  void percentile_exactRankNeedsNoInterpolation() {
    // n = 5: P50 -> h = 2 exactly -> x[2]; P75 -> h = 3 -> x[3].
    double[] values = {10, 20, 30, 40, 50};
    assertEquals(30, Percentiles.percentile(values, 50), EPSILON);
    assertEquals(40, Percentiles.percentile(values, 75), EPSILON);
  }

  @Test
  void percentile_tiesAndUnevenGaps() {
    // n = 6: P85 -> h = 4.25 -> 10 + 0.25 * (30 - 10) = 15; P50 -> h = 2.5 -> 2 + 0.5 * (10 - 2) =
    // 6.
    double[] values = {1, 2, 2, 10, 10, 30};
    assertEquals(6, Percentiles.percentile(values, 50), EPSILON);
    assertEquals(15, Percentiles.percentile(values, 85), EPSILON);
  }

  @Test
  void percentile_doesNotModifyInput() {
    double[] values = {1, 2, 3, 4};
    Percentiles.percentile(values, 90);
    assertEquals(4, values.length);
    assertEquals(3, values[2], EPSILON);
  }

  @Test
  void percentile_empty() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Percentiles.percentile(new double[0], 50));
    assertTrue(String.valueOf(e.getMessage()).contains("empty"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.001, 100.001, Double.NaN, Double.POSITIVE_INFINITY})
  void percentile_pOutOfRange(double p) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(ONE_TO_FOUR, p));
    assertTrue(String.valueOf(e.getMessage()).contains("[0, 100]"), e.getMessage());
  }
}
