package dev.pulse.connectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RateLimitSignalTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final RateLimitSignal standard = RateLimitSignal.standard();

  private static HttpHeaders headers(String... pairs) {
    Map<String, List<String>> map = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return HttpHeaders.of(map, (a, b) -> true);
  }

  @Test
  void status429_retryAfterSeconds_isTheWait() {
    assertEquals(Duration.ofSeconds(30), standard.waitFor(429, headers("Retry-After", "30"), NOW));
  }

  @Test
  void status429_retryAfterHttpDate_isTheTimeUntilIt() {
    assertEquals(
        Duration.ofSeconds(90),
        standard.waitFor(429, headers("Retry-After", "Sun, 01 Mar 2026 12:01:30 GMT"), NOW));
  }

  @Test
  void status429_onlyJiraResetIso_waitsUntilReset() {
    assertEquals(
        Duration.ofSeconds(45),
        standard.waitFor(429, headers("X-RateLimit-Reset", "2026-03-01T12:00:45Z"), NOW));
  }

  @Test
  void status429_noHeaders_isRateLimitedWithoutHint() {
    assertEquals(RateLimitSignal.NO_HINT, standard.waitFor(429, headers(), NOW));
  }

  @Test
  void status503_withRetryAfter_isRateLimited_without_isNot() {
    assertEquals(Duration.ofSeconds(5), standard.waitFor(503, headers("Retry-After", "5"), NOW));
    assertNull(standard.waitFor(503, headers(), NOW), "a bare 503 is a server error to retry");
    assertNull(standard.waitFor(500, headers("Retry-After", "5"), NOW));
    assertNull(standard.waitFor(200, headers(), NOW));
  }

  @Test
  void resetTime_epochSeconds_zeroOrGarbage_isUnknown() {
    assertEquals(
        Optional.of(Duration.ofSeconds(60)),
        RateLimitSignal.resetTime(
            headers("x-ratelimit-reset", Long.toString(NOW.getEpochSecond() + 60)),
            "x-ratelimit-reset",
            NOW));
    assertEquals(
        Optional.empty(),
        RateLimitSignal.resetTime(headers("x-ratelimit-reset", "0"), "x-ratelimit-reset", NOW),
        "GitHub Enterprise's zero reset is unknown, not 'long ago'");
    assertEquals(
        Optional.empty(),
        RateLimitSignal.resetTime(headers("x-ratelimit-reset", "soon"), "x-ratelimit-reset", NOW));
    assertEquals(Optional.empty(), RateLimitSignal.resetTime(headers(), "x-ratelimit-reset", NOW));
  }

  @Test
  void retryAfter_inThePast_isZero_notNegative() {
    assertEquals(
        Optional.of(Duration.ZERO),
        RateLimitSignal.retryAfter(headers("Retry-After", "Sun, 01 Mar 2026 11:00:00 GMT"), NOW));
    assertEquals(
        Optional.empty(), RateLimitSignal.retryAfter(headers("Retry-After", "later"), NOW));
  }
}
