package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ItemCount;
import org.junit.jupiter.api.Test;

final class RunEstimateTest {
  @Test
  void total_newRun_isTheEstimate() {
    RunEstimate estimate = new RunEstimate(0, ItemCount.exact(10_000));

    assertEquals(10_000L, estimate.total());
    assertEquals(25.0, estimate.percent(2_500, false));
  }

  @Test
  void total_resumedRun_isItemsBeforeTheRunPlusTheEstimate() {
    RunEstimate estimate = new RunEstimate(6_000, ItemCount.exact(4_000));

    assertEquals(10_000L, estimate.total());
    assertEquals(60.0, estimate.percent(6_000, false));
  }

  @Test
  void withItemsInRun_keepsItemsBeforeTheRun() {
    RunEstimate revised =
        new RunEstimate(6_000, ItemCount.exact(4_000)).withItemsInRun(ItemCount.approximate(5_000));

    assertEquals(11_000L, revised.total());
  }

  @Test
  void percent_unknownTotal_null() {
    RunEstimate estimate = new RunEstimate(6_000, ItemCount.unknown());

    assertNull(estimate.total());
    assertNull(estimate.percent(7_000, true));
  }

  @Test
  void percent_cappedAt100_and100WhenDoneOrEmpty() {
    assertEquals(100.0, new RunEstimate(0, ItemCount.exact(10)).percent(20, false));
    assertEquals(100.0, new RunEstimate(0, ItemCount.exact(10)).percent(3, true));
    assertEquals(100.0, new RunEstimate(0, ItemCount.exact(0)).percent(0, false));
  }

  @Test
  void constructor_negativeItemsBeforeRun_rejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RunEstimate(-1, ItemCount.exact(1)));
    assertTrue(e.getMessage().contains("itemsBeforeRun"), e.getMessage());
  }
}
