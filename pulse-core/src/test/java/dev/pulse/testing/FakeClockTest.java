package dev.pulse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class FakeClockTest {
  private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");

  @Test
  void new_defaultStart_isDocumentedInstantAndMonotonicZero() {
    FakeClock clock = new FakeClock();

    assertEquals(FakeClock.DEFAULT_START, clock.instant());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), clock.instant());
    assertEquals(FakeClock.DEFAULT_START.toEpochMilli(), clock.wallTimeMillis());
    assertEquals(0, clock.monotonicNanos());
  }

  @Test
  void advance_duration_movesWallAndMonotonicTogether() {
    FakeClock clock = new FakeClock(START);
    long monotonicBefore = clock.monotonicNanos();

    FakeClock returned = clock.advance(Duration.ofSeconds(30).plusNanos(7));

    assertSame(clock, returned, "advance returns the clock for chaining");
    assertEquals(START.plusSeconds(30).plusNanos(7), clock.instant());
    assertEquals(START.plusSeconds(30).toEpochMilli(), clock.wallTimeMillis());
    assertEquals(30_000_000_007L, clock.monotonicNanos() - monotonicBefore);
  }

  @Test
  void advanceSeconds_movesBothClocks() {
    FakeClock clock = new FakeClock(START);

    clock.advanceSeconds(90).advanceSeconds(0);

    assertEquals(START.plusSeconds(90), clock.instant());
    assertEquals(90_000_000_000L, clock.monotonicNanos());
  }

  @Test
  void advance_zero_changesNothing() {
    FakeClock clock = new FakeClock(START);

    clock.advance(Duration.ZERO);

    assertEquals(START, clock.instant());
    assertEquals(0, clock.monotonicNanos());
  }

  @Test
  void advance_negative_rejectedAndClockUnchanged() {
    FakeClock clock = new FakeClock(START).advance(Duration.ofSeconds(5));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofNanos(-1)));
    assertThrows(IllegalArgumentException.class, () -> clock.advanceSeconds(-10));

    assertTrue(String.valueOf(e.getMessage()).contains("PT-0.000000001S"), e.getMessage());
    assertEquals(
        START.plusSeconds(5), clock.instant(), "a rejected advance leaves the wall time alone");
    assertEquals(
        5_000_000_000L, clock.monotonicNanos(), "a rejected advance leaves monotonic time alone");
  }

  @Test
  void setWallTime_backwardsOrForwards_leavesMonotonicAlone() {
    FakeClock clock = new FakeClock(START).advance(Duration.ofMinutes(1));
    long monotonic = clock.monotonicNanos();

    clock.setWallTime(START.minusSeconds(3_600));
    assertEquals(
        START.minusSeconds(3_600),
        clock.instant(),
        "wall time may jump back, e.g. an NTP correction");
    assertEquals(monotonic, clock.monotonicNanos(), "monotonic time ignores a wall-time jump back");

    clock.setWallTime(START.plus(Duration.ofDays(2)));
    assertEquals(START.plus(Duration.ofDays(2)), clock.instant());
    assertEquals(
        monotonic, clock.monotonicNanos(), "monotonic time ignores a wall-time jump forwards");

    clock.advance(Duration.ofSeconds(1));
    assertEquals(
        START.plus(Duration.ofDays(2)).plusSeconds(1),
        clock.instant(),
        "advance moves from the new wall");
    assertEquals(monotonic + 1_000_000_000L, clock.monotonicNanos());
  }

  @Test
  void instant_keepsNanosecondPrecision() {
    Instant precise = Instant.parse("2026-05-01T12:00:00.123456789Z");
    FakeClock clock = new FakeClock(precise);

    assertEquals(precise, clock.instant());
    assertEquals(
        123_456_789,
        Duration.between(Instant.parse("2026-05-01T12:00:00Z"), clock.instant()).toNanos());
    assertEquals(
        precise.toEpochMilli(), clock.wallTimeMillis(), "millis truncate the sub-millisecond part");

    clock.advance(Duration.ofNanos(1));
    assertEquals(Instant.parse("2026-05-01T12:00:00.123456790Z"), clock.instant());
    assertEquals(1, clock.monotonicNanos());

    Instant oneNanoAfterEpoch = Instant.ofEpochSecond(0, 1);
    clock.setWallTime(oneNanoAfterEpoch);
    assertEquals(oneNanoAfterEpoch, clock.instant());
    assertEquals(0, clock.wallTimeMillis());
  }

  @Test
  void instant_beforeEpoch_keepsNanosecondPrecision() {
    Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999999Z");
    FakeClock clock = new FakeClock(beforeEpoch);

    assertEquals(beforeEpoch, clock.instant());
    assertEquals(
        -1,
        clock.wallTimeMillis(),
        "millis round towards negative infinity, like Instant.toEpochMilli");
  }
}
