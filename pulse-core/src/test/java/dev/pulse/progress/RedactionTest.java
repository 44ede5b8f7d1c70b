package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.internal.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class RedactionTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET /search?jql=x&token=abc123def failed | abc123def",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl | eyJhbGciOiJIUzI1NiJ9",
        "authorization=Basic dXNlcjpwYXNz rejected | dXNlcjpwYXNz",
        "login failed for password=hunter2 | hunter2",
        "cannot reach https://user:pa55w0rd@jira.example.com/rest | pa55w0rd",
        "cannot reach https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com | ghp_abcdefghij",
        "{\"api_key\": \"k-123456\"} | k-123456",
        "client_secret='s3cr3t' | s3cr3t",
        "PRIVATE-TOKEN: glpat-abcdefghijklmnopqrstu | glpat-abcdefghij",
        "AWS key AKIAABCDEFGHIJKLMNOP leaked | AKIAABCDEFGHIJKLMNOP",
        "aws_secret_access_key=wJalrXUtnFEMI | wJalrXUtnFEMI",
        "X-Amz-Signature=0a1b2c3d4e | 0a1b2c3d4e",
        "login with credentials=abc123XYZ failed | abc123XYZ",
        "passwords: hunter2 | hunter2",
        "GET https://maps.example.com/api?key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW failed | AIzaSyA1b2",
        "auth failed: pass=hunter2 | hunter2",
        "token_value=abc123 | abc123",
        "POST /oauth body grant_type=refresh&refresh_token%3Dabc123 failed | abc123",
        "redirect to /cb%3Fcode%3Dx&client_secret%3As3cr3t | s3cr3t",
        "quota exceeded for AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW | AIzaSyA1b2",
      })
  void sanitize_secret_masked(String input, String secret) {
    String output = String.valueOf(Redaction.sanitize(input, 500));

    assertTrue(output.contains(Redaction.MASK), output);
    assertFalse(output.contains(secret), output);
  }

  @Test
  void sanitize_plainMessage_unchanged() {
    String message =
        "HTTP 503 from jira:project:BG after 3 attempts; issue key: BG-1; duplicate key value";

    assertEquals(message, Redaction.sanitize(message, 500));
  }

  @Test
  void sanitize_longAndMultiline_flattenedAndTruncated() {
    String output = Redaction.sanitize("line one\nline two\t" + "x".repeat(100), 20);

    assertEquals("line one line two x\u2026", output);
  }

  @Test
  void sanitize_null_null() {
    assertNull(Redaction.sanitize(null, 10));
  }

  @Test
  void describe_noMessage_className() {
    assertEquals("IllegalStateException", Redaction.describe(new IllegalStateException(), 100));
  }
}
