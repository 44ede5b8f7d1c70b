package dev.pulse.connectors.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.fake.FakeHttpServer;
import dev.pulse.testkit.fake.FakeHttpServer.Response;
import dev.pulse.testkit.fake.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class JsonHttpTest {
  private static final String SECRET = "s3cr3t-token-value-XYZ";
  private static final ScopeKey SCOPE = ScopeKey.of("jira", "project", "BG");

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final Sleeper sleeper =
      d -> {
        slept.add(d);
        clock.advance(d);
      };
  private final Credential credential = Credential.basic("jira-prod", "bot@example.test", SECRET);
  private final FakeHttpServer server =
      FakeHttpServer.start(
          request -> {
            if (request.path().equals("/etag")) {
              if ("\"v1\"".equals(request.header("If-None-Match"))) {
                return new Response(304, Map.of("ETag", "\"v1\""), new byte[0]);
              }
              return Response.json("{\"n\":1}", Map.of("ETag", "\"v1\""));
            }
            if (request.path().equals("/missing")) {
              return Response.json(404, "{}");
            }
            if (request.path().equals("/bad")) {
              return Response.json(
                  400, "{\"errorMessages\":[\"bad jql\"],\"token\":\"" + SECRET + "\"}");
            }
            return Response.json(200, "{\"ok\":true}");
          });

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonHttp.Builder client() {
    return JsonHttp.builder("jira", server.baseUri(), credential)
        .clock(clock)
        .sleeper(sleeper)
        .random(new SplittableRandom(3))
        .requestTimeout(Duration.ofSeconds(5));
  }

  @Test
  void get_withEtag_secondCallIsConditionalAndServedFromCache() {
    JsonHttp http = client().build();
    HttpResult first = http.get("/etag", null);
    HttpResult second = http.get("/etag", null);

    assertFalse(first.fromCache());
    assertTrue(second.fromCache());
    assertArrayEquals(first.body(), second.body());
    assertEquals(1, http.notModifiedCount());
    assertEquals("\"v1\"", server.requests().get(1).header("If-None-Match"));
  }

  @Test
  void unauthorized_authFailed_namesCredential_neverItsValue() {
    server.inject("/", Fault.status(401));
    JsonHttp http = client().build();

    SourceException e = assertThrows(SourceException.class, () -> http.get("/x", SCOPE));

    assertEquals(ErrorCode.AUTH_FAILED, e.code());
    assertEquals("jira", e.source());
    assertTrue(e.getMessage().contains("'jira-prod'"), e.getMessage());
    assertNoSecret(e.getMessage());
    assertNoSecret(http.toString());
    assertNoSecret(credential.toString());
    assertEquals(1, server.requests().size(), "authentication failures are not retried");
  }

  @Test
  void forbidden_isAuthFailedToo() {
    server.inject("/", Fault.status(403));
    SourceException e =
        assertThrows(SourceException.class, () -> client().build().get("/x", SCOPE));
    assertEquals(ErrorCode.AUTH_FAILED, e.code());
  }

  @Test
  void otherClientError_invalidData_withSanitizedSnippet() {
    SourceException e =
        assertThrows(SourceException.class, () -> client().build().get("/bad", SCOPE));

    assertEquals(ErrorCode.INVALID_DATA, e.code());
    assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    assertTrue(e.getMessage().contains("bad jql"), e.getMessage());
    assertNoSecret(e.getMessage());
  }

  @Test
  void acceptedStatus_isReturned() {
    assertEquals(404, client().build().get("/missing", SCOPE, 404).status());
  }

  @Test
  void serverErrors_retriedWithJitteredBackoff_thenSucceed() {
    server.inject("/", Fault.status(502)).inject("/", Fault.status(500));
    JsonHttp http = client().backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build();

    assertEquals(200, http.get("/x", SCOPE).status());

    assertEquals(3, http.requestCount());
    assertEquals(2, slept.size());
    assertTrue(slept.get(0).compareTo(Duration.ofMillis(100)) <= 0, "first ceiling 100 ms");
    assertTrue(slept.get(1).compareTo(Duration.ofMillis(200)) <= 0, "second ceiling 200 ms");
  }

  @Test
  void serverErrors_beyondRetries_sourceUnavailable() {
    for (int i = 0; i < 3; i++) {
      server.inject("/", Fault.status(503));
    }
    SourceException e =
        assertThrows(SourceException.class, () -> client().maxRetries(2).build().get("/x", SCOPE));

    assertEquals(ErrorCode.SOURCE_UNAVAILABLE, e.code());
    assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
  }

  @Test
  void connectionReset_retried() {
    server.inject("/", Fault.connectionReset());
    JsonHttp http = client().build();

    assertEquals(200, http.get("/x", SCOPE).status());
    assertEquals(2, http.requestCount());
  }

  @Test
  void slowAnswer_timesOutAndIsRetried() {
    server.inject("/", Fault.slow(Duration.ofMillis(1500)));
    JsonHttp http = client().requestTimeout(Duration.ofMillis(200)).build();

    assertEquals(200, http.get("/x", SCOPE).status());
    assertEquals(2, http.requestCount());
  }

  @Test
  void rateLimit_retryAfter_waitedOnTheCredentialsLimiter_thenRetried() {
    server.inject("/", Fault.tooManyRequests(Duration.ofSeconds(30)));
    JsonHttp http = client().build();

    assertEquals(200, http.get("/x", SCOPE).status());
    assertEquals(List.of(Duration.ofSeconds(30)), slept);
  }

  @Test
  void rateLimit_longerThanAllowed_rateLimitedWithResumeTime() {
    server.inject("/", Fault.tooManyRequests(Duration.ofMinutes(10)));
    JsonHttp http = client().maxRateLimitWait(Duration.ofMinutes(2)).build();

    SourceException e = assertThrows(SourceException.class, () -> http.get("/x", SCOPE));

    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    assertEquals(Duration.ofMinutes(10), e.retryAfter());
    assertTrue(e.getMessage().contains("2026-03-01T12:10:00Z"), e.getMessage());
    assertEquals(List.of(), slept, "gave up at once instead of sitting out 10 minutes");
  }

  @Test
  void rateLimit_sharedLimiter_holdsBackOtherClientsOfTheSameCredential() {
    RateLimiter shared = new RateLimiter(clock, sleeper, 0);
    JsonHttp a = client().rateLimiter(shared).maxRateLimitWait(Duration.ZERO).build();
    JsonHttp b = client().rateLimiter(shared).build();
    server.inject("/", Fault.tooManyRequests(Duration.ofSeconds(30)));

    assertThrows(SourceException.class, () -> a.get("/x", SCOPE));
    assertEquals(200, b.get("/y", SCOPE).status());

    assertEquals(List.of(Duration.ofSeconds(30)), slept, "b waited for a's rate limit");
  }

  @Test
  void credential_blankParts_rejected_andNeverShown() {
    assertThrows(IllegalArgumentException.class, () -> Credential.basic(" ", "u", "s"));
    assertThrows(IllegalArgumentException.class, () -> Credential.bearer("n", ""));
    assertEquals(
        "Credential[gh]", Credential.bearer("gh", "ghp_abcdefghijklmnopqrstuvwxyz").toString());
  }

  @Test
  void builder_baseUriWithUserInfo_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JsonHttp.builder(
                    "jira", java.net.URI.create("https://user:" + SECRET + "@x.test"), credential));
    assertNoSecret(e.getMessage());
  }

  private static void assertNoSecret(String text) {
    assertFalse(text.contains(SECRET), "secret leaked: " + text);
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                ("bot@example.test:" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertFalse(text.contains(basic), "encoded secret leaked: " + text);
  }
}
