package dev.pulse.connectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));

  @Test
  void ceiling_doublesPerAttempt_untilTheCap() {
    assertEquals(Duration.ofMillis(500), backoff.ceiling(0));
    assertEquals(Duration.ofSeconds(1), backoff.ceiling(1));
    assertEquals(Duration.ofSeconds(16), backoff.ceiling(5));
    assertEquals(Duration.ofSeconds(30), backoff.ceiling(6), "capped");
    assertEquals(Duration.ofSeconds(30), backoff.ceiling(10_000), "no overflow for huge attempts");
  }

  @Test
  void delay_fullJitter_spreadsOverZeroToCeiling() {
    Set<Long> distinct = new HashSet<>();
    long below = 0;
    for (int i = 0; i < 2000; i++) {
      Duration d = backoff.delay(3);
      assertTrue(!d.isNegative() && d.compareTo(Duration.ofSeconds(4)) <= 0, "in [0, 4s]: " + d);
      distinct.add(d.toMillis());
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        below++;
      }
    }
    assertTrue(distinct.size() > 1000, "jittered, not fixed");
    assertTrue(below > 300, "full jitter reaches near zero (" + below + " of 2000 under 1 s)");
  }

  @Test
  void delay_sameSeed_sameSequence() {
    Backoff a = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(9));
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(9));
    for (int i = 0; i < 10; i++) {
      assertEquals(a.delay(i), b.delay(i));
    }
  }

  @Test
  void constructor_badArguments_rejectedNamingThem() {
    IllegalArgumentException capBelowBase =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()));
    assertTrue(capBelowBase.getMessage().contains("cap"), capBelowBase.getMessage());
    IllegalArgumentException zeroBase =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()));
    assertTrue(zeroBase.getMessage().contains("base"), zeroBase.getMessage());
    assertThrows(IllegalArgumentException.class, () -> backoff.ceiling(-1));
  }
}
