package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ProgressTrackerBuilderTest {
  @Test
  void persistInterval_zero_rejectedWithNameAndValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProgressTracker.builder().persistInterval(Duration.ZERO));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("persistInterval") && message.contains("PT0S"), message);
  }

  @Test
  void setters_outOfRange_rejected() {
    ProgressTracker.Builder builder = ProgressTracker.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.stallFloor(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> builder.stallMultiplier(0.9));
    assertThrows(IllegalArgumentException.class, () -> builder.stallMultiplier(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> builder.rateWindow(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.maxErrorLength(3));
    assertThrows(IllegalArgumentException.class, () -> builder.failureLogInterval(Duration.ZERO));
  }

  @Test
  void build_twice_independentTrackers() {
    ProgressTracker.Builder builder = ProgressTracker.builder();

    assertNotSame(builder.build(), builder.build());
  }
}
