package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class BottleneckTest {
  private static DurationSummary median(long hours) {
    Duration d = Duration.ofHours(hours);
    return new DurationSummary(1, d, d, d, 0);
  }

  private static LeadTimeResult result(long coding, long pickup, long review, long deploy) {
    DurationSummary total = median(coding + pickup + review + deploy);
    return new LeadTimeResult(
        1,
        1,
        median(coding),
        median(pickup),
        median(review),
        median(deploy),
        total,
        DoraLevel.HIGH,
        0,
        Map.of(Linkage.TIME, 1));
  }

  @Test
  void bottleneck_isThePhaseWithTheLargestMedian() {
    assertEquals(LeadTimePhase.REVIEW, result(1, 2, 5, 3).bottleneck());
  }

  @Test
  void bottleneck_tieGoesToTheEarlierPhase() {
    assertEquals(LeadTimePhase.PICKUP, result(1, 4, 4, 4).bottleneck());
  }

  @Test
  void bottleneck_noDataIsNull() {
    DurationSummary none = new DurationSummary(0, null, null, null, 0);
    LeadTimeResult empty =
        new LeadTimeResult(0, 0, none, none, none, none, none, null, 0, Map.of());
    assertNull(empty.bottleneck());
  }
}
