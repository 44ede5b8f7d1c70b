package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void of_hugeOrHostileName_shortEscapedMessage() {
    IllegalArgumentException huge =
        assertThrows(IllegalArgumentException.class, () -> EntityType.of("a".repeat(5_000_000)));
    IllegalArgumentException forged =
        assertThrows(
            IllegalArgumentException.class, () -> EntityType.of("issues\nINFO forged\u202e"));

    assertTrue(String.valueOf(huge.getMessage()).length() < 200, "message is short");
    assertEquals(
        true,
        String.valueOf(forged.getMessage()).contains("\"issues\\u000aINFO forged\\u202e\""),
        forged.getMessage());
  }

  @Test
  void of_lookAlikes_rejected() {
    for (String name :
        new String[] {"\uFF49ssues", "issues\u200b", "\u0456ssues", "issues\u00a0"}) {
      assertThrows(IllegalArgumentException.class, () -> EntityType.of(name));
    }
  }
}
