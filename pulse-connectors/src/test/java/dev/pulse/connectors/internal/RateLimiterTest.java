package dev.pulse.connectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.spi.FetchContext;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RateLimiterTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final List<Duration> slept = new ArrayList<>();
  private final Sleeper sleeper =
      d -> {
        slept.add(d);
        clock.advance(d);
      };

  @Test
  void acquire_afterBlock_waitsTheRemainderThenPasses() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(clock, sleeper, 0);
    Instant resume = limiter.blockFor(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(10));

    assertEquals(Instant.parse("2026-03-01T12:00:30Z"), resume);
    assertEquals(resume, limiter.resumeAt());
    limiter.acquire();

    assertEquals(List.of(Duration.ofSeconds(20)), slept);
    assertNull(limiter.resumeAt(), "the block has passed");
    limiter.acquire();
    assertEquals(1, slept.size(), "no wait once unblocked and without pace");
  }

  @Test
  void acquire_blockedInsideAFetch_reportsTheWaitAndItsEnd() throws Exception {
    RateLimiter limiter = new RateLimiter(clock, sleeper, 1);
    List<String> reports = new ArrayList<>();
    FetchContext context =
        new FetchContext() {
          @Override
          public void waiting(Instant resumeAt, String reason) {
            reports.add("waiting until " + resumeAt + ": " + reason);
          }

          @Override
          public void resumed() {
            reports.add("resumed at " + clock.instant());
          }
        };
    limiter.blockFor(Duration.ofSeconds(30));

    FetchContext.bind(
        context,
        () -> {
          limiter.acquire();
          limiter.acquire(); // a paced wait (1 s) is the source's normal speed: not reported
          return null;
        });

    assertEquals(
        List.of(
            "waiting until 2026-03-01T12:00:30Z: rate limited", "resumed at 2026-03-01T12:00:30Z"),
        reports);
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(1)), slept);
  }

  @Test
  void acquire_blockedOutsideAFetch_waitsWithoutReporting() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(clock, sleeper, 0);
    limiter.blockFor(Duration.ofSeconds(30));

    limiter.acquire();

    assertEquals(List.of(Duration.ofSeconds(30)), slept);
  }

  @Test
  void blockFor_shorterBlockDoesNotShortenALongerOne() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(clock, sleeper, 0);
    limiter.blockFor(Duration.ofSeconds(60));
    limiter.blockFor(Duration.ofSeconds(5));

    limiter.acquire();

    assertEquals(List.of(Duration.ofSeconds(60)), slept);
  }

  @Test
  void acquire_withPace_spacesRequests() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(clock, sleeper, 2);
    limiter.acquire();
    limiter.acquire();
    limiter.acquire();

    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), slept);
  }

  @Test
  void constructor_negativeOrInfinitePace_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(clock, sleeper, -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RateLimiter(clock, sleeper, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(clock, sleeper, Double.NaN));
  }
}
