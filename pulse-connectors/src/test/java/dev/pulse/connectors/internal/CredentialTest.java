package dev.pulse.connectors.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.internal.Sanitizer;
import org.junit.jupiter.api.Test;

/** Issue 14: a configured credential's value is masked wherever it appears, in any format. */
final class CredentialTest {
  @Test
  void bearer_tokenIsMaskedInAnyMessage_andNeverInToString() {
    String token = "bare-jenkins-token-7f3a9c2e51";
    Credential credential = Credential.bearer("ci-token", token);

    String message = Sanitizer.sanitize("build failed, token was " + token + " (raw)", 500);

    assertFalse(message.contains(token), message);
    assertFalse(credential.toString().contains(token));
    assertTrue(credential.toString().contains("ci-token"), "the name is what messages show");
  }

  @Test
  void basic_secretAndItsHeaderValueAreMasked() {
    String secret = "oldAtlassianToken42xyz";
    Credential.basic("jira", "ops@example.com", secret);

    String message = Sanitizer.sanitize("request with " + secret + " refused", 500);

    assertFalse(message.contains(secret), message);
  }
}
