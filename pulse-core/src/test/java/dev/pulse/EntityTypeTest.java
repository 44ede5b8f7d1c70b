package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class EntityTypeTest {

  @Test
  void constants_classInitializes() {
    // Regression: the constants were built before the name pattern they validate against was
    // initialized.
    assertEquals("issues", EntityType.ISSUES.name());
    assertEquals(EntityType.PULL_REQUESTS, EntityType.of("pull_requests"));
  }

  @Test
  void of_invalidName_rejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EntityType.of("Feature-Flags"));

    assertEquals(
        true, String.valueOf(e.getMessage()).contains("\"Feature-Flags\""), e.getMessage());
  }
}
