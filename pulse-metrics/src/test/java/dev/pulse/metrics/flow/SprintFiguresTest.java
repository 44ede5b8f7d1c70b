package dev.pulse.metrics.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SprintFiguresTest {
  @Test
  void of_ratesFromTheCounts() {
    // 10 committed, 4 added, 2 removed: final scope 12; 9 done; 3 carried over
    SprintFigures s = SprintFigures.of(10, 4, 2, 9, 3);
    assertEquals(12, s.finalScope());
    assertEquals(0.75, s.completionRate());
    assertEquals(0.4, s.scopeCreep());
    assertEquals(0.3, s.carryOverRate());
  }

  @Test
  void of_completionRateIsCappedAtOneAndAbsentForAnEmptyScope() {
    assertEquals(1.0, SprintFigures.of(2, 0, 0, 5, 0).completionRate());
    SprintFigures empty = SprintFigures.of(0, 0, 3, 0, 0);
    assertEquals(0, empty.finalScope());
    assertNull(empty.completionRate());
    assertNull(empty.scopeCreep());
    assertNull(empty.carryOverRate());
  }

  @Test
  void of_negativeCountsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SprintFigures.of(-1, 0, 0, 0, 0));
  }

  @Test
  void velocityTrend_slopeAgainstFivePercentOfTheMean() {
    // slope 1 per sprint, mean 12.5 over the last six: threshold 0.625
    assertEquals(
        VelocityTrend.IMPROVING,
        SprintFigures.velocityTrend(List.of(100.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0)));
    assertEquals(
        VelocityTrend.DECLINING, SprintFigures.velocityTrend(List.of(15.0, 14.0, 13.0, 12.0)));
    // slope 0.3 against threshold 0.5125 (mean 10.25): stable
    assertEquals(
        VelocityTrend.STABLE, SprintFigures.velocityTrend(List.of(10.0, 10.0, 10.0, 11.0)));
    assertEquals(VelocityTrend.STABLE, SprintFigures.velocityTrend(List.of(0.0, 0.0)));
    assertEquals(VelocityTrend.INSUFFICIENT_DATA, SprintFigures.velocityTrend(List.of(5.0)));
  }
}
