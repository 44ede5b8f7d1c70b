package dev.pulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pulse.internal.Sanitizer;
import org.junit.jupiter.api.Test;

/** Issue 14: a configured secret is masked wherever its value appears, in any format. */
final class SecretTest {
  @Test
  void newSecret_valueIsMaskedInAnyMessage_andNeverInToString() {
    String value = "bare-jenkins-api-4c1d9e77";
    Secret secret = new Secret(value);

    String message = Sanitizer.sanitize("job failed: " + value + " was refused", 500);

    assertFalse(message.contains(value), message);
    assertEquals("Secret[***]", secret.toString());
    assertEquals(value, secret.reveal());
  }
}
