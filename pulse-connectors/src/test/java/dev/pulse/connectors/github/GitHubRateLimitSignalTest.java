package dev.pulse.connectors.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class GitHubRateLimitSignalTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final byte[] SECONDARY =
      "{\"message\":\"You have exceeded a secondary rate limit.\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] FORBIDDEN =
      "{\"message\":\"Resource not accessible by integration\"}".getBytes(StandardCharsets.UTF_8);
  private final GitHubRateLimitSignal signal = new GitHubRateLimitSignal();

  private static HttpHeaders headers(String... pairs) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return HttpHeaders.of(map, (a, b) -> true);
  }

  @Test
  void waitFor_primaryLimit_waitsUntilReset() {
    HttpHeaders h =
        headers(
            "x-ratelimit-remaining", "0",
            "x-ratelimit-limit", "5000",
            "x-ratelimit-reset", Long.toString(NOW.plusSeconds(600).getEpochSecond()));
    assertEquals(Duration.ofSeconds(600), signal.waitFor(403, h, new byte[0], NOW, 0));
    assertEquals(Duration.ofSeconds(600), signal.waitFor(429, h, new byte[0], NOW, 0));
  }

  @Test
  void waitFor_retryAfter_waitsThatLong() {
    HttpHeaders h = headers("retry-after", "42", "x-ratelimit-remaining", "4000");
    assertEquals(Duration.ofSeconds(42), signal.waitFor(403, h, SECONDARY, NOW, 0));
    assertEquals(Duration.ofSeconds(42), signal.waitFor(429, h, new byte[0], NOW, 3));
  }

  @Test
  void waitFor_secondaryWithoutHint_atLeastAMinuteThenDoubling() {
    HttpHeaders h = headers("x-ratelimit-remaining", "4000");
    assertEquals(Duration.ofMinutes(1), signal.waitFor(403, h, SECONDARY, NOW, 0));
    assertEquals(Duration.ofMinutes(2), signal.waitFor(403, h, SECONDARY, NOW, 1));
    assertEquals(Duration.ofMinutes(4), signal.waitFor(429, headers(), new byte[0], NOW, 2));
    assertEquals(Duration.ofMinutes(64), signal.waitFor(429, headers(), new byte[0], NOW, 30));
  }

  @Test
  void waitFor_forbiddenWithoutRateLimit_notRateLimited() {
    assertNull(signal.waitFor(403, headers("x-ratelimit-remaining", "4999"), FORBIDDEN, NOW, 0));
    assertNull(signal.waitFor(403, headers(), FORBIDDEN, NOW, 0));
  }

  @Test
  void waitFor_missingHeaders_unknownNeverZeroRemaining() {
    // GitHub Enterprise Server without rate limiting: no headers, or a limit of 0 with reset 0.
    assertNull(signal.waitFor(200, headers(), new byte[0], NOW, 0));
    assertNull(
        signal.waitFor(
            403,
            headers(
                "x-ratelimit-limit", "0", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "0"),
            FORBIDDEN,
            NOW,
            0));
  }

  @Test
  void waitFor_remainingZeroWithoutReset_secondaryWait() {
    assertEquals(
        Duration.ofMinutes(1),
        signal.waitFor(403, headers("x-ratelimit-remaining", "0"), new byte[0], NOW, 0));
  }

  @Test
  void waitFor_successOrServerError_notRateLimited() {
    HttpHeaders h = headers("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1");
    assertNull(signal.waitFor(200, h, new byte[0], NOW, 0));
    assertNull(signal.waitFor(502, h, new byte[0], NOW, 0));
  }
}
