package dev.pulse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class SanitizerTest {

  /** Issue 14, "Secrets that survive masking": each input and a fragment that must not survive. */
  static Stream<Arguments> secrets() {
    return Stream.of(
        // URL user info: e-mail user (Jira Cloud), password holding "/" or "@"
        Arguments.of(
            "HTTP 401 from https://bob@acme.com:ATATT3xFfGF0aBcDeFgH@acme.atlassian.net/rest",
            "ATATT3xFfGF0"),
        Arguments.of(
            "HTTP 401 from https://bob@acme.com:s3cr3tPW@acme.atlassian.net/rest", "s3cr3tPW"),
        Arguments.of(
            "HTTP 401 from https://bob@acme.com:s3cr3tPW@acme.atlassian.net/rest", "bob@acme"),
        Arguments.of("cannot reach https://bob:pa/ss0rd@jira.example.com/rest", "ss0rd"),
        Arguments.of("cannot reach https://bob:p@ss0rd@jira.example.com/rest", "ss0rd"),
        Arguments.of(
            "HTTP 401 from https://bob:Tr0ub4dor3@jira.example.com/x?access_token=Zq8vAbCdEf failed",
            "Tr0ub4dor3"),
        Arguments.of(
            "HTTP 401 from https://bob:Tr0ub4dor3@jira.example.com/x?access_token=Zq8vAbCdEf failed",
            "Zq8vAbCdEf"),
        // header maps printed by Java
        Arguments.of(
            "request headers {authorization=[Bearer abcDEF123456], accept=[json]}", "abcDEF"),
        Arguments.of("{Cookie=[JSESSIONID=abc123; csrftoken=Xyz987]}", "Xyz987"),
        // passwords cut at ";", "," or a space
        Arguments.of("login failed: password=Xy7;k9#Lm2", "k9#Lm2"),
        Arguments.of("login failed: password=Xy7,k9#Lm2", "k9#Lm2"),
        Arguments.of("password: correct horse battery staple", "battery staple"),
        // JSON values: unterminated, escaped, nested
        Arguments.of("body {\"password\": \"s3cr3t-unterminat", "s3cr3t"),
        Arguments.of("body {\"password\": \"ab\\\"cd s3cr3t\"}", "s3cr3t"),
        Arguments.of("body \"{\\\"token\\\":\\\"s3cr3tTok\\\"}\"", "s3cr3tTok"),
        Arguments.of("body {\"credentials\": {\"value\": \"s3cr3tVal\"}}", "s3cr3tVal"),
        // YAML block scalar and nested mapping
        Arguments.of(
            "config:\n  password: |\n    s3cr3t-line-1\n    s3cr3t-line-2\n  url: x", "s3cr3t"),
        Arguments.of("credentials:\n  value: s3cr3tVal\nother: 1", "s3cr3tVal"),
        // camelCase names
        Arguments.of("tokenValue=abc123xyz", "abc123xyz"),
        Arguments.of("passwordHash=abc123xyz", "abc123xyz"),
        Arguments.of("privateKeyPem=abc123xyz", "abc123xyz"),
        // token formats
        Arguments.of("user token ATATT3xFfGF0T4nBz_Q9-x=E1A2 rejected", "ATATT3x"),
        Arguments.of("glued:ATATT3xFfGF0T4nBz", "ATATT3x"),
        Arguments.of("AWS session key ASIAABCDEFGHIJKLMNOP expired", "ASIAABCDEFGHIJKLMNOP"),
        Arguments.of("deploy token gldt-abcdefghijklmnopqrst rejected", "gldt-abcdefghij"),
        Arguments.of("runner token glrt-abcdefghijklmnopqrst rejected", "glrt-abcdefghij"),
        Arguments.of("slack app xapp-1-A0123456789-abcdef rejected", "xapp-1-A0123"),
        Arguments.of("slack refresh xoxe-1-abcdefghijklmnop rejected", "xoxe-1-abcdef"),
        Arguments.of(
            "post to https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX failed",
            "XXXXXXXXXXXX"),
        Arguments.of("google ya29.a0AfH6SMBxyzABC123 expired", "a0AfH6SMB"),
        Arguments.of(
            "key -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY----- x",
            "MIIEpAIBAAKCAQEA7"),
        Arguments.of("key -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA", "b3BlbnNz"),
        Arguments.of("unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. accepted", "eyJzdWIiOiIxIn0"),
        Arguments.of("GET /x?q=1&refresh_token%253Dabc123def failed", "abc123def"),
        Arguments.of("jdbc:oracle:thin:scott/t1ger99@//db.example.com:1521/svc", "t1ger99"),
        Arguments.of("git fetch bob:s3cr3tPW@git.example.com:acme/api.git failed", "s3cr3tPW"),
        Arguments.of("exec tool --password s3cr3tPW --verbose", "s3cr3tPW"),
        Arguments.of("gpg passphrase=s3cr3t words here", "s3cr3t"),
        Arguments.of("X-Auth-Key: 1234567890abcdef", "1234567890abcdef"),
        Arguments.of("Cookie: theme=dark; session=s3cr3tSess", "s3cr3tSess"),
        Arguments.of("<config><password>s3cr3tPW</password></config>", "s3cr3tPW"),
        Arguments.of("<password type=\"plain\">s3cr3tPW</password>", "s3cr3tPW"),
        // carried over from the first redaction tests
        Arguments.of("GET /search?jql=x&token=abc123def failed", "abc123def"),
        Arguments.of("authorization=Basic dXNlcjpwYXNz rejected", "dXNlcjpwYXNz"),
        Arguments.of(
            "cannot reach https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com", "ghp_ab"),
        Arguments.of("AWS key AKIAABCDEFGHIJKLMNOP leaked", "AKIAABCDEFGHIJKLMNOP"));
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void sanitize_secret_masked(String input, String secret) {
    String output = String.valueOf(Sanitizer.sanitize(input, 500));

    assertTrue(output.contains(Sanitizer.MASK), output);
    assertFalse(output.contains(secret), output);
  }

  @Test
  void sanitize_queryParameter_masksOnlyTheValue() {
    assertEquals(
        "GET /search?jql=x&token=*** failed",
        Sanitizer.sanitize("GET /search?jql=x&token=abc123def failed", 500));
  }

  @Test
  void sanitize_plainMessage_unchanged() {
    String message =
        "HTTP 503 from jira:project:BG after 3 attempts; issue key: BG-1; duplicate key value;"
            + " see https://jira.example.com/browse/BG-1 and git@github.com:acme/api.git";

    assertEquals(message, Sanitizer.sanitize(message, 500));
  }

  @Test
  void sanitize_registeredValue_maskedWherever() {
    String token = "11a0b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7";
    try (Secrets.Registration registration = Secrets.register(token.toCharArray())) {
      assertTrue(registration.isMasking());
      String output = Sanitizer.sanitize("jenkins said: bad crumb " + token + " (x)", 500);

      assertEquals("jenkins said: bad crumb *** (x)", output);
    }
    assertTrue(
        String.valueOf(Sanitizer.sanitize("crumb " + token, 500)).contains(token),
        "closing the registration stops masking");
  }

  @Test
  void register_shortValue_notRegistered() {
    try (Secrets.Registration registration = Secrets.register("admin")) {
      assertFalse(registration.isMasking());
      assertEquals("user admin logged in", Sanitizer.sanitize("user admin logged in", 500));
    }
  }

  @Test
  void sanitize_controlAndFormatCharacters_escapedNoForgedLine() {
    String output =
        Sanitizer.sanitize(
            "failed\n2026-01-01 INFO forged\u001b[31m red \u202eevil\u200b\u2028x\ud800y", 500);

    assertEquals(
        "failed 2026-01-01 INFO forged\\u001b[31m red \\u202eevil\\u200b xy"
            .replace("xy", "x\\ud800y"),
        output);
  }

  @Test
  void sanitize_longAndMultiline_flattenedAndTruncated() {
    assertEquals(
        "line one line two x\u2026",
        Sanitizer.sanitize("line one\nline two\t" + "x".repeat(100), 20));
  }

  @Test
  void sanitize_nullAndBadLength() {
    assertNull(Sanitizer.sanitize(null, 10));
    assertThrows(IllegalArgumentException.class, () -> Sanitizer.sanitize("x", 0));
  }

  @Test
  void sanitize_hugeInput_cutBeforeMatchingAndMarked() {
    String output = Sanitizer.sanitize("word ".repeat(200_000), 100);

    assertEquals(100, String.valueOf(output).length());
    assertTrue(String.valueOf(output).endsWith("\u2026"));
  }

  @Test
  void describe_rendersClassAndSanitizedMessage() {
    assertEquals("IllegalStateException", Sanitizer.describe(new IllegalStateException(), 100));
    assertEquals(
        "IllegalStateException: password=*** forged",
        Sanitizer.describe(new IllegalStateException("password=hunter22\nforged"), 100));
  }

  @Test
  void quote_escapesAndCutsFirst() {
    assertEquals("a\\\"b\\\\c\\u000a\\u200b\\u00a0", Sanitizer.quote("a\"b\\c\n\u200b\u00a0", 64));
    assertEquals("xxxx\u2026", Sanitizer.quote("x".repeat(5_000_000), 4));
  }

  /**
   * No pathological input: each 1 MB hostile message is sanitized, with nothing cut first
   * (maxLength covers the whole input), inside a bound that only a quadratic masker misses (that
   * one took minutes). A hang guard, not a speed figure: the speed is SanitizerBenchmark's
   * (docs/benchmarks.md), because a machine shared with other builds stretches any wall-clock
   * bound.
   */
  @Test
  void sanitize_oneMegabyteHostile_finishesWithoutBacktracking() {
    int size = 1 << 20;
    byte[] random = new byte[size];
    new Random(14).nextBytes(random);
    String base64 = Base64.getEncoder().encodeToString(random).substring(0, size);
    String dashes = "a-".repeat(size / 2);
    String names = "token".repeat(size / 5);
    String urls = "https://a@b".repeat(size / 11);
    String eyj = "eyJ".repeat(size / 3);
    String keys = "password=\"x\\".repeat(size / 12);
    for (String hostile : new String[] {dashes, base64, names, urls, eyj, keys}) {
      String output =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> Sanitizer.sanitize(hostile, size + 1),
              () -> "1 MB of " + hostile.substring(0, 20));

      assertTrue(output != null && !output.isEmpty());
    }
  }
}
